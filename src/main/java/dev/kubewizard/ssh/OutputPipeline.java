package dev.kubewizard.ssh;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to each raw line of one command, in this order: the process-group marker is taken out, a
 * {@code ::kubewizard-output} line is collected (a secret value is added to the masker first), the line is masked,
 * kept among the last lines, and only then handed to the listener. Lines of both streams pass one at a time, in
 * the order they arrived.
 *
 * <p>A secret output is masked in its own line and in every line that arrives after it. A server may reorder its
 * two streams when a command writes to both at practically the same instant (the two pipes are read separately on
 * the node), so a step must not print a secret it announces on the other stream in the same breath; the recipe
 * never prints tokens at all.
 */
final class OutputPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(OutputPipeline.class);
    private static final Pattern PGID = Pattern.compile(Pattern.quote(RemoteCommandLines.PGID_MARKER) + "(\\d+)");
    private static final Pattern OUTPUT = Pattern.compile("::kubewizard-output (KW_[A-Z0-9_]+)=(.*)");
    static final int LAST_LINES = 30;

    private final SecretMasker masker;
    private final LineListener listener;
    private final Set<String> outputs;
    private final Set<String> secretOutputs;
    private final Deque<String> lastLines = new ArrayDeque<>();
    private final Map<String, String> collected = new LinkedHashMap<>();
    private final CountDownLatch groupKnown = new CountDownLatch(1);
    private volatile long processGroup;
    private boolean listenerFailed;

    OutputPipeline(SecretMasker masker, LineListener listener, Set<String> outputs, Set<String> secretOutputs) {
        this.masker = masker;
        this.listener = listener;
        this.outputs = outputs;
        this.secretOutputs = secretOutputs;
    }

    synchronized void line(OutputLine.Source source, String raw, boolean cut) {
        if (source == OutputLine.Source.STDERR && processGroup == 0) {
            Matcher m = PGID.matcher(raw);
            if (m.matches()) {
                processGroup = Long.parseLong(m.group(1));
                groupKnown.countDown();
                return;
            }
        }
        String text = raw;
        if (source == OutputLine.Source.STDOUT && !cut && !outputs.isEmpty()) {
            Matcher m = OUTPUT.matcher(raw);
            if (m.matches() && outputs.contains(m.group(1))) {
                String name = m.group(1);
                String value = m.group(2);
                if (secretOutputs.contains(name)) {
                    masker.add(value);
                }
                collected.put(name, value);
                text = "[output] " + name + "=" + value;
            }
        }
        String shown = cut ? masker.maskCut(text) + " [...]" : masker.mask(text);
        lastLines.addLast(shown);
        if (lastLines.size() > LAST_LINES) {
            lastLines.removeFirst();
        }
        try {
            listener.onLine(new OutputLine(Instant.now(), source, shown));
        } catch (RuntimeException e) {
            if (!listenerFailed) {
                listenerFailed = true;
                LOG.warn("an output listener failed; the command goes on (further failures are not logged)", e);
            }
        }
    }

    long processGroup() {
        return processGroup;
    }

    /** Waits until the command has announced its process group; 0 when it did not within the time. */
    long awaitProcessGroup(long millis) throws InterruptedException {
        groupKnown.await(millis, TimeUnit.MILLISECONDS);
        return processGroup;
    }

    synchronized List<String> lastLines() {
        return new ArrayList<>(lastLines);
    }

    synchronized Map<String, String> collected() {
        return new LinkedHashMap<>(collected);
    }
}

package dev.kubewizard.run;

import dev.kubewizard.plan.PlanHost;
import dev.kubewizard.recipe.Step;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UTF-8 log file per machine per run ({@code <host>.log}): every line masked and timestamped, with a header when a
 * step starts and a footer when it ends. A log that cannot be written is reported once and left out: the install
 * goes on.
 */
final class NodeLogs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeLogs.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final Path dir;
    private final UnaryOperator<String> masker;
    private final Map<String, BufferedWriter> writers = new HashMap<>();
    private final Map<String, PlanHost> hosts;
    private boolean broken;

    NodeLogs(Path dir, Map<String, PlanHost> hosts, UnaryOperator<String> masker) {
        this.dir = dir;
        this.hosts = hosts;
        this.masker = masker;
    }

    Path dir() {
        return dir;
    }

    void stepStarted(Step step, Instant at) {
        write(step.host(), at, "==== " + step.phase().id() + "/" + step.id() + " · " + step.title().zh() + " · "
                + step.title().en());
    }

    void line(StepLine line) {
        String kind = switch (line.kind()) {
            case STDOUT -> "out";
            case STDERR -> "err";
            case NOTE -> "kw ";
        };
        write(line.host(), line.time(), kind + " [" + line.stepId() + "] " + line.text());
    }

    void stepEnded(Step step, StepResult result, Instant at) {
        StringBuilder b = new StringBuilder("==== ").append(step.phase().id()).append('/').append(step.id())
                .append(": ").append(result.outcome());
        if (result.outcome() == StepResult.Outcome.FAILED) {
            b.append(" (exit ").append(result.exitCode()).append(')');
        }
        b.append(String.format(Locale.ROOT, " after %.1f s", result.duration().toMillis() / 1000.0));
        if (!result.detail().isEmpty()) {
            b.append(" · ").append(result.detail());
        }
        write(step.host(), at, b.toString());
        flush(step.host());
    }

    private synchronized void write(String host, Instant at, String text) {
        BufferedWriter w = writer(host);
        if (w == null) {
            return;
        }
        try {
            for (String l : masker.apply(text).split("\r?\n", -1)) {
                w.write(TIME.format(at));
                w.write(' ');
                w.write(l);
                w.write('\n');
            }
        } catch (IOException e) {
            fail(e);
        }
    }

    private synchronized void flush(String host) {
        BufferedWriter w = writers.get(host);
        if (w != null) {
            try {
                w.flush();
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    private BufferedWriter writer(String host) {
        if (broken) {
            return null;
        }
        BufferedWriter w = writers.get(host);
        if (w == null) {
            try {
                Files.createDirectories(dir);
                w = Files.newBufferedWriter(dir.resolve(fileName(host)), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                writers.put(host, w);
                PlanHost h = hosts.get(host);
                w.write("# kubewizard log of " + host + (h == null ? "" : " (" + h.address() + ", "
                        + h.kind().name().toLowerCase(Locale.ROOT) + ", ssh " + h.sshUser() + "@" + h.address() + ":"
                        + h.sshPort() + ")") + "\n");
            } catch (IOException e) {
                fail(e);
                return null;
            }
        }
        return w;
    }

    static String fileName(String host) {
        return host.replaceAll("[^A-Za-z0-9._-]", "_") + ".log";
    }

    private void fail(IOException e) {
        if (!broken) {
            broken = true;
            LOG.warn("cannot write the node logs in {}; the install goes on without them", dir, e);
        }
    }

    @Override
    public synchronized void close() {
        for (BufferedWriter w : writers.values()) {
            try {
                w.close();
            } catch (IOException e) {
                LOG.warn("cannot close a node log in {}", dir, e);
            }
        }
        writers.clear();
    }
}

package dev.kubewizard.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubewizard.recipe.RuntimeValue;
import dev.kubewizard.recipe.Step;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which steps of a plan have finished, kept beside the plan so that a restarted app resumes where it stopped. Each
 * entry has the time, the non-secret outputs (masked once more) and a fingerprint of the step's script and check: a
 * step whose script has changed since is not taken as finished. Secret outputs are never written. The file is UTF-8
 * JSON, replaced atomically on every change (written beside it, then moved over it).
 */
public final class RunJournal {
    private static final Logger LOG = LoggerFactory.getLogger(RunJournal.class);
    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final UnaryOperator<String> masker;
    private final Map<StepKey, Entry> entries = new LinkedHashMap<>();

    /** A finished step. {@code fingerprint} is the SHA-256 of its script and check. */
    public record Entry(StepKey step, StepState state, Instant finishedAt, String fingerprint,
                        Map<String, String> outputs) {
        public Entry {
            if (!state.isFinished()) {
                throw new IllegalArgumentException("the journal keeps finished steps only: " + state);
            }
            outputs = Map.copyOf(outputs);
        }
    }

    private RunJournal(Path file, UnaryOperator<String> masker) {
        this.file = file;
        this.masker = masker;
    }

    /**
     * The journal at {@code file}, with what it holds when it exists. A file that cannot be read is kept aside as
     * {@code <name>.unreadable} and the journal starts empty: the steps' checks skip what is already done.
     */
    public static RunJournal open(Path file, UnaryOperator<String> masker) throws IOException {
        RunJournal j = new RunJournal(file, masker);
        if (Files.exists(file)) {
            try {
                j.read(JSON.readTree(Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException | RuntimeException e) {
                Path aside = file.resolveSibling(file.getFileName() + ".unreadable");
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                LOG.warn("the run journal {} could not be read and was moved to {}", file, aside, e);
                j.entries.clear();
            }
        }
        return j;
    }

    public Path file() {
        return file;
    }

    public synchronized Optional<Entry> entry(StepKey key) {
        return Optional.ofNullable(entries.get(key));
    }

    public synchronized Map<StepKey, Entry> entries() {
        return Map.copyOf(entries);
    }

    /** True when the entry was made for exactly this script and check. */
    public static boolean sameStep(Entry entry, Step step) {
        return entry.fingerprint().equals(fingerprint(step));
    }

    /** Records a finished step with its outputs, keeping only the ones the step declares as not secret. */
    public synchronized void finished(Step step, StepState state, Instant at, Map<String, String> outputs)
            throws IOException {
        Map<String, String> kept = new TreeMap<>();
        for (RuntimeValue v : step.outputs()) {
            String value = outputs.get(v.name());
            if (!v.secret() && value != null) {
                kept.put(v.name(), masker.apply(value));
            }
        }
        entries.put(StepKey.of(step), new Entry(StepKey.of(step), state, at, fingerprint(step), kept));
        write();
    }

    /** Forgets every step: the next write replaces the file (a run that starts afresh). */
    public synchronized void forgetAll() {
        entries.clear();
    }

    /** Forgets steps (a reset node must run them again, even after a restart). */
    public synchronized void forget(Collection<StepKey> keys) throws IOException {
        if (entries.keySet().removeAll(keys)) {
            write();
        }
    }

    static String fingerprint(Step step) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(step.script().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(step.check().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private void read(JsonNode root) {
        if (root.path("format").asInt() != FORMAT) {
            throw new IllegalArgumentException("unknown journal format " + root.path("format"));
        }
        for (JsonNode s : root.path("steps")) {
            Map<String, String> outputs = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = s.path("outputs").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                outputs.put(f.getKey(), f.getValue().asText());
            }
            StepKey key = new StepKey(s.path("host").asText(), s.path("step").asText());
            entries.put(key, new Entry(key, StepState.valueOf(s.path("state").asText()),
                    Instant.parse(s.path("finishedAt").asText()), s.path("fingerprint").asText(), outputs));
        }
    }

    private void write() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("written", Instant.now().toString());
        ArrayNode steps = root.putArray("steps");
        for (Entry e : entries.values()) {
            ObjectNode s = steps.addObject();
            s.put("host", e.step().host());
            s.put("step", e.step().stepId());
            s.put("state", e.state().name());
            s.put("finishedAt", e.finishedAt().toString());
            s.put("fingerprint", e.fingerprint());
            ObjectNode out = s.putObject("outputs");
            e.outputs().forEach(out::put);
        }
        String text = masker.apply(JSON.writeValueAsString(root)) + "\n";
        writeAtomically(file, text);
    }

    /** Writes beside the target, flushes to disk, then moves over it: a crash leaves the old or the new file. */
    static void writeAtomically(Path target, String text) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}

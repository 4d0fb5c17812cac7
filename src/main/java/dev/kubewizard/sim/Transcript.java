package dev.kubewizard.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Console output as a simulated node prints it, read from a text file: the project's own hand-written transcripts
 * under {@code dev/kubewizard/sim/transcripts/}, or a real capture from the shared fixtures. Plain lines go to
 * standard output; lines starting with {@code @@} are directions:
 * <ul>
 *   <li>{@code @@ err} / {@code @@ out}: the following lines go to standard error / output;</li>
 *   <li>{@code @@ wait N}: the next line takes N times as long as an ordinary line (a download, a pull);</li>
 *   <li>{@code @@ files}: here the script reports the files it wrote ({@code written: PATH});</li>
 *   <li>{@code @@ exit N}: the command ends with exit code N (failure transcripts);</li>
 *   <li>{@code @@ include NAME}: the project's transcript NAME goes here;</li>
 *   <li>{@code @@#}: a comment.</li>
 * </ul>
 * {@code {{NAME}}} placeholders are filled from the values given; unknown ones stay as they are.
 */
final class Transcript {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z][A-Z0-9_]*)}}");
    private static final String RESOURCES = "/dev/kubewizard/sim/transcripts/";

    /** One piece of a transcript. */
    sealed interface Item {
    }

    record Line(boolean stderr, String text, double weight) implements Item {
    }

    record Files() implements Item {
    }

    record Exit(int code) implements Item {
    }

    private Transcript() {
    }

    /** A transcript of the project's own, by name (without .txt; {@code faults/NAME} for failures). */
    static String resource(String name) {
        try (InputStream in = Transcript.class.getResourceAsStream(path(name))) {
            if (in == null) {
                throw new IllegalStateException("no simulated output named " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean hasResource(String name) {
        return Transcript.class.getResource(path(name)) != null;
    }

    private static String path(String name) {
        return name.startsWith("faults/") ? "/dev/kubewizard/sim/" + name + ".txt" : RESOURCES + name + ".txt";
    }

    static List<Item> parse(String text, Map<String, String> values) {
        List<Item> items = new ArrayList<>();
        boolean stderr = false;
        double extra = 0;
        for (String raw : text.split("\n", -1)) {
            if (raw.startsWith("@@")) {
                String d = raw.substring(2).strip();
                if (d.startsWith("#") || d.isEmpty()) {
                    continue;
                }
                String[] w = d.split("\\s+");
                switch (w[0]) {
                    case "err" -> stderr = true;
                    case "out" -> stderr = false;
                    case "wait" -> extra += Double.parseDouble(w[1]);
                    case "files" -> items.add(new Files());
                    case "exit" -> items.add(new Exit(Integer.parseInt(w[1])));
                    case "include" -> items.addAll(parse(resource(w[1]), values));
                    default -> throw new IllegalArgumentException("unknown transcript direction: " + raw);
                }
                continue;
            }
            items.add(new Line(stderr, fill(raw, values), 1 + extra));
            extra = 0;
        }
        // a file's final line break is not an empty line of output
        if (!items.isEmpty() && items.get(items.size() - 1) instanceof Line l && l.text().isEmpty()
                && text.endsWith("\n")) {
            items.remove(items.size() - 1);
        }
        return items;
    }

    static String fill(String line, Map<String, String> values) {
        if (line.indexOf("{{") < 0) {
            return line;
        }
        Matcher m = PLACEHOLDER.matcher(line);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            m.appendReplacement(b, Matcher.quoteReplacement(v != null ? v : m.group()));
        }
        m.appendTail(b);
        return b.toString();
    }
}

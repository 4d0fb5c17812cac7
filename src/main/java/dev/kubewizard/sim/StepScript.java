package dev.kubewizard.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A step's check or script as uploaded to a simulated node, read the way the node needs it: which step it is (the
 * header line {@code # kubewizard · HOST · PHASE/ID[ · check ...]} that {@link dev.kubewizard.recipe.StepBuilder}
 * writes), the run-time values it reads from standard input and the shapes it checks them against, the files it
 * writes, and a few lines it prints literally. Nothing here runs the script.
 */
record StepScript(String host, String phase, String id, boolean isCheck, String text) {
    private static final Pattern HEADER =
            Pattern.compile("# kubewizard · (\\S+) · ([a-z0-9-]+)/([a-z0-9-]+)( · check\\b.*)?");
    private static final Pattern INPUT = Pattern.compile("(?m)^IFS= read -r (KW_[A-Z0-9_]+) \\|\\| kw_no_input \\1$");
    private static final Pattern VALIDATION = Pattern.compile(
            "(?m)^if ! \\[\\[ \\$(KW_[A-Z0-9_]+) =~ (\\S+) ]]; then\\n"
            + "  echo \"([^\"\\n]*)\" >&2\\n  exit (\\d+)\\nfi$");
    private static final Pattern WRITE = Pattern.compile(
            "^\\s*kw_write_file (/\\S+) (\\S+|\"\\$\\([^)]*\\)\")((?: [A-Z_][A-Z0-9_]*=\"\\$[A-Za-z_]+\")*)"
                    + "(?: <<'([A-Z0-9_]+)'| < \"?\\$[a-z_/\"]+.*)$");
    private static final Pattern LITERAL_ECHO = Pattern.compile("^\\s*echo ('(?:[^']|'\\\\'')*')( >&2)?$");
    private static final Pattern PORT_CHECK = Pattern.compile("(?m)^port_check (\\d+) '?([^'\\s]+)'?$");
    private static final Pattern REACH = Pattern.compile("(?m)^reach (error|warning) '?([^'\\s]+)'? '?([^'\\s]+)'?$");

    /** A file the script writes with kw_write_file; {@code content} is empty when it comes from a variable. */
    record WrittenFile(String path, String mode, Optional<String> content, Set<String> fills) {
    }

    /** A shape check of a run-time value, as in {@code if ! [[ $KW_JOIN_TOKEN =~ ^...$ ]]}. */
    record Validation(String name, Pattern shape, String message, int exitCode) {
    }

    /** A line the script prints as written ({@code echo '...'}). */
    record Echo(String text, boolean stderr) {
    }

    record PortCheck(int port, String owner) {
    }

    record Reach(String level, String url, String expect) {
    }

    static Optional<StepScript> parse(String text) {
        String[] lines = text.split("\n", 4);
        if (lines.length < 2 || !lines[0].startsWith("#!")) {
            return Optional.empty();
        }
        Matcher m = HEADER.matcher(lines[1]);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new StepScript(m.group(1), m.group(2), m.group(3), m.group(4) != null, text));
    }

    /** A check that never passes: "This step always runs." */
    boolean alwaysRuns() {
        return isCheck && text.contains("\n# This step always runs.\nexit 1\n");
    }

    /** The run-time values read from standard input, in order. */
    List<String> inputs() {
        List<String> names = new ArrayList<>();
        Matcher m = INPUT.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    List<Validation> validations() {
        List<Validation> checks = new ArrayList<>();
        Matcher m = VALIDATION.matcher(text);
        while (m.find()) {
            checks.add(new Validation(m.group(1), Pattern.compile(m.group(2)), m.group(3),
                    Integer.parseInt(m.group(4))));
        }
        return checks;
    }

    /**
     * The files written, first occurrence of each path only: where a script has alternatives (Ubuntu 24.04 before
     * 22.04, containerd 2.x before 1.7) the first is the one a current Ubuntu 24.04 node takes.
     */
    List<WrittenFile> writtenFiles() {
        Map<String, WrittenFile> files = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = WRITE.matcher(lines[i]);
            if (!m.matches()) {
                continue;
            }
            Set<String> fills = new LinkedHashSet<>();
            Matcher f = Pattern.compile("([A-Z_][A-Z0-9_]*)=").matcher(m.group(3));
            while (f.find()) {
                fills.add(f.group(1));
            }
            Optional<String> content = Optional.empty();
            String delimiter = m.group(4);
            if (delimiter != null) {
                StringBuilder body = new StringBuilder();
                int j = i + 1;
                while (j < lines.length && !lines[j].equals(delimiter)) {
                    body.append(lines[j]).append('\n');
                    j++;
                }
                content = Optional.of(body.toString());
                i = j;
            }
            String mode = m.group(2).matches("0[0-7]{3}") ? m.group(2) : "0644";
            files.putIfAbsent(m.group(1), new WrittenFile(m.group(1), mode, content, fills));
        }
        return new ArrayList<>(files.values());
    }

    /** The {@code echo '...'} lines of the script, in order (single-quoted, so printed as written). */
    List<Echo> literalEchoes() {
        List<Echo> echoes = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher m = LITERAL_ECHO.matcher(line);
            if (m.matches()) {
                String quoted = m.group(1);
                echoes.add(new Echo(quoted.substring(1, quoted.length() - 1).replace("'\\''", "'"),
                        m.group(2) != null));
            }
        }
        return echoes;
    }

    /** The {@code echo '...'} lines inside the shell function {@code name} (e.g. the script's own needs_reset). */
    List<Echo> echoesOfFunction(String name) {
        int start = text.indexOf("\n" + name + "() {\n");
        if (start < 0) {
            return List.of();
        }
        int end = text.indexOf("\n}\n", start + 1);
        String body = end < 0 ? text.substring(start) : text.substring(start, end);
        return new StepScript(host, phase, id, isCheck, body).literalEchoes();
    }

    /** The lines of the here-document that follows the first line starting with {@code prefix}. */
    List<String> heredocAfter(String prefix) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = Pattern.compile(".*<<'([A-Z0-9_]+)'$").matcher(lines[i]);
            if (lines[i].startsWith(prefix) && m.matches()) {
                List<String> body = new ArrayList<>();
                for (int j = i + 1; j < lines.length && !lines[j].equals(m.group(1)); j++) {
                    body.add(lines[j]);
                }
                return body;
            }
        }
        return List.of();
    }

    List<PortCheck> portChecks() {
        List<PortCheck> ports = new ArrayList<>();
        Matcher m = PORT_CHECK.matcher(text);
        while (m.find()) {
            ports.add(new PortCheck(Integer.parseInt(m.group(1)), m.group(2)));
        }
        return ports;
    }

    List<Reach> reaches() {
        List<Reach> probes = new ArrayList<>();
        Matcher m = REACH.matcher(text);
        while (m.find()) {
            probes.add(new Reach(m.group(1), m.group(2), m.group(3)));
        }
        return probes;
    }

    boolean contains(String fragment) {
        return text.contains(fragment);
    }

    /** The first value assigned to a shell variable in the script ({@code NAME='value'} or {@code NAME=value}). */
    Optional<String> assignment(String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "=('([^']*)'|(\\S+))$").matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(m.group(2) != null ? m.group(2) : m.group(3));
    }
}

package dev.kubewizard.recipe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bash text for step scripts: the shared function library ({@code bash-library.sh}), quoting and here-documents. A
 * script carries only the library functions it calls, so every script is self-contained and can be read, copied or
 * run by hand.
 */
public final class Bash {
    private static final Pattern CALL = Pattern.compile("\\bkw_[a-z_]+\\b");
    private static final Map<String, String> LIBRARY = loadLibrary();

    private Bash() {
    }

    /** Quotes a value for bash with single quotes: safe for any text. */
    public static String quote(String value) {
        if (value.matches("[A-Za-z0-9_./:@%+=,-]+")) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** Joins values quoted for bash, separated by spaces. */
    public static String words(List<String> values) {
        StringBuilder b = new StringBuilder();
        for (String v : values) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(quote(v));
        }
        return b.toString();
    }

    /** A quoted here-document body: {@code <<'DELIM'\n...\nDELIM}, with a delimiter that the content cannot end early. */
    public static String heredoc(String content) {
        String delimiter = "KW_EOF";
        int n = 1;
        while (content.lines().anyMatch(delimiter::equals)) {
            delimiter = "KW_EOF_" + (++n);
        }
        String body = content.endsWith("\n") || content.isEmpty() ? content : content + "\n";
        return "<<'" + delimiter + "'\n" + body + delimiter;
    }

    /** The library functions that {@code body} calls, with the functions they call in turn, as bash text. */
    public static String libraryFor(String body) {
        Set<String> needed = new LinkedHashSet<>();
        collect(body, needed);
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> f : LIBRARY.entrySet()) {
            if (needed.contains(f.getKey())) {
                b.append(f.getValue()).append('\n');
            }
        }
        return b.toString();
    }

    /** Names of every function the library offers. */
    public static Set<String> libraryFunctions() {
        return LIBRARY.keySet();
    }

    private static void collect(String text, Set<String> needed) {
        Matcher m = CALL.matcher(text);
        while (m.find()) {
            String name = m.group();
            if (LIBRARY.containsKey(name) && needed.add(name)) {
                collect(LIBRARY.get(name), needed);
            }
        }
    }

    private static Map<String, String> loadLibrary() {
        String text;
        try (InputStream in = Bash.class.getResourceAsStream("/dev/kubewizard/recipe/bash-library.sh")) {
            if (in == null) {
                throw new IllegalStateException("bash-library.sh is missing from the application");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> functions = new LinkedHashMap<>();
        Pattern start = Pattern.compile("^(kw_[a-z_]+)\\(\\) \\{$");
        String current = null;
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            Matcher m = start.matcher(line);
            if (current == null && m.matches()) {
                current = m.group(1);
                body.setLength(0);
            }
            if (current != null) {
                body.append(line).append('\n');
                if (line.equals("}")) {
                    functions.put(current, body.toString());
                    current = null;
                }
            }
        }
        return java.util.Collections.unmodifiableMap(functions);
    }
}

package dev.kubewizard.ui.install;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Terminal colour codes in a line of output (apt, systemctl and kubectl colour theirs when they think a terminal
 * listens): the basic SGR colours and bold become style classes ({@code ansi-red}, {@code ansi-bold}); every other
 * escape sequence (cursor moves, erase line) and stray control character is dropped.
 */
public final class AnsiText {
    private static final Pattern ESCAPE = Pattern.compile("\u001B\\[([0-9;?]*)([ -/]*[@-~])|\u001B[@-Z\\\\-_]"
            + "|[\u0000-\u0008\u000B-\u001A\u001C-\u001F\u007F]");
    private static final String[] COLOURS = {"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"};

    private AnsiText() {
    }

    /** A run of text with the style classes it is shown with (none: the line's own style). */
    public record Span(String text, List<String> styles) {
        public Span {
            styles = List.copyOf(styles);
        }
    }

    /** Quick test: most lines carry no escape at all. */
    public static boolean plain(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7F) {
                return false;
            }
        }
        return true;
    }

    /** The line without any escape sequence. */
    public static String strip(String line) {
        return plain(line) ? line : ESCAPE.matcher(line).replaceAll("");
    }

    /** The line as styled runs; the colour state starts afresh on every line, as apt's output does. */
    public static List<Span> spans(String line) {
        if (plain(line)) {
            return List.of(new Span(line, List.of()));
        }
        List<Span> spans = new ArrayList<>();
        String colour = null;
        boolean bold = false;
        Matcher m = ESCAPE.matcher(line);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                spans.add(new Span(line.substring(at, m.start()), styles(colour, bold)));
            }
            at = m.end();
            if (m.group(2) != null && m.group(2).equals("m")) {
                String params = m.group(1).isEmpty() ? "0" : m.group(1);
                for (String p : params.split(";")) {
                    int code;
                    try {
                        code = p.isEmpty() ? 0 : Integer.parseInt(p);
                    } catch (NumberFormatException e) {
                        continue;
                    }
                    if (code == 0) {
                        colour = null;
                        bold = false;
                    } else if (code == 1) {
                        bold = true;
                    } else if (code == 22) {
                        bold = false;
                    } else if (code >= 30 && code <= 37) {
                        colour = COLOURS[code - 30];
                    } else if (code >= 90 && code <= 97) {
                        colour = COLOURS[code - 90];
                    } else if (code == 39) {
                        colour = null;
                    }
                }
            }
        }
        if (at < line.length()) {
            spans.add(new Span(line.substring(at), styles(colour, bold)));
        }
        return spans;
    }

    private static List<String> styles(String colour, boolean bold) {
        if (colour == null && !bold) {
            return List.of();
        }
        List<String> s = new ArrayList<>(2);
        if (colour != null) {
            s.add("ansi-" + colour);
        }
        if (bold) {
            s.add("ansi-bold");
        }
        return s;
    }
}

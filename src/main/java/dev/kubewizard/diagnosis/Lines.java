package dev.kubewizard.diagnosis;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small text tests the recognisers share. Plain {@code contains} first: most lines match nothing, and cheaply. */
final class Lines {
    private Lines() {
    }

    static boolean hasAny(String line, String... needles) {
        for (String needle : needles) {
            if (line.contains(needle)) {
                return true;
            }
        }
        return false;
    }

    /** The first group of the pattern's first match, or null. */
    static String group(Pattern pattern, String line) {
        Matcher m = pattern.matcher(line);
        return m.find() ? m.group(1) : null;
    }

    /** A host or URL as printed inside quotes or before punctuation, without what follows it. */
    static String trimPunctuation(String s) {
        int end = s.length();
        while (end > 0 && ".,;:)\"'\\".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        int start = 0;
        while (start < end && "(\"'\\".indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        return s.substring(start, end);
    }
}

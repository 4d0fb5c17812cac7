package dev.kubewizard.diagnosis;

import java.util.regex.Pattern;

/** Turns a raw output line into the text the recognisers read, or says that nobody needs to read it. */
final class OutputLine {
    /** Longer lines are cut: no message the diagnosis knows is longer, and regular expressions stay cheap. */
    static final int MAX_LENGTH = 4096;
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");
    /** klog's info and warning prefix: {@code W0718 07:18:29.736833   14724 checks.go:846] }. */
    private static final Pattern KLOG_INFO_OR_WARNING =
            Pattern.compile("[IW]\\d{4} \\d\\d:\\d\\d:\\d\\d\\.\\d+\\s+\\d+ [\\w.-]+:\\d+\\].*");

    private OutputLine() {
    }

    /**
     * The line without terminal colours, reduced to its last progress update (apt rewrites "Waiting for cache lock"
     * with carriage returns), trimmed and cut to {@link #MAX_LENGTH}.
     */
    static String normalise(String raw) {
        String s = raw;
        if (s.indexOf('\r') >= 0) {
            s = lastNonBlankSegment(s);
        }
        if (s.length() > MAX_LENGTH) {
            s = s.substring(0, MAX_LENGTH);
        }
        if (s.indexOf('\u001B') >= 0) {
            s = ANSI.matcher(s).replaceAll("");
        }
        return s.strip();
    }

    private static String lastNonBlankSegment(String s) {
        int end = s.length();
        while (end > 0) {
            int start = s.lastIndexOf('\r', end - 1) + 1;
            String segment = s.substring(start, end);
            if (!segment.isBlank()) {
                return segment;
            }
            end = start - 1;
        }
        return "";
    }

    /**
     * Lines that never explain a failure: blank ones, apt's {@code N:} notices, klog info and warnings (kubeadm's
     * sandbox-image hint, its internet version lookup), sudo's complaint that the new hostname is not in /etc/hosts yet
     * (printed by every sudo between the hostname and hosts steps) and the values kubewizard's own scripts hand back.
     */
    static boolean ignorable(String line) {
        if (line.isEmpty() || line.startsWith("N: ") || line.startsWith("::kubewizard-output ")
                || line.startsWith("sudo: unable to resolve host ")) {
            return true;
        }
        char c = line.charAt(0);
        return (c == 'I' || c == 'W') && line.length() > 6 && Character.isDigit(line.charAt(1))
                && KLOG_INFO_OR_WARNING.matcher(line).matches();
    }
}

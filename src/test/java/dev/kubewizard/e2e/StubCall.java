package dev.kubewizard.e2e;

import java.util.List;

/**
 * One line of a stand-in's call log on a test host (see stubs/lib/stub-lib.sh): a program started with its arguments
 * (shell-quoted), a note on what it saw, or its end with the exit code. Times are the test machine's clock, which all
 * test hosts share, so calls on different hosts can be ordered.
 *
 * @param micros  microseconds since the epoch
 * @param pid     the stand-in's process, which ties its start, notes and end together
 * @param event   start, note or end
 * @param text    the arguments (start), the note, or {@code rc=N} (end)
 */
record StubCall(String host, long micros, long pid, String event, String program, String text) {
    static StubCall parse(String host, String line) {
        String[] f = line.split("\t", 5);
        if (f.length < 4) {
            throw new IllegalArgumentException("not a call log line on " + host + ": " + line);
        }
        return new StubCall(host, Long.parseLong(f[0]), Long.parseLong(f[1]), f[2], f[3], f.length > 4 ? f[4] : "");
    }

    boolean isStart() {
        return event.equals("start");
    }

    boolean isEnd() {
        return event.equals("end");
    }

    boolean isNote() {
        return event.equals("note");
    }

    /** For a start: the arguments begin with these words, in this order. */
    boolean startsWith(String... words) {
        if (!isStart()) {
            return false;
        }
        List<String> args = List.of(text.split(" "));
        for (int i = 0; i < words.length; i++) {
            if (i >= args.size() || !args.get(i).equals(words[i])) {
                return false;
            }
        }
        return true;
    }

    /** The value of {@code key=value} in a note. */
    String noteValue(String key) {
        for (String word : text.split(" ")) {
            if (word.startsWith(key + "=")) {
                return word.substring(key.length() + 1);
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return host + " " + micros + " " + event + " " + program + " " + text;
    }
}

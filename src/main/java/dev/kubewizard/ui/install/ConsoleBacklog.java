package dev.kubewizard.ui.install;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines a console was handed but has not shown yet. It holds at most the console's cap: an older line would be
 * cut from the console anyway once the newer ones are shown (the node's log file has every line), and the console
 * notes how many it left out where they would have been. The console takes
 * them in slices, a bounded number per frame, so a backlog of thousands of lines (a tab opened late, a machine that
 * prints faster than a frame can lay out) never costs one frame more than a slice does. No scene nodes.
 */
final class ConsoleBacklog {
    private final int cap;
    private final ArrayDeque<ConsoleLine> lines = new ArrayDeque<>();
    private long skipped;
    private long skippedUnsaid;

    ConsoleBacklog(int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("cap " + cap);
        }
        this.cap = cap;
    }

    void add(List<ConsoleLine> batch) {
        lines.addAll(batch);
        while (lines.size() > cap) {
            lines.poll();
            skipped++;
            skippedUnsaid++;
        }
    }

    /**
     * How many lines a console shows in one slice. The program's first slices are small, 8, 16, 32 and so on: they
     * lay out the first screenful of console lines the program ever shows, cold code that would otherwise take one
     * long frame. Then {@code max}, or more when the console is far behind (a tab opened during a flood): all but
     * {@code max} of what waits, so that it catches up at once; the layout costs the same, only the text grows.
     *
     * @param index how many slices this program showed before (from 0)
     * @param waiting how many lines wait
     */
    static int sliceSize(int index, int max, int waiting) {
        int ramp = index >= 10 ? Integer.MAX_VALUE : 8 << index;
        return Math.min(ramp, Math.max(max, waiting - max));
    }

    /** The oldest waiting lines, at most {@code max}, in the order they came. */
    List<ConsoleLine> take(int max) {
        int n = Math.min(max, lines.size());
        List<ConsoleLine> slice = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            slice.add(lines.poll());
        }
        return slice;
    }

    int size() {
        return lines.size();
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    /** Lines left out because more than the cap were waiting, in all. */
    long skipped() {
        return skipped;
    }

    /** Lines left out since the last call: the console says so where they would have been. */
    long takeSkipped() {
        long n = skippedUnsaid;
        skippedUnsaid = 0;
        return n;
    }
}

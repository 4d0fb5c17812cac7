package dev.kubewizard.run;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of one machine's console waiting to be shown. Reader threads append; a UI timer (every 100-200 ms)
 * {@link #drain}s them in one go and appends them to the console at once. Bounded: when nobody drains, the oldest
 * lines go (the log file has them all) and the next drain says how many.
 */
public final class LineBuffer {
    private final int capacity;
    private final ArrayDeque<StepLine> lines;
    private long dropped;

    public LineBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a line buffer holds at least one line");
        }
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    public synchronized void append(StepLine line) {
        if (lines.size() == capacity) {
            lines.poll();
            dropped++;
        }
        lines.add(line);
    }

    /** Everything appended since the last drain, oldest first, and how many lines were left out meanwhile. */
    public synchronized Drained drain() {
        Drained d = new Drained(new ArrayList<>(lines), dropped);
        lines.clear();
        dropped = 0;
        return d;
    }

    public synchronized int size() {
        return lines.size();
    }

    public record Drained(List<StepLine> lines, long droppedBefore) {
        public Drained {
            lines = List.copyOf(lines);
        }
    }
}

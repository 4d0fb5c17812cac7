package dev.kubewizard.run;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands events to listeners on one daemon thread, in the order they were posted. Posting never blocks: state events
 * are always queued (there are only a few per step); lines beyond {@code lineCapacity} waiting lines are counted and
 * reported as dropped instead.
 */
final class EventDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    private final List<RunListener> listeners = new CopyOnWriteArrayList<>();
    private final ArrayDeque<Consumer<RunListener>> queue = new ArrayDeque<>();
    private final Map<String, Long> dropped = new HashMap<>();
    private final int lineCapacity;
    private final Thread thread;
    private int queuedLines;
    private boolean closed;

    EventDispatcher(int lineCapacity, String name) {
        this.lineCapacity = lineCapacity;
        this.thread = new Thread(this::deliver, name);
        thread.setDaemon(true);
        thread.start();
    }

    void add(RunListener listener) {
        listeners.add(listener);
    }

    void remove(RunListener listener) {
        listeners.remove(listener);
    }

    /** Queues an event for every listener. */
    void post(Consumer<RunListener> event) {
        synchronized (queue) {
            if (closed) {
                return;
            }
            flushDropped();
            queue.add(event);
            queue.notifyAll();
        }
    }

    /** Queues a line, or counts it as dropped when listeners are too far behind. */
    void postLine(StepLine line) {
        synchronized (queue) {
            if (closed) {
                return;
            }
            if (queuedLines >= lineCapacity) {
                dropped.merge(line.host(), 1L, Long::sum);
                return;
            }
            flushDropped();
            queuedLines++;
            queue.add(new LineEvent(line));
            queue.notifyAll();
        }
    }

    /** Runs {@code action} on the event thread after everything posted so far has been delivered. */
    void after(Runnable action) {
        synchronized (queue) {
            if (closed) {
                run(action);
                return;
            }
            flushDropped();
            queue.add(new Marker(action));
            queue.notifyAll();
        }
    }

    private void flushDropped() {
        if (dropped.isEmpty()) {
            return;
        }
        Map<String, Long> counts = Map.copyOf(dropped);
        dropped.clear();
        counts.forEach((host, n) -> queue.add(l -> l.linesDropped(host, n)));
    }

    private void deliver() {
        while (true) {
            Consumer<RunListener> event;
            synchronized (queue) {
                while (queue.isEmpty() && !closed) {
                    try {
                        queue.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (queue.isEmpty()) {
                    return;
                }
                event = queue.poll();
                if (event instanceof LineEvent) {
                    queuedLines--;
                }
            }
            if (event instanceof Marker m) {
                run(m.action);
                continue;
            }
            for (RunListener l : listeners) {
                try {
                    event.accept(l);
                } catch (RuntimeException e) {
                    LOG.warn("a run listener failed", e);
                }
            }
        }
    }

    private static void run(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("an action after run events failed", e);
        }
    }

    /** Delivers what is queued, then stops the thread. */
    @Override
    public void close() {
        synchronized (queue) {
            closed = true;
            queue.notifyAll();
        }
    }

    private record LineEvent(StepLine line) implements Consumer<RunListener> {
        @Override
        public void accept(RunListener l) {
            l.line(line);
        }
    }

    private record Marker(Runnable action) implements Consumer<RunListener> {
        @Override
        public void accept(RunListener l) {
        }
    }
}

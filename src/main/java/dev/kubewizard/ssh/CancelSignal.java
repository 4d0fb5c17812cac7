package dev.kubewizard.ssh;

import java.util.ArrayList;
import java.util.List;

/**
 * A cancel request shared between whoever runs work (a step, a node's pipeline) and whoever may stop it (the Cancel
 * button). Once cancelled it stays cancelled. Thread-safe.
 */
public final class CancelSignal {
    private final List<Runnable> actions = new ArrayList<>();
    private boolean cancelled;

    public void cancel() {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toRun = new ArrayList<>(actions);
            actions.clear();
            notifyAll();
        }
        toRun.forEach(Runnable::run);
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Undoes an {@link #onCancel} registration. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Runs {@code action} on cancel (at once when already cancelled). The returned handle removes it again when the
     * work it guards is over.
     */
    public Registration onCancel(Runnable action) {
        synchronized (this) {
            if (!cancelled) {
                actions.add(action);
                return () -> {
                    synchronized (this) {
                        actions.remove(action);
                    }
                };
            }
        }
        action.run();
        return () -> {
        };
    }

    /** Sleeps up to {@code millis}, waking early on cancel; true when cancelled. */
    public synchronized boolean sleep(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        long left = millis;
        while (!cancelled && left > 0) {
            wait(left);
            left = end - System.currentTimeMillis();
        }
        return cancelled;
    }
}

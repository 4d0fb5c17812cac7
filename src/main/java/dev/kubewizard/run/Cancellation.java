package dev.kubewizard.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A one-way cancel signal for a run: executors poll it, wait on it, or register a callback (e.g. to stop the remote
 * process). Callbacks run once, on the cancelling thread; one registered after the cancel runs at once.
 */
public final class Cancellation {
    private static final Logger LOG = LoggerFactory.getLogger(Cancellation.class);
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final List<Runnable> callbacks = new ArrayList<>();

    public boolean isCancelled() {
        return cancelled.getCount() == 0;
    }

    public void cancel() {
        List<Runnable> toRun;
        synchronized (callbacks) {
            if (isCancelled()) {
                return;
            }
            cancelled.countDown();
            toRun = List.copyOf(callbacks);
            callbacks.clear();
        }
        toRun.forEach(Cancellation::runQuietly);
    }

    /** Runs {@code callback} when the run is cancelled (at once if it already is). */
    public void onCancel(Runnable callback) {
        synchronized (callbacks) {
            if (!isCancelled()) {
                callbacks.add(callback);
                return;
            }
        }
        runQuietly(callback);
    }

    /** Waits up to {@code time}; true when the run was cancelled meanwhile (or the thread interrupted). */
    public boolean await(Duration time) {
        try {
            return cancelled.await(time.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static void runQuietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("a cancel callback failed", e);
        }
    }
}

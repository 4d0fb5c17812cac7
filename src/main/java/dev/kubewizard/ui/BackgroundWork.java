package dev.kubewizard.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Long work off the FX thread: named daemon threads, every failure logged, results handed back through the given UI
 * executor (Platform::runLater in the app, Runnable::run in model tests). Each job returns a Future to cancel.
 */
public final class BackgroundWork implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWork.class);

    private final ExecutorService pool;
    private final Executor ui;

    public BackgroundWork(String name, int threads, Executor ui) {
        this.ui = ui;
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "kw-" + name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(threads, factory);
    }

    /** Runs {@code work}; then {@code done} or {@code failed} on the UI executor (never both, nothing if cancelled). */
    public <T> Future<?> run(String what, Callable<T> work, Consumer<T> done, Consumer<Exception> failed) {
        return pool.submit(() -> {
            T result;
            try {
                result = work.call();
            } catch (InterruptedException e) {
                LOG.info("{}: cancelled", what);
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warn("{} failed", what, e);
                ui.execute(() -> failed.accept(e));
                return;
            }
            if (!Thread.currentThread().isInterrupted()) {
                ui.execute(() -> done.accept(result));
            }
        });
    }

    /** Hands a value to the UI thread (used by work that reports as it goes). */
    public void toUi(Runnable r) {
        ui.execute(r);
    }

    public ExecutorService pool() {
        return pool;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}

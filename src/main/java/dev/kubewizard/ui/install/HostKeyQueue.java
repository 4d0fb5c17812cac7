package dev.kubewizard.ui.install;

import dev.kubewizard.ssh.HostKeyOffer;
import dev.kubewizard.ssh.HostKeyPrompt;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * Host keys seen for the first time, put to the teacher one at a time. Several machines connect at once, each on its
 * own thread: {@link #trust} queues the key and waits there for the answer, while the screen shows the oldest
 * question ({@link #currentProperty()}) and {@link #answer}s it. Refusing or cancelling refuses that connection only.
 */
public final class HostKeyQueue implements HostKeyPrompt {
    private final Executor ui;
    private final Deque<Question> waiting = new ArrayDeque<>();
    // Properties (changed on the UI executor only)
    private final ReadOnlyObjectWrapper<HostKeyOffer> current = new ReadOnlyObjectWrapper<>(this, "current");
    private final ReadOnlyIntegerWrapper pending = new ReadOnlyIntegerWrapper(this, "pending");

    private record Question(HostKeyOffer offer, CompletableFuture<Boolean> answer) {
    }

    public HostKeyQueue(Executor ui) {
        this.ui = ui;
    }

    /** The key being asked about now; null when none waits. */
    public ReadOnlyObjectProperty<HostKeyOffer> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** How many keys wait, the shown one included. */
    public ReadOnlyIntegerProperty pendingProperty() {
        return pending.getReadOnlyProperty();
    }

    /** On a connecting thread: waits until the teacher answers; an interrupt refuses the key. */
    @Override
    public boolean trust(HostKeyOffer offer) {
        Question q = new Question(offer, new CompletableFuture<>());
        synchronized (waiting) {
            waiting.add(q);
        }
        ui.execute(this::show);
        try {
            return q.answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            forget(q);
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return false;
        }
    }

    // Commands

    /** Answers the question shown now, then shows the next. */
    public void answer(boolean trusted) {
        Question q;
        synchronized (waiting) {
            q = waiting.poll();
        }
        if (q != null) {
            q.answer.complete(trusted);
        }
        show();
    }

    /** Refuses every key still waiting (the run was cancelled or the window closes). */
    public void refuseAll() {
        while (true) {
            Question q;
            synchronized (waiting) {
                q = waiting.poll();
            }
            if (q == null) {
                break;
            }
            q.answer.complete(false);
        }
        ui.execute(this::show);
    }

    private void forget(Question q) {
        synchronized (waiting) {
            waiting.remove(q);
        }
        ui.execute(this::show);
    }

    private void show() {
        Question head;
        int count;
        synchronized (waiting) {
            head = waiting.peek();
            count = waiting.size();
        }
        current.set(head == null ? null : head.offer);
        pending.set(count);
    }
}

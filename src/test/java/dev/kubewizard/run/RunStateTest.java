package dev.kubewizard.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunStateTest {
    @Test
    void aStepCannotJumpBackFromRunningOrRunAgainWithoutBeingOpened() {
        assertThrows(IllegalStateException.class, () -> StepState.RUNNING.requireTransition(StepState.PENDING, "s"));
        assertThrows(IllegalStateException.class, () -> StepState.DONE.requireTransition(StepState.RUNNING, "s"));
        assertThrows(IllegalStateException.class, () -> StepState.PENDING.requireTransition(StepState.FAILED, "s"));
        assertThrows(IllegalStateException.class, () -> StepState.BLOCKED.requireTransition(StepState.RUNNING, "s"));
        assertEquals(StepState.RUNNING, StepState.PENDING.requireTransition(StepState.RUNNING, "s"));
        assertEquals(StepState.PENDING, StepState.FAILED.requireTransition(StepState.PENDING, "s"));
    }

    @Test
    void theErrorNamesTheStepAndBothStates() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> StepState.SKIPPED.requireTransition(StepState.FAILED, new StepKey("k8s-node1", "swap")));
        assertEquals("k8s-node1/swap: a step cannot go from SKIPPED to FAILED", e.getMessage());
    }

    @Test
    void aNodesStateFollowsItsSteps() {
        assertEquals(NodeState.PENDING, NodeState.of(List.of(StepState.PENDING, StepState.PENDING)));
        assertEquals(NodeState.RUNNING, NodeState.of(List.of(StepState.DONE, StepState.RUNNING, StepState.FAILED)));
        assertEquals(NodeState.WAITING, NodeState.of(List.of(StepState.SKIPPED, StepState.PENDING)));
        assertEquals(NodeState.DONE, NodeState.of(List.of(StepState.SKIPPED, StepState.DONE)));
        assertEquals(NodeState.FAILED, NodeState.of(List.of(StepState.DONE, StepState.FAILED, StepState.BLOCKED)));
        assertEquals(NodeState.BLOCKED, NodeState.of(List.of(StepState.DONE, StepState.BLOCKED)));
        assertEquals(NodeState.CANCELLED, NodeState.of(List.of(StepState.DONE, StepState.CANCELLED)));
    }

    @Test
    void aNodeCannotFailWithoutHavingRun() {
        assertThrows(IllegalStateException.class, () -> NodeState.PENDING.requireTransition(NodeState.FAILED, "n"));
        assertThrows(IllegalStateException.class, () -> NodeState.WAITING.requireTransition(NodeState.FAILED, "n"));
        assertEquals(NodeState.FAILED, NodeState.RUNNING.requireTransition(NodeState.FAILED, "n"));
    }

    @Test
    void aLineBufferKeepsTheNewestLinesAndSaysHowManyItLeftOut() {
        LineBuffer buffer = new LineBuffer(3);
        for (int i = 1; i <= 5; i++) {
            buffer.append(new StepLine("k8s-node1", "swap", StepLine.Kind.STDOUT, Instant.EPOCH, "line " + i));
        }
        LineBuffer.Drained d = buffer.drain();
        assertEquals(List.of("line 3", "line 4", "line 5"), d.lines().stream().map(StepLine::text).toList());
        assertEquals(2, d.droppedBefore());
        LineBuffer.Drained empty = buffer.drain();
        assertTrue(empty.lines().isEmpty());
        assertEquals(0, empty.droppedBefore());
    }

    @Test
    void cancellationRunsCallbacksOnceAndAtOnceWhenAlreadyCancelled() {
        Cancellation c = new Cancellation();
        int[] calls = new int[2];
        c.onCancel(() -> calls[0]++);
        c.cancel();
        c.cancel();
        c.onCancel(() -> calls[1]++);
        assertEquals(1, calls[0]);
        assertEquals(1, calls[1]);
        assertTrue(c.await(java.time.Duration.ofDays(1)), "a cancelled wait returns at once");
    }
}

package dev.kubewizard.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Plays a {@link Program} on a command's output streams at the step's pace: each line waits for its share of the
 * duration, then is written and flushed (so the client sees it live). A disruption (a dropped connection, a hang, a
 * reinstall with a new host key) happens in the middle of the output. The thread playing is the simulated process:
 * interrupting it is what stopping its process group does.
 */
final class Playback {
    /** How playing ended. */
    enum Ending {
        /** The program ran to its end: its exit code is to be reported. */
        EXITED,
        /** Stopped (TERM to its process group) while the client still listens: exit 143 is reported. */
        STOPPED,
        /** Its connection is gone (dropped, or the client closed the channel): nothing is reported. */
        ORPHANED
    }

    /** A fault that strikes in the middle of a step. */
    record Disruption(Fault.Kind kind, boolean stepDone) {
    }

    private final SimulatedNode node;
    private final OutputStream out;
    private final OutputStream err;

    Playback(SimulatedNode node, OutputStream out, OutputStream err) {
        this.node = node;
        this.out = out;
        this.err = err;
    }

    Ending play(Program program, Duration duration, Disruption disruption) {
        double total = program.totalWeight();
        double nanosPerWeight = total > 0 ? duration.toNanos() / total : 0;
        List<Program.Action> actions = program.actions();
        int middle = disruption == null ? -1 : Math.min(program.middle(), actions.size());
        try {
            for (int i = 0; i < actions.size(); i++) {
                if (i == middle) {
                    return disrupt(disruption, actions.subList(i, actions.size()));
                }
                Program.Action a = actions.get(i);
                if (a instanceof Program.Print p) {
                    sleep(p.weight() * nanosPerWeight);
                    write(p.stderr(), p.text());
                } else if (a instanceof Program.PrintLater p) {
                    sleep(p.weight() * nanosPerWeight);
                    write(p.stderr(), p.text().get());
                } else if (a instanceof Program.Pause p) {
                    sleep(p.weight() * nanosPerWeight);
                } else if (a instanceof Program.Effect e) {
                    e.change().run();
                }
            }
            if (middle == actions.size()) {
                return disrupt(disruption, List.of());
            }
            return Ending.EXITED;
        } catch (InterruptedException e) {
            return Ending.STOPPED;
        } catch (IOException e) {
            // the channel is gone: a real process dies of SIGPIPE at its next write
            return Ending.ORPHANED;
        }
    }

    private Ending disrupt(Disruption d, List<Program.Action> rest) throws InterruptedException {
        // what was printed reaches the client before the cut (the process group above all), so each run is the same
        Thread.sleep(50);
        switch (d.kind()) {
            case DROP -> {
                if (d.stepDone()) {
                    // the step made its change just before the network went
                    rest.stream().filter(a -> a instanceof Program.Effect)
                            .forEach(a -> ((Program.Effect) a).change().run());
                    node.dropConnections();
                    return Ending.ORPHANED;
                }
                node.dropConnections();
                parkUntilStopped();
                return Ending.ORPHANED;
            }
            case NEW_HOST_KEY -> {
                node.restartSoon(true);
                parkUntilStopped();
                return Ending.ORPHANED;
            }
            default -> {
                parkUntilStopped();
                return Ending.STOPPED;
            }
        }
    }

    /** A process that makes no progress: it ends only when its process group is stopped (or the node goes away). */
    private static void parkUntilStopped() throws InterruptedException {
        while (true) {
            Thread.sleep(60_000);
        }
    }

    private static void sleep(double nanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (nanos >= 1_000_000) {
            long n = (long) nanos;
            Thread.sleep(n / 1_000_000, (int) (n % 1_000_000));
        }
    }

    private void write(boolean stderr, String text) throws IOException {
        OutputStream s = stderr ? err : out;
        s.write((text + "\n").getBytes(StandardCharsets.UTF_8));
        s.flush();
    }
}

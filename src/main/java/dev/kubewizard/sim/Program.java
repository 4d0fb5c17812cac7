package dev.kubewizard.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a simulated command does, in order: lines it prints (each taking a share of the step's time), pauses, changes
 * it makes to the node or the cluster, and its exit code. Built by {@link StepScenes}, played by {@link Playback}.
 */
final class Program {
    sealed interface Action {
    }

    record Print(boolean stderr, String text, double weight) implements Action {
    }

    record Pause(double weight) implements Action {
    }

    /** A line whose text is known only when it is printed (a clock, a hash made earlier in the same step). */
    record PrintLater(boolean stderr, Supplier<String> text, double weight) implements Action {
    }

    /** A change of state, made when the program gets there (and only if it gets there). */
    record Effect(Runnable change) implements Action {
    }

    private final List<Action> actions = new ArrayList<>();
    private int exitCode;

    Program out(String text) {
        return print(false, text, 1);
    }

    Program err(String text) {
        return print(true, text, 1);
    }

    /** One or more lines ({@code \n} separated), each with this weight. */
    Program print(boolean stderr, String text, double weight) {
        for (String line : text.split("\n", -1)) {
            actions.add(new Print(stderr, line, weight));
        }
        return this;
    }

    Program outLater(Supplier<String> text) {
        actions.add(new PrintLater(false, text, 1));
        return this;
    }

    /** A value handed to kubewizard, exactly as kw_output prints it. */
    Program output(String name, String value) {
        return out("::kubewizard-output " + name + "=" + value);
    }

    Program pause(double weight) {
        actions.add(new Pause(weight));
        return this;
    }

    Program effect(Runnable change) {
        actions.add(new Effect(change));
        return this;
    }

    Program exit(int code) {
        this.exitCode = code;
        return this;
    }

    /** A transcript's lines; {@code @@ files} becomes the lines {@code files} gives, {@code @@ exit} the exit code. */
    Program transcript(List<Transcript.Item> items, Supplier<List<String>> files) {
        for (Transcript.Item item : items) {
            if (item instanceof Transcript.Line l) {
                print(l.stderr(), l.text(), l.weight());
            } else if (item instanceof Transcript.Files) {
                files.get().forEach(this::out);
            } else if (item instanceof Transcript.Exit e) {
                exit(e.code());
            }
        }
        return this;
    }

    List<Action> actions() {
        return List.copyOf(actions);
    }

    int exitCode() {
        return exitCode;
    }

    double totalWeight() {
        double w = 0;
        for (Action a : actions) {
            if (a instanceof Print p) {
                w += p.weight();
            } else if (a instanceof PrintLater p) {
                w += p.weight();
            } else if (a instanceof Pause p) {
                w += p.weight();
            }
        }
        return w;
    }

    /** Where the middle of the output is: the index of the action after half of the printed lines. */
    int middle() {
        int prints = (int) actions.stream().filter(Program::prints).count();
        int seen = 0;
        for (int i = 0; i < actions.size(); i++) {
            if (prints(actions.get(i)) && ++seen > prints / 2) {
                return i;
            }
        }
        return actions.size();
    }

    private static boolean prints(Action a) {
        return a instanceof Print || a instanceof PrintLater;
    }
}

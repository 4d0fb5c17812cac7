package dev.kubewizard.sim;

import dev.kubewizard.text.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Something that goes wrong on simulated nodes, on purpose. Written {@code HOST:STEP:ACTION[=VALUE][@TIMES]}, for
 * example {@code k8s-node2:containerd:fail}, {@code k8s-master2:kubeadm-join:drop}, {@code *:preflight:cloned-uuid},
 * {@code k8s-node1:*:slow=3}. HOST is a plan hostname or {@code *}; STEP is a step id, {@code *}, or a prefix ending
 * in {@code *} ({@code join-data-*}); {@code @TIMES} makes a step fault happen only the first TIMES times (a retry
 * then succeeds). Several faults are separated by commas or spaces ({@link #parseAll}).
 *
 * <p>Step faults: {@code fail[=EXIT]} (the step fails with the realistic text of that step and its exit code),
 * {@code drop[=done|undone]} (the SSH connection is cut in the middle of the step; with {@code done} the step had
 * already made its change, with {@code undone} (the default) it hangs on the node until stopped and never completes),
 * {@code hang} (the step stops making progress until it is stopped), {@code new-host-key} (in the middle of the step
 * the node restarts with a freshly generated host key). Node faults: {@code slow=FACTOR}, {@code cloned-uuid},
 * {@code cloned-mac}, {@code cpus=N}, {@code memory=MB}, {@code clock-skew=SECONDS}, {@code wrong-sudo-password} (the
 * node's sudo wants another password), {@code wrong-password} (the node refuses the login password),
 * {@code new-host-key} with STEP {@code *} (every restart of the node brings a new host key).
 */
public record Fault(String host, String step, Kind kind, String value, int times) {
    public enum Kind {
        FAIL("fail", true),
        DROP("drop", true),
        HANG("hang", true),
        NEW_HOST_KEY("new-host-key", true),
        SLOW("slow", false),
        CLONED_UUID("cloned-uuid", false),
        CLONED_MAC("cloned-mac", false),
        CPUS("cpus", false),
        MEMORY("memory", false),
        CLOCK_SKEW("clock-skew", false),
        WRONG_SUDO_PASSWORD("wrong-sudo-password", false),
        WRONG_PASSWORD("wrong-password", false);

        private final String word;
        private final boolean stepFault;

        Kind(String word, boolean stepFault) {
            this.word = word;
            this.stepFault = stepFault;
        }

        /** The word used in the fault syntax. */
        public String word() {
            return word;
        }

        /** Happens while a step runs (rather than describing the node). */
        public boolean isStepFault() {
            return stepFault;
        }

        static Kind of(String word) {
            for (Kind k : values()) {
                if (k.word.equals(word)) {
                    return k;
                }
            }
            return null;
        }
    }

    /** No limit on how often a fault happens. */
    public static final int ALWAYS = Integer.MAX_VALUE;

    public Fault {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(kind, "kind");
        if (times < 1) {
            throw new IllegalArgumentException("a fault happens at least once: " + times);
        }
        check(kind, value, host + ":" + step + ":" + kind.word);
    }

    // Builder-style factories: Fault.fail("k8s-node2", "containerd"), Fault.slow("k8s-node1", 3) ...

    public static Fault fail(String host, String step) {
        return new Fault(host, step, Kind.FAIL, null, ALWAYS);
    }

    public static Fault fail(String host, String step, int exitCode) {
        return new Fault(host, step, Kind.FAIL, Integer.toString(exitCode), ALWAYS);
    }

    /** The connection is cut in the middle of the step; {@code stepDone}: whether its change was already made. */
    public static Fault drop(String host, String step, boolean stepDone) {
        return new Fault(host, step, Kind.DROP, stepDone ? "done" : "undone", 1);
    }

    public static Fault hang(String host, String step) {
        return new Fault(host, step, Kind.HANG, null, ALWAYS);
    }

    /** In the middle of {@code step} (or on every restart for {@code *}) the node comes back with a new host key. */
    public static Fault newHostKey(String host, String step) {
        return new Fault(host, step, Kind.NEW_HOST_KEY, null, 1);
    }

    public static Fault slow(String host, double factor) {
        return new Fault(host, "*", Kind.SLOW, trim(factor), ALWAYS);
    }

    public static Fault clonedProductUuid(String host) {
        return new Fault(host, "preflight", Kind.CLONED_UUID, null, ALWAYS);
    }

    public static Fault clonedMacs(String host) {
        return new Fault(host, "preflight", Kind.CLONED_MAC, null, ALWAYS);
    }

    public static Fault cpus(String host, int cpus) {
        return new Fault(host, "preflight", Kind.CPUS, Integer.toString(cpus), ALWAYS);
    }

    public static Fault memory(String host, int megabytes) {
        return new Fault(host, "preflight", Kind.MEMORY, Integer.toString(megabytes), ALWAYS);
    }

    public static Fault clockSkew(String host, int seconds) {
        return new Fault(host, "preflight", Kind.CLOCK_SKEW, Integer.toString(seconds), ALWAYS);
    }

    public static Fault wrongSudoPassword(String host) {
        return new Fault(host, "*", Kind.WRONG_SUDO_PASSWORD, null, ALWAYS);
    }

    public static Fault wrongPassword(String host) {
        return new Fault(host, "*", Kind.WRONG_PASSWORD, null, ALWAYS);
    }

    /** The same fault, happening only the first {@code n} times. */
    public Fault times(int n) {
        return new Fault(host, step, kind, value, n);
    }

    /** Whether this fault concerns {@code hostname} and step {@code stepId}. */
    public boolean matches(String hostname, String stepId) {
        return matchesHost(hostname) && glob(step, stepId);
    }

    public boolean matchesHost(String hostname) {
        return glob(host, hostname);
    }

    /** The value as a number; {@code fallback} when none was given. */
    public double number(double fallback) {
        return value == null ? fallback : Double.parseDouble(value);
    }

    /** Parses one fault. */
    public static Fault parse(String text) {
        String t = text == null ? "" : text.strip();
        String[] parts = t.split(":", 3);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            throw new FaultSyntaxException(Messages.text("sim.fault.syntax", t));
        }
        String action = parts[2];
        int times = ALWAYS;
        int at = action.lastIndexOf('@');
        if (at >= 0) {
            try {
                times = Integer.parseInt(action.substring(at + 1));
            } catch (NumberFormatException e) {
                times = 0;
            }
            if (times < 1) {
                throw new FaultSyntaxException(Messages.text("sim.fault.times", t));
            }
            action = action.substring(0, at);
        }
        String value = null;
        int eq = action.indexOf('=');
        if (eq >= 0) {
            value = action.substring(eq + 1);
            action = action.substring(0, eq);
        }
        Kind kind = Kind.of(action.toLowerCase(Locale.ROOT));
        if (kind == null) {
            throw new FaultSyntaxException(Messages.text("sim.fault.action", t, words()));
        }
        if (at < 0 && (kind == Kind.DROP || kind == Kind.NEW_HOST_KEY) && !parts[1].equals("*")) {
            times = 1;   // a cut connection or a reinstall happens once unless told otherwise
        }
        try {
            return new Fault(parts[0], parts[1], kind, kind == Kind.DROP && value == null ? "undone" : value, times);
        } catch (IllegalArgumentException e) {
            throw new FaultSyntaxException(Messages.text("sim.fault.value", t));
        }
    }

    /** Parses faults separated by commas, semicolons or white space; empty text gives none. */
    public static List<Fault> parseAll(String text) {
        List<Fault> faults = new ArrayList<>();
        if (text == null) {
            return faults;
        }
        for (String one : text.split("[,;\\s]+")) {
            if (!one.isBlank()) {
                faults.add(parse(one));
            }
        }
        return faults;
    }

    /** Back to the text form. */
    @Override
    public String toString() {
        return host + ":" + step + ":" + kind.word + (value == null ? "" : "=" + value)
                + (times == ALWAYS ? "" : "@" + times);
    }

    private static String words() {
        StringBuilder b = new StringBuilder();
        for (Kind k : Kind.values()) {
            b.append(b.length() == 0 ? "" : ", ").append(k.word);
        }
        return b.toString();
    }

    private static void check(Kind kind, String value, String where) {
        switch (kind) {
            case FAIL -> {
                if (value != null && !value.matches("\\d{1,3}") || value != null && Integer.parseInt(value) > 255
                        || "0".equals(value)) {
                    throw new IllegalArgumentException(where + ": the exit code must be 1-255");
                }
            }
            case DROP -> {
                if (value != null && !value.equals("done") && !value.equals("undone")) {
                    throw new IllegalArgumentException(where + ": drop=done or drop=undone");
                }
            }
            case SLOW -> {
                if (value == null || !value.matches("\\d+(\\.\\d+)?") || Double.parseDouble(value) <= 0) {
                    throw new IllegalArgumentException(where + ": slow needs a factor above 0, e.g. slow=3");
                }
            }
            case CPUS, MEMORY -> {
                if (value == null || !value.matches("\\d{1,7}")) {
                    throw new IllegalArgumentException(where + ": needs a whole number");
                }
            }
            case CLOCK_SKEW -> {
                if (value == null || !value.matches("-?\\d{1,7}")) {
                    throw new IllegalArgumentException(where + ": needs seconds, e.g. clock-skew=90");
                }
            }
            default -> {
                if (value != null) {
                    throw new IllegalArgumentException(where + " takes no value");
                }
            }
        }
    }

    private static boolean glob(String pattern, String name) {
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.endsWith("*")) {
            return name.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(name);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}

package dev.kubewizard.ui.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Where the time went while no pulse came. Once a pulse is 20 ms late, a daemon thread samples the FX thread's stack
 * every 10 ms until the next pulse (when the FX thread sits idle in the event loop, the renderer's stack instead), and
 * notes each thread's CPU time (from /proc on Linux) when the gap was noticed. For a long gap, {@link #where} names
 * the places most samples were in, the threads that used the CPU meanwhile, and how busy the machine was: a gap with
 * an idle FX thread and a busy machine is another program's (or the JIT compiler's) doing, not the page's.
 *
 * <p>With {@code -Dbench.profile=true} it also samples the FX thread all the time, for {@link #profile()}; with
 * {@code -Dbench.dumpStacks=true} it prints every sample of a long gap to stderr.
 */
final class GapSampler {
    static final boolean DUMP = Boolean.getBoolean("bench.dumpStacks");
    static final boolean PROFILE = Boolean.getBoolean("bench.profile");
    private static final long NOTICE_NANOS = 20_000_000L;
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final Path MACHINE = Path.of("/proc/stat");

    /** One gap: the samples taken in it, and the CPU counters when it was noticed. */
    static final class Gap {
        final List<StackTraceElement[]> samples = Collections.synchronizedList(new ArrayList<>());
        volatile Map<String, Long> threadsAtStart;
        volatile long[] machineAtStart;
    }

    private final Map<Long, Gap> gaps = new ConcurrentHashMap<>();
    private final Map<String, Integer> profile = new ConcurrentHashMap<>();
    private final Map<String, Integer> inclusive = new ConcurrentHashMap<>();
    private volatile int busySamples;
    private Thread rendererThread;

    /**
     * @param lastPulse when the last pulse came ({@link System#nanoTime()}), 0 before the first
     */
    void start(Thread fx, BooleanSupplier measuring, LongSupplier lastPulse) {
        Thread t = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
                if (!measuring.getAsBoolean()) {
                    continue;
                }
                long since = lastPulse.getAsLong();
                if (PROFILE) {
                    profileSample(fx.getStackTrace());
                }
                if (since != 0 && System.nanoTime() - since > NOTICE_NANOS) {
                    Gap gap = gaps.computeIfAbsent(since, k -> new Gap());
                    if (gap.threadsAtStart == null) {
                        gap.threadsAtStart = threadCpu();
                        gap.machineAtStart = machineCpu();
                    }
                    StackTraceElement[] stack = fx.getStackTrace();
                    if (stack.length > 0 && stack[0].getMethodName().equals("_runLoop")) {
                        // The FX thread waits for a pulse: what does the renderer do meanwhile?
                        Thread renderer = renderer();
                        if (renderer != null) {
                            StackTraceElement[] r = renderer.getStackTrace();
                            StackTraceElement[] both = new StackTraceElement[r.length + 1];
                            both[0] = new StackTraceElement("idle", "renderer", null, -1);
                            System.arraycopy(r, 0, both, 1, r.length);
                            stack = both;
                        }
                    }
                    if (lastPulse.getAsLong() == since) {
                        gap.samples.add(stack);
                    }
                }
            }
        }, "pulse-gap-sampler");
        t.setDaemon(true);
        t.start();
    }

    private void profileSample(StackTraceElement[] st) {
        profile.merge(signature(st), 1, Integer::sum);
        if (st.length > 0 && !st[0].getMethodName().equals("_runLoop")) {
            busySamples++;
            Set<String> seen = new HashSet<>();
            for (StackTraceElement e : st) {
                String f = frame(e);
                if (seen.add(f)) {
                    inclusive.merge(f, 1, Integer::sum);
                }
            }
        }
    }

    private Thread renderer() {
        if (rendererThread == null || !rendererThread.isAlive()) {
            rendererThread = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("QuantumRenderer")).findFirst().orElse(null);
        }
        return rendererThread;
    }

    /** The gap that began with the pulse at {@code since}, now over (empty when it was too short to notice). */
    Gap take(long since) {
        Gap gap = gaps.remove(since);
        gaps.keySet().removeIf(k -> k < since);
        return gap == null ? new Gap() : gap;
    }

    /**
     * " (n samples: 60% place A; 30% place B; CPU meanwhile: thread 80 ms, thread 40 ms; machine 190% busy)", the
     * most frequent places first.
     */
    static String where(Gap gap) {
        StringBuilder sb = new StringBuilder(" (");
        List<StackTraceElement[]> samples = new ArrayList<>(gap.samples);
        if (samples.isEmpty()) {
            sb.append("no samples");
        } else {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (StackTraceElement[] s : samples) {
                counts.merge(signature(s), 1, Integer::sum);
            }
            if (DUMP) {
                for (StackTraceElement[] s : samples) {
                    StringBuilder dump = new StringBuilder("----- sample\n");
                    for (int i = 0; i < Math.min(60, s.length); i++) {
                        dump.append("    ").append(s[i]).append('\n');
                    }
                    System.err.print(dump);
                }
            }
            sb.append(samples.size()).append(" samples: ").append(counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(3)
                    .map(e -> String.format(Locale.ROOT, "%d%% %s", 100 * e.getValue() / samples.size(), e.getKey()))
                    .collect(Collectors.joining("; ")));
        }
        if (gap.threadsAtStart != null && !gap.threadsAtStart.isEmpty()) {
            Map<String, Long> now = threadCpu();
            Map<String, Long> used = new HashMap<>();
            // by name, the numbers of pool threads folded: "kw-run-1-step-#"
            now.forEach((thread, ms) -> used.merge(thread.substring(0, thread.lastIndexOf('/'))
                    .replaceAll("[0-9]+$", "#"), ms - gap.threadsAtStart.getOrDefault(thread, 0L), Long::sum));
            long process = used.values().stream().mapToLong(Long::longValue).sum();
            sb.append("; CPU after it was noticed: ").append(used.entrySet().stream()
                    .filter(e -> e.getValue() >= 10)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(4)
                    .map(e -> e.getKey() + " " + e.getValue() + " ms").collect(Collectors.joining(", ")));
            long[] machine = machineCpu();
            if (gap.machineAtStart != null && machine != null) {
                long total = machine[1] - gap.machineAtStart[1];
                long busy = machine[0] - gap.machineAtStart[0];
                int cpus = Runtime.getRuntime().availableProcessors();
                if (total > 0) {
                    sb.append(String.format(Locale.ROOT, "; this JVM %d ms, the machine %.0f%% of %d CPUs busy",
                            process, 100.0 * busy / total, cpus));
                }
            }
        }
        return sb.append(')').toString();
    }

    /** CPU time of each thread of this JVM in ms, by "name/id" (Linux; empty elsewhere). */
    static Map<String, Long> threadCpu() {
        Map<String, Long> cpu = new HashMap<>();
        if (!Files.isDirectory(TASKS)) {
            return cpu;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"), StandardCharsets.UTF_8);
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(open + 1, close);
                    String[] f = stat.substring(close + 2).split(" ");
                    // utime and stime, fields 14 and 15 of the line (11 and 12 after the name and state)
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    cpu.merge(name + "/" + task.getFileName(), ticks * 10, Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return cpu;
        }
        return cpu;
    }

    /** The machine's busy and total CPU ticks (Linux), null elsewhere. */
    static long[] machineCpu() {
        try {
            String line = Files.readAllLines(MACHINE, StandardCharsets.UTF_8).get(0);
            String[] f = line.trim().split("\\s+");
            long total = 0;
            long idle = 0;
            for (int i = 1; i < f.length; i++) {
                long v = Long.parseLong(f[i]);
                total += v;
                if (i == 4 || i == 5) {
                    idle += v;
                }
            }
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Time spent in garbage collection so far (pauses, and for G1 its concurrent cycles too). */
    static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    /** The FX thread's time over the whole run, by place (most first), with -Dbench.profile=true. */
    String profile() {
        int total = profile.values().stream().mapToInt(Integer::intValue).sum();
        return profile.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(40)
                .map(e -> String.format(Locale.ROOT, "  %5.1f%% %s", 100.0 * e.getValue() / total, e.getKey()))
                .collect(Collectors.joining("\n"))
                + "\nbusy samples " + busySamples + ", by frame (inclusive):\n"
                + inclusive.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(120).map(e -> String.format(Locale.ROOT, "  %5.1f%% %s", 100.0 * e.getValue() / busySamples,
                        e.getKey())).collect(Collectors.joining("\n"));
    }

    /**
     * What the FX thread was doing (running a timer, a runLater, the CSS pass, the layout pass), the application's
     * frames (outermost > innermost) and the first library frame below them, e.g. "Scene.doLayoutPass:
     * GenericStyledArea.layoutChildren" or "runLater: InstallPage.buildRun > NodeConsole.init".
     */
    static String signature(StackTraceElement[] s) {
        if (s.length > 0 && s[0].getClassName().equals("idle")) {
            String top = s.length > 1 ? frame(s[1]) : "?";
            String painter = null;
            for (StackTraceElement e : s) {
                if (e.getClassName().contains("Painter")) {
                    painter = frame(e);
                }
            }
            return "FX idle, renderer: " + top + (painter == null ? "" : " < " + painter);
        }
        String outer = null;
        String inner = null;
        String lib = null;
        String phase = null;
        for (StackTraceElement e : s) {
            String c = e.getClassName();
            if (c.startsWith("dev.kubewizard.") && !c.startsWith("dev.kubewizard.ui.bench.")) {
                inner = inner == null ? frame(e) : inner;
                outer = frame(e);
            } else if (inner == null && lib == null && library(c)) {
                lib = frame(e);
            }
            if (phase == null) {
                phase = phase(e);
            }
        }
        StringBuilder sb = new StringBuilder(phase == null ? (s.length == 0 ? "?" : frame(s[0])) : phase);
        sb.append(':');
        if (outer != null) {
            sb.append(' ').append(outer);
            if (!outer.equals(inner)) {
                sb.append(" > ").append(inner);
            }
        }
        if (lib != null) {
            sb.append(outer == null ? " " : " > ").append(lib);
        }
        return sb.toString();
    }

    private static boolean library(String c) {
        return c.startsWith("org.fxmisc.") || c.startsWith("org.kordamp.") || c.startsWith("atlantafx.")
                || c.startsWith("javafx.scene.control.skin.");
    }

    private static String phase(StackTraceElement e) {
        String c = e.getClassName();
        String m = e.getMethodName();
        if (c.equals("javafx.scene.Scene") && (m.equals("doCSSPass") || m.equals("doLayoutPass"))) {
            return "Scene." + m;
        }
        if (c.endsWith("QuantumToolkit") && m.equals("pulse")) {
            return "pulse";
        }
        if (c.endsWith("InvokeLaterDispatcher$Future") || c.endsWith("PlatformImpl") && m.contains("runLater")) {
            return "runLater";
        }
        return null;
    }

    private static String frame(StackTraceElement e) {
        String c = e.getClassName();
        String name = c.substring(c.lastIndexOf('.') + 1);
        int lambda = name.indexOf("$$Lambda");
        return (lambda > 0 ? name.substring(0, lambda) + "$lambda" : name) + "." + e.getMethodName();
    }
}

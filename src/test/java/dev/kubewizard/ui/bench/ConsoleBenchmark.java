package dev.kubewizard.ui.bench;

import dev.kubewizard.install.ClusterNodes;
import dev.kubewizard.install.InstallPasswords;
import dev.kubewizard.install.Machines;
import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.HostKind;
import dev.kubewizard.plan.PlanHost;
import dev.kubewizard.recipe.Phase;
import dev.kubewizard.recipe.RecipeInputs;
import dev.kubewizard.recipe.Step;
import dev.kubewizard.run.Cancellation;
import dev.kubewizard.run.FakeNodes;
import dev.kubewizard.run.LineSink;
import dev.kubewizard.run.RunFolder;
import dev.kubewizard.run.StepExecutor;
import dev.kubewizard.run.StepLine;
import dev.kubewizard.run.StepResult;
import dev.kubewizard.ssh.HostKeyPrompt;
import dev.kubewizard.ssh.SecretMasker;
import dev.kubewizard.ui.DesktopApp;
import dev.kubewizard.ui.InstallBackends;
import dev.kubewizard.ui.Settings;
import dev.kubewizard.ui.Theme;
import dev.kubewizard.ui.WizardWindow;
import dev.kubewizard.ui.install.DemoMachines;
import dev.kubewizard.ui.install.FakeMachineSource;
import dev.kubewizard.ui.install.InstallModel;
import dev.kubewizard.ui.install.InstallPage;
import dev.kubewizard.ui.install.MachineSource;
import dev.kubewizard.ui.install.NodeConsole;
import dev.kubewizard.ui.text.Language;
import dev.kubewizard.ui.text.UiText;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;

/**
 * The console benchmark (not a test): the real wizard window, the real run engine and the real Install page, with
 * five machines each printing 2,000 lines a second for 60 seconds during their first step (about 5% of the lines
 * coloured, 10% on stderr), then the rest of the install on fake machines. The driver clicks like a quick person,
 * half a second apart: demo mode on the first page, the Install page, Start.
 *
 * <p>Measures the gaps between FX pulses (an AnimationTimer) from the first frame with the first page on screen to
 * one second after the install succeeded, nothing left out, and reports them in two stretches: the install run (from
 * Start) and what came before it. For every gap over 100 ms it says when it was (the moment of the benchmark and the
 * seconds since the first page) and where the time went ({@link GapSampler}: the FX thread's stack samples, the
 * threads that had the CPU, how busy the machine was, GC time). Also the heap, the lines each console kept, and the
 * time from launch to the first page. No System.gc() while frames are measured. Run it under Xvfb:
 *
 * <pre>
 * mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * xvfb-run -a java -XX:TieredStopAtLevel=1 -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *     dev.kubewizard.ui.bench.ConsoleBenchmark
 * </pre>
 * {@code -XX:TieredStopAtLevel=1} is what the packaged launcher runs with (packaging/launcher.txt); the report says
 * which compiler ran.
 * Arguments: seconds of flooding (60), lines per second per machine (2000), result file. With
 * {@code -Dbench.profile=true} it adds where the FX thread spent the whole run; with {@code -Djavafx.pulseLogger=true}
 * JavaFX prints each slow pulse's CSS, layout and render times.
 */
public final class ConsoleBenchmark {
    static final long JVM_START = ManagementFactory.getRuntimeMXBean().getStartTime();
    static int seconds = 60;
    static int linesPerSecond = 2000;
    static Path resultFile = Path.of("target/bench/console-benchmark.txt");

    private ConsoleBenchmark() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            seconds = Integer.parseInt(args[0]);
        }
        if (args.length > 1) {
            linesPerSecond = Integer.parseInt(args[1]);
        }
        if (args.length > 2) {
            resultFile = Path.of(args[2]);
        }
        Application.launch(BenchApp.class, args);
    }

    /** Machines whose first step floods its console, then behave as {@link FakeNodes}. */
    static final class FloodingSource implements MachineSource {
        private final FakeNodes nodes = new FakeNodes(1);
        private final Path runs;
        final AtomicLong printed = new AtomicLong();
        volatile long floodStart;
        volatile long floodEnd;

        FloodingSource(Path runs) {
            this.runs = runs;
        }

        @Override
        public RecipeInputs recipeInputs(ClusterPlan plan, Path planFile) {
            return RecipeInputs.none();
        }

        @Override
        public Machines open(ClusterPlan plan, InstallPasswords passwords, SecretMasker masker,
                             HostKeyPrompt hostKeys) {
            return new Machines() {
                @Override
                public StepExecutor executor(PlanHost host) {
                    StepExecutor fake = nodes.apply(host);
                    return new StepExecutor() {
                        @Override
                        public StepResult execute(Step step, Map<String, String> inputs, LineSink sink,
                                                  Cancellation cancel) {
                            if (step.phase() == Phase.PREFLIGHT && host.kind() != HostKind.LOAD_BALANCER) {
                                flood(host.hostname(), step.id(), sink, cancel);
                            }
                            return fake.execute(step, inputs, sink, cancel);
                        }
                    };
                }

                @Override
                public String adminConf() {
                    return FakeMachineSource.adminConf();
                }

                @Override
                public ClusterNodes nodes() {
                    return kubeconfig -> List.of();
                }
            };
        }

        private void flood(String host, String stepId, LineSink sink, Cancellation cancel) {
            long start = System.nanoTime();
            floodStart = floodStart == 0 ? System.currentTimeMillis() : floodStart;
            long total = (long) seconds * linesPerSecond;
            int perBurst = Math.max(1, linesPerSecond / 100);  // every 10 ms, like a busy apt or kubeadm
            long n = 0;
            while (n < total && !cancel.isCancelled()) {
                for (int i = 0; i < perBurst && n < total; i++, n++) {
                    String text;
                    StepLine.Kind kind = StepLine.Kind.STDOUT;
                    if (n % 10 == 3) {
                        kind = StepLine.Kind.STDERR;
                        text = "W: " + host + " line " + n + " some warning printed on stderr by apt-get";
                    } else if (n % 20 == 7) {
                        text = "\u001B[32mGet:" + n + "\u001B[0m http://mirrors.aliyun.com/ubuntu noble/main amd64"
                                + " libfoo" + n + " amd64 1.2." + (n % 97) + " [" + (n % 9000) + " kB]";
                    } else {
                        text = "Unpacking package-" + n + " (1.2." + (n % 97) + ") over (1.1.0) ... on " + host;
                    }
                    sink.line(new StepLine(host, stepId, kind, Instant.now(), text));
                }
                printed.addAndGet(perBurst);
                long due = start + (n * 1_000_000_000L) / linesPerSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    cancel.await(Duration.ofNanos(wait));
                }
            }
            floodEnd = System.currentTimeMillis();
        }

        @Override
        public RunFolder runFolder(ClusterPlan plan, Path planFile) {
            return new RunFolder(runs.resolve(plan.cluster().name()));
        }

        @Override
        public boolean resumes() {
            return false;
        }

        @Override
        public boolean simulated() {
            return true;
        }
    }

    /** The gaps between pulses in one stretch of the benchmark. */
    static final class Stretch {
        final String name;
        long pulses;
        long longest;
        final List<Long> over50 = new ArrayList<>();
        int over100;

        Stretch(String name) {
            this.name = name;
        }

        void add(long gapNanos) {
            pulses++;
            longest = Math.max(longest, gapNanos);
            if (gapNanos > 50_000_000L) {
                over50.add(gapNanos / 1_000_000L);
            }
            if (gapNanos > 100_000_000L) {
                over100++;
            }
        }

        String report() {
            return String.format(Locale.ROOT, "%s: longest FX pulse gap %.1f ms, %d gaps over 100 ms, %d over 50 ms %s"
                            + " (%,d pulses)", name, longest / 1e6, over100, over50.size(),
                    over50.size() > 20 ? over50.subList(0, 20) + "…" : over50, pulses);
        }
    }

    public static final class BenchApp extends Application {
        private WizardWindow window;
        private FloodingSource source;
        private volatile long firstPageMillis;
        private volatile boolean measuring;
        private volatile long lastPulse;
        private volatile long measureStart;
        private volatile String moment = "first page";
        private final Stretch before = new Stretch("before the install (first page, demo mode, Install page)");
        private final Stretch run = new Stretch("the install run (Start pressed to 1 s after it succeeded)");
        private volatile Stretch stretch = before;
        private final List<String> late = new ArrayList<>();
        private volatile long lastPulseNanos;
        private long gcMillis;
        private final GapSampler sampler = new GapSampler();

        @Override
        public void start(Stage stage) throws IOException {
            Path home = Files.createTempDirectory("kubewizard-bench");
            source = new FloodingSource(home.resolve("runs"));
            InstallBackends backends = new InstallBackends(source, Optional.of(new DemoMachines(source,
                    FakeMachineSource.passwords())), () -> home.resolve(".kube").resolve("config"));
            Theme.apply(false);
            window = new WizardWindow(Settings.load(home.resolve("settings.properties")), new UiText(Language.ZH),
                    Platform::runLater, backends);
            DesktopApp.show(stage, window);
            sampler.start(Thread.currentThread(), () -> measuring, () -> lastPulseNanos);
            new AnimationTimer() {
                @Override
                public void handle(long now) {
                    if (firstPageMillis == 0) {
                        // The first frame with the first page on screen: every gap from here on counts.
                        firstPageMillis = System.currentTimeMillis();
                        measureStart = firstPageMillis;
                        measuring = true;
                    }
                    long gcBefore = gcMillis;
                    gcMillis = GapSampler.gcMillis();
                    long gapStartedAt = lastPulseNanos;
                    lastPulseNanos = System.nanoTime();
                    if (measuring && lastPulse != 0) {
                        long gap = now - lastPulse;
                        GapSampler.Gap sampled = sampler.take(gapStartedAt);
                        synchronized (late) {
                            stretch.add(gap);
                            if (gap > 100_000_000L) {
                                late.add(String.format(Locale.ROOT, "%d ms at %s, %.1f s%s%s", gap / 1_000_000L,
                                        moment, (System.currentTimeMillis() - measureStart) / 1000.0,
                                        gcMillis - gcBefore > 0 ? ", GC " + (gcMillis - gcBefore) + " ms" : "",
                                        GapSampler.where(sampled)));
                            }
                        }
                    }
                    lastPulse = now;
                }
            }.start();
            Thread driver = new Thread(this::drive, "console-benchmark");
            driver.setDaemon(true);
            driver.start();
        }

        private void drive() {
            try {
                while (firstPageMillis == 0) {
                    Thread.sleep(20);
                }
                long launchToFirstPage = firstPageMillis - JVM_START;
                // A person's pace, a little quicker: half a second between the clicks.
                Thread.sleep(500);
                fx(() -> {
                    moment = "demo mode chosen";
                    ((Button) window.root().getScene().lookup("#welcome-demo")).fire();
                });
                Thread.sleep(500);
                fx(() -> {
                    moment = "Install page opened";
                    window.wizard().goTo(window.wizard().indexOf(WizardWindow.INSTALL));
                });
                Thread.sleep(500);
                Runtime rt = Runtime.getRuntime();
                // No System.gc() while frames are measured: a full collection stops every thread, the FX one too.
                long heapAtStart = rt.totalMemory() - rt.freeMemory();
                fx(() -> {
                    moment = "install starting";
                    stretch = run;
                    window.install().start();
                });
                long t0 = System.currentTimeMillis();
                long peakHeap = 0;
                boolean switched = false;
                boolean switchedBack = false;
                while (window.install().status() != InstallModel.Status.SUCCEEDED
                        && System.currentTimeMillis() - t0 < (seconds + 120) * 1000L) {
                    Thread.sleep(50);
                    long flooding = source.floodStart == 0 ? 0 : System.currentTimeMillis() - source.floodStart;
                    if (source.floodEnd != 0) {
                        moment = "rest of the install";
                    } else if (flooding > seconds * 750L && !switchedBack) {
                        // and back to the first: it kept its last lines aside meanwhile
                        switchedBack = true;
                        fx(() -> {
                            moment = "flood, the first machine's tab opened again";
                            consoleTabs().getSelectionModel().select(0);
                        });
                    } else if (flooding > seconds * 500L && !switched) {
                        // Half way through: the second machine's tab, never shown yet, opened during the flood
                        switched = true;
                        fx(() -> {
                            moment = "flood, the second machine's tab opened";
                            consoleTabs().getSelectionModel().select(1);
                        });
                    } else if (source.floodStart != 0 && !switched) {
                        moment = "flood";
                    }
                    peakHeap = Math.max(peakHeap, rt.totalMemory() - rt.freeMemory());
                }
                moment = "install succeeded";
                Thread.sleep(1000);
                measuring = false;
                long measured = System.currentTimeMillis() - measureStart;
                System.gc();
                Thread.sleep(200);
                System.gc();
                long heapAfter = rt.totalMemory() - rt.freeMemory();
                CompletableFuture<String> consoles = new CompletableFuture<>();
                Platform.runLater(() -> {
                    StringBuilder sb = new StringBuilder();
                    for (String host : window.install().hosts()) {
                        NodeConsole c = window.installPage().console(host);
                        sb.append(String.format(Locale.ROOT, "  %-12s received %,9d lines, keeps %,6d (%,d shown, %,d"
                                + " waiting for its tab)%n", host, c.linesReceived(), c.linesKept(),
                                c.linesKept() - c.waiting(), c.waiting()));
                    }
                    consoles.complete(sb.toString());
                });
                String pipeline = String.valueOf(System.getProperty("prism.order"));
                String report;
                synchronized (late) {
                    report = String.format(Locale.ROOT, """
                            kubewizard console benchmark (%s)
                            java %s, javafx %s, prism %s, %d processors, JIT %s
                            flood: 5 consoles x %,d lines/s for %d s = %,d lines printed (%.1f s)
                            install status: %s
                            launch to first page: %,d ms
                            frames measured from the first page on screen to 1 s after the install succeeded: %.1f s
                            %s
                            %s
                            gaps over 100 ms (moment, seconds since the first page, where the time went): %s
                            heap in use when Start was pressed (no forced GC): %.1f MB
                            heap peak seen during the run: %.1f MB (max heap %.0f MB)
                            heap after the run (after GC): %.1f MB
                            consoles (each shows at most %,d lines + 20%% before a trim, and keeps at most %,d more aside while its tab is closed):
                            %s""", Instant.now(), System.getProperty("java.version"),
                            System.getProperty("javafx.runtime.version"), pipeline,
                            rt.availableProcessors(), jit(), linesPerSecond, seconds, source.printed.get(),
                            (source.floodEnd - source.floodStart) / 1000.0, window.install().status(),
                            launchToFirstPage, measured / 1000.0, run.report(), before.report(),
                            late.isEmpty() ? "none" : "\n  " + String.join("\n  ", late),
                            heapAtStart / 1048576.0, peakHeap / 1048576.0, rt.maxMemory() / 1048576.0,
                            heapAfter / 1048576.0, InstallPage.CONSOLE_LINES, InstallPage.CONSOLE_LINES,
                            consoles.get(10, TimeUnit.SECONDS));
                }
                Files.createDirectories(resultFile.toAbsolutePath().getParent());
                Files.writeString(resultFile, report, StandardCharsets.UTF_8);
                System.out.println(report);
                if (GapSampler.PROFILE) {
                    System.out.println("FX thread profile:\n" + sampler.profile());
                }
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                Platform.runLater(() -> {
                    window.close();
                    Platform.exit();
                });
            }
        }

        private TabPane consoleTabs() {
            return (TabPane) window.root().getScene().lookup("#install-consoles");
        }

        private static void fx(Runnable r) throws Exception {
            CompletableFuture<Void> done = new CompletableFuture<>();
            Platform.runLater(() -> {
                try {
                    r.run();
                    done.complete(null);
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            });
            done.get(10, TimeUnit.SECONDS);
        }
    }


    /** "C1 only" when started with -XX:TieredStopAtLevel=1 (as the packaged app is), else "tiered (C1 + C2)". */
    static String jit() {
        boolean c1Only = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.matches("-XX:TieredStopAtLevel=[0-3]"));
        return c1Only ? "C1 only" : "tiered (C1 + C2)";
    }
}

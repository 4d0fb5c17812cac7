package dev.kubewizard.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.cli.CommandLine;
import dev.kubewizard.cli.Console;
import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.testing.Tools;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged app, started the way a teacher starts it: the Linux app-image that jpackage built in this run
 * (packaging/Packager.java, pre-integration-test) with its own jlinked runtime, not the test class path. Its launcher
 * answers headless, renders and installs the course plan (the simulated install exercises the runtime's SSH crypto),
 * and opens its window on a virtual X server.
 */
class PackagedAppIT {
    private static final Pattern WINDOW = Pattern.compile(
            "^\\s*(0x[0-9a-f]+) \"(kubewizard[^\"]*)\": \\([^)]*\\)\\s+(\\d+)x(\\d+)");

    private static Path launcher;

    @TempDir
    Path home;

    @BeforeAll
    static void findTheAppImage() {
        Assumptions.assumeTrue(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux"),
                "the packaged-app smoke test runs on Linux (Windows and macOS packages: packaging/README.md)");
        Path image = Path.of(System.getProperty("kubewizard.appImage", "target/jpackage/image")).resolve("kubewizard");
        launcher = image.resolve("bin").resolve("kubewizard");
        if (!Files.isExecutable(launcher)) {
            Tools.missing("there is no app-image at " + image + ": packaging needs a full JDK with jlink and jpackage"
                    + " (see the [packaging] lines of the build log)");
        }
    }

    @Test
    void launcherPrintsTheVersionWithoutAnyDisplay() throws Exception {
        Run run = launch(List.of("--version"), Map.of(), 60);

        assertEquals(0, run.exit(), run.toString());
        assertEquals("kubewizard " + System.getProperty("kubewizard.version"), run.out().strip(), run.toString());
    }

    @Test
    void launcherStartsTheJvmWithTheClientCompilerOnly() throws Exception {
        // docs/decisions/0004: C2's compile bursts delay frames on a 2-core laptop; the console benchmark runs so too
        Path cfg = launcher.getParent().getParent().resolve("lib").resolve("app").resolve("kubewizard.cfg");
        List<String> lines = Files.readAllLines(cfg, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(lines.contains("java-options=-XX:TieredStopAtLevel=1"), lines.toString());
    }

    @Test
    void launcherRendersTheCoursePlanExactlyAsTheTestedCodeDoes() throws Exception {
        Path plan = coursePlan();
        Run run = launch(List.of("render", plan.toString(), "--out", home.resolve("packaged").toString(),
                "--lang", "en"), Map.of(), 120);
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().contains("Wrote "), run.toString());

        ByteArrayOutputStream ignored = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(ignored, true, StandardCharsets.UTF_8);
        int inProcess = CommandLine.run(List.of("render", plan.toString(), "--out",
                home.resolve("tested").toString()), new Console(sink, sink, "en"));
        assertEquals(0, inProcess, ignored.toString(StandardCharsets.UTF_8));

        List<String> packaged = tree(home.resolve("packaged"));
        assertTrue(packaged.contains("order.tsv"), packaged.toString());
        assertTrue(packaged.stream().anyMatch(f -> f.startsWith("k8s-master1/") && f.endsWith(".sh")),
                packaged.toString());
        assertEquals(tree(home.resolve("tested")), packaged);
        for (String file : packaged) {
            assertEquals(Files.readString(home.resolve("tested").resolve(file), StandardCharsets.UTF_8),
                    Files.readString(home.resolve("packaged").resolve(file), StandardCharsets.UTF_8), file);
        }
    }

    @Test
    void launcherInstallsTheCoursePlanOnSimulatedMachinesWithItsOwnRuntime() throws Exception {
        // In-process SSH servers and JSch: fails if the jlinked runtime lacks a crypto or network module.
        Run run = launch(List.of("install", coursePlan().toString(), "--simulate", "--yes", "--speed", "1000",
                "--lang", "en"), Map.of(), 180);

        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().contains("The cluster is installed and verified"), run.toString());
    }

    @Test
    void desktopWindowOpensWithTheAppIconOnAnXServer() throws Exception {
        Path xvfb = Tools.require("Xvfb");
        Path xwininfo = Tools.require("xwininfo");
        Path xprop = Tools.require("xprop");
        Process server = new ProcessBuilder(xvfb.toString(), "-displayfd", "1", "-screen", "0", "1280x1024x24",
                "-nolisten", "tcp").redirectError(home.resolve("xvfb.log").toFile()).start();
        Process app = null;
        try {
            String display = ":" + readLine(server.getInputStream(), 20);
            Path out = home.resolve("app.out");
            app = processBuilder(List.of(), Map.of("DISPLAY", display)).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();

            Optional<Matcher> window = Optional.empty();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (window.isEmpty() && app.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(500);
                window = wizardWindow(Tools.run(20, xwininfo.toString(), "-display", display, "-root", "-tree")
                        .output());
            }
            assertTrue(window.isPresent(), "no kubewizard window appeared; the app printed:\n"
                    + Files.readString(out, StandardCharsets.UTF_8));
            int width = Integer.parseInt(window.get().group(3));
            int height = Integer.parseInt(window.get().group(4));
            assertTrue(width >= 900 && height >= 640, "window is " + width + "x" + height);

            String icon = Tools.run(20, xprop.toString(), "-display", display, "-id", window.get().group(1),
                    "_NET_WM_ICON").output();
            assertTrue(icon.contains("Icon ("), "the window has no icon: " + icon);

            Path log = home.resolve("logs").resolve("kubewizard.log");
            assertTrue(Files.isRegularFile(log) && Files.readString(log, StandardCharsets.UTF_8)
                    .contains("kubewizard starting"), "the app wrote no log to " + log);
        } finally {
            stop(app);
            stop(server);
        }
    }

    // --- the launcher ---------------------------------------------------------------------------------------------

    private record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private Run launch(List<String> args, Map<String, String> env, int seconds) throws Exception {
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        Process p = processBuilder(args, env).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the launcher did not finish in " + seconds + " s: " + args);
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The launcher with this test's own home, temp, settings and log folders and no display unless given one. */
    private ProcessBuilder processBuilder(List<String> args, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile());
        Path tmp = Files.createDirectories(home.resolve("tmp"));
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.environment().remove("LOCALAPPDATA");
        pb.environment().put("HOME", home.toString());
        pb.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
        pb.environment().put("XDG_CACHE_HOME", home.resolve("cache").toString());
        // The JVM inside the launcher reads this: Java takes user.home from the password database, not from HOME.
        pb.environment().put("JAVA_TOOL_OPTIONS", "-Duser.home=" + home + " -Djava.io.tmpdir=" + tmp
                + " -Dkubewizard.logs=" + home.resolve("logs"));
        pb.environment().putAll(env);
        return pb;
    }

    private Path coursePlan() throws IOException {
        Path plan = home.resolve("course.yaml");
        try (InputStream in = PlanYaml.class.getResourceAsStream(PlanYaml.COURSE_EXAMPLE)) {
            Files.write(plan, in.readAllBytes());
        }
        return plan;
    }

    private static List<String> tree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    // --- the X server ---------------------------------------------------------------------------------------------

    static Optional<Matcher> wizardWindow(String tree) {
        for (String line : tree.split("\n")) {
            Matcher m = WINDOW.matcher(line);
            // The wizard's stage, not GTK's 10x10 application leader window of the same name.
            if (m.find() && Integer.parseInt(m.group(3)) > 100) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    private static String readLine(InputStream in, int seconds) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        Thread timeout = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
                in.close();
            } catch (InterruptedException | IOException e) {
                // read finished first
            }
        });
        timeout.setDaemon(true);
        timeout.start();
        String line = reader.readLine();
        timeout.interrupt();
        if (line == null || !line.strip().matches("\\d+")) {
            throw new AssertionError("Xvfb did not report its display number: " + line);
        }
        return line.strip();
    }

    private static void stop(Process p) throws InterruptedException {
        if (p == null) {
            return;
        }
        p.destroy();
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}

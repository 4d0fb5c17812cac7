import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Builds kubewizard's packages for the platform it runs on, from target/kubewizard.jar and target/lib (the normal
 * Maven build) with the JDK's own jlink and jpackage. Run by Maven (see the pom's "app-image" execution and the
 * "package" profile), from the project folder:
 *
 * <pre>
 *   java packaging/Packager.java --target target --version 0.1.0-SNAPSHOT [--installers] [--if-tools-present]
 * </pre>
 *
 * <ol>
 *   <li>target/jpackage/input: the jar and its libraries, without JavaFX (JavaFX goes into the runtime);</li>
 *   <li>target/jpackage/runtime: jlink of the JDK modules and this platform's JavaFX modules (packaging/jlink.txt),
 *       with JavaFX's native libraries beside the JDK's;</li>
 *   <li>target/jpackage/image: the app-image (packaging/app.txt, launcher.txt, PLATFORM/app-image.txt);</li>
 *   <li>with --installers, target/jpackage/installers: Linux .deb (when dpkg-deb and fakeroot are here) and a
 *       portable .tar.gz; Windows .msi, .exe and a portable .zip; macOS .dmg.</li>
 * </ol>
 *
 * The app-image is rebuilt only when one of its inputs changed. --if-tools-present makes a JDK without jlink or
 * jpackage (a bare JRE) a note instead of a failure; the smoke test then says the image is missing.
 */
public final class Packager {
    private static final Path PACKAGING = Path.of("packaging");
    private static final Pattern PLATFORM_JAR = Pattern.compile("javafx-[a-z]+-[0-9][^-]*-([a-z0-9-]+)\\.jar");

    private final Path target;
    private final String version;
    private final Os os;
    private final Path work;

    enum Os {
        LINUX("linux", "lib", ".so"), WINDOWS("windows", "bin", ".dll"), MACOS("macos", "lib", ".dylib");

        final String dir;
        final String nativeDir;
        final String nativeSuffix;

        Os(String dir, String nativeDir, String nativeSuffix) {
            this.dir = dir;
            this.nativeDir = nativeDir;
            this.nativeSuffix = nativeSuffix;
        }

        static Os current() {
            String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            return name.startsWith("windows") ? WINDOWS : name.startsWith("mac") ? MACOS : LINUX;
        }
    }

    private Packager(Path target, String version, Os os) {
        this.target = target;
        this.version = version;
        this.os = os;
        this.work = target.resolve("jpackage");
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of("target");
        String version = null;
        boolean installers = false;
        boolean ifToolsPresent = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--target" -> target = Path.of(args[++i]);
                case "--version" -> version = args[++i];
                case "--installers" -> installers = true;
                case "--if-tools-present" -> ifToolsPresent = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: java packaging/Packager.java --target DIR --version V [--installers]"
                        + " [--if-tools-present]");
            }
        }
        if (version == null) {
            throw new IllegalArgumentException("--version is required (the Maven project version)");
        }
        Os os = Os.current();
        if (installers && os == Os.WINDOWS) {
            // jpackage picks its WiX strings and culture by the locale it runs in: Chinese installer dialogs.
            // Set before any jpackage class loads, as it reads its resource bundles once.
            Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
        }
        Optional<ToolProvider> jlink = ToolProvider.findFirst("jlink");
        Optional<ToolProvider> jpackage = ToolProvider.findFirst("jpackage");
        if (jlink.isEmpty() || jpackage.isEmpty()) {
            String why = "this Java (" + System.getProperty("java.home") + ") has no jlink/jpackage: packaging needs"
                    + " a full JDK 17 (Debian: openjdk-17-jdk-headless)";
            if (ifToolsPresent) {
                System.out.println("[packaging] skipped: " + why);
                return;
            }
            throw new IllegalStateException(why);
        }
        Packager packager = new Packager(target, version, os);
        Path image = packager.appImage(jlink.get(), jpackage.get());
        if (installers) {
            packager.installers(jpackage.get(), image);
        }
    }

    // --- the app-image --------------------------------------------------------------------------------------------

    private Path appImage(ToolProvider jlink, ToolProvider jpackage) throws IOException {
        Path jar = target.resolve("kubewizard.jar");
        Path lib = target.resolve("lib");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
            throw new IllegalStateException(jar + " or " + lib + " is missing: run the Maven package phase first");
        }
        Path images = work.resolve("image");
        Path image = images.resolve(os == Os.MACOS ? "kubewizard.app" : "kubewizard");
        Path stamp = work.resolve("image.stamp");
        String fingerprint = fingerprint(jar, lib);
        if (Files.isDirectory(image) && Files.isRegularFile(stamp)
                && Files.readString(stamp, StandardCharsets.UTF_8).equals(fingerprint)) {
            log("app-image is up to date: " + image);
            return image;
        }
        long start = System.nanoTime();
        Files.deleteIfExists(stamp);

        Path input = fresh(work.resolve("input"));
        Files.copy(jar, input.resolve("kubewizard.jar"));
        Path inputLib = Files.createDirectories(input.resolve("lib"));
        List<Path> javafx = new ArrayList<>();
        for (Path file : list(lib)) {
            String name = file.getFileName().toString();
            if (!name.startsWith("javafx-")) {
                Files.copy(file, inputLib.resolve(name));
            } else if (PLATFORM_JAR.matcher(name).matches()) {
                javafx.add(file); // the classifier-less javafx-*.jar are empty placeholders
            }
        }
        if (javafx.isEmpty()) {
            throw new IllegalStateException("no javafx-*-<platform>.jar in " + lib);
        }

        Path runtime = work.resolve("runtime");
        delete(runtime);
        List<String> link = new ArrayList<>(List.of("@" + PACKAGING.resolve("jlink.txt"),
                "--module-path", String.join(java.io.File.pathSeparator, javafx.stream().map(Path::toString).toList()),
                "--output", runtime.toString()));
        run(jlink, link);
        Path natives = runtime.resolve(os.nativeDir);
        for (Path fx : javafx) {
            extractNatives(fx, natives);
        }

        delete(images);
        List<String> pack = new ArrayList<>(List.of("--type", "app-image",
                "@" + PACKAGING.resolve("app.txt"), "@" + PACKAGING.resolve("launcher.txt"),
                "@" + PACKAGING.resolve(os.dir).resolve("app-image.txt"),
                "--input", input.toString(), "--runtime-image", runtime.toString(),
                "--dest", images.toString(), "--app-version", appVersion()));
        run(jpackage, pack);
        Files.writeString(stamp, fingerprint, StandardCharsets.UTF_8);
        log(String.format("app-image %s: %d MB in %.0f s", image, size(image) / 1_000_000,
                (System.nanoTime() - start) / 1e9));
        return image;
    }

    /** JavaFX's native libraries, from its platform jar into the runtime beside the JDK's own. */
    private void extractNatives(Path jar, Path into) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                String name = entry.getName();
                if (!entry.isDirectory() && !name.contains("/") && name.endsWith(os.nativeSuffix)) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, into.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    /** What the image is made of: the jars, the packaging files and the icons (names, sizes, times). */
    private String fingerprint(Path jar, Path lib) throws IOException {
        List<Path> inputs = new ArrayList<>(List.of(jar));
        inputs.addAll(list(lib));
        try (Stream<Path> files = Stream.concat(Files.walk(PACKAGING), Files.walk(Path.of("icons")))) {
            inputs.addAll(files.filter(Files::isRegularFile).sorted().toList());
        }
        StringBuilder b = new StringBuilder(version).append('\n').append(System.getProperty("java.home")).append('\n');
        for (Path p : inputs) {
            FileTime time = Files.getLastModifiedTime(p);
            b.append(p).append(' ').append(Files.size(p)).append(' ').append(time.toMillis()).append('\n');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(b.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The version jpackage accepts: numbers only (0.1.0-SNAPSHOT becomes 0.1.0). macOS refuses a bundle version
     * starting with 0, so there a 0.x release is packaged as 1.0.0 (the app's --version still tells the truth).
     */
    private String appVersion() {
        Matcher m = Pattern.compile("^(\\d+)(\\.\\d+)?(\\.\\d+)?").matcher(version);
        if (!m.find()) {
            throw new IllegalArgumentException("version " + version + " does not start with a number");
        }
        String numeric = m.group();
        if (os == Os.MACOS && m.group(1).equals("0")) {
            log("macOS bundle versions cannot start with 0: packaging " + version + " as 1.0.0");
            return "1.0.0";
        }
        return numeric;
    }

    // --- installers -----------------------------------------------------------------------------------------------

    private void installers(ToolProvider jpackage, Path image) throws IOException {
        Path out = fresh(work.resolve("installers"));
        String arch = System.getProperty("os.arch").replace("amd64", "x64");
        switch (os) {
            case LINUX -> {
                if (onPath("dpkg-deb") && onPath("fakeroot")) {
                    installer(jpackage, image, out, "deb.txt");
                } else {
                    log("no .deb: jpackage needs dpkg-deb and fakeroot (apt-get install fakeroot)");
                }
                tarGz(image, out.resolve("kubewizard-" + version + "-linux-" + arch + ".tar.gz"));
            }
            case WINDOWS -> {
                installer(jpackage, image, out, "installer.txt", "msi.txt");
                installer(jpackage, image, out, "installer.txt", "exe.txt");
                zip(image, out.resolve("kubewizard-" + version + "-windows-" + arch + "-portable.zip"));
            }
            case MACOS -> installer(jpackage, image, out, "dmg.txt");
        }
        for (Path file : list(out)) {
            log(String.format("%s: %.1f MB", file, Files.size(file) / 1e6));
        }
    }

    private void installer(ToolProvider jpackage, Path image, Path out, String... argFiles) throws IOException {
        List<String> args = new ArrayList<>(List.of("@" + PACKAGING.resolve("app.txt")));
        for (String f : argFiles) {
            args.add("@" + PACKAGING.resolve(os.dir).resolve(f));
        }
        args.addAll(List.of("--app-image", image.toString(), "--dest", out.toString(), "--app-version", appVersion()));
        if (os == Os.WINDOWS) {
            args.add("--verbose"); // shows light.exe's -cultures: whether the installer speaks Chinese
        }
        run(jpackage, args);
    }

    private static void tarGz(Path image, Path archive) throws IOException {
        // tar keeps the launchers executable; it is on every Linux and macOS.
        Process p = new ProcessBuilder("tar", "-C", image.getParent().toString(), "-czf", archive.toString(),
                image.getFileName().toString()).inheritIO().start();
        try {
            if (p.waitFor() != 0) {
                throw new IllegalStateException("tar failed for " + archive);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void zip(Path image, Path archive) throws IOException {
        try (OutputStream file = Files.newOutputStream(archive); ZipOutputStream zip = new ZipOutputStream(file);
             Stream<Path> files = Files.walk(image)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(image.getParent().relativize(p).toString().replace('\\', '/')));
                Files.copy(p, zip);
                zip.closeEntry();
            }
        }
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private static void run(ToolProvider tool, List<String> arguments) throws IOException {
        List<String> args = new ArrayList<>();
        for (String a : arguments) {
            if (a.startsWith("@")) {
                args.addAll(argFile(Path.of(a.substring(1))));
            } else {
                args.add(a);
            }
        }
        log(tool.name() + " " + String.join(" ", args));
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = tool.run(out, err, args.toArray(String[]::new));
        if (code != 0) {
            throw new IllegalStateException(tool.name() + " failed with exit code " + code);
        }
    }

    /**
     * The options of an @argument file, read as the jlink and jpackage commands read it (a tool run in-process does
     * not expand @files itself): words separated by white space, "quoted" or 'quoted' words may hold spaces, and a
     * line starting with # is a comment.
     */
    static List<String> argFile(Path file) throws IOException {
        List<String> words = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            StringBuilder word = null;
            char quote = 0;
            for (char c : trimmed.toCharArray()) {
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else {
                        word.append(c);
                    }
                } else if (c == '"' || c == '\'') {
                    quote = c;
                    word = word == null ? new StringBuilder() : word;
                } else if (Character.isWhitespace(c)) {
                    if (word != null) {
                        words.add(word.toString());
                        word = null;
                    }
                } else {
                    word = word == null ? new StringBuilder() : word;
                    word.append(c);
                }
            }
            if (quote != 0) {
                throw new IllegalArgumentException(file + ": unclosed quote in " + line);
            }
            if (word != null) {
                words.add(word.toString());
            }
        }
        return words;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static Path fresh(Path dir) throws IOException {
        delete(dir);
        return Files.createDirectories(dir);
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void log(String line) {
        System.out.println("[packaging] " + line);
    }
}

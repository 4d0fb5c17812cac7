package dev.kubewizard.recipe;

import dev.kubewizard.plan.PlanYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes a recipe to a folder a person can read and run by hand: {@code DIR/<hostname>/NN-<step>.sh}, its check
 * beside it as {@code NN-<step>.check.sh}, every file a step writes under {@code DIR/<hostname>/files/<absolute path>}
 * (alternatives chosen on the node get a {@code .<variant>} suffix), {@code order.tsv} with the run order across
 * machines, and the plan. Text is UTF-8 with LF line endings on every platform.
 */
public final class ScriptExport {
    /** Marks a folder as ours, so that exporting again may replace it. */
    public static final String MARKER = ".kubewizard-export";

    private ScriptExport() {
    }

    /** What was written: the number of scripts and files. */
    public record Summary(int scripts, int files) {
    }

    public static Summary write(Recipe recipe, Path dir) throws IOException {
        prepare(dir);
        Map<String, Integer> numbers = new HashMap<>();
        StringBuilder order = new StringBuilder("# phase\thost\tscript\ttitle\n");
        int scripts = 0;
        int files = 0;
        for (Step step : recipe.steps()) {
            int n = numbers.merge(step.host(), 1, Integer::sum);
            String base = String.format("%02d-%s", n, step.id());
            Path hostDir = dir.resolve(step.host());
            writeText(hostDir.resolve(base + ".sh"), step.script(), true);
            writeText(hostDir.resolve(base + ".check.sh"), step.check(), true);
            scripts++;
            for (StepFile f : step.files()) {
                String name = f.variant() == null ? f.path() : f.path() + "." + f.variant();
                writeText(hostDir.resolve("files").resolve(name.substring(1)), f.content(), false);
                files++;
            }
            order.append(step.phase().id()).append('\t').append(step.host()).append('\t').append(base).append(".sh\t")
                    .append(step.title().en()).append('\n');
        }
        writeText(dir.resolve("order.tsv"), order.toString(), false);
        writeText(dir.resolve("plan.yaml"), PlanYaml.toYaml(recipe.plan()), false);
        writeText(dir.resolve(MARKER), "kubewizard script export\n", false);
        return new Summary(scripts, files);
    }

    /** An empty or absent folder is used as it is; an earlier export is replaced; anything else is refused. */
    private static void prepare(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            Files.createDirectories(dir);
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a folder");
        }
        boolean empty;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            empty = !entries.iterator().hasNext();
        }
        if (empty) {
            return;
        }
        if (!Files.exists(dir.resolve(MARKER))) {
            throw new IOException(dir + " is not empty and is not an earlier kubewizard export; choose an empty folder");
        }
        List<Path> old = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(p -> !p.equals(dir)).sorted(Comparator.reverseOrder()).forEach(old::add);
        }
        for (Path p : old) {
            Files.delete(p);
        }
    }

    private static void writeText(Path file, String text, boolean executable) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text.replace("\r\n", "\n"), StandardCharsets.UTF_8);
        if (executable && Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Set<PosixFilePermission> perms = PosixFilePermissions.fromString("rwxr-xr-x");
            Files.setPosixFilePermissions(file, perms);
        }
    }
}

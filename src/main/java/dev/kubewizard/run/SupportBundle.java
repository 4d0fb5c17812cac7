package dev.kubewizard.run;

import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.recipe.Recipe;
import dev.kubewizard.recipe.ScriptExport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A zip a teacher can send when an install goes wrong: {@code summary.txt}, the plan, the journal, the node logs of
 * the latest runs and the rendered scripts. Every entry is text and passes through the masker on its way in, so no
 * secret can leave in it even if one slipped into a file.
 */
public final class SupportBundle {
    /** How many runs' logs go in, newest first. */
    static final int RUNS_KEPT = 5;

    private SupportBundle() {
    }

    /**
     * @param journal the journal file, or null
     * @param logs    the folder holding one folder of node logs per run, or null
     */
    public static void write(Path zip, Recipe recipe, Path journal, Path logs, String summary,
                             UnaryOperator<String> masker) throws IOException {
        Path absolute = zip.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path scripts = Files.createTempDirectory("kubewizard-bundle-");
        Path temp = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".tmp");
        try {
            try (OutputStream file = Files.newOutputStream(temp); ZipOutputStream out = new ZipOutputStream(file,
                    StandardCharsets.UTF_8)) {
                text(out, "summary.txt", summary, masker);
                text(out, "plan.yaml", PlanYaml.toYaml(recipe.plan()), masker);
                if (journal != null && Files.isRegularFile(journal)) {
                    text(out, "journal.json", Files.readString(journal, StandardCharsets.UTF_8), masker);
                }
                if (logs != null && Files.isDirectory(logs)) {
                    for (Path run : latestRuns(logs)) {
                        for (Path log : files(run)) {
                            text(out, "logs/" + run.getFileName() + "/" + run.relativize(log).toString()
                                    .replace('\\', '/'), Files.readString(log, StandardCharsets.UTF_8), masker);
                        }
                    }
                }
                Path exported = scripts.resolve("scripts");
                ScriptExport.write(recipe, exported);
                for (Path f : files(exported)) {
                    text(out, "scripts/" + exported.relativize(f).toString().replace('\\', '/'),
                            Files.readString(f, StandardCharsets.UTF_8), masker);
                }
            }
            Files.move(temp, absolute, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
            deleteTree(scripts);
        }
    }

    private static List<Path> latestRuns(Path logs) throws IOException {
        try (Stream<Path> runs = Files.list(logs)) {
            return runs.filter(Files::isDirectory).sorted(Comparator.comparing(Path::getFileName).reversed())
                    .limit(RUNS_KEPT).toList();
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static void text(ZipOutputStream out, String name, String content, UnaryOperator<String> masker)
            throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(masker.apply(content).getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(all::add);
        }
        for (Path p : all) {
            Files.deleteIfExists(p);
        }
    }
}

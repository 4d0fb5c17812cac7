package dev.kubewizard.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.plan.PlanYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The course plan's whole rendering, kept under src/test/resources/golden/course and reviewed by eye. A change to any
 * generated script or file shows up here as a diff to review. To accept a reviewed change:
 * {@code mvn test -Dtest=GoldenRenderTest -Dkubewizard.golden.update=true}, then read the git diff.
 */
class GoldenRenderTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/course");

    @TempDir
    Path tmp;

    @Test
    void theCoursePlanRendersExactlyAsReviewed() throws IOException {
        Recipe recipe = InstallRecipe.build(PlanYaml.courseExample(), RecipeInputs.none());
        Path out = tmp.resolve("course");
        ScriptExport.write(recipe, out);
        if (Boolean.getBoolean("kubewizard.golden.update")) {
            if (Files.exists(GOLDEN)) {
                try (Stream<Path> old = Files.walk(GOLDEN)) {
                    for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            for (Path f : list(out)) {
                Path target = GOLDEN.resolve(f.toString());
                Files.createDirectories(target.getParent());
                Files.copy(out.resolve(f), target);
            }
        }
        assertTrue(Files.isDirectory(GOLDEN), "no golden files yet: run with -Dkubewizard.golden.update=true");
        List<Path> expected = list(GOLDEN);
        List<Path> actual = list(out);
        assertEquals(expected, actual, "the set of rendered files changed");
        for (Path f : expected) {
            assertEquals(Files.readString(GOLDEN.resolve(f), StandardCharsets.UTF_8),
                    Files.readString(out.resolve(f), StandardCharsets.UTF_8), "rendered " + f + " changed");
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }
}

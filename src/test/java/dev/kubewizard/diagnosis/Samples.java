package dev.kubewizard.diagnosis;

import dev.kubewizard.recipe.Phase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The failure samples under src/test/resources/dev/kubewizard/diagnosis, and shortcuts to build failed steps. */
final class Samples {
    private Samples() {
    }

    /** The sample's output lines, without its leading "#" provenance lines (carriage returns kept). */
    static List<String> lines(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/dev/kubewizard/diagnosis/" + name)) {
            if (in == null) {
                throw new AssertionError("no sample " + name);
            }
            return withoutProvenance(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> split(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private static List<String> withoutProvenance(String text) {
        List<String> lines = split(text);
        int first = 0;
        while (first < lines.size() && lines.get(first).startsWith("#")) {
            first++;
        }
        return lines.subList(first, lines.size());
    }

    static FailedStep failed(Phase phase, int exitCode, List<String> output) {
        return FailedStep.exited("step", phase, "k8s-master1", exitCode, output);
    }

    static List<String> ids(List<Finding> findings) {
        return findings.stream().map(Finding::id).toList();
    }
}

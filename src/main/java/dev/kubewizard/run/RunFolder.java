package dev.kubewizard.run;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where a run keeps its files, beside the plan so that they travel with it: {@code .kubewizard/<plan name>/} next to
 * the plan file holds {@code journal.json} and {@code logs/<run id>/<host>.log}.
 */
public record RunFolder(Path dir) {
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    public RunFolder {
        dir = dir.toAbsolutePath().normalize();
    }

    /** The folder for a plan file: {@code <plan folder>/.kubewizard/<plan file name without .yaml>}. */
    public static RunFolder besidePlan(Path planFile) {
        Path absolute = planFile.toAbsolutePath().normalize();
        String name = absolute.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
        return new RunFolder(absolute.getParent().resolve(".kubewizard").resolve(name));
    }

    public Path journal() {
        return dir.resolve("journal.json");
    }

    public Path logs() {
        return dir.resolve("logs");
    }

    /** A new run's log folder, named by the time the run started. */
    Path logsOfRun(String runId) {
        return logs().resolve(runId);
    }

    static String newRunId(LocalDateTime now) {
        return RUN_ID.format(now);
    }
}

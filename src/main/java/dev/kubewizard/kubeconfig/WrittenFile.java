package dev.kubewizard.kubeconfig;

import java.nio.file.Path;
import java.util.Optional;

/** What a kubeconfig write did: the file, whether it was created, replaced or already up to date, and the backup. */
public record WrittenFile(Path path, Outcome outcome, Optional<Path> backup) {
    public enum Outcome {
        /** There was no file; now there is. */
        CREATED,
        /** The file had other content; it was kept as {@link #backup()} and replaced. */
        REPLACED,
        /** The file already had exactly this content: nothing written, no backup. */
        UNCHANGED
    }
}

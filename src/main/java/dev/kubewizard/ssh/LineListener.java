package dev.kubewizard.ssh;

/**
 * Receives a remote command's output lines as they arrive. Called from the command's reader threads, one call at a
 * time per command; keep it quick (append to a buffer, never touch a GUI directly).
 */
@FunctionalInterface
public interface LineListener {
    LineListener IGNORE = line -> {
    };

    void onLine(OutputLine line);
}

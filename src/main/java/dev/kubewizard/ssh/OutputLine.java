package dev.kubewizard.ssh;

import java.time.Instant;

/**
 * One line a remote command printed, already masked, without its line break, stamped with the time it arrived.
 *
 * @param source standard output or standard error of the remote command
 */
public record OutputLine(Instant time, Source source, String text) {
    public enum Source {
        STDOUT, STDERR
    }
}

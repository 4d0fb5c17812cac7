package dev.kubewizard.ui.mirrors;

/** Where one URL's reachability test stands. */
public enum ProbeStatus {
    /** Not tested yet (or the field changed since). */
    NOT_TESTED,
    RUNNING,
    /** Answered as a working mirror does (2xx, 3xx, or 401 from a registry that wants a login). */
    REACHABLE,
    /** Answered, but not as the mirror should (404, 5xx...): wrong path or a broken mirror. */
    WRONG_ANSWER,
    /** No answer: name not found, connection refused, or timed out. */
    UNREACHABLE
}

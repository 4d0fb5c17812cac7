package dev.kubewizard.diagnosis;

import dev.kubewizard.recipe.Phase;

/**
 * What earlier lines said that a later line needs: apt prints a failing source on one line ({@code Err:3 URL noble
 * InRelease}) and the reason on the next ({@code 404  Not Found}); curl prints its error before kubewizard names the
 * URL it was fetching.
 */
final class ScanState {
    final Phase phase;
    final String host;
    /** The URL of the apt source line (Err:, Ign:, Get:, Hit:, Error:) just before this line, or null. */
    String aptSource;
    /** That line itself. */
    String aptSourceLine;
    /** The source named on this line, for the next one. */
    String pendingAptSource;
    String pendingAptSourceLine;
    /** The exit code of the last {@code curl: (N) ...} line, 0 if none. */
    int lastCurlError;

    ScanState(Phase phase, String host) {
        this.phase = phase;
        this.host = host;
    }
}

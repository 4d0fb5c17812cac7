package dev.kubewizard.recipe;

import dev.kubewizard.text.Messages;

/**
 * Bash functions that several node-prep steps share (named prep_*, so they never clash with the kw_* library). A
 * step includes the text of each function it uses, like the library's, so every script stays self-contained.
 */
final class PrepShellFunctions {
    /** {@code prep_fail MESSAGE}: stops the step with a message for the person watching. */
    static final String FAIL = """
            prep_fail() {
              echo "kubewizard: $*" >&2
              exit 1
            }

            """;

    /**
     * {@code prep_retire FILE}: moves a file out of the way into kubewizard's backup folder, e.g. an old apt source
     * of the same repository (the course's docker.list), which would otherwise clash with the new one.
     */
    static final String RETIRE = """
            prep_retire() {
              local file=$1 keep="/var/backups/kubewizard$1"
              [ -e "$file" ] || return 0
              mkdir -p "$(dirname "$keep")"
              if [ -e "$keep" ]; then
                keep="$keep.$(date +%Y%m%d%H%M%S)"
              fi
              mv "$file" "$keep"
              echo "moved aside: $file -> $keep"
            }

            """;

    private PrepShellFunctions() {
    }

    /** A {@code prep_fail} line with a bundle message in both languages. */
    static String failWith(String key, Object... args) {
        return "prep_fail " + Bash.quote(Messages.text(key, args).toString());
    }
}

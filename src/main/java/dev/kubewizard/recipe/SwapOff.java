package dev.kubewizard.recipe;

import dev.kubewizard.plan.PlanHost;

/**
 * Swap off now ({@code swapoff -a}) and after a reboot: every active swap line of /etc/fstab (24.04's /swap.img) is
 * commented out. Unlike the course's {@code sed '/ swap / s/^/#/'}, a line already commented is left alone, so a
 * second run changes nothing.
 */
public final class SwapOff {
    /** {@code prep_fstab_without_swap < FSTAB > NEW}: the fstab with each uncommented swap entry commented. */
    static final String FSTAB_FUNCTION = """
            prep_fstab_without_swap() {
              awk '/^[ \\t]*#/ || $3 != "swap" { print; next } { print "#" $0 }'
            }

            """;

    /** {@code prep_fstab_has_swap FILE}: true when the file still has an uncommented swap entry. */
    static final String HAS_SWAP_FUNCTION = """
            prep_fstab_has_swap() {
              awk '!/^[ \\t]*#/ && $3 == "swap" { found = 1 } END { exit !found }' "$1"
            }

            """;

    private SwapOff() {
    }

    public static Step step(PlanHost host) {
        return new StepBuilder("swap", Phase.PREP, host).texts("prep.swap")
                .run(FSTAB_FUNCTION,
                        "swapoff -a",
                        "fstab=$(mktemp)",
                        "trap 'rm -f \"$fstab\"' EXIT",
                        "prep_fstab_without_swap < /etc/fstab > \"$fstab\"",
                        "if cmp -s \"$fstab\" /etc/fstab; then",
                        "  echo \"unchanged: /etc/fstab\"",
                        "else",
                        "  kw_write_file /etc/fstab \"$(stat -c %a /etc/fstab)\" < \"$fstab\"",
                        "  # systemd turns fstab lines into swap units: let it forget the commented ones",
                        "  systemctl daemon-reload",
                        "fi",
                        "swapon --show")
                .check(HAS_SWAP_FUNCTION,
                        "[ -z \"$(swapon --show --noheadings)\" ]",
                        "if prep_fstab_has_swap /etc/fstab; then exit 1; fi")
                .build();
    }
}

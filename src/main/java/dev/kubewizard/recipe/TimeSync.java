package dev.kubewizard.recipe;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.PlanHost;
import dev.kubewizard.text.Messages;
import java.util.List;

/**
 * Time sync with chrony (it replaces systemd-timesyncd; the course's ntpdate must not run beside chronyd). The plan's
 * NTP servers go into a file of their own under /etc/chrony/sources.d, and the default pool/server lines of
 * /etc/chrony/chrony.conf are commented out as the course does. chrony restarts only when something changed.
 */
public final class TimeSync {
    public static final String SOURCES_FILE = "/etc/chrony/sources.d/kubewizard.sources";
    public static final String CHRONY_CONF = "/etc/chrony/chrony.conf";

    /**
     * {@code prep_chrony_conf < CHRONY_CONF > NEW}: default pool/server/peer lines commented out, and a
     * {@code sourcedir /etc/chrony/sources.d} line added if the file has none (Ubuntu's has it).
     */
    static final String CONF_FUNCTION = """
            prep_chrony_conf() {
              awk '
                /^[ \\t]*(pool|server|peer)[ \\t]/ { print "#" $0; next }
                /^[ \\t]*sourcedir[ \\t]+\\/etc\\/chrony\\/sources\\.d\\/?[ \\t]*$/ { dir = 1 }
                { print }
                END { if (!dir) print "sourcedir /etc/chrony/sources.d" }'
            }

            """;

    private TimeSync() {
    }

    /** The plan's servers, one {@code server NAME iburst} line each. */
    public static String sourcesFile(List<String> servers) {
        StringBuilder b = new StringBuilder("# Written by kubewizard: the plan's NTP servers\n");
        for (String s : servers) {
            b.append("server ").append(s).append(" iburst\n");
        }
        return b.toString();
    }

    public static Step step(ClusterPlan plan, PlanHost host) {
        List<String> servers = plan.mirrors() == null || plan.mirrors().ntp() == null ? List.of()
                : plan.mirrors().ntp().stream().filter(s -> s != null && !s.isBlank()).map(String::strip).toList();
        StepBuilder s = new StepBuilder("time-sync", Phase.PREP, host);
        if (servers.isEmpty()) {
            s.title(Messages.text("prep.timeSync.title")).why(Messages.text("prep.timeSync.whyDefaultServers"));
        } else {
            s.texts("prep.timeSync", String.join(", ", servers));
        }
        String files = CHRONY_CONF + " " + SOURCES_FILE;
        s.run("before=$(kw_fingerprint " + files + ")");
        if (!servers.isEmpty()) {
            s.run(CONF_FUNCTION,
                    "conf=$(mktemp)",
                    "trap 'rm -f \"$conf\"' EXIT",
                    "prep_chrony_conf < " + CHRONY_CONF + " > \"$conf\"",
                    "kw_write_file " + CHRONY_CONF + " \"$(stat -c %a " + CHRONY_CONF + ")\" < \"$conf\"");
            s.write(StepFile.of(SOURCES_FILE, "0644", sourcesFile(servers)));
        }
        StringBuilder listed = new StringBuilder("grep -qwF");
        for (String server : servers) {
            listed.append(" -e ").append(Bash.quote(server));
        }
        s.run("after=$(kw_fingerprint " + files + ")",
                "systemctl is-enabled --quiet chrony || systemctl enable chrony",
                "if [ \"$before\" != \"$after\" ]; then",
                "  systemctl restart chrony",
                "elif ! systemctl is-active --quiet chrony; then",
                "  systemctl start chrony");
        if (!servers.isEmpty()) {
            s.run("elif ! " + listed + " <<< \"$(chronyc -N sources)\"; then",
                    "  # an earlier run wrote the files but was cut off before this restart",
                    "  systemctl restart chrony");
        }
        s.run("fi",
                "# iburst: the first answers arrive within seconds; then step the clock at once instead of slewing",
                "chronyc waitsync 20 0 0 1 || echo \"no time source answered yet; chrony keeps trying\"",
                "chronyc makestep",
                "chronyc sources");
        if (!servers.isEmpty()) {
            s.checkFile(StepFile.of(SOURCES_FILE, "0644", sourcesFile(servers)))
                    .check("if grep -Eq '^[[:space:]]*(pool|server|peer)[[:space:]]' " + CHRONY_CONF
                            + "; then exit 1; fi");
            // the names as configured (-N), read whole before grep so that an early grep exit cannot fail the pipe
            s.check("systemctl is-enabled --quiet chrony", "systemctl is-active --quiet chrony",
                    "sources=$(chronyc -N sources)", listed.append(" <<< \"$sources\"").toString());
        } else {
            s.check("systemctl is-enabled --quiet chrony", "systemctl is-active --quiet chrony");
        }
        return s.build();
    }
}

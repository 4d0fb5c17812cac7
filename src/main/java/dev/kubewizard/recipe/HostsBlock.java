package dev.kubewizard.recipe;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.Endpoint;
import dev.kubewizard.plan.PlanHost;
import dev.kubewizard.text.Messages;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The kubewizard block of /etc/hosts: every plan machine and the control-plane endpoint name (mapped to the VIP),
 * between BEGIN/END marker lines. The step replaces an earlier block in place instead of appending with {@code >>}
 * like the course (appending is not idempotent), leaves every other line alone, and takes the plan's names off
 * loopback lines such as the {@code 127.0.1.1 <old-name>} line of a cloned VM so that each name resolves to its plan
 * address.
 */
public final class HostsBlock {
    public static final String BEGIN = "# BEGIN kubewizard";
    public static final String END = "# END kubewizard";

    /** One line of the block. */
    public record Entry(String address, String name) {
    }

    private HostsBlock() {
    }

    /** The block's entries: every machine in plan order, then the endpoint name (when it is a name) → VIP. */
    public static List<Entry> entries(ClusterPlan plan) {
        List<Entry> entries = new ArrayList<>();
        for (PlanHost h : plan.hosts()) {
            entries.add(new Entry(h.address(), h.hostname()));
        }
        Endpoint endpoint = plan.cluster() == null ? null : plan.cluster().endpoint();
        if (endpoint != null && isName(endpoint.host()) && endpoint.vip() != null && !endpoint.vip().isBlank()) {
            entries.add(new Entry(endpoint.vip(), endpoint.host()));
        }
        return entries;
    }

    /** The names the block maps, without repeats. */
    public static Set<String> names(ClusterPlan plan) {
        Set<String> names = new LinkedHashSet<>();
        entries(plan).forEach(e -> names.add(e.name()));
        return names;
    }

    /** The block as it appears in /etc/hosts, marker lines included. */
    public static String block(ClusterPlan plan) {
        StringBuilder b = new StringBuilder();
        b.append(BEGIN).append(" (kubewizard rewrites these lines from the plan; edit the plan, not here)\n");
        for (Entry e : entries(plan)) {
            b.append(String.format("%-15s %s", e.address(), e.name())).append('\n');
        }
        b.append(END).append('\n');
        return b.toString();
    }

    /**
     * {@code prep_hosts_merge BLOCK_FILE "NAME..." < HOSTS > NEW}: the hosts file with the block in place. The block
     * stays where an earlier one was; it moves up only when a line before it maps one of the names elsewhere (the
     * first match wins), and goes to the end of a file that had none. A loopback line (127.x, ::1) loses the plan's
     * names; one left without names is commented out. A BEGIN without END is left as ordinary lines. POSIX awk
     * (Ubuntu's default awk is mawk).
     */
    static final String MERGE_FUNCTION = """
            prep_hosts_merge() {
              awk -v blockfile="$1" -v names="$2" '
                BEGIN {
                  n = split(names, list, " ")
                  for (i = 1; i <= n; i++) plan[list[i]] = 1
                  while ((getline b < blockfile) > 0) block[++blen] = b
                  close(blockfile)
                }
                !inblock && /^# BEGIN kubewizard/ { inblock = 1; held = 0; held_line[++held] = $0; next }
                inblock {
                  held_line[++held] = $0
                  if ($0 ~ /^# END kubewizard/) { inblock = 0; if (!at) at = count + 1 }
                  next
                }
                { keep($0) }
                END {
                  if (inblock) for (i = 1; i <= held; i++) keep(held_line[i])
                  pos = at
                  if (conflict && (!pos || conflict < pos)) pos = conflict
                  if (!pos) pos = count + 1
                  for (i = 1; i <= count + 1; i++) {
                    if (i == pos) for (j = 1; j <= blen; j++) print block[j]
                    if (i <= count) print out[i]
                  }
                }
                function keep(line,    body, c, nf, f, i, kept, named, dropped) {
                  body = line
                  c = index(line, "#")
                  if (c > 0) body = substr(line, 1, c - 1)
                  nf = split(body, f, " ")
                  if (nf >= 2 && (f[1] ~ /^127[.]/ || f[1] == "::1")) {
                    kept = f[1]; named = 0; dropped = 0
                    for (i = 2; i <= nf; i++) {
                      if (f[i] in plan) dropped = 1
                      else { kept = kept " " f[i]; named = 1 }
                    }
                    if (dropped && named) line = kept (c > 0 ? " " substr(line, c) : "")
                    else if (dropped) line = "#" line "  # kubewizard: these names map to their plan addresses"
                  } else if (nf >= 2 && !conflict) {
                    for (i = 2; i <= nf; i++) if (f[i] in plan) { conflict = count + 1; break }
                  }
                  out[++count] = line
                }'
            }

            """;

    /** {@code prep_resolves_to NAME ADDRESS}: true when the first address the system finds for NAME is ADDRESS. */
    static final String RESOLVES_FUNCTION = """
            prep_resolves_to() {
              [ "$(getent hosts "$1" | awk '{ print $1; exit }')" = "$2" ]
            }

            """;

    /** The hosts step. */
    public static Step step(ClusterPlan plan, PlanHost host) {
        Endpoint endpoint = plan.cluster() == null ? null : plan.cluster().endpoint();
        String endpointName = endpoint == null || endpoint.host() == null ? "" : endpoint.host();
        String vip = endpoint == null || endpoint.vip() == null ? "" : endpoint.vip();
        String names = Bash.quote(String.join(" ", names(plan)));
        String blockDoc = Bash.heredoc(block(plan));
        String prepare = MERGE_FUNCTION
                + "block=$(mktemp)\n"
                + "merged=$(mktemp)\n"
                + "trap 'rm -f \"$block\" \"$merged\"' EXIT\n"
                + "cat > \"$block\" " + blockDoc + "\n"
                + "prep_hosts_merge \"$block\" " + names + " < /etc/hosts > \"$merged\"\n";
        StringBuilder resolves = new StringBuilder(RESOLVES_FUNCTION);
        for (Entry e : entries(plan)) {
            resolves.append("prep_resolves_to ").append(Bash.quote(e.name())).append(' ')
                    .append(Bash.quote(e.address())).append('\n');
        }
        StepBuilder builder = new StepBuilder("hosts", Phase.PREP, host);
        if (isName(endpointName)) {
            builder.texts("prep.hosts", endpointName, vip);
        } else {
            builder.title(Messages.text("prep.hosts.title")).why(Messages.text("prep.hosts.whyWithoutEndpointName"));
        }
        return builder
                .run(prepare,
                        "kw_write_file /etc/hosts 0644 < \"$merged\"",
                        "getent hosts " + Bash.words(List.copyOf(names(plan))))
                .check(prepare, "cmp -s \"$merged\" /etc/hosts", resolves.toString())
                .build();
    }

    private static boolean isName(String host) {
        return host != null && !host.isBlank() && !host.matches("[0-9.]+") && !host.contains(":");
    }
}

package dev.kubewizard.recipe;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.Node;
import java.util.List;

/**
 * The nginx TCP (stream) load balancer of external mode: the stream configuration file and the one managed line that
 * includes it from the top level of nginx.conf.
 *
 * <p>Ubuntu's nginx.conf includes {@code conf.d/*.conf} inside {@code http}, where a stream block fails with
 * {@code "stream" directive is not allowed here}; the course puts it exactly there. So the block lives in its own
 * directory, included right after the {@code modules-enabled} include that loads the stream module.
 */
public final class NginxStreamConfig {
    public static final String NGINX_CONF = "/etc/nginx/nginx.conf";
    public static final String STREAM_DIR = "/etc/nginx/stream.d";
    public static final String STREAM_FILE = STREAM_DIR + "/kubernetes.conf";
    /** Where the original nginx.conf is kept the first time the include line is added (as kw_write_file does). */
    public static final String NGINX_CONF_BACKUP = "/var/backups/kubewizard" + NGINX_CONF;
    /** Failed connection attempts within {@link #FAIL_TIMEOUT} that take a master out for that long (the course's). */
    static final int MAX_FAILS = 3;
    static final String FAIL_TIMEOUT = "30s";
    /** A master on the same LAN accepts in milliseconds; a powered-off one would otherwise stall a client 60 s. */
    static final String CONNECT_TIMEOUT = "5s";
    /** Idle limit of a proxied connection: longer than any watch, exec or logs -f session of a class day. */
    static final String IDLE_TIMEOUT = "24h";

    private static final String INSERT_FUNCTION = """
            lb_top_level_include() {
              # lb_top_level_include CONF LINE BACKUP : adds LINE to nginx.conf once, at the top level: right after
              # the modules-enabled include (the stream module must be loaded first), else at the end (top level too).
              # Nothing else in the file changes; the original is kept at BACKUP the first time.
              local conf=$1 line=$2 backup=$3 tmp
              if grep -qxF -- "$line" "$conf"; then
                echo "unchanged: $conf"
                return 0
              fi
              if [ ! -e "$backup" ]; then
                mkdir -p "$(dirname "$backup")"
                cp -p "$conf" "$backup"
                echo "original kept: $backup"
              fi
              tmp=$(mktemp)
              awk -v line="$line" '
                { print }
                !done && /^[[:space:]]*include[[:space:]]+[^;]*modules-enabled\\/\\*\\.conf[[:space:]]*;/ {
                  print line
                  done = 1
                }
                END { if (!done) print line }
              ' "$conf" > "$tmp"
              cat "$tmp" > "$conf"
              rm -f "$tmp"
              echo "written: $conf (top-level include: $line)"
            }
            """;

    private NginxStreamConfig() {
    }

    /** The stream block: every master's API server behind the endpoint port, on every address of the LB host. */
    public static String render(ClusterPlan plan) {
        int port = LoadBalancerSteps.endpointPort(plan);
        List<Node> masters = plan.masters();
        if (masters.isEmpty()) {
            throw new IllegalArgumentException("the plan has no master to balance");
        }
        StringBuilder b = new StringBuilder();
        b.append("# kubewizard: TCP load balancer in front of the kube-apiservers of cluster ")
                .append(plan.cluster().name()).append(".\n");
        b.append("# Included from the top level of ").append(NGINX_CONF)
                .append(": a stream block inside http (conf.d/) is rejected.\n");
        b.append("stream {\n");
        b.append("    upstream kube_apiserver {\n");
        b.append("        # watches and kubelets hold connections for hours: new ones go to the least busy master\n");
        b.append("        least_conn;\n");
        b.append("        # a master that fails ").append(MAX_FAILS).append(" connection attempts within ")
                .append(FAIL_TIMEOUT).append(" is skipped for ").append(FAIL_TIMEOUT).append('\n');
        for (Node m : masters) {
            b.append("        server ").append(m.address()).append(':').append(LoadBalancerSteps.APISERVER_PORT)
                    .append(" max_fails=").append(MAX_FAILS).append(" fail_timeout=").append(FAIL_TIMEOUT)
                    .append(";  # ").append(m.hostname()).append('\n');
        }
        b.append("    }\n\n");
        b.append("    server {\n");
        b.append("        # every address of this host; TCP keepalive notices clients that vanished (about 15 min)\n");
        b.append("        listen ").append(port).append(" so_keepalive=10m:1m:5;\n");
        b.append("        proxy_pass kube_apiserver;\n");
        b.append("        # a master that does not accept within ").append(CONNECT_TIMEOUT)
                .append(" is given up and the next one tried\n");
        b.append("        proxy_connect_timeout ").append(CONNECT_TIMEOUT).append(";\n");
        b.append("        # kubectl get -w, exec, logs -f and port-forward may be silent for long: cut only after ")
                .append(IDLE_TIMEOUT).append('\n');
        b.append("        proxy_timeout ").append(IDLE_TIMEOUT).append(";\n");
        b.append("        proxy_socket_keepalive on;\n");
        b.append("    }\n");
        b.append("}\n");
        return b.toString();
    }

    /** The managed include line for nginx.conf: every {@code *.conf} of {@code streamDir}, at top level. */
    public static String includeLine(String streamDir) {
        return "include " + streamDir + "/*.conf;  # kubewizard: stream must be at top level, not inside http";
    }

    /**
     * Bash that adds {@code line} to the nginx.conf at {@code conf} (idempotent), keeping the original at
     * {@code backup}. The node step runs exactly this text with the real paths.
     */
    public static String includeScript(String conf, String line, String backup) {
        return INSERT_FUNCTION + "lb_top_level_include " + Bash.words(List.of(conf, line, backup)) + "\n";
    }
}

package dev.kubewizard.diagnosis;

import static dev.kubewizard.diagnosis.Lines.group;

import java.util.regex.Pattern;

/** nginx and HAProxy on the load balancer, and the messages of kubewizard's lb step. */
final class LoadBalancerClues {
    /** nginx: [emerg] "stream" directive is not allowed here in /etc/nginx/conf.d/kubernetes.conf:1 */
    private static final Pattern STREAM_FILE = Pattern.compile("directive is not allowed here in (\\S+?):\\d+");
    /** kubewizard's lb step: "The endpoint 192.168.1.100:6443 does not answer on this host: ..." */
    private static final Pattern VIP_NOT_ANSWERING =
            Pattern.compile("The endpoint (\\S+) does not answer on this host");
    private static final Pattern CANNOT_ASSIGN =
            Pattern.compile("bind\\(\\) to (\\S+) failed \\(99: Cannot assign requested address\\)");
    private static final Pattern NGINX_PORT_TAKEN =
            Pattern.compile("bind\\(\\) to \\S*:(\\d+) failed \\(98: Address already in use\\)");
    /** HAProxy: "Starting frontend kube-apiserver: cannot bind socket (Address already in use) [0.0.0.0:16443]" */
    private static final Pattern HAPROXY_PORT_TAKEN =
            Pattern.compile("cannot bind socket \\(Address already in use\\) \\[\\S*:(\\d+)\\]");

    private LoadBalancerClues() {
    }

    static Clue nginxStream(String line, ScanState state) {
        if (line.contains("\"stream\" directive is not allowed here")) {
            String file = group(STREAM_FILE, line);
            return Clue.of(Cause.NGINX_STREAM_IN_HTTP, file != null ? file : "/etc/nginx/conf.d/*.conf");
        }
        if (line.contains("unknown directive \"stream\"")) {
            return Clue.of(Cause.NGINX_STREAM_MODULE_MISSING);
        }
        return null;
    }

    static Clue addresses(String line, ScanState state) {
        if (line.contains("does not answer on this host")) {
            String endpoint = group(VIP_NOT_ANSWERING, line);
            if (endpoint != null) {
                return Clue.of(Cause.LB_VIP_NOT_LOCAL, endpoint);
            }
        }
        if (line.contains("bind() to ") || line.contains("cannot bind socket")) {
            String address = group(CANNOT_ASSIGN, line);
            if (address != null) {
                return Clue.of(Cause.LB_VIP_NOT_LOCAL, address);
            }
            String port = group(NGINX_PORT_TAKEN, line);
            if (port == null) {
                port = group(HAPROXY_PORT_TAKEN, line);
            }
            if (port != null) {
                return Clue.of(Cause.PORT_IN_USE_OTHER, port);
            }
        }
        return null;
    }
}

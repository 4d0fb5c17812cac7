package dev.kubewizard.recipe;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.Node;

/**
 * haproxy.cfg of keepalived mode: every master runs the same TCP proxy on the endpoint port (never 6443, which the
 * local kube-apiserver binds) in front of every master's API server, and sends traffic only to API servers whose
 * {@code /readyz} answers 200 (anonymous access to /readyz is allowed by Kubernetes' default RBAC).
 */
public final class HaproxyConfig {
    public static final String PATH = "/etc/haproxy/haproxy.cfg";

    private HaproxyConfig() {
    }

    public static String render(ClusterPlan plan) {
        int port = LoadBalancerSteps.masterProxyPort(plan);
        StringBuilder b = new StringBuilder();
        b.append("# kubewizard: TCP proxy on this master in front of every kube-apiserver of cluster ")
                .append(plan.cluster().name()).append(".\n");
        b.append("# Port ").append(port).append(", not ").append(LoadBalancerSteps.APISERVER_PORT)
                .append(": the local kube-apiserver already listens on *:").append(LoadBalancerSteps.APISERVER_PORT)
                .append(".\n");
        b.append("""
                global
                    log /dev/log local0
                    log /dev/log local1 notice
                    chroot /var/lib/haproxy
                    stats socket /run/haproxy/admin.sock mode 660 level admin
                    stats timeout 30s
                    user haproxy
                    group haproxy
                    daemon

                defaults
                    log global
                    mode tcp
                    option tcplog
                    option dontlognull
                    # a refused connection is retried on another master
                    option redispatch
                    retries 3
                    timeout connect 5s
                    # kubectl get -w, exec, logs -f and port-forward may be silent for long: cut only after 24 h
                    timeout client 24h
                    timeout server 24h
                    timeout check 5s

                frontend kube_apiserver
                    # every address: works on whichever master holds the VIP, without ip_nonlocal_bind
                """);
        b.append("    bind *:").append(port).append('\n');
        b.append("""
                    default_backend kube_apiserver

                backend kube_apiserver
                    # long-lived connections: a new one goes to the least busy master
                    balance leastconn
                    # only API servers that say they are ready get traffic (TLS, certificate not verified)
                    option httpchk GET /readyz
                    http-check expect status 200
                    default-server inter 3s fall 3 rise 2
                """);
        for (Node m : plan.masters()) {
            b.append("    server ").append(m.hostname()).append(' ').append(m.address()).append(':')
                    .append(LoadBalancerSteps.APISERVER_PORT).append(" check check-ssl verify none\n");
        }
        return b.toString();
    }
}

package dev.kubewizard.plan;

/**
 * The control-plane endpoint: a DNS name put into every node's /etc/hosts (so the address can change later), the VIP
 * it maps to, and the port the load balancer listens on.
 */
public record Endpoint(String host, String vip, Integer port) {
    public static final int DEFAULT_PORT = 6443;

    public int portOrDefault() {
        return port == null ? DEFAULT_PORT : port;
    }
}

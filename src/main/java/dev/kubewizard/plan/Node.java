package dev.kubewizard.plan;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A cluster node. {@code user} and {@code port} override the plan-wide SSH settings for this node when set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Node(String hostname, String address, Role role, String user, Integer port) {
    public Node(String hostname, String address, Role role) {
        this(hostname, address, role, null, null);
    }
}

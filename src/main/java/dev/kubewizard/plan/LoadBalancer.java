package dev.kubewizard.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The load balancer in front of the API servers. {@code host} is used in external mode only; {@code interface} in
 * keepalived mode only (empty means: the NIC that carries the master's plan address, found on each master).
 */
public record LoadBalancer(LbMode mode,
                           @JsonInclude(JsonInclude.Include.NON_NULL) LbHost host,
                           @JsonProperty("interface") String iface) {
}

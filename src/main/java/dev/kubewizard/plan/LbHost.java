package dev.kubewizard.plan;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The dedicated load-balancer host of external mode. It is prepared like a node but never joins the cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LbHost(String hostname, String address, String user, Integer port) {
    public LbHost(String hostname, String address) {
        this(hostname, address, null, null);
    }
}

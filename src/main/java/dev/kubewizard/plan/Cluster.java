package dev.kubewizard.plan;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/** Cluster-wide settings. {@code kubernetesVersion} is a minor line such as "1.34"; its newest patch is installed. */
public record Cluster(String name,
                      @JsonDeserialize(using = ScalarText.class) String kubernetesVersion,
                      String podSubnet,
                      String serviceSubnet,
                      Endpoint endpoint) {
}

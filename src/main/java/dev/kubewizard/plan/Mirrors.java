package dev.kubewizard.plan;

import java.util.List;
import java.util.Map;

/**
 * Where packages and images come from. {@code registryMirrors} maps an upstream registry (docker.io, quay.io, ...) to
 * the mirrors tried in order; each becomes a containerd hosts.toml.
 */
public record Mirrors(String ubuntu, String dockerCe, String kubernetes, String imageRepository,
                      Map<String, List<String>> registryMirrors, List<String> ntp) {
}

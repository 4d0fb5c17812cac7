package dev.kubewizard.recipe;

import static dev.kubewizard.recipe.ContainerdConfig.tomlString;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.Harbor;
import dev.kubewizard.plan.PlanHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * containerd's per-registry host files, /etc/containerd/certs.d/REGISTRY/hosts.toml (config_path): for each registry
 * of the plan's registryMirrors, every mirror in order with pull+resolve and the registry itself as the fallback
 * server; for Harbor, the registry itself with push too (plain http, or https with skip_verify as the plan says).
 * containerd reads these files on every pull: no restart.
 */
public final class RegistryHosts {
    private RegistryHosts() {
    }

    /** Where containerd looks for a registry's host file. */
    public static String pathFor(String registry) {
        return ContainerdConfig.CERTS_DIR + "/" + registry + "/hosts.toml";
    }

    /** The upstream server of a registry name; Docker Hub's API lives on registry-1.docker.io. */
    public static String upstream(String registry) {
        return "docker.io".equals(registry) ? "https://registry-1.docker.io" : "https://" + registry;
    }

    /** hosts.toml for a public registry and its mirrors. */
    public static String mirrorHosts(String registry, List<String> mirrors) {
        StringBuilder b = new StringBuilder("# Written by kubewizard: pulls from ").append(registry)
                .append(" try these mirrors in order, then ").append(registry).append(" itself.\n");
        b.append("server = ").append(tomlString(upstream(registry))).append('\n');
        for (String mirror : mirrors) {
            b.append('\n').append("[host.").append(tomlString(withScheme(mirror))).append("]\n")
                    .append("  capabilities = [\"pull\", \"resolve\"]\n");
        }
        return b.toString();
    }

    /** hosts.toml for the private Harbor registry. */
    public static String harborHosts(Harbor harbor) {
        String scheme = harbor.isHttps() ? "https" : "http";
        String url = scheme + "://" + harbor.host().strip();
        StringBuilder b = new StringBuilder("# Written by kubewizard: the private Harbor registry (")
                .append(harbor.isHttps() ? "https" : "plain http").append(").\n");
        b.append("server = ").append(tomlString(url)).append("\n\n");
        b.append("[host.").append(tomlString(url)).append("]\n");
        b.append("  capabilities = [\"pull\", \"resolve\", \"push\"]\n");
        if (harbor.isHttps() && harbor.skipVerifyOrDefault()) {
            b.append("  # a self-signed certificate is accepted without verification\n");
            b.append("  skip_verify = true\n");
        }
        return b.toString();
    }

    /** Every host file of the plan: registries in plan order, then Harbor (which wins over a mirror entry). */
    public static List<StepFile> files(ClusterPlan plan) {
        List<StepFile> files = new ArrayList<>();
        Harbor harbor = plan.harbor() != null && plan.harbor().host() != null && !plan.harbor().host().isBlank()
                ? plan.harbor() : null;
        Map<String, List<String>> mirrors = plan.mirrors() == null ? null : plan.mirrors().registryMirrors();
        if (mirrors != null) {
            for (Map.Entry<String, List<String>> e : mirrors.entrySet()) {
                String registry = e.getKey().strip().toLowerCase(Locale.ROOT);
                List<String> list = e.getValue() == null ? List.of()
                        : e.getValue().stream().filter(m -> m != null && !m.isBlank()).map(String::strip).toList();
                if (list.isEmpty() || harbor != null && registry.equals(harbor.host().strip())) {
                    continue;
                }
                files.add(StepFile.of(pathFor(registry), "0644", mirrorHosts(registry, list)));
            }
        }
        if (harbor != null) {
            files.add(StepFile.of(pathFor(harbor.host().strip()), "0644", harborHosts(harbor)));
        }
        return files;
    }

    /** The registry-hosts step, or null when the plan has no mirror and no Harbor. */
    public static Step step(ClusterPlan plan, PlanHost host) {
        List<StepFile> files = files(plan);
        if (files.isEmpty()) {
            return null;
        }
        StepBuilder s = new StepBuilder("registry-hosts", Phase.PREP, host).texts("prep.registryHosts");
        for (StepFile f : files) {
            s.writeChecked(f);
        }
        return s.build();
    }

    private static String withScheme(String mirror) {
        String url = mirror.replaceAll("/+$", "");
        return url.matches("(?i)https?://.*") ? url : "https://" + url;
    }
}

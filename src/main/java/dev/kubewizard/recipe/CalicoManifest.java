package dev.kubewizard.recipe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prepares Calico's calico.yaml for the cluster, as text in, text out, so that everything the user does not ask to
 * change stays byte for byte as Calico wrote it:
 * <ul>
 *   <li>every {@code image:} on docker.io or quay.io (or with no registry, which means docker.io) is pulled from the
 *   chosen mirror instead: the course's {@code sed docker.io/ -> mirror} matches nothing on 3.30+ manifests, whose
 *   images are on quay.io;</li>
 *   <li>CALICO_IPV4POOL_CIDR is uncommented and set to the plan's pod subnet (the commented default 192.168.0.0/16
 *   overlaps the 192.168.x classroom networks);</li>
 *   <li>IP_AUTODETECTION_METHOD=kubernetes-internal-ip is added: on multi-NIC VMs calico-node then uses the address
 *   the kubelet registered (node-ip from the plan) instead of the first NIC it finds.</li>
 * </ul>
 */
public final class CalicoManifest {
    public static final String AUTODETECTION_METHOD = "kubernetes-internal-ip";

    /** SHA-256 of upstream manifests/calico.yaml at each release tag kubewizard knows. */
    public static final Map<String, String> KNOWN_SHA256 = Map.of(
            "v3.28.2", "be59408bf990e96276f631d2f9285c2a0f9802194c0ad1cecdb6d9c52623a1c8",
            "v3.29.7", "b200cb3c2c7341717abe98e4acc80a13117bcd2c9c46ad46e8c209c5753f0b2f");

    /** Where calico.yaml of a release can be fetched on the teacher's computer, tried in order, each checked by sha256. */
    private static final List<String> DOWNLOAD_URL_TEMPLATES = List.of(
            "https://raw.githubusercontent.com/projectcalico/calico/%s/manifests/calico.yaml",
            "https://cdn.jsdelivr.net/gh/projectcalico/calico@%s/manifests/calico.yaml",
            "https://fastly.jsdelivr.net/gh/projectcalico/calico@%s/manifests/calico.yaml",
            "https://github.com/projectcalico/calico/raw/%s/manifests/calico.yaml");

    private static final Set<String> DOCKER_HUB = Set.of("docker.io", "index.docker.io", "registry-1.docker.io");
    private static final Set<String> WORKLOAD_KINDS =
            Set.of("DaemonSet", "Deployment", "StatefulSet", "ReplicaSet", "Job", "CronJob", "Pod");
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("^---\\s*(#.*)?$");
    private static final Pattern IMAGE_LINE =
            Pattern.compile("^(\\s*(?:-\\s+)?image:\\s*)([\"']?)([^\\s\"'#]+)([\"']?)(.*)$");
    private static final Pattern LIST_ITEM = Pattern.compile("^(\\s*)-(\\s+|$)");
    private static final Pattern NAME_VALUE = Pattern.compile("^\\s*(?:-\\s+)?name:\\s*[\"']?([^\"'\\s#]+)[\"']?\\s*(#.*)?$");
    private static final Pattern COMMENTED_CIDR_NAME =
            Pattern.compile("^(\\s*)#\\s*-\\s*name:\\s*[\"']?CALICO_IPV4POOL_CIDR[\"']?\\s*$");
    private static final Pattern COMMENTED_VALUE = Pattern.compile("^\\s*#\\s*value:.*$");
    private static final Pattern IPV4_CIDR =
            Pattern.compile("^(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}/([0-9]|[12]\\d|3[0-2])$");
    private static final YAMLMapper YAML = new YAMLMapper();

    private CalicoManifest() {
    }

    public static Optional<String> knownSha256(String version) {
        return Optional.ofNullable(KNOWN_SHA256.get(version));
    }

    public static List<String> downloadUrls(String version) {
        if (version == null || !version.matches("v\\d+\\.\\d+\\.\\d+")) {
            throw new IllegalArgumentException("a Calico version looks like v3.28.2: " + version);
        }
        return DOWNLOAD_URL_TEMPLATES.stream().map(t -> t.formatted(version)).toList();
    }

    /**
     * The manifest ready for this cluster. {@code imageRegistry} empty or null leaves the images alone.
     *
     * @throws IllegalArgumentException when the text has no calico-node DaemonSet, its calico-node container has no
     *                                  CALICO_IPV4POOL_CIDR (commented or not), or the pod subnet is not an IPv4 CIDR
     */
    public static String process(String manifest, String podSubnet, String imageRegistry) {
        if (podSubnet == null || !IPV4_CIDR.matcher(podSubnet).matches()) {
            throw new IllegalArgumentException("the pod subnet must be an IPv4 CIDR such as 10.244.0.0/16: " + podSubnet);
        }
        String text = manifest.startsWith("\uFEFF") ? manifest.substring(1) : manifest;
        text = text.replace("\r\n", "\n");
        boolean finalNewline = text.endsWith("\n");
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (finalNewline) {
            lines.remove(lines.size() - 1);
        }

        List<Document> documents = documents(lines);
        Document daemonSet = documents.stream().filter(d -> d.is("DaemonSet", "calico-node")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "this is not a Calico manifest: it has no DaemonSet named calico-node"));

        String registry = registryHost(imageRegistry);
        if (registry != null) {
            for (Document d : documents) {
                if (d.kind != null && WORKLOAD_KINDS.contains(d.kind)) {
                    for (int i = d.start; i < d.end; i++) {
                        lines.set(i, mirroredImageLine(lines.get(i), registry));
                    }
                }
            }
        }

        // Line insertions happen inside the DaemonSet only, after the image rewrite, so indexes above stay valid.
        setPodNetwork(lines, daemonSet, podSubnet);

        String out = String.join("\n", lines);
        return finalNewline ? out + "\n" : out;
    }

    /** The image reference pulled through the mirror, or unchanged when it is on another registry. */
    static String mirroredImage(String reference, String registry) {
        int slash = reference.indexOf('/');
        String first = slash < 0 ? null : reference.substring(0, slash);
        boolean hasRegistry = first != null && (first.contains(".") || first.contains(":") || first.equals("localhost"));
        String host = hasRegistry ? first.toLowerCase(Locale.ROOT) : "docker.io";
        String path = hasRegistry ? reference.substring(slash + 1) : reference;
        if (DOCKER_HUB.contains(host)) {
            if (!path.contains("/")) {
                path = "library/" + path;  // docker.io/nginx is docker.io/library/nginx
            }
            return registry + "/" + path;
        }
        if (host.equals("quay.io")) {
            return registry + "/" + path;
        }
        return reference;
    }

    private static String registryHost(String imageRegistry) {
        if (imageRegistry == null || imageRegistry.isBlank()) {
            return null;
        }
        String r = imageRegistry.trim().replaceFirst("^[a-zA-Z]+://", "");
        while (r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        if (r.isEmpty() || r.matches(".*[\\s\"'#].*")) {
            throw new IllegalArgumentException("not an image registry: " + imageRegistry);
        }
        return r;
    }

    private static String mirroredImageLine(String line, String registry) {
        if (line.stripLeading().startsWith("#")) {
            return line;
        }
        Matcher m = IMAGE_LINE.matcher(line);
        if (!m.matches()) {
            return line;
        }
        return m.group(1) + m.group(2) + mirroredImage(m.group(3), registry) + m.group(4) + m.group(5);
    }

    private static void setPodNetwork(List<String> lines, Document daemonSet, String podSubnet) {
        Block container = calicoNodeContainer(lines, daemonSet);
        Block env = childBlock(lines, container, "env")
                .orElseThrow(() -> new IllegalArgumentException("the calico-node container has no env list"));
        List<Block> entries = items(lines, env);
        int listIndent = entries.isEmpty() ? -1 : indent(lines.get(entries.get(0).start));

        int cidrEnd;
        Optional<Block> cidr = entries.stream().filter(e -> "CALICO_IPV4POOL_CIDR".equals(itemName(lines, e))).findFirst();
        if (cidr.isPresent()) {
            int valueLine = -1;
            for (int i = cidr.get().start; i < cidr.get().end; i++) {
                if (lines.get(i).matches("^\\s*(-\\s+)?value:.*$")) {
                    valueLine = i;
                }
            }
            if (valueLine < 0) {
                throw new IllegalArgumentException("CALICO_IPV4POOL_CIDR in calico-node has no value: line");
            }
            String line = lines.get(valueLine);
            lines.set(valueLine, line.substring(0, line.indexOf("value:")) + "value: \"" + podSubnet + "\"");
            cidrEnd = cidr.get().end;
            while (cidrEnd - 1 > valueLine && (isComment(lines.get(cidrEnd - 1)) || lines.get(cidrEnd - 1).isBlank())) {
                cidrEnd--;  // the comment above the next entry stays with that entry
            }
        } else {
            int at = -1;
            for (int i = env.start; i + 1 < env.end; i++) {
                if (COMMENTED_CIDR_NAME.matcher(lines.get(i)).matches()
                        && COMMENTED_VALUE.matcher(lines.get(i + 1)).matches()) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                throw new IllegalArgumentException("the calico-node container's env has no CALICO_IPV4POOL_CIDR block"
                        + " (commented or not): the pod network cannot be set");
            }
            String pad = " ".repeat(listIndent >= 0 ? listIndent : lines.get(at).indexOf('#'));
            lines.set(at, pad + "- name: CALICO_IPV4POOL_CIDR");
            lines.set(at + 1, pad + "  value: \"" + podSubnet + "\"");
            cidrEnd = at + 2;
            if (listIndent < 0) {
                listIndent = pad.length();
            }
        }

        boolean hasAutodetection = entries.stream().anyMatch(e -> "IP_AUTODETECTION_METHOD".equals(itemName(lines, e)));
        if (!hasAutodetection) {
            String pad = " ".repeat(listIndent);
            lines.addAll(cidrEnd, List.of(
                    pad + "# Added by kubewizard: on nodes with several NICs use the address the kubelet registered.",
                    pad + "- name: IP_AUTODETECTION_METHOD",
                    pad + "  value: \"" + AUTODETECTION_METHOD + "\""));
        }
    }

    /** The item of {@code containers:} (not initContainers) named calico-node. */
    private static Block calicoNodeContainer(List<String> lines, Document daemonSet) {
        for (int i = daemonSet.start; i < daemonSet.end; i++) {
            String line = lines.get(i);
            if (!isComment(line) && line.trim().equals("containers:")) {
                Block containers = new Block(i, blockEnd(lines, i, daemonSet.end));
                for (Block item : items(lines, containers)) {
                    if ("calico-node".equals(itemName(lines, item))) {
                        return item;
                    }
                }
            }
        }
        throw new IllegalArgumentException("the calico-node DaemonSet has no container named calico-node");
    }

    /** The block of key {@code key:} directly inside an item (a key at the item's own indentation). */
    private static Optional<Block> childBlock(List<String> lines, Block item, String key) {
        int keyIndent = indent(lines.get(item.start)) + 2;
        for (int i = item.start; i < item.end; i++) {
            String line = lines.get(i);
            if (isComment(line) || line.isBlank()) {
                continue;
            }
            String content = i == item.start ? line.replaceFirst("^\\s*-\\s+", "") : line.strip();
            int at = i == item.start ? keyIndent : indent(line);
            if (at == keyIndent && content.equals(key + ":")) {
                return Optional.of(new Block(i, blockEnd(lines, i, item.end)));
            }
        }
        return Optional.empty();
    }

    /** The list items directly under a key line: lines "- ..." at the first item's indentation. */
    private static List<Block> items(List<String> lines, Block parent) {
        List<Block> items = new ArrayList<>();
        int itemIndent = -1;
        int start = -1;
        for (int i = parent.start + 1; i < parent.end; i++) {
            String line = lines.get(i);
            if (isComment(line) || line.isBlank()) {
                continue;
            }
            Matcher m = LIST_ITEM.matcher(line);
            if (itemIndent < 0 && m.find()) {
                itemIndent = m.group(1).length();
            }
            if (itemIndent >= 0 && indent(line) == itemIndent && line.charAt(itemIndent) == '-') {
                if (start >= 0) {
                    items.add(new Block(start, lastContentLine(lines, start, i) + 1));
                }
                start = i;
            }
        }
        if (start >= 0) {
            items.add(new Block(start, lastContentLine(lines, start, parent.end) + 1));
        }
        return items;
    }

    private static String itemName(List<String> lines, Block item) {
        int itemIndent = indent(lines.get(item.start));
        for (int i = item.start; i < item.end; i++) {
            String line = lines.get(i);
            if (isComment(line)) {
                continue;
            }
            boolean own = i == item.start || indent(line) == itemIndent + 2;
            Matcher m = NAME_VALUE.matcher(line);
            if (own && m.matches()) {
                return m.group(1);
            }
        }
        return null;
    }

    /** End (exclusive) of the block that starts at key line {@code start}: the next content line not indented deeper. */
    private static int blockEnd(List<String> lines, int start, int limit) {
        int keyIndent = indent(lines.get(start));
        boolean listUnderKey = false;
        for (int i = start + 1; i < limit; i++) {
            String line = lines.get(i);
            if (isComment(line) || line.isBlank()) {
                continue;
            }
            int in = indent(line);
            // A list may sit at the key's own indentation ("env:\n- name: x").
            if (in == keyIndent && line.charAt(in) == '-' && (listUnderKey || i == nextContentLine(lines, start))) {
                listUnderKey = true;
                continue;
            }
            if (in <= keyIndent) {
                return lastContentLine(lines, start, i) + 1;
            }
        }
        return lastContentLine(lines, start, limit) + 1;
    }

    private static int nextContentLine(List<String> lines, int after) {
        for (int i = after + 1; i < lines.size(); i++) {
            if (!isComment(lines.get(i)) && !lines.get(i).isBlank()) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The last line of a block that ends before {@code next}; comments right before the next block belong to the
     * block (the commented CIDR entry sits between two env entries), so only trailing blank lines are left out.
     */
    private static int lastContentLine(List<String> lines, int start, int next) {
        int last = next - 1;
        while (last > start && lines.get(last).isBlank()) {
            last--;
        }
        return last;
    }

    private static boolean isComment(String line) {
        return line.stripLeading().startsWith("#");
    }

    private static int indent(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }

    private static List<Document> documents(List<String> lines) {
        List<Document> documents = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= lines.size(); i++) {
            if (i == lines.size() || DOCUMENT_SEPARATOR.matcher(lines.get(i)).matches()) {
                if (i > start) {
                    documents.add(Document.of(lines, start, i));
                }
                start = i + 1;
            }
        }
        return documents;
    }

    private record Block(int start, int end) {
    }

    /** One YAML document of the manifest: lines [start, end) and what it is. */
    private record Document(int start, int end, String kind, String name) {
        static Document of(List<String> lines, int start, int end) {
            String text = String.join("\n", lines.subList(start, end));
            try {
                JsonNode node = YAML.readTree(text);
                if (node == null || !node.isObject()) {
                    return new Document(start, end, null, null);
                }
                return new Document(start, end, node.path("kind").asText(null),
                        node.path("metadata").path("name").asText(null));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("the manifest is not valid YAML near line " + (start + 1) + ": "
                        + e.getOriginalMessage(), e);
            }
        }

        boolean is(String kind, String name) {
            return kind.equals(this.kind) && name.equals(this.name);
        }
    }
}

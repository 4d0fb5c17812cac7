package dev.kubewizard.kubeconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubewizard.text.Messages;
import java.util.List;
import java.util.Map;

/**
 * Merges a kubeconfig into an existing one the way a careful person would by hand: clusters, users and contexts of the
 * same names are replaced in place, new ones appended, current-context switched to the new one, and everything else
 * (other entries, preferences, extensions, fields kubewizard does not know) kept. Pure: text in, text out. Comments
 * of the existing file are not kept (kubectl drops them too); the file-level merge keeps a backup.
 */
public final class KubeconfigMerge {
    static final String EXISTING = "kubeconfig";
    static final String INCOMING = "new kubeconfig";
    private static final List<String> LISTS = List.of("clusters", "contexts", "users");
    // The order of kubectl's own output (Go marshals the fields sorted by name).
    private static final List<String> KUBECTL_ORDER = List.of("apiVersion", "clusters", "contexts", "current-context",
            "extensions", "kind", "preferences", "users");
    private static final List<String> KNOWN =
            List.of("apiVersion", "kind", "clusters", "contexts", "users", "current-context", "preferences");

    private KubeconfigMerge() {
    }

    public static String merge(String existingYaml, String newYaml) throws KubeconfigException {
        return merge(existingYaml, EXISTING, newYaml);
    }

    /** {@code existingSource} names the existing file in messages. An empty existing text gives the new config. */
    public static String merge(String existingYaml, String existingSource, String newYaml)
            throws KubeconfigException {
        ObjectNode existing = KubeconfigYaml.read(KubeconfigText.normalize(existingYaml), existingSource);
        ObjectNode incoming = KubeconfigYaml.read(KubeconfigText.normalize(newYaml), INCOMING);
        if (!existing.isEmpty() && KNOWN.stream().noneMatch(existing::has)) {
            // Some other YAML file: merging into it would turn it into a kubeconfig and lose what it was.
            throw new KubeconfigException(Messages.text("kubeconfig.read.noKubeconfigFields", existingSource));
        }
        for (String field : LISTS) {
            ArrayNode target = KubeconfigYaml.list(existing, field, existingSource);
            for (JsonNode entry : KubeconfigYaml.list(incoming, field, INCOMING)) {
                replaceOrAppend(target, entry.deepCopy());
            }
            put(existing, field, target);
        }
        String current = KubeconfigYaml.text(incoming, "current-context");
        if (current != null) {
            put(existing, "current-context", KubeconfigYaml.NODES.textNode(current));
        }
        if (KubeconfigYaml.text(existing, "apiVersion") == null) {
            put(existing, "apiVersion", KubeconfigYaml.NODES.textNode("v1"));
        }
        if (KubeconfigYaml.text(existing, "kind") == null) {
            put(existing, "kind", KubeconfigYaml.NODES.textNode("Config"));
        }
        if (!existing.has("preferences") || existing.get("preferences").isNull()) {
            put(existing, "preferences", KubeconfigYaml.NODES.objectNode());
        }
        return KubeconfigYaml.write(existing);
    }

    /** Puts the entry where the first one of its name was and drops the others: kubectl refuses duplicate names. */
    private static void replaceOrAppend(ArrayNode entries, JsonNode entry) {
        String name = KubeconfigYaml.nameOf(entry);
        int at = -1;
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (name != null && name.equals(KubeconfigYaml.nameOf(entries.get(i)))) {
                entries.remove(i);
                at = i;
            }
        }
        if (at < 0) {
            entries.add(entry);
        } else {
            entries.insert(at, entry);
        }
    }

    /**
     * Sets a top-level field where it is, or, when new, before the first field kubectl writes after it: the file keeps
     * the user's order and a kubectl-written file keeps kubectl's.
     */
    private static void put(ObjectNode config, String field, JsonNode value) {
        if (config.has(field)) {
            config.set(field, value);
            return;
        }
        ObjectNode ordered = KubeconfigYaml.NODES.objectNode();
        int rank = KUBECTL_ORDER.indexOf(field);
        boolean placed = false;
        for (Map.Entry<String, JsonNode> e : config.properties()) {
            if (!placed && KUBECTL_ORDER.indexOf(e.getKey()) > rank) {
                ordered.set(field, value);
                placed = true;
            }
            ordered.set(e.getKey(), e.getValue());
        }
        if (!placed) {
            ordered.set(field, value);
        }
        config.removeAll();
        config.setAll(ordered);
    }
}

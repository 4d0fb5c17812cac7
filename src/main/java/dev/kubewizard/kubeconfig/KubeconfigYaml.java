package dev.kubewizard.kubeconfig;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kubewizard.text.Messages;
import java.util.stream.Collectors;

/**
 * Kubeconfig text as a tree. A tree, not a record: a user's kubeconfig may hold fields kubewizard has never heard of
 * (extensions, exec plugins, newer kubectl settings), and all of them must survive a merge.
 */
final class KubeconfigYaml {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final ObjectMapper READER = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    // Looks like kubectl's own output: block style, list items at their key's column, quotes only where needed.
    private static final ObjectMapper WRITER = writer(true);
    // Every string quoted: a safety net should the short form ever not read back as the same tree (no such text is
    // known; KubeconfigMergeTest checks the usual suspects such as "yes", "0755" and "null" stay strings).
    private static final ObjectMapper QUOTING_WRITER = writer(false);

    private KubeconfigYaml() {
    }

    private static ObjectMapper writer(boolean minimizeQuotes) {
        YAMLFactory factory = YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .disable(YAMLGenerator.Feature.SPLIT_LINES)
                .configure(YAMLGenerator.Feature.MINIMIZE_QUOTES, minimizeQuotes)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .build();
        return YAMLMapper.builder(factory).build();
    }

    /**
     * The top-level mapping of a kubeconfig text; an empty text (or only comments) gives an empty mapping. Refuses
     * YAML errors and anything that is not a mapping of fields, or whose kind is not Config.
     */
    static ObjectNode read(String text, String source) throws KubeconfigException {
        JsonNode root;
        try {
            root = READER.readTree(text);
        } catch (JsonProcessingException e) {
            throw syntax(e, source);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return NODES.objectNode();
        }
        if (!root.isObject()) {
            throw new KubeconfigException(Messages.text("kubeconfig.read.notMapping", source));
        }
        JsonNode kind = root.get("kind");
        if (kind != null && !kind.isNull() && !"Config".equals(kind.asText())) {
            throw new KubeconfigException(Messages.text("kubeconfig.read.wrongKind", source, kind.asText()));
        }
        return (ObjectNode) root;
    }

    /** The list under {@code field}; a missing or null field is an empty list (kubectl writes {@code users: null}). */
    static ArrayNode list(ObjectNode config, String field, String source) throws KubeconfigException {
        JsonNode node = config.get(field);
        if (node == null || node.isNull()) {
            return NODES.arrayNode();
        }
        if (!node.isArray()) {
            throw new KubeconfigException(Messages.text("kubeconfig.read.notList", source, field));
        }
        return (ArrayNode) node;
    }

    /** The {@code name} of a list entry, or null when it has none. */
    static String nameOf(JsonNode entry) {
        JsonNode name = entry == null ? null : entry.get("name");
        return name == null || !name.isValueNode() || name.isNull() ? null : name.asText();
    }

    /** The text of a string field, or null when absent, null or empty. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || !value.isValueNode() || value.asText().isEmpty()) {
            return null;
        }
        return value.asText();
    }

    /** YAML text, LF only, that reads back as exactly this tree. */
    static String write(ObjectNode config) {
        String text = serialize(WRITER, config);
        if (!readsBackAs(text, config)) {
            text = serialize(QUOTING_WRITER, config);
        }
        return text;
    }

    static boolean readsBackAs(String text, JsonNode tree) {
        try {
            return tree.equals(READER.readTree(text));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static String serialize(ObjectMapper mapper, ObjectNode config) {
        try {
            String text = mapper.writeValueAsString(config).replace("\r\n", "\n");
            return text.endsWith("\n") ? text : text + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a kubeconfig tree could not be written as YAML", e);
        }
    }

    private static KubeconfigException syntax(JsonProcessingException e, String source) {
        String reason = e.getOriginalMessage();
        int cut = reason.indexOf("\n at [Source");
        if (cut >= 0) {
            reason = reason.substring(0, cut);
        }
        reason = reason.lines().map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.joining(" "));
        JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            return new KubeconfigException(
                    Messages.text("kubeconfig.read.syntax", source, String.valueOf(at.getLineNr()), reason));
        }
        return new KubeconfigException(Messages.text("kubeconfig.read.syntaxNoLine", source, reason));
    }
}

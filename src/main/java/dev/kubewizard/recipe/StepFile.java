package dev.kubewizard.recipe;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file a step writes on the node. {@code content} may hold named placeholders {@code {{NAME}}} that the step fills
 * in on the node (the detected VIP interface, the installed kubeadm version, ...). {@code variant} is null for a file
 * always written; otherwise it names the alternative under which this content is chosen on the node (for example
 * "containerd-2.x" and "containerd-1.7" for /etc/containerd/config.toml).
 */
public record StepFile(String path, String mode, String content, String variant) {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z][A-Z0-9_]*)}}");

    public StepFile {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a node file path must be absolute: " + path);
        }
        if (!mode.matches("0[0-7]{3}")) {
            throw new IllegalArgumentException("mode must look like 0644: " + mode);
        }
        if (content.contains("\r")) {
            throw new IllegalArgumentException("files sent to a node use LF line endings: " + path);
        }
        if (!content.isEmpty() && !content.endsWith("\n")) {
            content = content + "\n";
        }
    }

    public static StepFile of(String path, String mode, String content) {
        return new StepFile(path, mode, content, null);
    }

    public static StepFile variant(String path, String mode, String content, String variant) {
        return new StepFile(path, mode, content, variant);
    }

    /** Names of the {@code {{NAME}}} placeholders in the content, in order of first use. */
    public Set<String> placeholders() {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(content);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}

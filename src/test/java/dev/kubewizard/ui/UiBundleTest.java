package dev.kubewizard.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.text.Messages;
import dev.kubewizard.ui.mirrors.MirrorPreset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every "ui.x" key the window code names exists in the bundle (both languages: MessagesTest checks they agree). */
class UiBundleTest {
    private static final Pattern KEY = Pattern.compile("\"(ui\\.[A-Za-z0-9_.]*[A-Za-z0-9_])\"");

    @Test
    void everyKeyTheWindowUsesHasAText() throws IOException {
        Path sources = Path.of(System.getProperty("kubewizard.target", "target")).getParent()
                .resolve("src/main/java/dev/kubewizard/ui");
        Set<String> missing = new TreeSet<>();
        Set<String> known = Messages.keys("ui", "zh");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = KEY.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    if (!known.contains(m.group(1))) {
                        missing.add(m.group(1) + " (" + f.getFileName() + ")");
                    }
                }
            }
        }
        for (MirrorPreset p : MirrorPreset.values()) {
            if (!known.contains(p.labelKey())) {
                missing.add(p.labelKey());
            }
        }
        assertTrue(missing.isEmpty(), "keys without text: " + missing);
    }
}

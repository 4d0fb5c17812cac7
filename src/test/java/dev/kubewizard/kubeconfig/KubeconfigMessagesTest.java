package dev.kubewizard.kubeconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.text.Messages;
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

class KubeconfigMessagesTest {
    private static final Pattern KEY_LITERAL = Pattern.compile("\"(kubeconfig\\.[A-Za-z.]+[A-Za-z])\"");

    @Test
    void everyKeyTheCodeUsesExists() throws IOException {
        Set<String> used = new TreeSet<>();
        for (String dir : new String[] {"src/main/java/dev/kubewizard/kubeconfig",
            "src/main/java/dev/kubewizard/cli"}) {
            try (Stream<Path> files = Files.list(Path.of(dir))) {
                for (Path f : files.toList()) {
                    Matcher m = KEY_LITERAL.matcher(Files.readString(f, StandardCharsets.UTF_8));
                    while (m.find()) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        for (WrittenFile.Outcome outcome : WrittenFile.Outcome.values()) {
            used.add("kubeconfig.cli.out." + outcome.name().toLowerCase(java.util.Locale.ROOT));
            used.add("kubeconfig.cli.merge." + outcome.name().toLowerCase(java.util.Locale.ROOT));
        }
        assertTrue(used.size() > 40, used.toString());
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(Messages.keys("kubeconfig", "en"));
        assertEquals(Set.of(), missing);
    }
}

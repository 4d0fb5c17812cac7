package dev.kubewizard.kubeconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)}");

    @Test
    void chineseAndEnglishHaveTheSameKeysAndArguments() {
        Set<String> zh = Messages.keys("kubeconfig", "zh");
        assertEquals(Messages.keys("kubeconfig", "en"), zh);
        assertTrue(zh.size() > 40, "the bundle is there: " + zh.size());
        for (String key : zh) {
            assertEquals(arguments(Messages.format(key, "en")), arguments(Messages.format(key, "zh")), key);
        }
    }

    @Test
    void messagesWithArgumentsKeepTheirApostrophesAndPlaceholders() {
        for (String key : Messages.keys("kubeconfig", "en")) {
            for (String language : new String[] {"zh", "en"}) {
                String raw = Messages.format(key, language);
                Set<String> args = arguments(raw);
                if (args.isEmpty()) {
                    continue;
                }
                Object[] values = new Object[10];
                for (int i = 0; i < values.length; i++) {
                    values[i] = "<" + i + ">";
                }
                String formatted = Messages.format(key, language, values);
                for (String n : args) {
                    assertTrue(formatted.contains("<" + n + ">"), key + " " + language + ": {" + n + "} lost");
                }
                assertFalse(formatted.contains("''"), key + " " + language + ": doubled quote left");
            }
        }
    }

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

    private static Set<String> arguments(String pattern) {
        Set<String> args = new TreeSet<>();
        Matcher m = ARGUMENT.matcher(pattern);
        while (m.find()) {
            args.add(m.group(1));
        }
        return args;
    }
}

package dev.kubewizard.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MessagesTest {
    @Test
    void everyAreaHasTheSameKeysInChineseAndEnglish() {
        for (String area : Messages.AREAS) {
            Set<String> zh = Messages.keys(area, "zh");
            Set<String> en = Messages.keys(area, "en");
            Set<String> onlyZh = new TreeSet<>(zh);
            onlyZh.removeAll(en);
            Set<String> onlyEn = new TreeSet<>(en);
            onlyEn.removeAll(zh);
            assertTrue(onlyZh.isEmpty() && onlyEn.isEmpty(),
                    area + ": only in zh " + onlyZh + ", only in en " + onlyEn);
        }
    }

    @Test
    void everyKeyStartsWithItsAreaAndEveryMessageFormats() {
        for (String area : Messages.AREAS) {
            for (String key : Messages.keys(area, "zh")) {
                assertTrue(key.startsWith(area + "."), key + " is in the " + area + " bundle");
                Object[] args = {"a", "b", "c", "d", "e", "f"};
                Text t = Messages.text(key, args);
                assertFalse(t.zh().isBlank(), key);
                assertFalse(t.en().isBlank(), key);
                assertFalse(t.en().matches(".*\\p{IsHan}.*") && !key.contains("zh"),
                        key + " English text contains Chinese: " + t.en());
            }
        }
    }

    @Test
    void bothLanguagesTakeTheSameArgumentsAndKeepThemWhenFormatted() {
        for (String area : Messages.AREAS) {
            for (String key : Messages.keys(area, "en")) {
                Set<String> en = arguments(Messages.format(key, "en"));
                assertEquals(en, arguments(Messages.format(key, "zh")), key);
                if (en.isEmpty()) {
                    continue;
                }
                Object[] values = new Object[10];
                for (int i = 0; i < values.length; i++) {
                    values[i] = "<" + i + ">";
                }
                for (String language : new String[] {"zh", "en"}) {
                    String formatted = Messages.format(key, language, values);
                    for (String n : en) {
                        assertTrue(formatted.contains("<" + n + ">"), key + " " + language + ": {" + n + "} lost");
                    }
                    assertFalse(formatted.contains("''"), key + " " + language + ": doubled quote left");
                }
            }
        }
    }

    private static Set<String> arguments(String pattern) {
        Set<String> args = new TreeSet<>();
        Matcher m = Pattern.compile("\\{(\\d+)[,}]").matcher(pattern);
        while (m.find()) {
            args.add(m.group(1));
        }
        return args;
    }

    @Test
    void chineseIsReadAsUtf8WhateverThePlatformCharset() {
        assertEquals("预检", Messages.format("recipe.phase.preflight", "zh"));
        assertEquals("Preflight", Messages.format("recipe.phase.preflight", "en"));
    }

    @Test
    void anUnknownKeyIsAProgrammingErrorNotASilentFallback() {
        assertThrows(IllegalArgumentException.class, () -> Messages.text("recipe.no.such.key"));
        assertThrows(IllegalArgumentException.class, () -> Messages.text("nosucharea.key"));
    }
}

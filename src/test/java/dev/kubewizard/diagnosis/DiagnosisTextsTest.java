package dev.kubewizard.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.text.Messages;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DiagnosisTextsTest {
    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)}");

    @Test
    void everyFindingHasACauseAndAFixInChineseAndEnglish() {
        for (Cause cause : Cause.values()) {
            List<String> args = new ArrayList<>();
            for (int i = 0; i < cause.arity; i++) {
                args.add("<" + i + ">");
            }
            Finding f = cause.finding(args, List.of());
            for (String text : List.of(f.cause().zh(), f.cause().en(), f.fix().zh(), f.fix().en())) {
                assertFalse(text.isBlank(), cause + " has an empty text");
                assertFalse(text.contains("{") || text.contains("}"), cause + " left a placeholder: " + text);
            }
            assertTrue(f.cause().zh().matches("(?s).*\\p{IsHan}.*"), cause + ": the Chinese cause is not Chinese");
            assertTrue(f.fix().zh().matches("(?s).*\\p{IsHan}.*"), cause + ": the Chinese fix is not Chinese");
            assertFalse(f.fix().en().matches("(?s).*\\p{IsHan}.*"), cause + ": the English fix has Chinese");
        }
    }

    @Test
    void everyTextUsesExactlyTheArgumentsItsCauseProvides() {
        for (Cause cause : Cause.values()) {
            for (String language : List.of("zh", "en")) {
                Set<Integer> used = new TreeSet<>();
                used.addAll(arguments(Messages.format(cause.key() + ".cause", language)));
                used.addAll(arguments(Messages.format(cause.key() + ".fix", language)));
                Set<Integer> expected = new TreeSet<>();
                for (int i = 0; i < cause.arity; i++) {
                    expected.add(i);
                }
                assertEquals(expected, used, cause + " " + language);
            }
        }
    }

    @Test
    void everyBundleKeyBelongsToACause() {
        Set<String> keys = new HashSet<>();
        for (Cause cause : Cause.values()) {
            keys.add(cause.key() + ".cause");
            keys.add(cause.key() + ".fix");
        }
        assertEquals(keys, Messages.keys("diagnosis", "en"));
        assertEquals(keys, Messages.keys("diagnosis", "zh"));
    }

    @Test
    void findingIdsAreStableLowerCaseWords() {
        for (Cause cause : Cause.values()) {
            assertTrue(cause.id.matches("[a-z0-9]+(-[a-z0-9]+)*"), cause.id);
        }
    }

    @Test
    void theTextsNameTheKubewizardButtonTheirRemedyNeeds() {
        for (Cause cause : Cause.values()) {
            String en = Messages.format(cause.key() + ".fix", "en");
            String zh = Messages.format(cause.key() + ".fix", "zh");
            String button = cause.remedy == Remedy.RESET_NODE ? "reset node" : "retry node";
            String buttonZh = cause.remedy == Remedy.RESET_NODE ? "重置节点" : "重试节点";
            assertTrue(en.contains("\"" + button + "\""), cause + ": " + en);
            assertTrue(zh.contains("“" + buttonZh + "”"), cause + ": " + zh);
            if (cause.remedy == Remedy.EDIT_PLAN) {
                assertTrue(en.contains("plan") && zh.contains("计划"), cause + " changes the plan without saying so");
            }
        }
    }

    private static Set<Integer> arguments(String pattern) {
        Set<Integer> found = new TreeSet<>();
        Matcher m = ARGUMENT.matcher(pattern);
        while (m.find()) {
            found.add(Integer.parseInt(m.group(1)));
        }
        return found;
    }
}

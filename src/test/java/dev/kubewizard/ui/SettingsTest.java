package dev.kubewizard.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.ui.text.Language;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @TempDir
    Path dir;

    @Test
    void whatWasChosenIsThereAtTheNextStartEvenWithAChineseFolderName() {
        Path file = dir.resolve("设置").resolve("settings.properties");
        Settings first = Settings.load(file);
        assertEquals(Language.ZH, first.language(), "Chinese by default");
        assertFalse(first.darkTheme());
        Path plan = dir.resolve("课程计划").resolve("plan.yaml");
        first.setLastPlan(plan);
        first.setLanguage(Language.EN);
        first.setDarkTheme(true);

        Settings next = Settings.load(file);
        assertEquals(plan.toAbsolutePath(), next.lastPlan().orElseThrow());
        assertEquals(Language.EN, next.language());
        assertTrue(next.darkTheme());
    }

    @Test
    void anUnreadableFileMeansDefaultsNotAFailure() throws Exception {
        Path file = dir.resolve("settings.properties");
        Files.write(file, new byte[] {'l', 'a', 's', 't', 'P', 'l', 'a', 'n', '=', '\\', 'u', '1'});
        Settings s = Settings.load(file);
        assertTrue(s.lastPlan().isEmpty());
        assertEquals(Language.ZH, s.language());
    }

    @Test
    void theFileIsUtf8AndHoldsNoPassword() throws Exception {
        Path file = dir.resolve("settings.properties");
        Settings s = Settings.load(file);
        s.setLastPlan(dir.resolve("计划.yaml"));
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.contains("计划.yaml"), text);
        assertFalse(text.toLowerCase(java.util.Locale.ROOT).contains("password"));
    }
}

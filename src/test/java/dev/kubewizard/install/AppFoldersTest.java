package dev.kubewizard.install;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppFoldersTest {
    @Test
    void onWindowsEverythingLivesUnderLocalAppData() {
        AppFolders f = AppFolders.of(Map.of("LOCALAPPDATA", "/c/Users/li/AppData/Local"), "Windows 11", "/c/Users/li",
                null);
        assertEquals(Path.of("/c/Users/li/AppData/Local/kubewizard/logs"), f.logs());
        assertEquals(Path.of("/c/Users/li/AppData/Local/kubewizard/settings.properties"), f.settingsFile());
        assertEquals(Path.of("/c/Users/li/AppData/Local/kubewizard/logs/kubewizard.log"), f.logFile());
    }

    @Test
    void elsewhereLogsGoToTheStateFolderAndSettingsToTheConfigFolder() {
        AppFolders f = AppFolders.of(Map.of(), "Linux", "/home/li", null);
        assertEquals(Path.of("/home/li/.local/state/kubewizard/logs"), f.logs());
        assertEquals(Path.of("/home/li/.config/kubewizard/settings.properties"), f.settingsFile());
        AppFolders xdg = AppFolders.of(Map.of("XDG_CONFIG_HOME", "/cfg"), "Linux", "/home/li", null);
        assertEquals(Path.of("/cfg/kubewizard/settings.properties"), xdg.settingsFile());
    }

    @Test
    void theLogsPropertyOverridesTheLogFolderAsInLogbackXml() {
        AppFolders f = AppFolders.of(Map.of(), "Linux", "/home/li", "/tmp/kw-logs");
        assertEquals(Path.of("/tmp/kw-logs"), f.logs());
    }
}

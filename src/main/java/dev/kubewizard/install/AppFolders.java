package dev.kubewizard.install;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the app (window and command line) keeps its own files for this user: settings, known_hosts, logs. Windows: %LOCALAPPDATA%\kubewizard (logs in its logs folder);
 * elsewhere: logs under ~/.local/state/kubewizard/logs and settings under ~/.config/kubewizard. logback.xml computes
 * the same log folder from the same variables; the system property kubewizard.logs overrides both (tests).
 */
public record AppFolders(Path logs, Path settingsFile) {
    public static final String LOGS_PROPERTY = "kubewizard.logs";

    /** The folders of this computer and user. */
    public static AppFolders ofThisUser() {
        return of(System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home", "."),
                System.getProperty(LOGS_PROPERTY));
    }

    public static AppFolders of(Map<String, String> env, String osName, String userHome, String logsOverride) {
        Path home = Path.of(userHome);
        boolean windows = osName.toLowerCase(Locale.ROOT).startsWith("windows");
        String localAppData = env.get("LOCALAPPDATA");
        Path logs;
        Path settings;
        if (localAppData != null && !localAppData.isBlank()) {
            // As logback.xml reads it: LOCALAPPDATA wins wherever it is set.
            Path base = Path.of(localAppData, "kubewizard");
            logs = base.resolve("logs");
            settings = base.resolve("settings.properties");
        } else if (windows) {
            Path base = home.resolve("AppData").resolve("Local").resolve("kubewizard");
            logs = base.resolve("logs");
            settings = base.resolve("settings.properties");
        } else {
            logs = home.resolve(".local").resolve("state").resolve("kubewizard").resolve("logs");
            String config = env.get("XDG_CONFIG_HOME");
            Path configBase = config == null || config.isBlank() ? home.resolve(".config") : Path.of(config);
            settings = configBase.resolve("kubewizard").resolve("settings.properties");
        }
        if (logsOverride != null && !logsOverride.isBlank()) {
            logs = Path.of(logsOverride);
        }
        return new AppFolders(logs, settings);
    }

    /** The host keys the user trusted (trust on first use), beside the settings. */
    public Path knownHosts() {
        return settingsFile.resolveSibling("known_hosts");
    }

    /** The file logback writes now. */
    public Path logFile() {
        return logs.resolve("kubewizard.log");
    }
}

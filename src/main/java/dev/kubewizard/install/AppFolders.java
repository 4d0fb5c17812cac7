package dev.kubewizard.install;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where kubewizard keeps its own files for the user: settings and known_hosts in the app-data folder
 * ({@code %APPDATA%\kubewizard} on Windows, {@code ~/.config/kubewizard} elsewhere), logs in the local app-data
 * folder ({@code %LOCALAPPDATA%\kubewizard\logs}, {@code ~/.local/state/kubewizard/logs}). Plans, run journals and
 * per-node logs of a run live beside the plan instead.
 */
public record AppFolders(Path config, Path logs) {
    public static AppFolders forCurrentUser() {
        return of(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static AppFolders of(String osName, Map<String, String> env, Path home) {
        if (osName.toLowerCase(Locale.ROOT).startsWith("windows")) {
            Path roaming = env.containsKey("APPDATA") ? Path.of(env.get("APPDATA")) : home.resolve("AppData/Roaming");
            Path local = env.containsKey("LOCALAPPDATA") ? Path.of(env.get("LOCALAPPDATA"))
                    : home.resolve("AppData/Local");
            return new AppFolders(roaming.resolve("kubewizard"), local.resolve("kubewizard").resolve("logs"));
        }
        Path config = env.containsKey("XDG_CONFIG_HOME") ? Path.of(env.get("XDG_CONFIG_HOME"))
                : home.resolve(".config");
        Path state = env.containsKey("XDG_STATE_HOME") ? Path.of(env.get("XDG_STATE_HOME"))
                : home.resolve(".local/state");
        return new AppFolders(config.resolve("kubewizard"), state.resolve("kubewizard").resolve("logs"));
    }

    /** The known_hosts file of host keys the user trusted. */
    public Path knownHosts() {
        return config.resolve("known_hosts");
    }
}

package dev.kubewizard.ui;

import dev.kubewizard.ui.text.Language;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the window remembers between runs: the last plan file, the language and the theme. A small UTF-8 properties
 * file in the app-data folder. Never a password: {@link dev.kubewizard.ui.plan.RunSecrets} has no way in here.
 */
public final class Settings {
    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);
    private static final String LAST_PLAN = "lastPlan";
    private static final String LANGUAGE = "language";
    private static final String DARK = "darkTheme";

    private final Path file;
    private final Properties values = new Properties();

    private Settings(Path file) {
        this.file = file;
    }

    /** Reads the file; a missing or unreadable file means defaults (logged, never fatal). */
    public static Settings load(Path file) {
        Settings s = new Settings(file);
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                s.values.load(r);
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("settings file {} could not be read; using defaults", file, e);
            }
        }
        return s;
    }

    public Path file() {
        return file;
    }

    public Optional<Path> lastPlan() {
        String v = values.getProperty(LAST_PLAN);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(v));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    public void setLastPlan(Path plan) {
        put(LAST_PLAN, plan == null ? null : plan.toAbsolutePath().normalize().toString());
    }

    public Language language() {
        return Language.fromCode(values.getProperty(LANGUAGE, Language.ZH.code()));
    }

    public void setLanguage(Language language) {
        put(LANGUAGE, language.code());
    }

    public boolean darkTheme() {
        return Boolean.parseBoolean(values.getProperty(DARK, "false"));
    }

    public void setDarkTheme(boolean dark) {
        put(DARK, Boolean.toString(dark));
    }

    private void put(String key, String value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.setProperty(key, value);
        }
        save();
    }

    /** Written whole to a temporary file and moved over the old one, so a crash never leaves half a file. */
    private void save() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            StringWriter text = new StringWriter();
            values.store(text, "kubewizard settings");
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text.toString().replace("\r\n", "\n"), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.warn("settings could not be saved to {}", file, e);
        } catch (UncheckedIOException e) {
            LOG.warn("settings could not be saved to {}", file, e);
        }
    }
}

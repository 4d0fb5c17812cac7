package dev.kubewizard.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Message bundles, read as UTF-8 straight from the class path. Each area of the product keeps its own pair of files,
 * {@code i18n/<area>_zh.properties} and {@code i18n/<area>_en.properties}, so that a key is found by its area prefix
 * ({@code plan.}, {@code recipe.}, ...). No {@link java.util.ResourceBundle} fallback: a Chinese lookup must never
 * silently turn English on an English machine, and the reverse.
 */
public final class Messages {
    /** The areas, in lookup order. A key belongs to the first area whose name is its prefix. */
    public static final Set<String> AREAS =
            Set.of("plan", "recipe", "prep", "lb", "cluster", "kubeconfig", "cli", "ui", "ssh", "sim");
    private static final Map<String, Properties> CACHE = new ConcurrentHashMap<>();

    private Messages() {
    }

    /** The message in both languages, with {0}, {1}... replaced by the arguments. */
    public static Text text(String key, Object... args) {
        return new Text(format(key, "zh", args), format(key, "en", args));
    }

    public static String format(String key, String language, Object... args) {
        String pattern = bundle(areaOf(key), language).getProperty(key);
        if (pattern == null) {
            throw new IllegalArgumentException("no message " + key + " in " + areaOf(key) + "_" + language);
        }
        if (args.length == 0) {
            return pattern.replace("''", "'");
        }
        return new MessageFormat(pattern, "en".equals(language) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE)
                .format(args);
    }

    /** Every key of an area in one language (used by the bundle consistency test). */
    public static Set<String> keys(String area, String language) {
        Set<String> keys = new TreeSet<>();
        for (Object k : bundle(area, language).keySet()) {
            keys.add((String) k);
        }
        return Collections.unmodifiableSet(keys);
    }

    private static String areaOf(String key) {
        int dot = key.indexOf('.');
        String area = dot < 0 ? key : key.substring(0, dot);
        if (!AREAS.contains(area)) {
            throw new IllegalArgumentException("message key " + key + " has no known area prefix " + AREAS);
        }
        return area;
    }

    private static Properties bundle(String area, String language) {
        return CACHE.computeIfAbsent(area + "_" + language, name -> {
            Properties p = new Properties();
            try (InputStream in = Messages.class.getResourceAsStream("/dev/kubewizard/i18n/" + name + ".properties")) {
                if (in != null) {
                    try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                        p.load(r);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return p;
        });
    }
}

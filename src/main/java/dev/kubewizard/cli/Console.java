package dev.kubewizard.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The command line's output: UTF-8 streams (never the platform charset, which is GBK on Chinese Windows) and the
 * language of messages: Chinese, the product's language, unless {@code --lang en} or KUBEWIZARD_LANG=en asks for
 * English.
 */
public record Console(PrintStream out, PrintStream err, String language) {
    public static Console system() {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        return new Console(out, err, defaultLanguage());
    }

    static String defaultLanguage() {
        String forced = System.getenv("KUBEWIZARD_LANG");
        if (forced != null && !forced.isBlank()) {
            return forced.toLowerCase(Locale.ROOT).startsWith("en") ? "en" : "zh";
        }
        return "zh";
    }

    public Console withLanguage(String language) {
        return new Console(out, err, language.toLowerCase(Locale.ROOT).startsWith("en") ? "en" : "zh");
    }

    public boolean english() {
        return "en".equals(language);
    }
}

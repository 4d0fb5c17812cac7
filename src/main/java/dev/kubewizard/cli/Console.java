package dev.kubewizard.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The command line's output: UTF-8 streams (never the platform charset, which is GBK on Chinese Windows) except in a
 * Windows console window, and the language of messages: Chinese, the product's language, unless {@code --lang en} or
 * KUBEWIZARD_LANG=en asks for English.
 */
public record Console(PrintStream out, PrintStream err, String language) {
    public static Console system() {
        java.io.Console terminal = System.console();
        Charset charset = outputCharset(System.getProperty("os.name", ""),
                terminal == null ? null : terminal.charset());
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, charset);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, charset);
        return new Console(out, err, defaultLanguage());
    }

    /**
     * UTF-8, except when the output is a Windows console window (kubewizard-cli.exe in cmd or PowerShell): that shows
     * bytes in its own code page, 936 (GBK) on Chinese Windows, where UTF-8 Chinese would be unreadable. Redirected to
     * a file, the output stays UTF-8 everywhere.
     *
     * @param consoleCharset the charset of the console the program runs in, or null when it has none
     */
    static Charset outputCharset(String osName, Charset consoleCharset) {
        boolean windows = osName.toLowerCase(Locale.ROOT).startsWith("windows");
        return windows && consoleCharset != null ? consoleCharset : StandardCharsets.UTF_8;
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

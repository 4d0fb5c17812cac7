package dev.kubewizard.ui.text;

import dev.kubewizard.text.Text;
import java.util.Locale;

/** The languages the window speaks. Chinese comes first: it is the default for the teacher and the class. */
public enum Language {
    ZH("zh", "中文", Locale.SIMPLIFIED_CHINESE),
    EN("en", "English", Locale.ENGLISH);

    private final String code;
    private final String nativeName;
    private final Locale locale;

    Language(String code, String nativeName, Locale locale) {
        this.code = code;
        this.nativeName = nativeName;
        this.locale = locale;
    }

    /** "zh" or "en", as {@link dev.kubewizard.text.Messages#format} takes it. */
    public String code() {
        return code;
    }

    /** The language's name in itself, for the switch (never translated). */
    public String nativeName() {
        return nativeName;
    }

    public Locale locale() {
        return locale;
    }

    public String pick(Text text) {
        return text == null ? "" : text.in(locale);
    }

    /** A stored code back to a language; anything unknown is Chinese. */
    public static Language fromCode(String code) {
        return "en".equals(code) ? EN : ZH;
    }
}

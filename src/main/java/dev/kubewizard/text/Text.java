package dev.kubewizard.text;

import java.util.Locale;
import java.util.Objects;

/** A short text in both languages the product speaks: Chinese (the default) and English. */
public record Text(String zh, String en) {
    public Text {
        Objects.requireNonNull(zh, "zh");
        Objects.requireNonNull(en, "en");
    }

    public static Text of(String zh, String en) {
        return new Text(zh, en);
    }

    /** The text for a UI language; anything that is not English gets Chinese. */
    public String in(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? en : zh;
    }

    @Override
    public String toString() {
        return zh + " / " + en;
    }
}

package dev.kubewizard.ui.form;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** Ikonli font icons at the sizes the wizard uses. */
public final class Icons {
    private Icons() {
    }

    public static FontIcon of(Ikon ikon) {
        return of(ikon, 16);
    }

    public static FontIcon of(Ikon ikon, int size) {
        FontIcon icon = new FontIcon(ikon);
        icon.setIconSize(size);
        return icon;
    }

    /** An icon with a style class, e.g. "error-icon" (coloured by app.css, so it follows the theme). */
    public static FontIcon of(Ikon ikon, int size, String styleClass) {
        FontIcon icon = of(ikon, size);
        icon.getStyleClass().add(styleClass);
        return icon;
    }
}

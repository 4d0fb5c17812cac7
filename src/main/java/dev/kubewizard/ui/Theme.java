package dev.kubewizard.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;

/** AtlantaFX's Primer themes: light by default (projectors wash out dark screens), dark on request. */
public final class Theme {
    public static final String APP_CSS = "/dev/kubewizard/ui/app.css";

    private Theme() {
    }

    public static void apply(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    public static String appStylesheet() {
        return Theme.class.getResource(APP_CSS).toExternalForm();
    }
}

package dev.kubewizard.ui;

import java.util.Objects;
import javafx.beans.value.ObservableBooleanValue;

/**
 * One step of the wizard as the wizard model sees it: its id, the key of its title, whether its page is complete,
 * and whether it works in this build (the Install and Finish steps wait for the install engine: they can be opened to
 * read what they will do, and are never complete).
 *
 * @param lockedReasonKey message key saying why a step does not work yet; null when it does
 */
public record WizardPage(String id, String titleKey, ObservableBooleanValue valid, String lockedReasonKey) {
    public WizardPage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(titleKey, "titleKey");
        Objects.requireNonNull(valid, "valid");
    }

    public static WizardPage open(String id, String titleKey, ObservableBooleanValue valid) {
        return new WizardPage(id, titleKey, valid, null);
    }

    public static WizardPage locked(String id, String titleKey, String reasonKey, ObservableBooleanValue valid) {
        return new WizardPage(id, titleKey, valid, Objects.requireNonNull(reasonKey, "reasonKey"));
    }

    public boolean available() {
        return lockedReasonKey == null;
    }
}

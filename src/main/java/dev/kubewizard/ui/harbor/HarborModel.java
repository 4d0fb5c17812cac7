package dev.kubewizard.ui.harbor;

import dev.kubewizard.ui.plan.PlanDraft;
import dev.kubewizard.ui.plan.RunSecrets;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.StringProperty;

/**
 * The private Harbor registry: where it is, how to reach it, the test image and whether to create a pull secret. The
 * password stays in {@link RunSecrets} (memory only), never in the plan.
 */
public final class HarborModel {
    private final PlanDraft draft;
    private final RunSecrets secrets;
    // Properties
    private final BooleanBinding valid;

    public HarborModel(PlanDraft draft, RunSecrets secrets) {
        this.draft = draft;
        this.secrets = secrets;
        this.valid = draft.completeUnder("harbor");
    }

    public PlanDraft draft() {
        return draft;
    }

    public StringProperty passwordProperty() {
        return secrets.harborPasswordProperty();
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    // Commands

    /** Turns Harbor on with the course's defaults for the fields still empty, or off (the plan then has none). */
    public void setEnabled(boolean enabled) {
        if (enabled) {
            fillIfBlank(draft.harborUserProperty(), "admin");
        }
        draft.harborEnabledProperty().set(enabled);
    }

    private static void fillIfBlank(StringProperty p, String value) {
        if (p.get() == null || p.get().isBlank()) {
            p.set(value);
        }
    }
}

package dev.kubewizard.ui.harbor;

import dev.kubewizard.plan.Violation;
import dev.kubewizard.ui.BackgroundWork;
import dev.kubewizard.ui.plan.PlanDraft;
import dev.kubewizard.ui.plan.RunSecrets;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;

/**
 * The private Harbor registry: where it is, how to reach it, the test image and whether to create a pull secret. The
 * password stays in {@link RunSecrets} (memory only), never in the plan.
 */
public final class HarborModel {
    private final PlanDraft draft;
    private final RunSecrets secrets;
    private final BackgroundWork work;
    private final HarborLogin login;
    // Properties
    private final BooleanBinding valid;
    private final ObjectProperty<HarborLogin.Result> loginResult = new SimpleObjectProperty<>(this, "loginResult");
    private final ReadOnlyBooleanWrapper testing = new ReadOnlyBooleanWrapper(this, "testing", false);
    private final BooleanBinding canTestLogin;

    public HarborModel(PlanDraft draft, RunSecrets secrets, BackgroundWork work, HarborLogin login) {
        this.draft = draft;
        this.secrets = secrets;
        this.work = work;
        this.login = login;
        this.valid = draft.completeUnder("harbor");
        this.canTestLogin = Bindings.createBooleanBinding(() -> valid.get()
                        && draft.harborEnabledProperty().get() && !testing.get()
                        && !draft.check().under(List.of("harbor.host", "harbor.username")).stream()
                        .anyMatch(Violation::isError)
                        && !isBlank(draft.harborUserProperty()) && !isBlank(secrets.harborPasswordProperty()),
                valid, draft.harborEnabledProperty(), testing, draft.checkProperty(), draft.harborUserProperty(),
                secrets.harborPasswordProperty());
        // A result is about the values it was tested with.
        draft.harborHostProperty().addListener((o, a, b) -> loginResult.set(null));
        draft.harborUserProperty().addListener((o, a, b) -> loginResult.set(null));
        draft.harborHttpsProperty().addListener((o, a, b) -> loginResult.set(null));
        secrets.harborPasswordProperty().addListener((o, a, b) -> loginResult.set(null));
    }

    /** The last "test login" outcome; null before a test or after the fields changed. */
    public ObjectProperty<HarborLogin.Result> loginResultProperty() {
        return loginResult;
    }

    public ReadOnlyBooleanProperty testingProperty() {
        return testing.getReadOnlyProperty();
    }

    /** A login can be tried once the address, user and password are there. */
    public BooleanBinding canTestLoginProperty() {
        return canTestLogin;
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

    /** Logs in to Harbor from this computer, off the FX thread; the outcome lands in {@link #loginResultProperty()}. */
    public void testLogin() {
        if (!canTestLogin.get()) {
            return;
        }
        String scheme = draft.harborHttpsProperty().get() ? "https" : "http";
        String host = draft.harborHostProperty().get().strip();
        boolean skip = draft.harborSkipVerifyProperty().get();
        String user = draft.harborUserProperty().get().strip();
        String password = secrets.harborPasswordProperty().get();
        testing.set(true);
        loginResult.set(null);
        work.run("harbor login " + host, () -> login.check(scheme, host, skip, user, password), r -> {
            testing.set(false);
            loginResult.set(r);
        }, e -> {
            testing.set(false);
            loginResult.set(new HarborLogin.Result(HarborLogin.Outcome.UNREACHABLE, String.valueOf(e.getMessage())));
        });
    }

    private static boolean isBlank(StringProperty p) {
        return p.get() == null || p.get().isBlank();
    }

    private static void fillIfBlank(StringProperty p, String value) {
        if (p.get() == null || p.get().isBlank()) {
            p.set(value);
        }
    }
}

package dev.kubewizard.ui.ssh;

import dev.kubewizard.plan.PlanHost;
import dev.kubewizard.plan.SshAuth;
import dev.kubewizard.ui.plan.PlanDraft;
import dev.kubewizard.ui.plan.RunSecrets;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.StringProperty;

/**
 * How kubewizard logs in to the machines: user, port, password or key file, and the sudo password for a user that is
 * not root. Passwords live in {@link RunSecrets} only. Testing the connections needs the SSH layer (not built yet).
 */
public final class SshModel {
    private final PlanDraft draft;
    private final RunSecrets secrets;
    // Properties
    private final BooleanBinding valid;
    private final BooleanBinding usesKey;
    private final ObjectBinding<List<PlanHost>> hosts;
    private final BooleanBinding needsSudo;
    private final BooleanBinding secretsComplete;

    public SshModel(PlanDraft draft, RunSecrets secrets) {
        this.draft = draft;
        this.secrets = secrets;
        valid = draft.completeUnder("ssh");
        usesKey = Bindings.createBooleanBinding(() -> draft.sshAuthProperty().get() == SshAuth.KEY,
                draft.sshAuthProperty());
        // The check changes whenever any field does: the hosts follow the plan through it.
        hosts = Bindings.createObjectBinding(() -> {
            draft.check(); // read it, so that its next change invalidates this binding again
            return draft.toPlan().hosts();
        }, draft.checkProperty());
        needsSudo = Bindings.createBooleanBinding(() -> hosts.get().stream().anyMatch(h -> !h.isRoot()), hosts);
        secretsComplete = Bindings.createBooleanBinding(() -> (usesKey.get() || !isBlank(secrets.sshPasswordProperty()))
                        && (!needsSudo.get() || !isBlank(secrets.sudoPasswordProperty())),
                usesKey, needsSudo, secrets.sshPasswordProperty(), secrets.sudoPasswordProperty());
    }

    public PlanDraft draft() {
        return draft;
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    public BooleanBinding usesKeyProperty() {
        return usesKey;
    }

    /** Every machine with its effective user and port (a node may override the plan-wide ones). */
    public ObjectBinding<List<PlanHost>> hostsProperty() {
        return hosts;
    }

    /** Whether some machine logs in as a user other than root, so sudo needs a password. */
    public BooleanBinding needsSudoProperty() {
        return needsSudo;
    }

    /** Whether the passwords an install will need have been typed (not required to review the plan). */
    public BooleanBinding secretsCompleteProperty() {
        return secretsComplete;
    }

    public StringProperty passwordProperty() {
        return secrets.sshPasswordProperty();
    }

    public StringProperty sudoPasswordProperty() {
        return secrets.sudoPasswordProperty();
    }

    /** Testing logins, sudo and host keys needs the SSH layer, which is not part of this build yet. */
    public boolean connectionTestAvailable() {
        return false;
    }

    // Commands

    public void useKeyFile(Path keyFile) {
        draft.sshAuthProperty().set(SshAuth.KEY);
        draft.sshKeyFileProperty().set(keyFile.toString());
    }

    public void usePassword() {
        draft.sshAuthProperty().set(SshAuth.PASSWORD);
    }

    private static boolean isBlank(StringProperty p) {
        return p.get() == null || p.get().isEmpty();
    }
}

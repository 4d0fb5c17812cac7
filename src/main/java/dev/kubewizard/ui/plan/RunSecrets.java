package dev.kubewizard.ui.plan;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The passwords of one session: SSH, sudo and Harbor. They live only here, in memory; nothing writes them to the
 * plan, the settings or the log (the install engine will hand them to a step on its standard input).
 */
public final class RunSecrets {
    // Properties
    private final StringProperty sshPassword = new SimpleStringProperty(this, "sshPassword", "");
    private final StringProperty sudoPassword = new SimpleStringProperty(this, "sudoPassword", "");
    private final StringProperty harborPassword = new SimpleStringProperty(this, "harborPassword", "");

    public StringProperty sshPasswordProperty() {
        return sshPassword;
    }

    public StringProperty sudoPasswordProperty() {
        return sudoPassword;
    }

    public StringProperty harborPasswordProperty() {
        return harborPassword;
    }

    // Commands

    /** Forgets every password (a new plan is a new session). */
    public void clear() {
        sshPassword.set("");
        sudoPassword.set("");
        harborPassword.set("");
    }

    @Override
    public String toString() {
        return "RunSecrets[masked]";
    }
}

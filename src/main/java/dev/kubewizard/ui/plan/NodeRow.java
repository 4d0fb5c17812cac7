package dev.kubewizard.ui.plan;

import dev.kubewizard.plan.Node;
import dev.kubewizard.plan.Role;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One editable row of the Nodes table. Texts are kept as typed, so that a bad port can be shown, not lost. */
public final class NodeRow {
    // Properties
    private final StringProperty hostname = new SimpleStringProperty(this, "hostname", "");
    private final StringProperty address = new SimpleStringProperty(this, "address", "");
    private final ObjectProperty<Role> role = new SimpleObjectProperty<>(this, "role", Role.WORKER);
    private final StringProperty user = new SimpleStringProperty(this, "user", "");
    private final StringProperty port = new SimpleStringProperty(this, "port", "");

    public NodeRow() {
    }

    public NodeRow(String hostname, String address, Role role) {
        this.hostname.set(hostname);
        this.address.set(address);
        this.role.set(role);
    }

    public static NodeRow of(Node node) {
        NodeRow row = new NodeRow(nullToEmpty(node.hostname()), nullToEmpty(node.address()), node.role());
        row.user.set(nullToEmpty(node.user()));
        row.port.set(node.port() == null ? "" : node.port().toString());
        return row;
    }

    /** Every property, for list extractors: a change in any cell is a change of the list. */
    public Observable[] observables() {
        return new Observable[] {hostname, address, role, user, port};
    }

    public StringProperty hostnameProperty() {
        return hostname;
    }

    public StringProperty addressProperty() {
        return address;
    }

    public ObjectProperty<Role> roleProperty() {
        return role;
    }

    public StringProperty userProperty() {
        return user;
    }

    public StringProperty portProperty() {
        return port;
    }

    static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}

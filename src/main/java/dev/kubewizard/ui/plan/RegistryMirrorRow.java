package dev.kubewizard.ui.plan;

import javafx.beans.Observable;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One mirror of one upstream registry (docker.io -> https://docker.m.daocloud.io). Rows of the same registry are
 * tried in their order in the list.
 */
public final class RegistryMirrorRow {
    // Properties
    private final StringProperty registry = new SimpleStringProperty(this, "registry", "");
    private final StringProperty url = new SimpleStringProperty(this, "url", "");

    public RegistryMirrorRow(String registry, String url) {
        this.registry.set(registry);
        this.url.set(url);
    }

    public Observable[] observables() {
        return new Observable[] {registry, url};
    }

    public StringProperty registryProperty() {
        return registry;
    }

    public StringProperty urlProperty() {
        return url;
    }
}

package dev.kubewizard.ui.mirrors;

import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One URL being tested: what it is for (a ui.* key and its argument), the URL, and how the test went. */
public final class ProbeRow {
    private final String whatKey;
    private final String whatArg;
    private final String url;
    // Properties
    private final ObjectProperty<ProbeStatus> status = new SimpleObjectProperty<>(this, "status",
            ProbeStatus.NOT_TESTED);
    private final LongProperty millis = new SimpleLongProperty(this, "millis", 0);
    private final StringProperty detail = new SimpleStringProperty(this, "detail", "");

    public ProbeRow(String whatKey, String whatArg, String url) {
        this.whatKey = whatKey;
        this.whatArg = whatArg;
        this.url = url;
    }

    public String whatKey() {
        return whatKey;
    }

    public String whatArg() {
        return whatArg;
    }

    public String url() {
        return url;
    }

    public ObjectProperty<ProbeStatus> statusProperty() {
        return status;
    }

    public LongProperty millisProperty() {
        return millis;
    }

    public StringProperty detailProperty() {
        return detail;
    }

    void show(MirrorProbe.Result r) {
        millis.set(r.millis());
        detail.set(r.detail());
        status.set(r.status());
    }
}

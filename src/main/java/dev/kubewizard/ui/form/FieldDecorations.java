package dev.kubewizard.ui.form;

import atlantafx.base.theme.Styles;
import dev.kubewizard.plan.Violation;
import dev.kubewizard.ui.plan.PlanCheck;
import dev.kubewizard.ui.plan.PlanDraft;
import dev.kubewizard.ui.text.UiText;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.geometry.Pos;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import org.controlsfx.control.decoration.Decorator;
import org.controlsfx.control.decoration.GraphicDecoration;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;

/**
 * Shows PlanValidator's violations on the fields they are about: a ControlsFX decoration (error or warning icon) on
 * the control, a red border for errors, a tooltip, and the message itself in a label under the field, in the current
 * language. Follows every change of the plan and of the language.
 */
public final class FieldDecorations {
    private final PlanDraft draft;
    private final UiText text;
    private final List<Decorated> decorated = new ArrayList<>();

    private record Decorated(Control control, Supplier<String> path, boolean withChildren, Label message) {
    }

    public FieldDecorations(PlanDraft draft, UiText text) {
        this.draft = draft;
        this.text = text;
        draft.checkProperty().addListener((o, a, b) -> refresh());
        text.languageProperty().addListener((o, a, b) -> refresh());
    }

    /**
     * Decorates a control with the violations of its field and returns the message label to put under it.
     *
     * @param withChildren also show violations inside the field (the NTP list shows mirrors.ntp[2])
     */
    public Label decorate(Control control, Supplier<String> path, boolean withChildren) {
        Label message = new Label();
        message.getStyleClass().add("field-message");
        message.setWrapText(true);
        message.setManaged(false);
        message.setVisible(false);
        Decorated d = new Decorated(control, path, withChildren, message);
        decorated.add(d);
        show(d, draft.check());
        return message;
    }

    public Label decorate(Control control, String path) {
        return decorate(control, () -> path, false);
    }

    /** Drops a control that left the page (a removed table row's editor). */
    public void forget(Control control) {
        decorated.removeIf(d -> d.control() == control);
    }

    private void refresh() {
        PlanCheck check = draft.check();
        for (Decorated d : List.copyOf(decorated)) {
            show(d, check);
        }
    }

    private void show(Decorated d, PlanCheck check) {
        String path = d.path().get();
        List<Violation> found = path == null ? List.of() : d.withChildren() ? check.under(path) : check.at(path);
        boolean error = found.stream().anyMatch(Violation::isError);
        Control c = d.control();
        c.pseudoClassStateChanged(Styles.STATE_DANGER, error);
        c.pseudoClassStateChanged(Styles.STATE_WARNING, !found.isEmpty() && !error);
        Decorator.removeAllDecorations(c);
        Label message = d.message();
        message.getStyleClass().removeAll("error", "warning");
        if (found.isEmpty()) {
            c.setTooltip(null);
            message.setText("");
            message.setVisible(false);
            message.setManaged(false);
            return;
        }
        String all = found.stream().map(v -> text.get(v.message())).collect(Collectors.joining("\n"));
        message.setText(all);
        message.getStyleClass().add(error ? "error" : "warning");
        message.setVisible(true);
        message.setManaged(true);
        Tooltip tip = new Tooltip(all);
        tip.setWrapText(true);
        tip.setMaxWidth(480);
        c.setTooltip(tip);
        Decorator.addDecoration(c, new GraphicDecoration(Icons.of(error ? MaterialDesignA.ALERT_CIRCLE
                : MaterialDesignA.ALERT, 14, error ? "error-icon" : "warning-icon"), Pos.CENTER_RIGHT, -14, 0));
    }
}

package dev.kubewizard.ui.nodes;

import atlantafx.base.theme.Styles;
import dev.kubewizard.plan.Violation;
import dev.kubewizard.ui.form.Icons;
import dev.kubewizard.ui.plan.NodeRow;
import dev.kubewizard.ui.plan.PlanDraft;
import dev.kubewizard.ui.text.UiText;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;

/**
 * A text cell of the Nodes table that shows the validator's verdict on its own field (nodes[i].address...): a red
 * border and an error icon, the message as tooltip. While typing, the editor shows the verdict the text would get at
 * each keystroke; Enter or leaving the cell keeps the value (and updates the plan and Next), Escape cancels.
 */
final class PlanTextCell extends TableCell<NodeRow, String> {
    private final PlanDraft draft;
    private final UiText text;
    private final String field;
    private final InvalidationListener recheck = o -> showCheck();
    private TextField editor;

    PlanTextCell(PlanDraft draft, UiText text, String field) {
        this.draft = draft;
        this.text = text;
        this.field = field;
        getStyleClass().add("plan-cell");
        draft.checkProperty().addListener(new WeakInvalidationListener(recheck));
        text.languageProperty().addListener(new WeakInvalidationListener(recheck));
    }

    @Override
    public void startEdit() {
        super.startEdit();
        if (!isEditing()) {
            return;
        }
        if (editor == null) {
            editor = new TextField();
            editor.getStyleClass().add(Styles.SMALL);
            editor.setOnAction(e -> commitEdit(editor.getText()));
            editor.setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.ESCAPE) {
                    cancelEdit();
                }
            });
            editor.focusedProperty().addListener((o, was, now) -> {
                if (!now && isEditing()) {
                    commitEdit(editor.getText());
                }
            });
            editor.textProperty().addListener((o, was, now) -> {
                if (isEditing()) {
                    typed(now);
                }
            });
        }
        editor.setText(getItem() == null ? "" : getItem());
        setText(null);
        setGraphic(editor);
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        editor.requestFocus();
        editor.selectAll();
    }

    @Override
    public void cancelEdit() {
        super.cancelEdit();
        showValue();
    }

    /** The verdict the typed text would get, on the editor: red frame and the message as tooltip. */
    private void typed(String value) {
        NodeRow row = getTableRow() == null ? null : getTableRow().getItem();
        if (row == null || editor == null) {
            return;
        }
        List<Violation> found = draft.violationsIfTyped(row, field, value);
        boolean error = found.stream().anyMatch(Violation::isError);
        editor.pseudoClassStateChanged(Styles.STATE_DANGER, error);
        editor.setTooltip(found.isEmpty() ? null
                : new Tooltip(found.stream().map(v -> text.get(v.message())).collect(Collectors.joining("\n"))));
    }

    @Override
    public void commitEdit(String value) {
        super.commitEdit(value);
        showValue();
    }

    @Override
    protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        if (empty) {
            setText(null);
            setGraphic(null);
            setTooltip(null);
            pseudoClassStateChanged(Styles.STATE_DANGER, false);
            pseudoClassStateChanged(Styles.STATE_WARNING, false);
            return;
        }
        if (isEditing() && editor != null) {
            editor.setText(item);
            return;
        }
        showValue();
    }

    private void showValue() {
        setText(getItem());
        setContentDisplay(ContentDisplay.RIGHT);
        showCheck();
    }

    private void showCheck() {
        NodeRow row = getTableRow() == null ? null : getTableRow().getItem();
        if (isEmpty() || row == null || isEditing()) {
            return;
        }
        List<Violation> found = draft.check().at(draft.nodePath(row, field));
        boolean error = found.stream().anyMatch(Violation::isError);
        pseudoClassStateChanged(Styles.STATE_DANGER, error);
        pseudoClassStateChanged(Styles.STATE_WARNING, !found.isEmpty() && !error);
        if (found.isEmpty()) {
            setGraphic(null);
            setTooltip(null);
            setAccessibleHelp(null);
            return;
        }
        String messages = found.stream().map(v -> text.get(v.message())).collect(Collectors.joining("\n"));
        setGraphic(Icons.of(error ? MaterialDesignA.ALERT_CIRCLE : MaterialDesignA.ALERT, 14,
                error ? "error-icon" : "warning-icon"));
        Tooltip tip = new Tooltip(messages);
        tip.setWrapText(true);
        tip.setMaxWidth(460);
        setTooltip(tip);
        setAccessibleHelp(messages);
    }
}

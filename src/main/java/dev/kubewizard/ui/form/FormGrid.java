package dev.kubewizard.ui.form;

import atlantafx.base.theme.Styles;
import dev.kubewizard.ui.text.UiText;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * A form laid out the same way on every page: a label column, the field with its help line and its violation message
 * under it, and section titles. Every text is bound to a ui.* key, so it follows the language switch. It also knows
 * which label names which plan field, for the page's list of problems.
 */
public final class FormGrid {
    private final UiText text;
    private final FieldDecorations decorations;
    private final GridPane grid = new GridPane();
    private final Map<String, String> labelKeyByPath = new LinkedHashMap<>();
    private int row;

    public FormGrid(UiText text, FieldDecorations decorations) {
        this.text = text;
        this.decorations = decorations;
        grid.getStyleClass().add("form-grid");
        grid.setHgap(16);
        grid.setVgap(6);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(150);
        labels.setPrefWidth(190);
        labels.setHalignment(HPos.RIGHT);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        fields.setMaxWidth(620);
        grid.getColumnConstraints().setAll(labels, fields);
    }

    public GridPane node() {
        return grid;
    }

    public void section(String titleKey) {
        Label title = new Label();
        title.textProperty().bind(text.bind(titleKey));
        title.getStyleClass().addAll(Styles.TITLE_4, "form-section");
        GridPane.setMargin(title, new Insets(row == 0 ? 0 : 14, 0, 2, 0));
        GridPane.setHalignment(title, HPos.LEFT);
        grid.add(title, 0, row++, 2, 1);
    }

    /** A field for one plan path: label, control, help (may be null), violations of that path. */
    public void field(String labelKey, Control control, String path, String helpKey) {
        Label message = path == null ? null : decorations.decorate(control, path);
        if (path != null) {
            labelKeyByPath.put(path, labelKey);
        }
        add(labelKey, control, control, helpKey, message);
    }

    /** A field whose violations include those inside it (mirrors.ntp shows mirrors.ntp[1]). */
    public void listField(String labelKey, Control control, String path, String helpKey) {
        Label message = decorations.decorate(control, () -> path, true);
        labelKeyByPath.put(path, labelKey);
        add(labelKey, control, control, helpKey, message);
    }

    /** A row holding any node (a group of controls), labelled for {@code labelFor}. */
    public void row(String labelKey, Node content, Control labelFor, String helpKey) {
        add(labelKey, content, labelFor, helpKey, null);
    }

    /** Content across both columns. */
    public void wide(Node content) {
        GridPane.setHalignment(content, HPos.LEFT);
        grid.add(content, 0, row++, 2, 1);
    }

    private void add(String labelKey, Node content, Control labelFor, String helpKey, Label message) {
        Label label = new Label();
        label.textProperty().bind(text.bind(labelKey));
        label.setLabelFor(labelFor);
        label.getStyleClass().add("form-label");
        label.setWrapText(true);
        GridPane.setValignment(label, VPos.TOP);
        GridPane.setMargin(label, new Insets(6, 0, 0, 0));
        VBox cell = new VBox(3, content);
        if (helpKey != null) {
            Label help = new Label();
            help.textProperty().bind(text.bind(helpKey));
            help.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL, "field-help");
            help.setWrapText(true);
            cell.getChildren().add(help);
        }
        if (message != null) {
            cell.getChildren().add(message);
        }
        grid.add(label, 0, row);
        grid.add(cell, 1, row++);
        if (labelFor != null && labelFor.getAccessibleText() == null) {
            labelFor.accessibleTextProperty().bind(label.textProperty());
        }
    }

    /** The label text that names a plan field, in the current language; null when this form has none. */
    public String labelOf(String path) {
        String key = labelKeyByPath.get(path);
        return key == null ? null : text.get(key);
    }
}

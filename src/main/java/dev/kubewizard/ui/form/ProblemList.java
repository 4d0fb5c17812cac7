package dev.kubewizard.ui.form;

import dev.kubewizard.plan.Violation;
import dev.kubewizard.ui.plan.PlanDraft;
import dev.kubewizard.ui.text.UiText;
import java.util.List;
import java.util.function.Function;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;

/**
 * The page's problems in one list, each with the field it is about: what still blocks Next, readable without hovering
 * (a projector shows no tooltips) and without colour.
 */
public final class ProblemList extends VBox {
    private final PlanDraft draft;
    private final UiText text;
    private final List<String> prefixes;
    private final Function<String, String> where;

    /** @param where the name of the field at a path in the current language (null: the path itself) */
    public ProblemList(PlanDraft draft, UiText text, List<String> prefixes, Function<String, String> where) {
        super(4);
        this.draft = draft;
        this.text = text;
        this.prefixes = List.copyOf(prefixes);
        this.where = where;
        getStyleClass().add("problem-list");
        draft.checkProperty().addListener((o, a, b) -> refresh());
        text.languageProperty().addListener((o, a, b) -> refresh());
        refresh();
    }

    private void refresh() {
        List<Violation> found = draft.check().under(prefixes);
        getChildren().clear();
        setVisible(!found.isEmpty());
        setManaged(!found.isEmpty());
        if (found.isEmpty()) {
            return;
        }
        long errors = found.stream().filter(Violation::isError).count();
        Label title = new Label(text.get("ui.problems.title", errors, found.size() - errors));
        title.getStyleClass().add("problem-title");
        getChildren().add(title);
        for (Violation v : found) {
            String field = where.apply(v.path());
            String line = text.get("ui.problems.item", field == null || field.isBlank() ? v.path() : field,
                    text.get(v.message()));
            Label item = new Label(line, Icons.of(v.isError() ? MaterialDesignA.ALERT_CIRCLE : MaterialDesignA.ALERT,
                    14, v.isError() ? "error-icon" : "warning-icon"));
            item.setWrapText(true);
            item.getStyleClass().add(v.isError() ? "problem-error" : "problem-warning");
            getChildren().add(item);
        }
    }
}

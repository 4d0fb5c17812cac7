package dev.kubewizard.ui.review;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.LbMode;
import dev.kubewizard.plan.PlanHost;
import dev.kubewizard.plan.Violation;
import dev.kubewizard.recipe.ScriptExport;
import dev.kubewizard.recipe.Step;
import dev.kubewizard.recipe.StepFile;
import dev.kubewizard.ui.Page;
import dev.kubewizard.ui.form.Icons;
import dev.kubewizard.ui.text.UiText;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;

/** Summary, warnings, every machine's steps and files read-only, save the plan, export the scripts. */
public final class ReviewPage implements Page {
    private final ReviewModel model;
    private final UiText text;
    private final GridPane summary = new GridPane();
    private final VBox notes = new VBox(4);
    private final ListView<PlanHost> hosts = new ListView<>();
    private final ListView<Step> steps = new ListView<>();
    private final Label why = new Label();
    private final TextArea script = code();
    private final TextArea check = code();
    private final TextArea files = code();
    private final Label status = new Label();
    private final Message problem = new Message();
    private final Region root;

    public ReviewPage(ReviewModel model, UiText text) {
        this.model = model;
        this.text = text;
        this.root = build();
    }

    @Override
    public Region root() {
        return root;
    }

    @Override
    public void shown() {
        model.refresh();
        showAll();
    }

    private Region build() {
        summary.setHgap(18);
        summary.setVgap(4);
        summary.setId("review-summary");
        summary.getStyleClass().add("review-summary");

        problem.getStyleClass().add(Styles.DANGER);
        problem.setGraphic(Icons.of(MaterialDesignA.ALERT_CIRCLE_OUTLINE, 20));
        problem.titleProperty().bind(text.bind("ui.review.noSteps"));
        problem.descriptionProperty().bind(text.bind(model.recipeProblemProperty()));
        problem.visibleProperty().bind(model.recipeProblemProperty().isNotNull());
        problem.managedProperty().bind(problem.visibleProperty());

        hosts.setId("review-hosts");
        hosts.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(PlanHost h, boolean empty) {
                super.updateItem(h, empty);
                setText(empty || h == null ? null : h.hostname() + "  " + h.address());
            }
        });
        hosts.getSelectionModel().selectedItemProperty().addListener((o, a, h) -> showSteps(h));
        steps.setId("review-steps");
        steps.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Step s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null
                        : String.format("%02d  %s", getIndex() + 1, text.get(s.title())));
            }
        });
        steps.getSelectionModel().selectedItemProperty().addListener((o, a, s) -> showStep(s));
        why.setWrapText(true);
        why.getStyleClass().add("step-why");
        script.setId("review-script");
        TabPane tabs = new TabPane(tab("ui.review.tab.script", script), tab("ui.review.tab.check", check),
                tab("ui.review.tab.files", files));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox stepView = new VBox(8, why, tabs);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        SplitPane split = new SplitPane(hosts, steps, stepView);
        split.setDividerPositions(0.2, 0.5);
        split.setPrefHeight(460);
        split.setMinHeight(360);
        SplitPane.setResizableWithParent(hosts, false);

        Button save = new Button(null, Icons.of(MaterialDesignC.CONTENT_SAVE, 16));
        save.setId("review-save");
        save.textProperty().bind(text.bind("ui.review.save"));
        save.getStyleClass().add(Styles.ACCENT);
        save.setOnAction(e -> savePlan());
        Button export = new Button(null, Icons.of(MaterialDesignE.EXPORT, 16));
        export.setId("review-export");
        export.textProperty().bind(text.bind("ui.review.export"));
        export.disableProperty().bind(model.validProperty().not());
        export.setOnAction(e -> exportScripts());
        status.setWrapText(true);
        status.setId("review-status");
        HBox actions = new HBox(10, save, export, status);
        actions.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(status, Priority.ALWAYS);

        text.languageProperty().addListener((o, a, b) -> showAll());
        model.draft().checkProperty().addListener((o, a, b) -> showSummary());
        Label stepsTitle = new Label();
        stepsTitle.textProperty().bind(text.bind("ui.review.steps"));
        stepsTitle.getStyleClass().add(Styles.TITLE_4);
        return Page.frame(text, "ui.page.review", "ui.review.intro", summary, notes, actions, problem, stepsTitle,
                split);
    }

    private void showAll() {
        showSummary();
        PlanHost selectedHost = hosts.getSelectionModel().getSelectedItem();
        int selectedStep = steps.getSelectionModel().getSelectedIndex();
        hosts.getItems().setAll(model.hosts());
        if (!hosts.getItems().isEmpty()) {
            int i = selectedHost == null ? 0 : Math.max(0, indexOf(selectedHost.hostname()));
            hosts.getSelectionModel().select(i);
            showSteps(hosts.getSelectionModel().getSelectedItem());
            if (selectedStep >= 0 && selectedStep < steps.getItems().size()) {
                steps.getSelectionModel().select(selectedStep);
            }
        } else {
            showSteps(null);
        }
    }

    private int indexOf(String hostname) {
        for (int i = 0; i < hosts.getItems().size(); i++) {
            if (hosts.getItems().get(i).hostname().equals(hostname)) {
                return i;
            }
        }
        return -1;
    }

    private void showSummary() {
        summary.getChildren().clear();
        if (!model.draft().loadedProperty().get()) {
            return;
        }
        ClusterPlan p = model.draft().toPlan();
        int row = 0;
        row = fact(row, "ui.review.cluster",
                p.cluster().name() + "  ·  Kubernetes " + p.cluster().kubernetesVersion());
        row = fact(row, "ui.review.machines", text.get("ui.nodes.counts", p.masters().size(), p.workers().size()));
        row = fact(row, "ui.review.endpoint", p.cluster().endpoint().host() + " → " + p.cluster().endpoint().vip()
                + ":" + p.cluster().endpoint().portOrDefault());
        row = fact(row, "ui.review.lb", p.lbMode() == LbMode.EXTERNAL
                ? text.get("ui.review.lb.external", p.lbHost().map(h -> h.hostname() + " " + h.address()).orElse("—"))
                : text.get("ui.review.lb.keepalived"));
        row = fact(row, "ui.review.subnets", p.cluster().podSubnet() + "  /  " + p.cluster().serviceSubnet());
        row = fact(row, "ui.review.harbor", p.harbor() == null ? text.get("ui.review.harbor.none")
                : p.harbor().scheme() + "://" + p.harbor().host());
        Path file = model.draft().planFileProperty().get();
        fact(row, "ui.review.file", file == null ? text.get("ui.review.file.unsaved") : file.toString());

        notes.getChildren().clear();
        List<Violation> errors = model.errorsProperty().get();
        List<Violation> warnings = model.warningsProperty().get();
        for (Violation v : errors) {
            notes.getChildren().add(note(v, true));
        }
        for (Violation v : warnings) {
            notes.getChildren().add(note(v, false));
        }
        if (errors.isEmpty() && warnings.isEmpty()) {
            Label ok = new Label(null, Icons.of(MaterialDesignC.CHECK_CIRCLE, 16, "ok-icon"));
            ok.setText(text.get("ui.review.noWarnings"));
            notes.getChildren().add(ok);
        }
    }

    private Label note(Violation v, boolean error) {
        Label l = new Label(v.path() + ": " + text.get(v.message()), Icons.of(error ? MaterialDesignA.ALERT_CIRCLE
                : MaterialDesignA.ALERT, 14, error ? "error-icon" : "warning-icon"));
        l.setWrapText(true);
        return l;
    }

    private int fact(int row, String key, String value) {
        Label k = new Label(text.get(key));
        k.getStyleClass().add(Styles.TEXT_MUTED);
        Label v = new Label(value);
        v.getStyleClass().add(Styles.TEXT_BOLD);
        summary.addRow(row, k, v);
        return row + 1;
    }

    private void showSteps(PlanHost h) {
        steps.getItems().setAll(h == null ? List.of() : model.steps(h.hostname()));
        if (!steps.getItems().isEmpty()) {
            steps.getSelectionModel().select(0);
        } else {
            showStep(null);
        }
    }

    private void showStep(Step s) {
        if (s == null) {
            why.setText("");
            script.setText("");
            check.setText("");
            files.setText("");
            return;
        }
        why.setText(text.get(s.title()) + " — " + text.get(s.why()));
        script.setText(s.script());
        check.setText(s.check());
        files.setText(s.files().isEmpty() ? text.get("ui.review.noFiles")
                : s.files().stream().map(ReviewModel::fileText).collect(Collectors.joining("\n")));
        script.positionCaret(0);
        check.positionCaret(0);
        files.positionCaret(0);
    }

    private void savePlan() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(text.get("ui.review.save"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(text.get("ui.file.planFiles"), "*.yaml",
                "*.yml"));
        Path current = model.draft().planFileProperty().get();
        String name = model.draft().clusterNameProperty().get();
        chooser.setInitialFileName(current != null ? current.getFileName().toString()
                : (name == null || name.isBlank() ? "plan" : name.strip()) + ".yaml");
        if (current != null && current.toAbsolutePath().getParent() != null) {
            chooser.setInitialDirectory(current.toAbsolutePath().getParent().toFile());
        }
        File file = chooser.showSaveDialog(root.getScene().getWindow());
        if (file == null) {
            return;
        }
        try {
            model.savePlan(file.toPath());
            status.setText(text.get("ui.review.saved", file));
            showSummary();
        } catch (IOException | RuntimeException ex) {
            status.setText(text.get("ui.review.saveFailed", file, String.valueOf(ex.getMessage())));
        }
    }

    private void exportScripts() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(text.get("ui.review.export"));
        File folder = chooser.showDialog(root.getScene().getWindow());
        if (folder == null) {
            return;
        }
        try {
            ScriptExport.Summary s = model.exportScripts(folder.toPath());
            status.setText(text.get("ui.review.exported", s.scripts(), s.files(), folder));
        } catch (IOException | RuntimeException ex) {
            status.setText(text.get("ui.review.exportFailed", folder, String.valueOf(ex.getMessage())));
        }
    }

    private Tab tab(String key, TextArea area) {
        Tab t = new Tab();
        t.textProperty().bind(text.bind(key));
        t.setContent(area);
        return t;
    }

    private static TextArea code() {
        TextArea area = new TextArea();
        area.setEditable(false);
        area.setWrapText(false);
        area.getStyleClass().add("code");
        return area;
    }
}

package dev.kubewizard.ui.mirrors;

import atlantafx.base.theme.Styles;
import dev.kubewizard.ui.Page;
import dev.kubewizard.ui.form.FieldDecorations;
import dev.kubewizard.ui.form.FormGrid;
import dev.kubewizard.ui.form.Icons;
import dev.kubewizard.ui.form.ProblemList;
import dev.kubewizard.ui.plan.PlanDraft;
import dev.kubewizard.ui.plan.RegistryMirrorRow;
import dev.kubewizard.ui.text.UiText;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/** Mirror presets, every mirror field, and the reachability test from this computer. */
public final class MirrorsPage implements Page {
    private final MirrorsModel model;
    private final UiText text;
    private final FieldDecorations decorations;
    private final VBox registryRows = new VBox(6);
    private final List<Control> rowControls = new ArrayList<>();
    private final Region root;

    public MirrorsPage(MirrorsModel model, UiText text, FieldDecorations decorations) {
        this.model = model;
        this.text = text;
        this.decorations = decorations;
        this.root = build();
    }

    @Override
    public Region root() {
        return root;
    }

    private Region build() {
        PlanDraft d = model.draft();
        FlowPane presets = new FlowPane(8, 8);
        for (MirrorPreset p : MirrorPreset.values()) {
            Button b = new Button();
            b.textProperty().bind(text.bind(p.labelKey()));
            b.setId("mirrors-preset-" + p.name().toLowerCase(java.util.Locale.ROOT));
            b.getStyleClass().add(Styles.BUTTON_OUTLINED);
            b.setOnAction(e -> model.apply(p));
            presets.getChildren().add(b);
        }
        Label presetsLabel = new Label();
        presetsLabel.textProperty().bind(text.bind("ui.mirrors.presets"));
        presetsLabel.getStyleClass().add(Styles.TEXT_BOLD);
        VBox presetBox = new VBox(6, presetsLabel, presets);

        FormGrid form = new FormGrid(text, decorations);
        form.section("ui.mirrors.section.packages");
        form.field("ui.mirrors.ubuntu", field(d.ubuntuMirrorProperty(), "mirrors-ubuntu"), "mirrors.ubuntu",
                "ui.mirrors.ubuntu.help");
        form.field("ui.mirrors.dockerCe", field(d.dockerCeMirrorProperty(), "mirrors-docker"), "mirrors.dockerCe",
                "ui.mirrors.dockerCe.help");
        form.field("ui.mirrors.kubernetes", field(d.kubernetesMirrorProperty(), "mirrors-kubernetes"),
                "mirrors.kubernetes", "ui.mirrors.kubernetes.help");
        form.section("ui.mirrors.section.images");
        form.field("ui.mirrors.imageRepository", field(d.imageRepositoryProperty(), "mirrors-image-repository"),
                "mirrors.imageRepository", "ui.mirrors.imageRepository.help");
        Button addMirror = new Button(null, Icons.of(MaterialDesignP.PLUS, 16));
        addMirror.textProperty().bind(text.bind("ui.mirrors.addRegistryMirror"));
        addMirror.setOnAction(e -> model.addRegistryMirror());
        VBox registries = new VBox(6, registryRows, addMirror);
        form.row("ui.mirrors.registryMirrors", registries, addMirror, "ui.mirrors.registryMirrors.help");
        d.registryMirrors().addListener((ListChangeListener<RegistryMirrorRow>) c -> {
            while (c.next()) {
                if (c.wasAdded() || c.wasRemoved() || c.wasPermutated()) {
                    rebuildRegistryRows();
                    return;
                }
            }
        });
        rebuildRegistryRows();
        form.section("ui.mirrors.section.time");
        form.listField("ui.mirrors.ntp", field(d.ntpServersProperty(), "mirrors-ntp"), "mirrors.ntp",
                "ui.mirrors.ntp.help");

        Button test = new Button(null, Icons.of(MaterialDesignS.SPEEDOMETER, 16));
        test.setId("mirrors-test");
        test.textProperty().bind(text.bind("ui.mirrors.test"));
        test.getStyleClass().add(Styles.ACCENT);
        test.setOnAction(e -> model.testFromThisComputer());
        test.disableProperty().bind(model.testingProperty());
        Button cancel = new Button();
        cancel.textProperty().bind(text.bind("ui.action.cancel"));
        cancel.setOnAction(e -> model.cancel());
        cancel.visibleProperty().bind(model.testingProperty());
        Label testHelp = new Label();
        testHelp.textProperty().bind(text.bind("ui.mirrors.test.help"));
        testHelp.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        testHelp.setWrapText(true);
        HBox testBar = new HBox(10, test, cancel);
        testBar.setAlignment(Pos.CENTER_LEFT);
        TableView<ProbeRow> results = resultsTable();

        ProblemList problems = new ProblemList(d, text, List.of("mirrors"), path -> {
            String label = form.labelOf(path);
            return label != null ? label : path.startsWith("mirrors.ntp") ? text.get("ui.mirrors.ntp")
                    : text.get("ui.mirrors.registryMirrors");
        });
        // Shown only once a test ran: before that, the button and its help say enough.
        results.visibleProperty().bind(Bindings.isNotEmpty(model.probes()));
        results.managedProperty().bind(results.visibleProperty());
        return Page.frame(text, "ui.page.mirrors", "ui.mirrors.intro", presetBox, new VBox(6, testBar, testHelp,
                results), problems, form.node());
    }

    private void rebuildRegistryRows() {
        rowControls.forEach(decorations::forget);
        rowControls.clear();
        registryRows.getChildren().clear();
        for (RegistryMirrorRow row : model.draft().registryMirrors()) {
            TextField registry = field(row.registryProperty(), null);
            registry.setPrefColumnCount(10);
            registry.setPromptText("docker.io");
            TextField url = field(row.urlProperty(), null);
            url.setPromptText("https://docker.m.daocloud.io");
            Label registryMessage = decorations.decorate(registry,
                    () -> "mirrors.registryMirrors." + row.registryProperty().get().strip(), false);
            Label urlMessage = decorations.decorate(url, () -> model.draft().registryMirrorPath(row), false);
            rowControls.add(registry);
            rowControls.add(url);
            Button remove = new Button(null, Icons.of(MaterialDesignD.DELETE_OUTLINE, 16));
            remove.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.DANGER);
            remove.accessibleTextProperty().bind(text.bind("ui.mirrors.removeRegistryMirror"));
            remove.setOnAction(e -> model.removeRegistryMirror(row));
            Label arrow = new Label("→");
            HBox line = new HBox(8, registry, arrow, url, remove);
            line.setAlignment(Pos.CENTER_LEFT);
            HBox.setHgrow(url, Priority.ALWAYS);
            registryRows.getChildren().add(new VBox(2, line, registryMessage, urlMessage));
        }
    }

    private TableView<ProbeRow> resultsTable() {
        TableView<ProbeRow> table = new TableView<>(model.probes());
        table.setId("mirrors-results");
        table.getStyleClass().addAll(Styles.BORDERED, Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setFixedCellSize(32);
        table.prefHeightProperty().bind(Bindings.createDoubleBinding(
                () -> 36 + 32 * Math.max(2, model.probes().size() + 0.3), model.probes()));
        Label placeholder = new Label();
        placeholder.textProperty().bind(text.bind("ui.mirrors.notTested"));
        table.setPlaceholder(placeholder);

        TableColumn<ProbeRow, String> what = new TableColumn<>();
        what.textProperty().bind(text.bind("ui.mirrors.column.what"));
        what.setCellValueFactory(c -> Bindings.createStringBinding(
                () -> text.get(c.getValue().whatKey(), c.getValue().whatArg()), text.languageProperty()));
        what.setPrefWidth(180);
        TableColumn<ProbeRow, String> url = new TableColumn<>();
        url.textProperty().bind(text.bind("ui.mirrors.column.url"));
        url.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(c.getValue().url()));
        url.setPrefWidth(360);
        TableColumn<ProbeRow, ProbeRow> result = new TableColumn<>();
        result.textProperty().bind(text.bind("ui.mirrors.column.result"));
        result.setCellValueFactory(c -> new javafx.beans.property.SimpleObjectProperty<>(c.getValue()));
        result.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(ProbeRow row, boolean empty) {
                super.updateItem(row, empty);
                textProperty().unbind();
                graphicProperty().unbind();
                if (empty || row == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                textProperty().bind(Bindings.createStringBinding(() -> describe(row), row.statusProperty(),
                        row.millisProperty(), row.detailProperty(), text.languageProperty()));
                graphicProperty().bind(Bindings.createObjectBinding(() -> icon(row.statusProperty().get()),
                        row.statusProperty()));
            }
        });
        result.setPrefWidth(220);
        table.getColumns().setAll(List.of(what, url, result));
        return table;
    }

    private String describe(ProbeRow row) {
        return switch (row.statusProperty().get()) {
            case NOT_TESTED -> text.get("ui.mirrors.status.notTested");
            case RUNNING -> text.get("ui.mirrors.status.running");
            case REACHABLE -> text.get("ui.mirrors.status.reachable", row.millisProperty().get(),
                    row.detailProperty().get());
            case WRONG_ANSWER -> text.get("ui.mirrors.status.wrongAnswer", row.detailProperty().get());
            case UNREACHABLE -> text.get("ui.mirrors.status.unreachable", row.detailProperty().get());
        };
    }

    private static javafx.scene.Node icon(ProbeStatus status) {
        return switch (status) {
            case REACHABLE -> Icons.of(MaterialDesignC.CHECK_CIRCLE, 16, "ok-icon");
            case WRONG_ANSWER -> Icons.of(MaterialDesignA.ALERT, 16, "warning-icon");
            case UNREACHABLE -> Icons.of(MaterialDesignC.CLOSE_CIRCLE, 16, "error-icon");
            case RUNNING -> Icons.of(MaterialDesignP.PROGRESS_CLOCK, 16);
            case NOT_TESTED -> null;
        };
    }

    private static TextField field(StringProperty property, String id) {
        TextField f = new TextField();
        f.textProperty().bindBidirectional(property);
        if (id != null) {
            f.setId(id);
        }
        return f;
    }
}

package dev.kubewizard.ui.finish;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.kubewizard.install.ClusterNodes.NodeStatus;
import dev.kubewizard.ui.Page;
import dev.kubewizard.ui.form.Icons;
import dev.kubewizard.ui.text.UiText;
import java.io.File;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;

/** The cluster's nodes through the endpoint, Export kubeconfig, kubectl for PowerShell, logs and support bundle. */
public final class FinishPage implements Page {
    private final FinishModel model;
    private final UiText text;
    private final Consumer<Path> openFolder;
    private final Region root;

    public FinishPage(FinishModel model, UiText text, Consumer<Path> openFolder) {
        this.model = model;
        this.text = text;
        this.openFolder = openFolder;
        this.root = build();
    }

    @Override
    public Region root() {
        return root;
    }

    @Override
    public void shown() {
        if (!model.nodesReadProperty().get()) {
            model.refresh();
        }
    }

    private Region build() {
        Label nodesTitle = section("ui.finish.nodes");
        TableView<NodeStatus> table = new TableView<>(model.nodes());
        table.setId("finish-nodes");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(230);
        table.getColumns().add(column("ui.finish.col.name", NodeStatus::name));
        table.getColumns().add(column("ui.finish.col.roles", n -> n.roles().isEmpty() ? "<none>"
                : String.join(",", n.roles())));
        TableColumn<NodeStatus, String> ready = column("ui.finish.col.ready", n -> n.ready() ? "Ready"
                : "NotReady" + (n.reason().isEmpty() ? "" : " (" + n.reason() + ")"));
        ready.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setGraphic(empty || item == null ? null : item.equals("Ready")
                        ? Icons.of(MaterialDesignC.CHECK_CIRCLE, 16, "ok-icon")
                        : Icons.of(MaterialDesignA.ALERT_CIRCLE, 16, "warning-icon"));
            }
        });
        table.getColumns().add(ready);
        table.getColumns().add(column("ui.finish.col.version", NodeStatus::version));
        table.getColumns().add(column("ui.finish.col.address", NodeStatus::address));
        Label placeholder = new Label();
        placeholder.textProperty().bind(Bindings.createStringBinding(() -> text.get(model.loadingProperty().get()
                ? "ui.finish.reading" : "ui.finish.noNodes"), model.loadingProperty(), text.languageProperty()));
        table.setPlaceholder(placeholder);

        Label source = new Label();
        source.setId("finish-source");
        source.setWrapText(true);
        source.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        source.textProperty().bind(Bindings.createStringBinding(() -> model.kubeconfigProperty().get() == null ? ""
                : text.get(model.simulated() ? "ui.finish.source.demo" : "ui.finish.source", model.server()),
                model.kubeconfigProperty(), model.nodes(), text.languageProperty()));
        Label verdict = new Label();
        verdict.setId("finish-verdict");
        verdict.getStyleClass().add(Styles.TEXT_BOLD);
        verdict.textProperty().bind(Bindings.createStringBinding(() -> !model.nodesReadProperty().get() ? ""
                : text.get(model.allReady() ? "ui.finish.allReady" : "ui.finish.notAllReady",
                model.nodes().stream().filter(NodeStatus::ready).count(), model.nodes().size()),
                model.nodes(), model.nodesReadProperty(), text.languageProperty()));
        Button refresh = new Button(null, Icons.of(MaterialDesignR.REFRESH, 16));
        refresh.setId("finish-refresh");
        refresh.textProperty().bind(text.bind("ui.finish.refresh"));
        refresh.disableProperty().bind(model.loadingProperty());
        refresh.setOnAction(e -> model.refresh());
        HBox nodesHead = new HBox(12, refresh, verdict);
        nodesHead.setAlignment(Pos.CENTER_LEFT);

        Message nodesProblem = problem("finish-nodes-problem", "ui.finish.nodesProblem",
                model.nodesProblemProperty());
        Message kubeconfigProblem = problem("finish-kubeconfig-problem", "ui.finish.kubeconfigProblem",
                model.kubeconfigProblemProperty());

        Label kubeTitle = section("ui.finish.kubeconfig");
        Label server = new Label();
        server.setId("finish-server");
        server.textProperty().bind(Bindings.createStringBinding(() -> model.kubeconfigProperty().get() == null
                ? text.get("ui.finish.noKubeconfig") : text.get("ui.finish.server", model.server(),
                model.kubeconfigProperty().get().access().contextName()), model.kubeconfigProperty(),
                text.languageProperty()));
        server.setWrapText(true);
        Button export = new Button(null, Icons.of(MaterialDesignE.EXPORT, 16));
        export.setId("finish-export");
        export.getStyleClass().add(Styles.ACCENT);
        export.textProperty().bind(text.bind("ui.finish.export"));
        export.disableProperty().bind(model.kubeconfigProperty().isNull());
        export.setOnAction(e -> model.exportToDefault());
        Button saveAs = new Button(null, Icons.of(MaterialDesignC.CONTENT_SAVE_OUTLINE, 16));
        saveAs.setId("finish-save-as");
        saveAs.textProperty().bind(text.bind("ui.finish.saveAs"));
        saveAs.disableProperty().bind(model.kubeconfigProperty().isNull());
        saveAs.setOnAction(e -> saveAs());
        Label target = new Label();
        target.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        target.textProperty().bind(text.bind("ui.finish.export.help", model.defaultKubeconfigPath()));
        target.setWrapText(true);
        HBox exportRow = new HBox(10, export, saveAs);
        exportRow.setAlignment(Pos.CENTER_LEFT);
        Label message = new Label();
        message.setId("finish-message");
        message.setWrapText(true);
        message.textProperty().bind(text.bind(model.messageProperty()));

        Label cmdTitle = section("ui.finish.commands");
        TextArea commands = new TextArea();
        commands.setId("finish-commands");
        commands.setEditable(false);
        commands.getStyleClass().add("code");
        commands.setPrefRowCount(10);
        commands.textProperty().bind(Bindings.createStringBinding(() -> model.kubectlCommands(
                text.language().code()), model.kubeconfigProperty(), model.writtenProperty(),
                text.languageProperty()));
        Button copy = new Button(null, Icons.of(MaterialDesignC.CONTENT_COPY, 16));
        copy.textProperty().bind(text.bind("ui.finish.copyCommands"));
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(commands.getText());
            Clipboard.getSystemClipboard().setContent(c);
        });

        Label moreTitle = section("ui.finish.afterwards");
        Button logs = new Button(null, Icons.of(MaterialDesignF.FOLDER_OPEN_OUTLINE, 16));
        logs.setId("finish-logs");
        logs.textProperty().bind(text.bind("ui.finish.openLogs"));
        logs.setOnAction(e -> model.logFolder().ifPresent(openFolder));
        Button bundle = new Button(null, Icons.of(MaterialDesignP.PACKAGE_VARIANT_CLOSED, 16));
        bundle.setId("finish-bundle");
        bundle.textProperty().bind(text.bind("ui.finish.bundle"));
        bundle.setOnAction(e -> saveBundle());
        HBox more = new HBox(10, logs, bundle);

        return Page.frame(text, "ui.page.finish", "ui.finish.intro", kubeconfigProblem, nodesTitle, nodesHead,
                nodesProblem, table, source, kubeTitle, server, exportRow, target, message, cmdTitle, commands, copy,
                moreTitle, more);
    }

    private Label section(String key) {
        Label l = new Label();
        l.textProperty().bind(text.bind(key));
        l.getStyleClass().add(Styles.TITLE_4);
        return l;
    }

    private Message problem(String id, String titleKey,
                            javafx.beans.value.ObservableValue<dev.kubewizard.text.Text> description) {
        Message m = new Message();
        m.setId(id);
        m.getStyleClass().add(Styles.WARNING);
        m.setGraphic(Icons.of(MaterialDesignA.ALERT_OUTLINE, 20));
        m.titleProperty().bind(text.bind(titleKey));
        m.descriptionProperty().bind(text.bind(description));
        m.visibleProperty().bind(Bindings.createBooleanBinding(() -> description.getValue() != null, description));
        m.managedProperty().bind(m.visibleProperty());
        return m;
    }

    private TableColumn<NodeStatus, String> column(String key, java.util.function.Function<NodeStatus, String> value) {
        TableColumn<NodeStatus, String> c = new TableColumn<>();
        c.textProperty().bind(text.bind(key));
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        return c;
    }

    private void saveAs() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(text.get("ui.finish.saveAs"));
        chooser.setInitialFileName(model.kubeconfigProperty().get().access().clusterName() + ".kubeconfig");
        File f = chooser.showSaveDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (f != null) {
            model.saveAs(f.toPath());
        }
    }

    private void saveBundle() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(text.get("ui.finish.bundle"));
        chooser.setInitialFileName("kubewizard-support.zip");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("zip", "*.zip"));
        File f = chooser.showSaveDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (f != null) {
            model.saveSupportBundle(f.toPath());
        }
    }

}

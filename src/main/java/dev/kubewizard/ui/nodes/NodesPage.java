package dev.kubewizard.ui.nodes;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.kubewizard.plan.Role;
import dev.kubewizard.ui.Page;
import dev.kubewizard.ui.form.Icons;
import dev.kubewizard.ui.form.ProblemList;
import dev.kubewizard.ui.plan.NodeRow;
import dev.kubewizard.ui.text.UiText;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.ComboBoxTableCell;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/** The machines: an editable table validated cell by cell, role counts and the etcd quorum hint, paste support. */
public final class NodesPage implements Page {
    private static final Pattern NODE_PATH = Pattern.compile("nodes\\[(\\d+)]\\.?(.*)");

    private final NodesModel model;
    private final UiText text;
    private final TableView<NodeRow> table = new TableView<>();
    private final Label pasteResult = new Label();
    private final Region root;

    public NodesPage(NodesModel model, UiText text) {
        this.model = model;
        this.text = text;
        this.root = build();
    }

    @Override
    public Region root() {
        return root;
    }

    private Region build() {
        table.setId("nodes-table");
        table.setItems(model.rows());
        table.setEditable(true);
        table.getStyleClass().addAll(Styles.BORDERED, Tweaks.EDGE_TO_EDGE, "nodes-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setFixedCellSize(38);
        table.prefHeightProperty().bind(Bindings.createDoubleBinding(
                () -> 42 + 38 * Math.max(3, model.rows().size() + 0.5), model.rows()));
        Label empty = new Label();
        empty.textProperty().bind(text.bind("ui.nodes.empty"));
        empty.setWrapText(true);
        table.setPlaceholder(empty);

        TableColumn<NodeRow, String> number = new TableColumn<>("#");
        number.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean isEmpty) {
                super.updateItem(item, isEmpty);
                setText(isEmpty || getTableRow() == null ? null : Integer.toString(getIndex() + 1));
            }
        });
        number.setPrefWidth(44);
        number.setMaxWidth(52);
        number.setSortable(false);
        number.setEditable(false);

        TableColumn<NodeRow, String> hostname = textColumn("ui.nodes.column.hostname", "hostname", 170);
        hostname.setCellValueFactory(c -> c.getValue().hostnameProperty());
        TableColumn<NodeRow, String> address = textColumn("ui.nodes.column.address", "address", 150);
        address.setCellValueFactory(c -> c.getValue().addressProperty());
        address.setId("nodes-address-column");
        TableColumn<NodeRow, Role> role = new TableColumn<>();
        role.textProperty().bind(text.bind("ui.nodes.column.role"));
        role.setCellValueFactory(c -> c.getValue().roleProperty());
        role.setCellFactory(ComboBoxTableCell.forTableColumn(new StringConverter<>() {
            @Override
            public String toString(Role r) {
                return r == null ? "" : text.get(r == Role.MASTER ? "ui.role.master" : "ui.role.worker");
            }

            @Override
            public Role fromString(String s) {
                return null;
            }
        }, FXCollections.observableArrayList(Role.values())));
        role.setPrefWidth(170);
        role.setSortable(false);
        TableColumn<NodeRow, String> user = textColumn("ui.nodes.column.user", "user", 110);
        user.setCellValueFactory(c -> c.getValue().userProperty());
        TableColumn<NodeRow, String> port = textColumn("ui.nodes.column.port", "port", 80);
        port.setCellValueFactory(c -> c.getValue().portProperty());
        TableColumn<NodeRow, String> remove = new TableColumn<>();
        remove.setPrefWidth(56);
        remove.setMaxWidth(64);
        remove.setSortable(false);
        remove.setEditable(false);
        remove.setCellFactory(c -> new TableCell<>() {
            private final Button button = new Button(null, Icons.of(MaterialDesignD.DELETE_OUTLINE, 16));

            {
                button.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.DANGER);
                button.setOnAction(e -> model.remove(getTableRow().getItem()));
                Tooltip tip = new Tooltip();
                tip.textProperty().bind(text.bind("ui.nodes.remove"));
                button.setTooltip(tip);
                button.accessibleTextProperty().bind(text.bind("ui.nodes.remove"));
            }

            @Override
            protected void updateItem(String item, boolean isEmpty) {
                super.updateItem(item, isEmpty);
                setGraphic(isEmpty ? null : button);
            }
        });
        table.getColumns().setAll(List.of(number, hostname, address, role, user, port, remove));
        text.languageProperty().addListener((o, a, b) -> table.refresh());

        Button addMaster = new Button(null, Icons.of(MaterialDesignP.PLUS, 16));
        addMaster.textProperty().bind(text.bind("ui.nodes.addMaster"));
        addMaster.setId("nodes-add-master");
        addMaster.setOnAction(e -> edit(model.add(Role.MASTER)));
        Button addWorker = new Button(null, Icons.of(MaterialDesignP.PLUS, 16));
        addWorker.textProperty().bind(text.bind("ui.nodes.addWorker"));
        addWorker.setId("nodes-add-worker");
        addWorker.setOnAction(e -> edit(model.add(Role.WORKER)));
        Button paste = new Button(null, Icons.of(MaterialDesignC.CONTENT_PASTE, 16));
        paste.textProperty().bind(text.bind("ui.nodes.paste"));
        paste.setId("nodes-paste");
        Tooltip pasteTip = new Tooltip();
        pasteTip.textProperty().bind(text.bind("ui.nodes.paste.help"));
        paste.setTooltip(pasteTip);
        paste.setOnAction(e -> pasteFromClipboard());
        table.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            boolean shortcutV = new KeyCodeCombination(KeyCode.V, KeyCombination.SHORTCUT_DOWN).match(e);
            if (shortcutV && table.getEditingCell() == null) {
                pasteFromClipboard();
                e.consume();
            }
        });
        pasteResult.getStyleClass().addAll(Styles.TEXT_MUTED);
        pasteResult.setWrapText(true);
        HBox tools = new HBox(8, addMaster, addWorker, paste, pasteResult);
        tools.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(pasteResult, Priority.ALWAYS);

        Label counts = new Label();
        counts.setId("nodes-counts");
        counts.textProperty().bind(Bindings.createStringBinding(
                () -> text.get("ui.nodes.counts", model.mastersProperty().get(), model.workersProperty().get()),
                model.mastersProperty(), model.workersProperty(), text.languageProperty()));
        counts.getStyleClass().add(Styles.TEXT_BOLD);
        Message quorum = new Message();
        quorum.setId("nodes-quorum");
        quorum.getStyleClass().add(Styles.ACCENT);
        quorum.setGraphic(Icons.of(MaterialDesignI.INFORMATION_OUTLINE, 20));
        quorum.titleProperty().bind(counts.textProperty());
        quorum.descriptionProperty().bind(text.bind(model.quorumHintProperty()));

        ProblemList problems = new ProblemList(model.draft(), text, List.of("nodes"), this::where);
        Label keyHint = new Label(null, Icons.of(MaterialDesignS.SERVER_NETWORK, 14));
        keyHint.textProperty().bind(text.bind("ui.nodes.editHint"));
        keyHint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        keyHint.setWrapText(true);
        return Page.frame(text, "ui.page.nodes", "ui.nodes.intro", tools, table, keyHint, quorum, problems);
    }

    private TableColumn<NodeRow, String> textColumn(String titleKey, String field, double width) {
        TableColumn<NodeRow, String> column = new TableColumn<>();
        column.textProperty().bind(text.bind(titleKey));
        column.setCellFactory(c -> new PlanTextCell(model.draft(), text, field));
        column.setPrefWidth(width);
        column.setSortable(false);
        return column;
    }

    private void edit(NodeRow row) {
        int index = model.rows().indexOf(row);
        table.layout();
        table.scrollTo(index);
        table.getSelectionModel().select(index);
        table.edit(index, table.getColumns().get(2));
    }

    private void pasteFromClipboard() {
        String clip = Clipboard.getSystemClipboard().getString();
        if (clip == null || clip.isBlank()) {
            pasteResult.setText(text.get("ui.nodes.paste.empty"));
            return;
        }
        NodesModel.PasteResult r = model.paste(clip);
        pasteResult.setText(r.skipped().isEmpty() ? text.get("ui.nodes.paste.done", r.added())
                : text.get("ui.nodes.paste.partly", r.added(), r.skipped().size(), r.skipped().get(0)));
    }

    /** "Row 3 · Address" for nodes[2].address. */
    private String where(String path) {
        Matcher m = NODE_PATH.matcher(path);
        if (!m.matches()) {
            return text.get("ui.nodes.where.table");
        }
        int row = Integer.parseInt(m.group(1)) + 1;
        String field = m.group(2);
        String column = switch (field) {
            case "hostname" -> text.get("ui.nodes.column.hostname");
            case "address" -> text.get("ui.nodes.column.address");
            case "role" -> text.get("ui.nodes.column.role");
            case "user" -> text.get("ui.nodes.column.user");
            case "port" -> text.get("ui.nodes.column.port");
            default -> "";
        };
        return column.isEmpty() ? text.get("ui.nodes.where.row", row) : text.get("ui.nodes.where.cell", row, column);
    }
}

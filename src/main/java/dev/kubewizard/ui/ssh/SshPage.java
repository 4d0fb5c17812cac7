package dev.kubewizard.ui.ssh;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.kubewizard.plan.PlanHost;
import dev.kubewizard.plan.SshAuth;
import dev.kubewizard.ui.Page;
import dev.kubewizard.ui.form.FieldDecorations;
import dev.kubewizard.ui.form.FormGrid;
import dev.kubewizard.ui.form.Icons;
import dev.kubewizard.ui.form.ProblemList;
import dev.kubewizard.ui.plan.PlanDraft;
import dev.kubewizard.ui.text.UiText;
import java.io.File;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;

/** How to log in: user, port, password or key, sudo password; the per-machine login list. */
public final class SshPage implements Page {
    private final SshModel model;
    private final UiText text;
    private final FieldDecorations decorations;
    private final Region root;

    public SshPage(SshModel model, UiText text, FieldDecorations decorations) {
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
        FormGrid form = new FormGrid(text, decorations);
        TextField user = field(d.sshUserProperty(), "ssh-user");
        user.setPromptText("root");
        form.field("ui.ssh.user", user, "ssh.user", "ui.ssh.user.help");
        TextField port = field(d.sshPortProperty(), "ssh-port");
        port.setPromptText("22");
        form.field("ui.ssh.port", port, "ssh.port", null);

        ToggleGroup auth = new ToggleGroup();
        RadioButton byPassword = new RadioButton();
        byPassword.textProperty().bind(text.bind("ui.ssh.auth.password"));
        byPassword.setToggleGroup(auth);
        RadioButton byKey = new RadioButton();
        byKey.textProperty().bind(text.bind("ui.ssh.auth.key"));
        byKey.setToggleGroup(auth);
        auth.selectToggle(d.sshAuthProperty().get() == SshAuth.KEY ? byKey : byPassword);
        d.sshAuthProperty().addListener((o, a, v) -> auth.selectToggle(v == SshAuth.KEY ? byKey : byPassword));
        auth.selectedToggleProperty().addListener((o, a, t) -> d.sshAuthProperty().set(
                t == byKey ? SshAuth.KEY : SshAuth.PASSWORD));
        form.row("ui.ssh.auth", new HBox(16, byPassword, byKey), byPassword, null);

        PasswordField password = new PasswordField();
        password.setId("ssh-password");
        password.textProperty().bindBidirectional(model.passwordProperty());
        password.disableProperty().bind(model.usesKeyProperty());
        form.field("ui.ssh.password", password, null, "ui.ssh.password.help");

        TextField key = field(d.sshKeyFileProperty(), "ssh-key-file");
        Button browse = new Button();
        browse.textProperty().bind(text.bind("ui.action.browse"));
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(text.get("ui.ssh.keyFile"));
            File home = new File(System.getProperty("user.home"), ".ssh");
            if (home.isDirectory()) {
                chooser.setInitialDirectory(home);
            }
            File f = chooser.showOpenDialog(root.getScene().getWindow());
            if (f != null) {
                model.useKeyFile(f.toPath());
            }
        });
        HBox keyRow = new HBox(8, key, browse);
        HBox.setHgrow(key, Priority.ALWAYS);
        keyRow.disableProperty().bind(model.usesKeyProperty().not());
        form.row("ui.ssh.keyFile", keyRow, key, "ui.ssh.keyFile.help");
        form.wide(decorations.decorate(key, "ssh.privateKeyFile"));

        PasswordField sudo = new PasswordField();
        sudo.setId("ssh-sudo-password");
        sudo.textProperty().bindBidirectional(model.sudoPasswordProperty());
        form.field("ui.ssh.sudoPassword", sudo, null, "ui.ssh.sudoPassword.help");
        sudo.disableProperty().bind(model.needsSudoProperty().not());

        Message memoryOnly = new Message();
        memoryOnly.getStyleClass().add(Styles.ACCENT);
        memoryOnly.setGraphic(Icons.of(MaterialDesignL.LOCK_OUTLINE, 20));
        memoryOnly.titleProperty().bind(text.bind("ui.ssh.memoryOnly.title"));
        memoryOnly.descriptionProperty().bind(text.bind("ui.ssh.memoryOnly"));

        Label hostsTitle = new Label();
        hostsTitle.textProperty().bind(text.bind("ui.ssh.hosts"));
        hostsTitle.getStyleClass().add(Styles.TITLE_4);
        GridPane hosts = new GridPane();
        hosts.setHgap(18);
        hosts.setVgap(4);
        hosts.setId("ssh-hosts");
        Runnable showHosts = () -> {
            hosts.getChildren().clear();
            int row = 0;
            for (PlanHost h : model.hostsProperty().get()) {
                Label name = new Label(h.hostname());
                name.getStyleClass().add(Styles.TEXT_BOLD);
                Label login = new Label(h.sshUser() + "@" + h.address() + ":" + h.sshPort());
                login.getStyleClass().add("mono");
                Label role = new Label(text.get(switch (h.kind()) {
                    case MASTER -> "ui.role.master";
                    case WORKER -> "ui.role.worker";
                    case LOAD_BALANCER -> "ui.role.lb";
                }));
                role.getStyleClass().add(Styles.TEXT_MUTED);
                hosts.addRow(row++, name, login, role);
            }
        };
        model.hostsProperty().addListener((o, a, b) -> showHosts.run());
        text.languageProperty().addListener((o, a, b) -> showHosts.run());
        showHosts.run();

        Button testConnections = new Button(null, Icons.of(MaterialDesignL.LAN_CONNECT, 16));
        testConnections.setId("ssh-test");
        testConnections.textProperty().bind(text.bind("ui.ssh.test"));
        testConnections.setDisable(!model.connectionTestAvailable());
        StackPane testHolder = new StackPane(testConnections);
        testHolder.setMaxWidth(Region.USE_PREF_SIZE);
        Tooltip later = new Tooltip();
        later.textProperty().bind(text.bind("ui.ssh.test.later"));
        Tooltip.install(testHolder, later);
        Label laterNote = new Label(null, Icons.of(MaterialDesignI.INFORMATION_OUTLINE, 14));
        laterNote.textProperty().bind(text.bind("ui.ssh.test.later"));
        laterNote.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        laterNote.setWrapText(true);

        Label secretsState = new Label();
        secretsState.textProperty().bind(Bindings.createStringBinding(() -> text.get(
                model.secretsCompleteProperty().get() ? "ui.ssh.secrets.ready" : "ui.ssh.secrets.missing"),
                model.secretsCompleteProperty(), text.languageProperty()));
        secretsState.getStyleClass().add(Styles.TEXT_SMALL);

        ProblemList problems = new ProblemList(d, text, List.of("ssh"), form::labelOf);
        return Page.frame(text, "ui.page.ssh", "ui.ssh.intro", memoryOnly, problems, form.node(), secretsState,
                hostsTitle, hosts, new HBox(12, testHolder, laterNote));
    }

    private static TextField field(javafx.beans.property.StringProperty property, String id) {
        TextField f = new TextField();
        f.textProperty().bindBidirectional(property);
        f.setId(id);
        return f;
    }
}

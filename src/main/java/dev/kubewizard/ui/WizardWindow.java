package dev.kubewizard.ui;

import atlantafx.base.theme.Styles;
import dev.kubewizard.install.AppFolders;
import dev.kubewizard.ui.finish.FinishModel;
import dev.kubewizard.ui.finish.FinishPage;
import dev.kubewizard.ui.form.FieldDecorations;
import dev.kubewizard.ui.form.Icons;
import dev.kubewizard.ui.harbor.HarborLogin;
import dev.kubewizard.ui.harbor.HarborModel;
import dev.kubewizard.ui.harbor.HarborPage;
import dev.kubewizard.ui.install.DemoMachines;
import dev.kubewizard.ui.install.InstallModel;
import dev.kubewizard.ui.install.InstallPage;
import dev.kubewizard.ui.install.NodeConsole;
import dev.kubewizard.ui.mirrors.MirrorProbe;
import dev.kubewizard.ui.mirrors.MirrorsModel;
import dev.kubewizard.ui.mirrors.MirrorsPage;
import dev.kubewizard.ui.network.NetworkModel;
import dev.kubewizard.ui.network.NetworkPage;
import dev.kubewizard.ui.nodes.NodesModel;
import dev.kubewizard.ui.nodes.NodesPage;
import dev.kubewizard.ui.plan.PlanDraft;
import dev.kubewizard.ui.plan.RunSecrets;
import dev.kubewizard.ui.review.ReviewModel;
import dev.kubewizard.ui.review.ReviewPage;
import dev.kubewizard.ui.ssh.SshModel;
import dev.kubewizard.ui.ssh.SshPage;
import dev.kubewizard.ui.text.Language;
import dev.kubewizard.ui.text.UiText;
import dev.kubewizard.ui.welcome.WelcomeModel;
import dev.kubewizard.ui.welcome.WelcomePage;
import impl.org.controlsfx.skin.DecorationPane;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;

/**
 * The wizard's window content: header (plan, language, theme), step bar, the current page, Back/Next. Builds every
 * page model once and wires them to the wizard model; knows nothing about the Stage, so tests can host it.
 */
public final class WizardWindow {
    public static final String WELCOME = "welcome";
    public static final String NODES = "nodes";
    public static final String NETWORK = "network";
    public static final String MIRRORS = "mirrors";
    public static final String HARBOR = "harbor";
    public static final String SSH = "ssh";
    public static final String REVIEW = "review";
    public static final String INSTALL = "install";
    public static final String FINISH = "finish";

    private final Settings settings;
    private final UiText text;
    private final PlanDraft draft = new PlanDraft();
    private final RunSecrets secrets = new RunSecrets();
    private final BackgroundWork work;
    private final BackgroundWork runs;
    private final WelcomeModel welcome;
    private final InstallModel install;
    private final FinishModel finish;
    private final InstallPage installPage;
    private Consumer<Path> openFolder = folder -> { };
    private final WizardModel wizard;
    private final List<Page> pages;
    private final BooleanProperty dark;
    private final StackPane pageArea = new StackPane();
    private final HBox stepBar = new HBox(4);
    private final DecorationPane root = new DecorationPane();

    public WizardWindow(Settings settings, UiText text, Executor uiThread) {
        this(settings, text, uiThread, InstallBackends.ofThisUser(AppFolders.ofThisUser()));
    }

    public WizardWindow(Settings settings, UiText text, Executor uiThread, InstallBackends backends) {
        this.settings = settings;
        this.text = text;
        this.work = new BackgroundWork("probe", 4, uiThread);
        this.dark = new SimpleBooleanProperty(this, "dark", settings.darkTheme());

        this.runs = new BackgroundWork("install", 4, uiThread);
        welcome = new WelcomeModel(draft, secrets, settings,
                backends.demo().map(DemoMachines::passwords).orElse(null));
        NodesModel nodes = new NodesModel(draft);
        NetworkModel network = new NetworkModel(draft);
        MirrorsModel mirrors = new MirrorsModel(draft, work, new MirrorProbe(Duration.ofSeconds(6)));
        HarborModel harbor = new HarborModel(draft, secrets, work, new HarborLogin(6000));
        SshModel ssh = new SshModel(draft, secrets);
        ReviewModel review = new ReviewModel(draft, welcome::remember);
        install = new InstallModel(draft, secrets, text, runs, () -> welcome.demoProperty().get()
                ? backends.demo().orElseThrow().source() : backends.machines());
        finish = new FinishModel(install.sessionProperty(), runs, backends.defaultKubeconfig(), Clock.systemDefaultZone());
        wizard = new WizardModel(List.of(
                WizardPage.open(WELCOME, "ui.page.welcome", welcome.validProperty()),
                WizardPage.open(NODES, "ui.page.nodes", nodes.validProperty()),
                WizardPage.open(NETWORK, "ui.page.network", network.validProperty()),
                WizardPage.open(MIRRORS, "ui.page.mirrors", mirrors.validProperty()),
                WizardPage.open(HARBOR, "ui.page.harbor", harbor.validProperty()),
                WizardPage.open(SSH, "ui.page.ssh", ssh.validProperty()),
                WizardPage.open(REVIEW, "ui.page.review", review.validProperty()),
                WizardPage.open(INSTALL, "ui.page.install", install.validProperty()),
                WizardPage.open(FINISH, "ui.page.finish", finish.validProperty())));

        FieldDecorations decorations = new FieldDecorations(draft, text);
        pages = List.of(
                new WelcomePage(welcome, text, () -> wizard.next()),
                new NodesPage(nodes, text),
                new NetworkPage(network, text, decorations),
                new MirrorsPage(mirrors, text, decorations),
                new HarborPage(harbor, text, decorations),
                new SshPage(ssh, text, decorations),
                new ReviewPage(review, text),
                installPage = new InstallPage(install, text, () -> wizard.next()),
                new FinishPage(finish, text, folder -> openFolder.accept(folder)));

        BorderPane frame = new BorderPane();
        frame.getStyleClass().add("wizard");
        frame.setTop(new VBox(header(), demoBanner(), stepBar));
        frame.setCenter(pageArea);
        frame.setBottom(footer());
        root.setRoot(frame);

        wizard.currentIndexProperty().addListener((o, a, b) -> showPage());
        for (WizardPage p : wizard.pages()) {
            p.valid().addListener((o, a, b) -> buildStepBar());
        }
        text.languageProperty().addListener((o, a, b) -> buildStepBar());
        text.languageProperty().addListener((o, a, lang) -> settings.setLanguage(lang));
        dark.addListener((o, a, on) -> {
            Theme.apply(on);
            settings.setDarkTheme(on);
        });
        showPage();
        // Once the window is up (the UI thread is free again), in the background and one after the other: the course
        // plan is read, and the install consoles' classes are loaded, before a click needs them.
        uiThread.execute(() -> work.pool().execute(() -> {
            welcome.readCourseAhead(Runnable::run);
            NodeConsole.warmUp();
        }));
    }

    public Parent root() {
        return root;
    }

    public WizardModel wizard() {
        return wizard;
    }

    public PlanDraft draft() {
        return draft;
    }

    public RunSecrets secrets() {
        return secrets;
    }

    public UiText text() {
        return text;
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    /** The window title: the app and the plan file being edited. */
    public StringBinding titleBinding() {
        return Bindings.createStringBinding(() -> {
            Path file = draft.planFileProperty().get();
            String plan = file == null ? (draft.loadedProperty().get() ? text.get("ui.title.unsaved") : "")
                    : file.getFileName().toString();
            return plan.isEmpty() ? text.get("ui.title") : text.get("ui.title") + " — " + plan;
        }, draft.planFileProperty(), draft.loadedProperty(), text.languageProperty());
    }

    public InstallModel install() {
        return install;
    }

    public FinishModel finish() {
        return finish;
    }

    public InstallPage installPage() {
        return installPage;
    }

    /** How "open the log folder" opens a folder (the app's host services; nothing in tests). */
    public void setFolderOpener(Consumer<Path> opener) {
        this.openFolder = opener;
    }

    /** Stops background work (mirror tests, the install) when the window closes. */
    public void close() {
        installPage.stop();
        install.close();
        work.close();
        runs.close();
    }

    /** On every page while the machines are simulated: the teacher and the class must never mistake it. */
    private Region demoBanner() {
        Label badge = new Label();
        badge.textProperty().bind(text.bind("ui.demo.badge"));
        badge.getStyleClass().add("demo-badge");
        Label say = new Label();
        say.textProperty().bind(text.bind("ui.demo.banner"));
        say.setWrapText(true);
        HBox banner = new HBox(10, badge, say);
        banner.setId("demo-banner");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.setPadding(new Insets(6, 16, 6, 16));
        banner.getStyleClass().add("demo-banner");
        banner.visibleProperty().bind(welcome.demoProperty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private Region header() {
        ImageView logo = new ImageView(AppIcon.ofSize(32));
        logo.setFitWidth(28);
        logo.setFitHeight(28);
        Label name = new Label();
        name.textProperty().bind(text.bind("ui.title"));
        name.getStyleClass().addAll(Styles.TITLE_4, "app-name");
        Label plan = new Label();
        plan.getStyleClass().add(Styles.TEXT_MUTED);
        plan.textProperty().bind(Bindings.createStringBinding(() -> {
            Path f = draft.planFileProperty().get();
            return f == null ? (draft.loadedProperty().get() ? text.get("ui.title.unsaved") : "") : f.toString();
        }, draft.planFileProperty(), draft.loadedProperty(), text.languageProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        ToggleGroup languages = new ToggleGroup();
        ToggleButton zh = new ToggleButton(Language.ZH.nativeName());
        zh.setId("language-zh");
        zh.getStyleClass().add(Styles.LEFT_PILL);
        ToggleButton en = new ToggleButton(Language.EN.nativeName());
        en.setId("language-en");
        en.getStyleClass().add(Styles.RIGHT_PILL);
        zh.setToggleGroup(languages);
        en.setToggleGroup(languages);
        languages.selectToggle(text.language() == Language.EN ? en : zh);
        languages.selectedToggleProperty().addListener((o, before, now) -> {
            if (now == null) {
                languages.selectToggle(before); // one language is always chosen
            } else {
                text.languageProperty().set(now == en ? Language.EN : Language.ZH);
            }
        });
        HBox languageSwitch = new HBox(zh, en);
        languageSwitch.setAlignment(Pos.CENTER);

        Button theme = new Button();
        theme.setId("theme-toggle");
        theme.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        theme.graphicProperty().bind(Bindings.createObjectBinding(() -> Icons.of(dark.get()
                ? MaterialDesignW.WHITE_BALANCE_SUNNY : MaterialDesignW.WEATHER_NIGHT, 18), dark));
        Tooltip themeTip = new Tooltip();
        themeTip.textProperty().bind(text.bind("ui.theme.toggle"));
        theme.setTooltip(themeTip);
        theme.accessibleTextProperty().bind(text.bind("ui.theme.toggle"));
        theme.setOnAction(e -> dark.set(!dark.get()));

        HBox header = new HBox(10, logo, name, plan, spacer, languageSwitch, theme);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(10, 16, 10, 16));
        header.getStyleClass().add("app-header");
        stepBar.getStyleClass().add("step-bar");
        stepBar.setPadding(new Insets(8, 16, 8, 16));
        stepBar.setAlignment(Pos.CENTER_LEFT);
        return header;
    }

    private void buildStepBar() {
        stepBar.getChildren().clear();
        int current = wizard.currentIndex();
        for (int i = 0; i < wizard.pages().size(); i++) {
            WizardPage p = wizard.pages().get(i);
            final int index = i;
            Button step = new Button(text.get(p.titleKey()));
            step.setId("step-" + p.id());
            step.getStyleClass().addAll("step", Styles.FLAT);
            step.setContentDisplay(ContentDisplay.LEFT);
            if (!p.available()) {
                step.setGraphic(Icons.of(MaterialDesignL.LOCK_OUTLINE, 14));
                step.getStyleClass().add(i == current ? "step-current" : "step-locked");
                Tooltip tip = new Tooltip(text.get(p.lockedReasonKey()));
                tip.setWrapText(true);
                tip.setMaxWidth(380);
                step.setTooltip(tip);
            } else if (i == current) {
                step.setGraphic(number(i + 1, "step-number-current"));
                step.getStyleClass().add("step-current");
            } else if (i < current && p.valid().get()) {
                step.setGraphic(Icons.of(MaterialDesignC.CHECK_CIRCLE, 16, "ok-icon"));
                step.getStyleClass().add("step-done");
            } else if (i < current) {
                step.setGraphic(Icons.of(MaterialDesignA.ALERT_CIRCLE, 16, "error-icon"));
            } else {
                step.setGraphic(number(i + 1, "step-number"));
            }
            step.setDisable(i != current && !wizard.canOpen(i));
            step.setOnAction(e -> wizard.goTo(index));
            stepBar.getChildren().add(step);
            if (i < wizard.pages().size() - 1) {
                Label sep = new Label("›");
                sep.getStyleClass().add("step-separator");
                stepBar.getChildren().add(sep);
            }
        }
    }

    private static Label number(int n, String style) {
        Label l = new Label(Integer.toString(n));
        l.getStyleClass().add(style);
        l.setMinSize(20, 20);
        l.setAlignment(Pos.CENTER);
        return l;
    }

    private Region footer() {
        Button back = new Button(null, Icons.of(MaterialDesignA.ARROW_LEFT, 16));
        back.setId("wizard-back");
        back.textProperty().bind(text.bind("ui.action.back"));
        back.disableProperty().bind(wizard.canGoBackProperty().not());
        back.setOnAction(e -> wizard.back());
        Button next = new Button(null, Icons.of(MaterialDesignA.ARROW_RIGHT, 16));
        next.setId("wizard-next");
        next.setContentDisplay(ContentDisplay.RIGHT);
        next.textProperty().bind(text.bind("ui.action.next"));
        next.getStyleClass().add(Styles.ACCENT);
        next.disableProperty().bind(wizard.canGoNextProperty().not());
        next.setOnAction(e -> wizard.next());
        Label hint = new Label();
        hint.setId("wizard-hint");
        hint.setWrapText(true);
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.textProperty().bind(Bindings.createStringBinding(this::footerHint, wizard.currentIndexProperty(),
                wizard.canGoNextProperty(), text.languageProperty(), draft.checkProperty(), install.statusProperty()));
        // A disabled button shows no tooltip: the hint beside it says why Next is not possible.
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox footer = new HBox(10, hint, spacer, back, next);
        footer.setAlignment(Pos.CENTER_RIGHT);
        footer.setPadding(new Insets(10, 16, 12, 16));
        footer.getStyleClass().add("app-footer");
        HBox.setHgrow(hint, Priority.SOMETIMES);
        return footer;
    }

    private String footerHint() {
        draft.check(); // read it, so that its next change updates the hint again
        int i = wizard.currentIndex();
        WizardPage page = wizard.current();
        if (wizard.canGoNextProperty().get()) {
            return "";
        }
        if (page.id().equals(WELCOME)) {
            return text.get("ui.hint.choosePlan");
        }
        if (!page.available()) {
            return text.get(page.lockedReasonKey());
        }
        if (page.id().equals(INSTALL)) {
            return text.get("ui.hint.installFirst");
        }
        if (!page.valid().get() && i + 1 < wizard.pages().size()) {
            return text.get("ui.hint.fixFields");
        }
        return "";
    }

    private void showPage() {
        Page page = pages.get(wizard.currentIndex());
        pageArea.getChildren().setAll(page.root());
        draft.recheck();
        page.shown();
        buildStepBar();
    }
}

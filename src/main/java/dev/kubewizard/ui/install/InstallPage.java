package dev.kubewizard.ui.install;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.kubewizard.diagnosis.Finding;
import dev.kubewizard.recipe.Phase;
import dev.kubewizard.run.NodeState;
import dev.kubewizard.run.RunListener;
import dev.kubewizard.ssh.HostKeyOffer;
import dev.kubewizard.ui.Page;
import dev.kubewizard.ui.form.Icons;
import dev.kubewizard.ui.text.UiText;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.beans.value.WeakChangeListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignK;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * The install: start and cancel, overall progress and ETA, the nodes × phases overview, a banner per failed step with
 * the diagnosis and "retry node" / "reset node", host keys to trust one at a time, and one live console per machine.
 *
 * <p>A frame timer feeds everything from the model, and keeps each frame's share of the work small so the window
 * never stalls (the console benchmark holds every gap between frames under 100 ms): every {@link #TICK} the model
 * copies the engine's state and hands each console its new lines; on other frames the console on screen shows at
 * most {@link #CONSOLE_SLICE} of its waiting lines in one edit, every {@link #CONSOLE_EVERY} at most. Overview cells
 * change only what changed, with the same icon node throughout.
 */
public final class InstallPage implements Page {
    /** Lines each console keeps; the node's log file has all of them. */
    public static final int CONSOLE_LINES = 5_000;
    /** How often the model copies the engine's state and the consoles' new lines. */
    static final Duration TICK = Duration.ofMillis(200);
    /** How often the console on screen shows what waits, and how many lines at most at once. */
    static final Duration CONSOLE_EVERY = Duration.ofMillis(200);
    static final int CONSOLE_SLICE = 500;
    private static final List<String> ICON_STYLES = List.of("muted-icon", "running-icon", "ok-icon", "error-icon",
            "warning-icon");

    private final InstallModel model;
    private final UiText text;
    private final Runnable goToFinish;
    private final GridPane grid = new GridPane();
    private final TabPane consoles = new TabPane();
    private final VBox noticeBox = new VBox(8);
    private final Map<String, NodeConsole> consoleByHost = new LinkedHashMap<>();
    private final AnimationTimer timer;
    private final Region root;
    private NodeConsole onScreen;
    /** Pieces of the page still to build, one per frame: the overview's rows first, then the tabs and console. */
    private final ArrayDeque<Runnable> rowsToBuild = new ArrayDeque<>();
    private final ArrayDeque<Runnable> consolesToBuild = new ArrayDeque<>();

    public InstallPage(InstallModel model, UiText text, Runnable goToFinish) {
        this.model = model;
        this.text = text;
        this.goToFinish = goToFinish;
        this.root = build();
        timer = new AnimationTimer() {
            private long lastTick;
            private long lastConsole;

            @Override
            public void handle(long now) {
                // One kind of work per frame: a piece of the page, the model's copy, or one console slice.
                Runnable piece = rowsToBuild.isEmpty() ? consolesToBuild.poll() : rowsToBuild.poll();
                if (piece != null) {
                    piece.run();
                } else if (now - lastTick >= TICK.toNanos()) {
                    lastTick = now;
                    model.tick();
                } else if (onScreen != null && now - lastConsole >= CONSOLE_EVERY.toNanos()
                        && onScreen.flush(CONSOLE_SLICE)) {
                    lastConsole = now;
                }
            }
        };
        timer.start();
    }

    @Override
    public Region root() {
        return root;
    }

    public NodeConsole console(String host) {
        return consoleByHost.get(host);
    }

    /** Stops the feeding timer (the window closes). */
    public void stop() {
        timer.stop();
    }

    private Region build() {
        Label title = new Label();
        title.textProperty().bind(text.bind("ui.page.install"));
        title.getStyleClass().addAll(Styles.TITLE_2, "page-title");
        Label intro = new Label();
        intro.textProperty().bind(text.bind("ui.install.intro"));
        intro.getStyleClass().addAll(Styles.TEXT_MUTED, "page-intro");
        intro.setWrapText(true);

        Button start = new Button(null, Icons.of(MaterialDesignP.PLAY, 16));
        start.setId("install-start");
        start.getStyleClass().add(Styles.ACCENT);
        start.textProperty().bind(text.bind("ui.install.start"));
        start.setOnAction(e -> model.start());
        start.disableProperty().bind(Bindings.createBooleanBinding(() -> model.busyProperty().get()
                || model.sessionProperty().get() != null, model.busyProperty(), model.sessionProperty()));
        Button cancel = new Button(null, Icons.of(MaterialDesignS.STOP, 16));
        cancel.setId("install-cancel");
        cancel.getStyleClass().add(Styles.DANGER);
        cancel.textProperty().bind(text.bind("ui.action.cancel"));
        cancel.setOnAction(e -> model.cancel());
        cancel.disableProperty().bind(model.busyProperty().not());
        Button resume = new Button(null, Icons.of(MaterialDesignR.RESTART, 16));
        resume.setId("install-resume");
        resume.textProperty().bind(text.bind("ui.install.resume"));
        resume.setOnAction(e -> model.resume());
        resume.disableProperty().bind(Bindings.createBooleanBinding(() -> model.busyProperty().get()
                        || model.sessionProperty().get() == null || model.status() == InstallModel.Status.SUCCEEDED,
                model.busyProperty(), model.sessionProperty(), model.statusProperty()));
        Button finish = new Button(null, Icons.of(MaterialDesignA.ARROW_RIGHT, 16));
        finish.setId("install-to-finish");
        finish.getStyleClass().add(Styles.SUCCESS);
        finish.textProperty().bind(text.bind("ui.install.toFinish"));
        finish.visibleProperty().bind(model.validProperty());
        finish.managedProperty().bind(finish.visibleProperty());
        finish.setOnAction(e -> goToFinish.run());

        ProgressBar bar = new ProgressBar(0);
        bar.setId("install-progress");
        bar.progressProperty().bind(model.progressProperty());
        bar.setPrefWidth(260);
        Label counts = new Label();
        counts.setId("install-counts");
        counts.textProperty().bind(Bindings.createStringBinding(this::countsText, model.countsProperty(),
                model.statusProperty(), text.languageProperty()));
        HBox controls = new HBox(10, start, cancel, resume, bar, counts, finish);
        controls.setAlignment(Pos.CENTER_LEFT);

        Message problem = new Message();
        problem.setId("install-problem");
        problem.getStyleClass().add(Styles.DANGER);
        problem.setGraphic(Icons.of(MaterialDesignA.ALERT_CIRCLE_OUTLINE, 20));
        problem.titleProperty().bind(text.bind("ui.install.problem"));
        problem.descriptionProperty().bind(text.bind(model.problemProperty()));
        problem.visibleProperty().bind(model.problemProperty().isNotNull());
        problem.managedProperty().bind(problem.visibleProperty());

        noticeBox.setId("install-notices");
        model.notices().addListener((ListChangeListener<FailureNotice>) c -> showNotices());
        text.languageProperty().addListener((o, a, b) -> showNotices());

        VBox top = new VBox(10, title, intro, controls, problem, hostKeyQuestion(), noticeBox);
        top.setPadding(new Insets(16, 24, 8, 24));

        grid.setId("install-grid");
        grid.getStyleClass().add("install-grid");
        grid.setHgap(4);
        grid.setVgap(4);
        ScrollPane gridScroll = new ScrollPane(grid);
        gridScroll.setFitToWidth(true);
        gridScroll.getStyleClass().add("page-scroll");
        gridScroll.setPadding(new Insets(4, 24, 4, 24));
        consoles.setId("install-consoles");
        consoles.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        consoles.getSelectionModel().selectedItemProperty().addListener((o, before, now) -> {
            if (before != null && consoleByHost.containsKey((String) before.getUserData())) {
                consoleByHost.get((String) before.getUserData()).setShowing(false);
            }
            onScreen = now == null ? null : consoleByHost.get((String) now.getUserData());
            if (onScreen != null) {
                onScreen.setShowing(true);
            }
        });
        SplitPane split = new SplitPane(gridScroll, consoles);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.34);
        model.hosts().addListener((ListChangeListener<String>) c -> buildRun());
        text.languageProperty().addListener((o, a, b) -> queueGrid());

        Label waiting = new Label();
        waiting.textProperty().bind(text.bind("ui.install.notStarted"));
        waiting.getStyleClass().add(Styles.TEXT_MUTED);

        BorderPane pane = new BorderPane(split);
        pane.setTop(top);
        pane.getStyleClass().add("page");
        return pane;
    }

    private String countsText() {
        RunListener.Progress p = model.countsProperty().get();
        InstallModel.Status s = model.status();
        String state = text.get("ui.install.status." + s.name().toLowerCase(java.util.Locale.ROOT));
        if (p == null) {
            return state;
        }
        String eta = p.eta().isPresent() && s == InstallModel.Status.RUNNING
                ? " · " + text.get("ui.install.eta", clock(p.eta().get())) : "";
        return state + " · " + text.get("ui.install.counts", p.done(), p.total(), clock(p.elapsed())) + eta;
    }

    static String clock(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }

    // Host keys

    private Region hostKeyQuestion() {
        HostKeyQueue keys = model.hostKeys();
        Label question = new Label();
        question.setWrapText(true);
        question.textProperty().bind(Bindings.createStringBinding(() -> {
            HostKeyOffer o = keys.currentProperty().get();
            return o == null ? "" : text.get("ui.install.hostKey.question", o.host(), String.valueOf(o.port()),
                    o.keyType());
        }, keys.currentProperty(), text.languageProperty()));
        Label fingerprint = new Label();
        fingerprint.setId("install-hostkey-fingerprint");
        fingerprint.getStyleClass().addAll("mono", Styles.TEXT_BOLD);
        fingerprint.textProperty().bind(Bindings.createStringBinding(() -> keys.currentProperty().get() == null ? ""
                : keys.currentProperty().get().fingerprint(), keys.currentProperty()));
        Label more = new Label();
        more.getStyleClass().add(Styles.TEXT_MUTED);
        more.textProperty().bind(Bindings.createStringBinding(() -> keys.pendingProperty().get() <= 1 ? ""
                : text.get("ui.install.hostKey.more", keys.pendingProperty().get() - 1), keys.pendingProperty(),
                text.languageProperty()));
        Label advice = new Label();
        advice.textProperty().bind(text.bind("ui.install.hostKey.advice"));
        advice.setWrapText(true);
        advice.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        Button trust = new Button(null, Icons.of(MaterialDesignK.KEY_CHAIN_VARIANT, 16));
        trust.setId("install-hostkey-trust");
        trust.getStyleClass().add(Styles.ACCENT);
        trust.textProperty().bind(text.bind("ui.install.hostKey.trust"));
        trust.setOnAction(e -> keys.answer(true));
        Button refuse = new Button();
        refuse.setId("install-hostkey-refuse");
        refuse.textProperty().bind(text.bind("ui.install.hostKey.refuse"));
        refuse.setOnAction(e -> keys.answer(false));
        Label heading = new Label(null, Icons.of(MaterialDesignK.KEY_ALERT_OUTLINE, 20));
        heading.textProperty().bind(text.bind("ui.install.hostKey.title"));
        heading.getStyleClass().add(Styles.TITLE_4);
        HBox buttons = new HBox(8, trust, refuse, more);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, heading, question, fingerprint, advice, buttons);
        box.setId("install-hostkey");
        box.getStyleClass().add("host-key-question");
        box.visibleProperty().bind(keys.currentProperty().isNotNull());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    // Failure notices

    private void showNotices() {
        noticeBox.getChildren().clear();
        for (FailureNotice n : model.notices()) {
            noticeBox.getChildren().add(notice(n));
        }
    }

    private Region notice(FailureNotice n) {
        Label heading = new Label(text.get("ui.install.failed", n.host(), model.title(n)),
                Icons.of(MaterialDesignA.ALERT_CIRCLE, 20, "error-icon"));
        heading.getStyleClass().add(Styles.TITLE_4);
        VBox body = new VBox(4, heading);
        if (n.findings().isEmpty()) {
            Label none = new Label(text.get("ui.install.noDiagnosis"));
            none.setWrapText(true);
            body.getChildren().add(none);
            java.util.List<String> tail = n.lastLines().subList(Math.max(0, n.lastLines().size() - 6),
                    n.lastLines().size());
            Label lines = new Label(String.join("\n", tail.stream().map(AnsiText::strip).toList()));
            lines.getStyleClass().addAll("mono", Styles.TEXT_SMALL);
            body.getChildren().add(lines);
        }
        for (Finding f : n.findings()) {
            Label cause = new Label(text.get("ui.install.cause", text.get(f.cause())));
            cause.setWrapText(true);
            cause.getStyleClass().add("notice-cause");
            Label fix = new Label(text.get("ui.install.fix", text.get(f.fix())));
            fix.setWrapText(true);
            body.getChildren().addAll(cause, fix);
            if (!f.evidence().isEmpty()) {
                Label evidence = new Label(String.join("\n", f.evidence()));
                evidence.getStyleClass().addAll("mono", Styles.TEXT_SMALL, Styles.TEXT_MUTED);
                body.getChildren().add(evidence);
            }
        }
        Button retry = new Button(null, Icons.of(MaterialDesignR.REFRESH, 16));
        retry.setId("notice-retry-" + n.host());
        retry.textProperty().bind(text.bind("ui.install.retryNode"));
        retry.setOnAction(e -> model.retry(n.host()));
        Button reset = new Button(null, Icons.of(MaterialDesignR.RESTORE_ALERT, 16));
        reset.setId("notice-reset-" + n.host());
        reset.textProperty().bind(text.bind("ui.install.resetNode"));
        reset.setOnAction(e -> model.reset(n.host()));
        reset.setVisible(n.resettable());
        reset.setManaged(n.resettable());
        if (n.needsReset()) {
            reset.getStyleClass().add(Styles.ACCENT);
        } else {
            retry.getStyleClass().add(Styles.ACCENT);
        }
        Button show = new Button(null, Icons.of(MaterialDesignC.CONSOLE, 16));
        show.textProperty().bind(text.bind("ui.install.showConsole"));
        show.setOnAction(e -> consoles.getTabs().stream().filter(t -> n.host().equals(t.getUserData())).findFirst()
                .ifPresent(t -> consoles.getSelectionModel().select(t)));
        HBox buttons = new HBox(8, n.needsReset() ? reset : retry, n.needsReset() ? retry : reset, show);
        body.getChildren().add(buttons);
        body.getStyleClass().add("failure-notice");
        body.setId("notice-" + n.host());
        return body;
    }

    // Overview and consoles

    /**
     * A new run: each machine's console (its lines are kept from the first tick on), then the overview and the tabs,
     * a row or a tab per frame. Built at once, six rows of cells, six tabs and a console would cost their first CSS
     * pass and layout in a single frame.
     */
    private void buildRun() {
        consolesToBuild.clear();
        grid.getChildren().clear();
        consoles.getTabs().clear();
        consoleByHost.clear();
        onScreen = null;
        for (String host : model.hosts()) {
            NodeConsole console = new NodeConsole(text, host, CONSOLE_LINES);
            consoleByHost.put(host, console);
            model.onConsole(host, console::append);
        }
        queueGrid();
        for (String host : model.hosts()) {
            consolesToBuild.add(() -> addTab(host));
        }
        // The console on screen: its tool bar, its area, the area on screen, before the first lines arrive.
        for (int i = 0; i < 3; i++) {
            consolesToBuild.add(() -> {
                if (onScreen != null) {
                    onScreen.buildStep();
                }
            });
        }
    }

    private void addTab(String host) {
        NodeConsole console = consoleByHost.get(host);
        if (console == null) {
            return;
        }
        Button retry = new Button(null, Icons.of(MaterialDesignR.REFRESH, 16));
        retry.setId("console-retry-" + host);
        retry.textProperty().bind(text.bind("ui.install.retryNode"));
        retry.setOnAction(e -> model.retry(host));
        Button reset = new Button(null, Icons.of(MaterialDesignR.RESTORE_ALERT, 16));
        reset.setId("console-reset-" + host);
        reset.textProperty().bind(text.bind("ui.install.resetNode"));
        reset.setOnAction(e -> model.reset(host));
        Runnable enable = () -> {
            retry.setDisable(!model.canRetry(host));
            reset.setDisable(!model.canReset(host));
        };
        follow(retry, model.nodeState(host), enable);
        follow(retry, model.busyProperty(), enable);
        enable.run();
        console.tools().getChildren().addAll(0, List.of(retry, reset, new Separator(Orientation.VERTICAL)));
        Tab tab = new Tab(host, console.root());
        tab.setUserData(host);
        tab.setId("tab-" + host);
        tab.setGraphic(nodeIcon(model.nodeState(host)));
        if (consoles.getTabs().isEmpty()) {
            console.setShowing(true);
            onScreen = console;
        }
        consoles.getTabs().add(tab);
    }

    /** The overview: the headings now, then a machine's row per frame. */
    private void queueGrid() {
        grid.getChildren().clear();
        rowsToBuild.clear();
        if (model.hosts().isEmpty()) {
            return;
        }
        Label corner = new Label(text.get("ui.install.grid.node"));
        corner.getStyleClass().add("grid-heading");
        grid.add(corner, 0, 0);
        int col = 1;
        for (Phase p : model.phases()) {
            Label heading = new Label(text.get(p.title()));
            heading.getStyleClass().add("grid-heading");
            heading.setWrapText(true);
            grid.add(heading, col++, 0);
        }
        int row = 1;
        for (String host : model.hosts()) {
            int r = row++;
            rowsToBuild.add(() -> gridRow(host, r));
        }
    }

    private void gridRow(String host, int row) {
        if (!model.hosts().contains(host)) {
            return;
        }
        Label name = new Label(host);
        name.getStyleClass().addAll("grid-host", Styles.TEXT_BOLD);
        name.setGraphic(nodeIcon(model.nodeState(host)));
        grid.add(name, 0, row);
        int col = 1;
        for (Phase p : model.phases()) {
            grid.add(cell(host, p), col++, row);
        }
    }

    private Node cell(String host, Phase phase) {
        Label l = new Label();
        l.setId("cell-" + host + "-" + phase.id());
        l.getStyleClass().add("grid-cell");
        l.setMaxWidth(Double.MAX_VALUE);
        Tooltip tip = new Tooltip();
        l.setTooltip(tip);
        FontIcon icon = Icons.of(MaterialDesignC.CIRCLE_OUTLINE, 16);
        CellState[] shown = {null};
        Runnable show = () -> {
            GridCell c = model.cell(host, phase).get();
            // Only the time changes on most ticks: the style class and the icon only when the state does.
            if (c.state() != shown[0]) {
                shown[0] = c.state();
                l.getStyleClass().removeIf(s -> s.startsWith("cell-"));
                l.getStyleClass().add("cell-" + c.state().name().toLowerCase(java.util.Locale.ROOT));
                if (c.state() == CellState.NONE) {
                    l.setGraphic(null);
                } else {
                    showIcon(icon, c.state());
                    l.setGraphic(icon);
                }
            }
            l.setText(c.state() == CellState.NONE || c.time().isZero() ? (c.state() == CellState.NONE ? "—" : "")
                    : clock(c.time()));
            tip.setText(text.get("ui.install.cell." + c.state().name().toLowerCase(java.util.Locale.ROOT))
                    + (c.total() > 0 ? " · " + text.get("ui.install.cell.steps", c.done(), c.total()) : ""));
        };
        // A language switch builds new cells: the old ones must not stay listening.
        follow(l, model.cell(host, phase), show);
        show.run();
        return l;
    }

    /** Turns an icon into another in place: a new icon node for each change would cost it a CSS pass each time. */
    private static void setIcon(FontIcon icon, Ikon ikon, String style) {
        if (icon.getIconCode() != ikon) {
            icon.setIconCode(ikon);
        }
        if (!icon.getStyleClass().contains(style)) {
            icon.getStyleClass().removeAll(ICON_STYLES);
            icon.getStyleClass().add(style);
        }
    }

    private static void showIcon(FontIcon icon, CellState s) {
        switch (s) {
            case NONE, PENDING -> setIcon(icon, MaterialDesignC.CIRCLE_OUTLINE, "muted-icon");
            case RUNNING -> setIcon(icon, MaterialDesignP.PROGRESS_CLOCK, "running-icon");
            case DONE -> setIcon(icon, MaterialDesignC.CHECK_CIRCLE, "ok-icon");
            case FAILED -> setIcon(icon, MaterialDesignA.ALERT_CIRCLE, "error-icon");
            case BLOCKED -> setIcon(icon, MaterialDesignL.LOCK_OUTLINE, "warning-icon");
            case CANCELLED -> setIcon(icon, MaterialDesignC.CANCEL, "warning-icon");
        }
    }

    private static void showIcon(FontIcon icon, NodeState s) {
        if (s == NodeState.WAITING) {
            setIcon(icon, MaterialDesignP.PAUSE_CIRCLE_OUTLINE, "muted-icon");
        } else {
            // Every other machine state looks like the overview cell of the same name.
            showIcon(icon, CellState.valueOf((s == null ? NodeState.PENDING : s).name()));
        }
    }

    /** An icon that follows the machine's state (one node, changed in place). */
    private static FontIcon nodeIcon(ObservableValue<NodeState> state) {
        FontIcon icon = Icons.of(MaterialDesignC.CIRCLE_OUTLINE, 16);
        Runnable show = () -> showIcon(icon, state.getValue());
        follow(icon, state, show);
        show.run();
        return icon;
    }

    /**
     * Runs {@code show} on every change of {@code value} for as long as {@code owner} lives: the listener is held by
     * the node, like a binding would be, so nodes of an earlier run or language do not stay listening to the model.
     */
    private static void follow(Node owner, ObservableValue<?> value, Runnable show) {
        ChangeListener<Object> listener = (o, a, b) -> show.run();
        owner.getProperties().put(listener, listener);
        value.addListener(new WeakChangeListener<>(listener));
    }

}

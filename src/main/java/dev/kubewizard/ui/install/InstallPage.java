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
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
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
 * A 200 ms timer feeds everything from the model in batches.
 */
public final class InstallPage implements Page {
    /** Lines each console keeps; the node's log file has all of them. */
    public static final int CONSOLE_LINES = 5_000;
    static final javafx.util.Duration TICK = javafx.util.Duration.millis(200);

    private final InstallModel model;
    private final UiText text;
    private final Runnable goToFinish;
    private final GridPane grid = new GridPane();
    private final TabPane consoles = new TabPane();
    private final VBox noticeBox = new VBox(8);
    private final Map<String, NodeConsole> consoleByHost = new LinkedHashMap<>();
    private final Timeline timer;
    private final Region root;

    public InstallPage(InstallModel model, UiText text, Runnable goToFinish) {
        this.model = model;
        this.text = text;
        this.goToFinish = goToFinish;
        this.root = build();
        timer = new Timeline(new KeyFrame(TICK, e -> model.tick()));
        timer.setCycleCount(Timeline.INDEFINITE);
        timer.play();
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
            if (now != null && consoleByHost.containsKey((String) now.getUserData())) {
                consoleByHost.get((String) now.getUserData()).setShowing(true);
            }
        });
        SplitPane split = new SplitPane(gridScroll, consoles);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.34);
        model.hosts().addListener((ListChangeListener<String>) c -> buildRun());
        text.languageProperty().addListener((o, a, b) -> buildGrid());

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

    private void buildRun() {
        buildGrid();
        consoles.getTabs().clear();
        consoleByHost.clear();
        for (String host : model.hosts()) {
            NodeConsole console = new NodeConsole(text, host, CONSOLE_LINES);
            consoleByHost.put(host, console);
            model.onConsole(host, console::append);
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
            model.nodeState(host).addListener((o, a, b) -> enable.run());
            model.busyProperty().addListener((o, a, b) -> enable.run());
            enable.run();
            console.tools().getChildren().addAll(0, java.util.List.of(retry, reset, new javafx.scene.control.Separator(
                    Orientation.VERTICAL)));
            Tab tab = new Tab(host, console.root());
            tab.setUserData(host);
            tab.setId("tab-" + host);
            tab.graphicProperty().bind(Bindings.createObjectBinding(() -> nodeIcon(model.nodeState(host).get()),
                    model.nodeState(host)));
            console.setShowing(consoles.getTabs().isEmpty());
            consoles.getTabs().add(tab);
        }
    }

    private void buildGrid() {
        grid.getChildren().clear();
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
            Label name = new Label(host);
            name.getStyleClass().addAll("grid-host", Styles.TEXT_BOLD);
            name.graphicProperty().bind(Bindings.createObjectBinding(() -> nodeIcon(model.nodeState(host).get()),
                    model.nodeState(host)));
            grid.add(name, 0, row);
            col = 1;
            for (Phase p : model.phases()) {
                grid.add(cell(host, p), col++, row);
            }
            row++;
        }
    }

    private Node cell(String host, Phase phase) {
        Label l = new Label();
        l.setId("cell-" + host + "-" + phase.id());
        l.getStyleClass().add("grid-cell");
        l.setMaxWidth(Double.MAX_VALUE);
        Tooltip tip = new Tooltip();
        l.setTooltip(tip);
        CellState[] shown = {null};
        Runnable show = () -> {
            GridCell c = model.cell(host, phase).get();
            // Only the time changes on most ticks: new icons and style classes would cost a CSS pass each.
            if (c.state() != shown[0]) {
                shown[0] = c.state();
                l.getStyleClass().removeIf(s -> s.startsWith("cell-"));
                l.getStyleClass().add("cell-" + c.state().name().toLowerCase(java.util.Locale.ROOT));
                l.setGraphic(cellIcon(c.state()));
            }
            l.setText(c.state() == CellState.NONE || c.time().isZero() ? (c.state() == CellState.NONE ? "—" : "")
                    : clock(c.time()));
            tip.setText(text.get("ui.install.cell." + c.state().name().toLowerCase(java.util.Locale.ROOT))
                    + (c.total() > 0 ? " · " + text.get("ui.install.cell.steps", c.done(), c.total()) : ""));
        };
        model.cell(host, phase).addListener((o, a, b) -> show.run());
        show.run();
        return l;
    }

    private static Node cellIcon(CellState s) {
        return switch (s) {
            case NONE -> null;
            case PENDING -> icon(MaterialDesignC.CIRCLE_OUTLINE, "muted-icon");
            case RUNNING -> icon(MaterialDesignP.PROGRESS_CLOCK, "running-icon");
            case DONE -> icon(MaterialDesignC.CHECK_CIRCLE, "ok-icon");
            case FAILED -> icon(MaterialDesignA.ALERT_CIRCLE, "error-icon");
            case BLOCKED -> icon(MaterialDesignL.LOCK_OUTLINE, "warning-icon");
            case CANCELLED -> icon(MaterialDesignC.CANCEL, "warning-icon");
        };
    }

    static Node nodeIcon(NodeState s) {
        return switch (s == null ? NodeState.PENDING : s) {
            case PENDING -> icon(MaterialDesignC.CIRCLE_OUTLINE, "muted-icon");
            case RUNNING -> icon(MaterialDesignP.PROGRESS_CLOCK, "running-icon");
            case WAITING -> icon(MaterialDesignP.PAUSE_CIRCLE_OUTLINE, "muted-icon");
            case DONE -> icon(MaterialDesignC.CHECK_CIRCLE, "ok-icon");
            case FAILED -> icon(MaterialDesignA.ALERT_CIRCLE, "error-icon");
            case BLOCKED -> icon(MaterialDesignL.LOCK_OUTLINE, "warning-icon");
            case CANCELLED -> icon(MaterialDesignC.CANCEL, "warning-icon");
        };
    }

    private static FontIcon icon(Ikon ikon, String style) {
        return Icons.of(ikon, 16, style);
    }

}

package dev.kubewizard.ui.install;

import atlantafx.base.theme.Styles;
import dev.kubewizard.ui.form.Icons;
import dev.kubewizard.ui.text.UiText;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.StyleClassedTextArea;
import org.fxmisc.richtext.model.SimpleEditableStyledDocument;
import org.fxmisc.richtext.util.UndoUtils;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One machine's live console: a read-only RichTextFX area keeping the last {@code maxLines} lines (the node's log file
 * has them all). Step headers and the course's "why" stand out, stderr is red, terminal colours are shown. Search,
 * follow-tail and copy in its tool bar.
 *
 * <p>Lines handed over by the model wait in a {@link ConsoleBacklog}; the page's frame timer calls {@link #flush} and
 * each call shows at most a slice of them in one edit, so a flood costs each frame a bounded amount of work. The text
 * area and its tool bar are only built once the console is first on screen: five consoles in tabs nobody opened cost
 * the FX thread nothing but their backlog.
 */
public final class NodeConsole {
    private static final Logger LOG = LoggerFactory.getLogger(NodeConsole.class);
    private final UiText text;
    private final String host;
    private final int maxLines;
    private final ConsoleBacklog backlog;
    private final HBox tools = new HBox(6);
    private final VBox root = new VBox(4);
    private final ToggleButton follow = new ToggleButton();
    private final TextField search = new TextField();
    private final Label found = new Label();
    private StyleClassedTextArea area;
    private VirtualizedScrollPane<StyleClassedTextArea> scroll;
    private long linesReceived;
    private boolean showing;
    private boolean shownAny;
    private boolean toolsBuilt;
    /** Slices shown by every console of the program: only the first ones meet cold code. FX thread only. */
    private static int slicesShown;

    public NodeConsole(UiText text, String host, int maxLines) {
        this.text = text;
        this.host = host;
        this.maxLines = maxLines;
        this.backlog = new ConsoleBacklog(maxLines);
        tools.setAlignment(Pos.CENTER_LEFT);
        tools.getStyleClass().add("console-tools");
        search.setId("console-search-" + host);
        follow.setId("console-follow-" + host);
        follow.setSelected(true);
        follow.selectedProperty().addListener((o, a, on) -> {
            if (on) {
                scrollToEnd();
            }
        });
    }

    /** The tool bar: the first time the console is on screen. */
    private void buildTools() {
        search.promptTextProperty().bind(text.bind("ui.install.console.search"));
        search.setPrefColumnCount(16);
        search.setOnAction(e -> find(true));
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                search.clear();
                found.setText("");
            }
        });
        Button next = iconButton(MaterialDesignA.ARROW_DOWN, text, "ui.install.console.next");
        next.setOnAction(e -> find(true));
        Button previous = iconButton(MaterialDesignA.ARROW_UP, text, "ui.install.console.previous");
        previous.setOnAction(e -> find(false));
        found.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        follow.setGraphic(Icons.of(MaterialDesignM.MONITOR_ARROW_DOWN, 16));
        follow.textProperty().bind(text.bind("ui.install.console.follow"));
        Button copy = new Button(null, Icons.of(MaterialDesignC.CONTENT_COPY, 16));
        copy.textProperty().bind(text.bind("ui.install.console.copy"));
        copy.setOnAction(e -> copy());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // The page may have put the machine's own buttons (retry, reset) first.
        tools.getChildren().addAll(search, previous, next, found, spacer, follow, copy);
        root.getChildren().setAll(tools);
        toolsBuilt = true;
    }

    /** The text area: made on the frame after the tool bar, and put on screen on the frame after that. */
    private void buildArea() {
        area = new StyleClassedTextArea();
        // Read-only: an undo history would keep every batch ever shown, the trimmed ones included.
        area.setUndoManager(UndoUtils.noOpUndoManager());
        area.setEditable(false);
        area.setWrapText(false);
        area.getStyleClass().add("node-console");
        area.setId("console-" + host);
        scroll = new VirtualizedScrollPane<>(area);
        VBox.setVgrow(scroll, Priority.ALWAYS);
    }

    /**
     * Off the UI thread, once the window is up: loads and initialises the console's text area classes (the first text
     * area would otherwise spend a tenth of a second doing that on the UI thread, key maps and all) and runs the
     * document code a few times on a document no one shows. Only classes and a plain document: no scene node is made.
     */
    public static void warmUp() {
        ClassLoader loader = NodeConsole.class.getClassLoader();
        for (String name : List.of("org.fxmisc.richtext.StyleClassedTextArea",
                "org.fxmisc.richtext.GenericStyledAreaBehavior", "org.fxmisc.richtext.ParagraphBox",
                "org.fxmisc.richtext.ParagraphText", "org.fxmisc.richtext.TextExt", "org.fxmisc.richtext.CaretNode",
                "org.fxmisc.richtext.CaretSelectionBindImpl", "org.fxmisc.richtext.SelectionImpl",
                "org.fxmisc.flowless.VirtualizedScrollPane", "org.fxmisc.flowless.VirtualFlow",
                "org.fxmisc.flowless.Navigator", "org.fxmisc.flowless.CellListManager",
                "org.fxmisc.flowless.SizeTracker", "org.fxmisc.richtext.util.UndoUtils")) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                LOG.debug("console warm-up: {} not loaded", name, e);  // the area still works, only colder
            }
        }
        try {
            warmDocument();
        } catch (RuntimeException e) {
            LOG.debug("console warm-up: the document code failed", e);
        }
    }

    private static void warmDocument() {
        SimpleEditableStyledDocument<Collection<String>, Collection<String>> doc =
                new SimpleEditableStyledDocument<>(List.of(), List.of(), ConsoleDocument.OPS);
        List<ConsoleLine> lines = List.of(new ConsoleLine(ConsoleLine.Kind.HEADER, "warm-up"),
                new ConsoleLine(ConsoleLine.Kind.STDOUT, "\u001B[32mGet:1\u001B[0m a line"),
                new ConsoleLine(ConsoleLine.Kind.STDERR, "W: a line"));
        for (int i = 0; i < 50; i++) {
            doc.replace(doc.length(), doc.length(), ConsoleDocument.of(lines, i > 0));
        }
        doc.replace(0, doc.length() / 2, ConsoleDocument.of(lines, false));
    }

    public Region root() {
        return root;
    }

    /** The tool bar, for the page to add the machine's own buttons (retry, reset) in front. */
    public HBox tools() {
        return tools;
    }

    /** The text area; null until the console was first on screen. */
    public StyleClassedTextArea area() {
        return area;
    }

    public boolean following() {
        return follow.isSelected();
    }

    public void setFollowing(boolean on) {
        follow.setSelected(on);
    }

    /** Lines kept now: shown (at most the cap plus a fifth) and waiting to be shown (at most the cap). */
    public int linesKept() {
        int shown = shownAny ? area.getParagraphs().size() : 0;
        return shown + backlog.size();
    }

    public long linesReceived() {
        return linesReceived;
    }

    /** Lines waiting to be shown. */
    public int waiting() {
        return backlog.size();
    }

    /** Takes a batch from the model: it waits until a frame shows it ({@link #flush}). */
    public void append(List<ConsoleLine> batch) {
        linesReceived += batch.size();
        backlog.add(batch);
    }

    /** Whether the console is on screen (its tab is selected). */
    public void setShowing(boolean on) {
        showing = on;
    }

    public boolean showing() {
        return showing;
    }

    /**
     * On a frame: when on screen, builds what is missing of the tool bar and the area, a piece per frame (each costs
     * its first CSS pass and layout), or else shows at most {@code max} waiting lines in one edit (fewer in its first
     * slices, {@link ConsoleBacklog#sliceSize}), drops the oldest lines beyond the cap and follows the tail.
     *
     * @return whether it did any work
     */
    public boolean flush(int max) {
        if (buildStep()) {
            return true;
        }
        if (!showing || backlog.isEmpty() || max < 1) {
            return false;
        }
        long skipped = backlog.takeSkipped();
        List<ConsoleLine> slice = backlog.take(ConsoleBacklog.sliceSize(slicesShown++, max, backlog.size()));
        if (skipped > 0) {
            slice.add(0, new ConsoleLine(ConsoleLine.Kind.DROPPED, text.get("ui.install.console.dropped",
                    String.valueOf(skipped))));
        }
        show(slice);
        return true;
    }

    /**
     * When on screen, builds the next missing piece: the tool bar, the area, then puts the area on screen.
     *
     * @return whether it built one
     */
    public boolean buildStep() {
        if (!showing) {
            return false;
        }
        if (!toolsBuilt) {
            buildTools();
            return true;
        }
        if (area == null) {
            buildArea();
            return true;
        }
        if (scroll.getParent() == null) {
            root.getChildren().add(scroll);
            return true;
        }
        return false;
    }

    private void show(List<ConsoleLine> batch) {
        int end = area.getLength();
        area.replace(end, end, ConsoleDocument.of(batch, shownAny));
        shownAny = true;
        trim();
        if (follow.isSelected()) {
            scrollToEnd();
        }
    }

    private void trim() {
        int paragraphs = area.getParagraphs().size();
        // Cut in slices of a fifth, not line by line: each cut re-lays the area out.
        if (paragraphs > maxLines + maxLines / 5) {
            int drop = paragraphs - maxLines;
            area.deleteText(0, area.getAbsolutePosition(drop, 0));
        }
    }

    private void scrollToEnd() {
        if (area == null) {
            return;
        }
        int last = area.getParagraphs().size() - 1;
        if (last >= 0) {
            area.showParagraphAtBottom(last);
        }
    }

    /** Selects the next (or previous) place the search text occurs, from the selection on, wrapping around. */
    public boolean find(boolean forward) {
        String query = search.getText();
        if (area == null || query == null || query.isEmpty()) {
            found.setText("");
            return false;
        }
        String all = area.getText().toLowerCase(Locale.ROOT);
        String q = query.toLowerCase(Locale.ROOT);
        int at;
        if (forward) {
            at = all.indexOf(q, area.getSelection().getEnd());
            if (at < 0) {
                at = all.indexOf(q);
            }
        } else {
            at = area.getSelection().getStart() <= 0 ? -1 : all.lastIndexOf(q, area.getSelection().getStart() - 1);
            if (at < 0) {
                at = all.lastIndexOf(q);
            }
        }
        if (at < 0) {
            found.setText("0");
            return false;
        }
        follow.setSelected(false);  // reading an earlier line: the tail must not pull the view away
        area.selectRange(at, at + q.length());
        area.requestFollowCaret();
        found.setText(Integer.toString(area.offsetToPosition(at, org.fxmisc.richtext.model.TwoDimensional.Bias.Forward)
                .getMajor() + 1));
        return true;
    }

    public TextField searchField() {
        return search;
    }

    /** Copies the selection, or the whole console when nothing is selected. */
    public String copy() {
        if (area == null) {
            return "";
        }
        String selected = area.getSelectedText();
        String t = selected == null || selected.isEmpty() ? area.getText() : selected;
        ClipboardContent content = new ClipboardContent();
        content.putString(t);
        Clipboard.getSystemClipboard().setContent(content);
        return t;
    }

    private static Button iconButton(org.kordamp.ikonli.Ikon ikon, UiText text, String tipKey) {
        Button b = new Button(null, Icons.of(ikon, 16));
        b.getStyleClass().addAll(Styles.BUTTON_ICON);
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(text.bind(tipKey));
        b.setTooltip(tip);
        return b;
    }
}

package dev.kubewizard.ui.install;

import atlantafx.base.theme.Styles;
import dev.kubewizard.ui.form.Icons;
import dev.kubewizard.ui.text.UiText;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
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
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;

/**
 * One machine's live console: a read-only RichTextFX area fed in batches (one append per UI tick, never per line),
 * keeping the last {@code maxLines} lines (the node's log file has them all). Step headers and the course's "why"
 * stand out, stderr is red, terminal colours are shown. Search, follow-tail and copy in its tool bar.
 */
public final class NodeConsole {
    private final StyleClassedTextArea area = new StyleClassedTextArea();
    private final ToggleButton follow = new ToggleButton();
    private final TextField search = new TextField();
    private final Label found = new Label();
    private final HBox tools;
    private final VBox root;
    private final int maxLines;
    private long linesReceived;
    private boolean showing = true;
    private final java.util.ArrayDeque<ConsoleLine> pending = new java.util.ArrayDeque<>();

    public NodeConsole(UiText text, String host, int maxLines) {
        this.maxLines = maxLines;
        area.setEditable(false);
        area.setWrapText(false);
        area.getStyleClass().add("node-console");
        area.setId("console-" + host);
        VirtualizedScrollPane<StyleClassedTextArea> scroll = new VirtualizedScrollPane<>(area);
        VBox.setVgrow(scroll, Priority.ALWAYS);

        search.setId("console-search-" + host);
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

        follow.setId("console-follow-" + host);
        follow.setGraphic(Icons.of(MaterialDesignM.MONITOR_ARROW_DOWN, 16));
        follow.textProperty().bind(text.bind("ui.install.console.follow"));
        follow.setSelected(true);
        follow.selectedProperty().addListener((o, a, on) -> {
            if (on) {
                scrollToEnd();
            }
        });
        Button copy = new Button(null, Icons.of(MaterialDesignC.CONTENT_COPY, 16));
        copy.textProperty().bind(text.bind("ui.install.console.copy"));
        copy.setOnAction(e -> copy());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        tools = new HBox(6, search, previous, next, found, spacer, follow, copy);
        tools.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        tools.getStyleClass().add("console-tools");
        root = new VBox(4, tools, scroll);
    }

    public Region root() {
        return root;
    }

    /** The tool bar, for the page to add the machine's own buttons (retry, reset). */
    public HBox tools() {
        return tools;
    }

    public StyleClassedTextArea area() {
        return area;
    }

    public boolean following() {
        return follow.isSelected();
    }

    public void setFollowing(boolean on) {
        follow.setSelected(on);
    }

    /** Lines kept now: shown, or waiting for the tab to be opened (each at most the cap, plus a fifth). */
    public int linesKept() {
        return area.getParagraphs().size() - (area.getLength() == 0 ? 1 : 0) + pending.size();
    }

    public long linesReceived() {
        return linesReceived;
    }

    /**
     * Appends a batch in one edit, styles it, drops the oldest lines beyond the cap, follows the tail if asked. A
     * console in a tab nobody looks at keeps the batch aside (at most the cap) and shows it when its tab is opened:
     * laying out five busy consoles would cost the FX thread five times what the one on screen does.
     */
    public void append(List<ConsoleLine> batch) {
        if (batch.isEmpty()) {
            return;
        }
        linesReceived += batch.size();
        if (!showing) {
            pending.addAll(batch);
            while (pending.size() > maxLines) {
                pending.poll();
            }
            return;
        }
        show(batch);
    }

    /** Whether the console is on screen; when it comes on screen, what arrived meanwhile is shown in one go. */
    public void setShowing(boolean on) {
        showing = on;
        if (on && !pending.isEmpty()) {
            List<ConsoleLine> waiting = new java.util.ArrayList<>(pending);
            pending.clear();
            show(waiting);
        }
    }

    private void show(List<ConsoleLine> batch) {
        StringBuilder sb = new StringBuilder(batch.size() * 64);
        StyleSpansBuilder<Collection<String>> styles = new StyleSpansBuilder<>(batch.size() * 2);
        boolean first = area.getLength() == 0;
        for (ConsoleLine line : batch) {
            if (!first) {
                sb.append('\n');
                styles.add(List.of(), 1);
            }
            first = false;
            List<String> base = base(line.kind());
            if (line.kind() == ConsoleLine.Kind.STDOUT && !AnsiText.plain(line.text())) {
                for (AnsiText.Span span : AnsiText.spans(line.text())) {
                    sb.append(span.text());
                    styles.add(span.styles(), span.text().length());
                }
            } else {
                String t = line.kind() == ConsoleLine.Kind.HEADER ? "── " + AnsiText.strip(line.text()) + " ──"
                        : AnsiText.strip(line.text());
                sb.append(t);
                styles.add(base, t.length());
            }
        }
        int from = area.getLength();
        area.appendText(sb.toString());
        area.setStyleSpans(from, styles.create());
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

    private static List<String> base(ConsoleLine.Kind kind) {
        return switch (kind) {
            case HEADER -> List.of("console-header");
            case WHY -> List.of("console-why");
            case STDERR -> List.of("console-stderr");
            case NOTE -> List.of("console-note");
            case DROPPED -> List.of("console-dropped");
            case STDOUT -> List.of();
        };
    }

    private void scrollToEnd() {
        int last = area.getParagraphs().size() - 1;
        if (last >= 0) {
            area.showParagraphAtBottom(last);
        }
    }

    /** Selects the next (or previous) place the search text occurs, from the selection on, wrapping around. */
    public boolean find(boolean forward) {
        String query = search.getText();
        if (query == null || query.isEmpty()) {
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

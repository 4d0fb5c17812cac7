package dev.kubewizard.ui.network;

import dev.kubewizard.plan.LbMode;
import dev.kubewizard.ui.form.Icons;
import dev.kubewizard.ui.text.UiText;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * The small drawing of the Network page: laptop -> entry (nginx host, or the VIP that keepalived floats over the
 * masters) -> masters -> workers, redrawn from the plan on every change. Colours come from app.css, so it follows
 * the theme.
 */
public final class TopologyView extends Pane {
    private static final int MAX_PER_ROW = 6;
    private static final double ROW_GAP = 34;

    private final ObservableValue<Topology> topology;
    private final UiText text;
    private Region laptop;
    private Region entry;
    private final List<Region> masters = new ArrayList<>();
    private final List<Region> workers = new ArrayList<>();

    public TopologyView(ObservableValue<Topology> topology, UiText text) {
        this.topology = topology;
        this.text = text;
        getStyleClass().add("topology");
        setId("network-topology");
        topology.addListener((o, a, b) -> rebuild());
        text.languageProperty().addListener((o, a, b) -> rebuild());
        rebuild();
    }

    private void rebuild() {
        Topology t = topology.getValue();
        getChildren().clear();
        masters.clear();
        workers.clear();
        laptop = box(MaterialDesignL.LAPTOP, text.get("ui.topology.laptop"), "kubectl", "topo-laptop");
        String port = ":" + t.port();
        if (t.mode() == LbMode.EXTERNAL) {
            entry = box(MaterialDesignS.SCALE_BALANCE, text.get("ui.topology.nginx", orDash(t.lbHostname())),
                    orDash(t.vip()) + port + "  " + orDash(t.endpointHost()), "topo-entry");
        } else {
            entry = box(MaterialDesignS.SWAP_HORIZONTAL, text.get("ui.topology.vip"),
                    orDash(t.vip()) + port + "  " + orDash(t.endpointHost()), "topo-entry");
            entry.getStyleClass().add("topo-floating");
        }
        fill(masters, t.masters(), MaterialDesignS.SERVER, "topo-master", "ui.topology.master");
        fill(workers, t.workers(), MaterialDesignS.SERVER_OUTLINE, "topo-worker", "ui.topology.worker");
        List<Node> lines = new ArrayList<>();
        lines.add(line());
        for (int i = 0; i < masters.size(); i++) {
            lines.add(line());
            lines.add(line());
        }
        for (int i = 0; i < workers.size(); i++) {
            lines.add(line());
        }
        lines.add(line());
        getChildren().addAll(lines);
        getChildren().addAll(laptop, entry);
        getChildren().addAll(masters);
        getChildren().addAll(workers);
        requestLayout();
    }

    private void fill(List<Region> row, List<Topology.Machine> machines, Ikon icon, String style, String roleKey) {
        int shown = machines.size() > MAX_PER_ROW ? MAX_PER_ROW - 1 : machines.size();
        for (int i = 0; i < shown; i++) {
            Topology.Machine m = machines.get(i);
            row.add(box(icon, m.hostname().isEmpty() ? text.get(roleKey) : m.hostname(), orDash(m.address()), style));
        }
        if (shown < machines.size()) {
            row.add(box(icon, text.get("ui.topology.more", machines.size() - shown), "", style));
        }
    }

    private Region box(Ikon icon, String title, String detail, String style) {
        Label name = new Label(title, Icons.of(icon, 18, "topo-icon"));
        name.getStyleClass().add("topo-name");
        Label address = new Label(detail);
        address.getStyleClass().add("topo-address");
        VBox box = new VBox(2, name, address);
        box.getStyleClass().addAll("topo-box", style);
        return box;
    }

    private Line line() {
        Line l = new Line();
        l.getStyleClass().add("topo-line");
        l.setManaged(false);
        return l;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double y = 4;
        y = placeRow(List.of(laptop), w, y) + ROW_GAP;
        y = placeRow(List.of(entry), w, y) + ROW_GAP;
        y = placeRow(masters, w, y);
        double busY = y + ROW_GAP / 2;
        y += ROW_GAP;
        placeRow(workers, w, y);

        List<Line> lines = getChildren().stream().filter(n -> n instanceof Line).map(n -> (Line) n).toList();
        int li = 0;
        connect(lines.get(li++), bottom(laptop), top(entry));
        for (Region m : masters) {
            connect(lines.get(li++), bottom(entry), top(m));
            Line down = lines.get(li++);
            double[] b = bottom(m);
            connect(down, b, new double[] {b[0], workers.isEmpty() ? b[1] : busY});
        }
        for (Region wk : workers) {
            double[] t = top(wk);
            connect(lines.get(li++), new double[] {t[0], busY}, t);
        }
        Line bus = lines.get(li);
        List<Region> onBus = new ArrayList<>(masters);
        onBus.addAll(workers);
        if (workers.isEmpty() || masters.isEmpty()) {
            connect(bus, new double[] {0, 0}, new double[] {0, 0});
            bus.setVisible(false);
        } else {
            double minX = onBus.stream().mapToDouble(r -> top(r)[0]).min().orElse(0);
            double maxX = onBus.stream().mapToDouble(r -> top(r)[0]).max().orElse(0);
            connect(bus, new double[] {minX, busY}, new double[] {maxX, busY});
            bus.setVisible(true);
        }
    }

    /** Lays a row out centred, boxes side by side with a gap; narrower boxes when the row would not fit. */
    private double placeRow(List<Region> row, double width, double y) {
        if (row.isEmpty()) {
            return y;
        }
        double gap = 8;
        double fair = (width - gap * (row.size() - 1)) / row.size();
        double[] widths = new double[row.size()];
        double total = gap * (row.size() - 1);
        for (int i = 0; i < row.size(); i++) {
            widths[i] = Math.min(row.get(i).prefWidth(-1), Math.max(60, fair));
            total += widths[i];
        }
        double x = Math.max(0, (width - total) / 2);
        double h = 0;
        for (int i = 0; i < row.size(); i++) {
            Region r = row.get(i);
            double bh = r.prefHeight(widths[i]);
            r.resizeRelocate(Math.round(x), y, widths[i], bh);
            x += widths[i] + gap;
            h = Math.max(h, bh);
        }
        return y + h;
    }

    @Override
    protected double computePrefHeight(double width) {
        double h = 8;
        h += rowHeight(List.of(laptop)) + rowHeight(List.of(entry)) + rowHeight(masters) + rowHeight(workers);
        return h + 3 * ROW_GAP;
    }

    @Override
    protected double computePrefWidth(double height) {
        int widest = Math.max(masters.size(), workers.size());
        return Math.max(380, widest * 150.0);
    }

    private static double rowHeight(List<Region> row) {
        return row.stream().mapToDouble(r -> r.prefHeight(-1)).max().orElse(0);
    }

    private static double[] top(Region r) {
        return new double[] {r.getLayoutX() + r.getWidth() / 2, r.getLayoutY()};
    }

    private static double[] bottom(Region r) {
        return new double[] {r.getLayoutX() + r.getWidth() / 2, r.getLayoutY() + r.getHeight()};
    }

    private static void connect(Line l, double[] from, double[] to) {
        l.setStartX(from[0]);
        l.setStartY(from[1]);
        l.setEndX(to[0]);
        l.setEndY(to[1]);
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }
}

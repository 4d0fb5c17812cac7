package dev.kubewizard.ui.nodes;

import dev.kubewizard.plan.Role;
import dev.kubewizard.text.Messages;
import dev.kubewizard.text.Text;
import dev.kubewizard.ui.plan.NodeRow;
import dev.kubewizard.ui.plan.PlanDraft;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.binding.ObjectBinding;
import javafx.collections.ObservableList;

/** The cluster's machines: an editable list with role counts, etcd quorum hint and "IP hostname" paste. */
public final class NodesModel {
    private static final Pattern ADDRESS_LIKE = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final PlanDraft draft;
    // Properties
    private final IntegerBinding masters;
    private final IntegerBinding workers;
    private final ObjectBinding<Text> quorumHint;
    private final BooleanBinding valid;

    public NodesModel(PlanDraft draft) {
        this.draft = draft;
        ObservableList<NodeRow> rows = draft.nodes();
        masters = Bindings.createIntegerBinding(() -> count(Role.MASTER), rows);
        workers = Bindings.createIntegerBinding(() -> count(Role.WORKER), rows);
        quorumHint = Bindings.createObjectBinding(() -> quorum(masters.get()), masters);
        valid = draft.completeUnder("nodes");
    }

    public ObservableList<NodeRow> rows() {
        return draft.nodes();
    }

    public PlanDraft draft() {
        return draft;
    }

    public IntegerBinding mastersProperty() {
        return masters;
    }

    public IntegerBinding workersProperty() {
        return workers;
    }

    /** What the number of masters means for etcd: how many may fail, and why an odd number is wanted. */
    public ObjectBinding<Text> quorumHintProperty() {
        return quorumHint;
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    private int count(Role role) {
        return (int) draft.nodes().stream().filter(r -> r.roleProperty().get() == role).count();
    }

    static Text quorum(int masters) {
        if (masters == 0) {
            return Messages.text("ui.nodes.quorum.none");
        }
        int quorum = masters / 2 + 1;
        int tolerated = masters - quorum;
        if (masters == 1) {
            return Messages.text("ui.nodes.quorum.single");
        }
        if (masters % 2 == 0) {
            return Messages.text("ui.nodes.quorum.even", masters, quorum, tolerated, masters - 1);
        }
        return Messages.text("ui.nodes.quorum.odd", masters, quorum, tolerated);
    }

    // Commands

    /** Adds an empty row with a suggested name (k8s-master4, k8s-node3) and returns it. */
    public NodeRow add(Role role) {
        String prefix = role == Role.MASTER ? "k8s-master" : "k8s-node";
        int n = 1;
        while (nameTaken(prefix + n)) {
            n++;
        }
        NodeRow row = new NodeRow(prefix + n, "", role);
        draft.nodes().add(row);
        return row;
    }

    public void remove(NodeRow row) {
        draft.nodes().remove(row);
    }

    /** The result of a paste: how many rows were added and which lines were not understood. */
    public record PasteResult(int added, List<String> skipped) {
    }

    /**
     * Adds a row per line of {@code IP hostname} (as in /etc/hosts; {@code hostname IP} works too, and a third word
     * master/worker sets the role). Blank lines and # comments are ignored. A line whose address or name is already
     * in the table updates that row instead of adding a second one.
     */
    public PasteResult paste(String text) {
        int added = 0;
        List<String> skipped = new ArrayList<>();
        for (String raw : text.split("\\R")) {
            String line = raw.replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] words = line.split("[\\s,;]+");
            String address = null;
            String hostname = null;
            Role role = null;
            for (String w : words) {
                String lower = w.toLowerCase(Locale.ROOT);
                if (address == null && ADDRESS_LIKE.matcher(w).matches()) {
                    address = w;
                } else if (role == null && (lower.equals("master") || lower.equals("worker")
                        || lower.equals("node"))) {
                    role = lower.equals("master") ? Role.MASTER : Role.WORKER;
                } else if (hostname == null) {
                    hostname = w;
                }
            }
            if (address == null || hostname == null) {
                skipped.add(raw.strip());
                continue;
            }
            if (role == null) {
                role = hostname.toLowerCase(Locale.ROOT).contains("master") ? Role.MASTER : Role.WORKER;
            }
            NodeRow existing = find(address, hostname);
            if (existing != null) {
                existing.addressProperty().set(address);
                existing.hostnameProperty().set(hostname);
                existing.roleProperty().set(role);
            } else {
                draft.nodes().add(new NodeRow(hostname, address, role));
                added++;
            }
        }
        return new PasteResult(added, skipped);
    }

    private NodeRow find(String address, String hostname) {
        for (NodeRow r : draft.nodes()) {
            if (address.equals(r.addressProperty().get().strip())
                    || hostname.equalsIgnoreCase(r.hostnameProperty().get().strip())) {
                return r;
            }
        }
        return null;
    }

    private boolean nameTaken(String name) {
        return draft.nodes().stream().anyMatch(r -> name.equalsIgnoreCase(r.hostnameProperty().get().strip()));
    }
}

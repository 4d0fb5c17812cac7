package dev.kubewizard.ui.finish;

import dev.kubewizard.install.ClusterNodes.NodeStatus;
import dev.kubewizard.kubeconfig.ExportedKubeconfig;
import dev.kubewizard.kubeconfig.KubeconfigException;
import dev.kubewizard.kubeconfig.KubeconfigExport;
import dev.kubewizard.kubeconfig.KubeconfigFiles;
import dev.kubewizard.kubeconfig.WrittenFile;
import dev.kubewizard.ssh.SshException;
import dev.kubewizard.text.Messages;
import dev.kubewizard.text.Text;
import dev.kubewizard.ui.BackgroundWork;
import dev.kubewizard.ui.install.InstallSession;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After the install: the laptop kubeconfig made from the first master's admin.conf, the cluster's nodes read through
 * the endpoint with it, exporting it (merged into kubectl's default file with a backup, or saved as a file of its
 * own), the kubectl commands to type in PowerShell, the log folder and a support bundle. No scene nodes.
 */
public final class FinishModel {
    private static final Logger LOG = LoggerFactory.getLogger(FinishModel.class);

    private final ReadOnlyObjectProperty<InstallSession> session;
    private final BackgroundWork work;
    private final Supplier<Path> defaultKubeconfig;
    private final Clock clock;
    // Properties
    private final ReadOnlyObjectWrapper<ExportedKubeconfig> kubeconfig = new ReadOnlyObjectWrapper<>(this,
            "kubeconfig");
    private final ReadOnlyObjectWrapper<Text> kubeconfigProblem = new ReadOnlyObjectWrapper<>(this,
            "kubeconfigProblem");
    private final ObservableList<NodeStatus> nodes = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Text> nodesProblem = new ReadOnlyObjectWrapper<>(this, "nodesProblem");
    private final ReadOnlyBooleanWrapper nodesRead = new ReadOnlyBooleanWrapper(this, "nodesRead");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyObjectWrapper<WrittenFile> written = new ReadOnlyObjectWrapper<>(this, "written");
    private final ReadOnlyObjectWrapper<Text> message = new ReadOnlyObjectWrapper<>(this, "message");
    private final BooleanBinding valid;

    /**
     * @param defaultKubeconfig kubectl's default file ({@link KubeconfigFiles#defaultPath()}; a temp file in tests)
     */
    public FinishModel(ReadOnlyObjectProperty<InstallSession> session, BackgroundWork work,
                       Supplier<Path> defaultKubeconfig, Clock clock) {
        this.session = session;
        this.work = work;
        this.defaultKubeconfig = defaultKubeconfig;
        this.clock = clock;
        valid = Bindings.createBooleanBinding(() -> kubeconfig.get() != null, kubeconfig);
        session.addListener((o, a, b) -> {
            kubeconfig.set(null);
            nodes.clear();
            nodesRead.set(false);
            written.set(null);
        });
    }

    // Properties

    public ReadOnlyObjectProperty<ExportedKubeconfig> kubeconfigProperty() {
        return kubeconfig.getReadOnlyProperty();
    }

    /** Why there is no kubeconfig (admin.conf unreadable, refused); null otherwise. */
    public ReadOnlyObjectProperty<Text> kubeconfigProblemProperty() {
        return kubeconfigProblem.getReadOnlyProperty();
    }

    public ObservableList<NodeStatus> nodes() {
        return nodes;
    }

    /** Why the nodes could not be read through the endpoint; null otherwise. */
    public ReadOnlyObjectProperty<Text> nodesProblemProperty() {
        return nodesProblem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty nodesReadProperty() {
        return nodesRead.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** The last export: the file, created or replaced, and its backup. */
    public ReadOnlyObjectProperty<WrittenFile> writtenProperty() {
        return written.getReadOnlyProperty();
    }

    /** What the last command did, for a line under the buttons. */
    public ReadOnlyObjectProperty<Text> messageProperty() {
        return message.getReadOnlyProperty();
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    public Path defaultKubeconfigPath() {
        return defaultKubeconfig.get();
    }

    public boolean simulated() {
        return session.get() != null && session.get().simulated();
    }

    /** The endpoint the kubeconfig talks to: {@code https://VIP:PORT}. */
    public String server() {
        ExportedKubeconfig k = kubeconfig.get();
        return k == null ? "" : k.access().server();
    }

    /** Whether every node of the plan is in the cluster and Ready. */
    public boolean allReady() {
        InstallSession s = session.get();
        if (s == null || nodes.isEmpty()) {
            return false;
        }
        return s.plan().nodes().stream().allMatch(n -> nodes.stream()
                .anyMatch(x -> x.name().equals(n.hostname()) && x.ready()));
    }

    // Commands

    /** Reads admin.conf from the first master (if not done yet), then the nodes through the endpoint. */
    public void refresh() {
        InstallSession s = session.get();
        if (s == null || loading.get()) {
            return;
        }
        loading.set(true);
        ExportedKubeconfig known = kubeconfig.get();
        work.run("read the cluster", () -> {
            ExportedKubeconfig k = known != null ? known : fetch(s);
            List<NodeStatus> list;
            try {
                list = s.machines().nodes().read(k.yaml());
            } catch (IOException e) {
                LOG.info("nodes not read through {}: {}", k.access().server(), e.getMessage());
                return new Reading(k, null, Messages.text("ui.finish.nodesFailed", k.access().server(),
                        s.masker().mask(String.valueOf(e.getMessage()))));
            }
            return new Reading(k, list, null);
        }, r -> {
            loading.set(false);
            kubeconfig.set(r.kubeconfig);
            kubeconfigProblem.set(null);
            nodesProblem.set(r.problem);
            if (r.nodes != null) {
                nodes.setAll(r.nodes);
                nodesRead.set(true);
            }
        }, e -> {
            loading.set(false);
            kubeconfigProblem.set(e instanceof Unusable u ? u.problem
                    : Messages.text("ui.finish.kubeconfigFailed", String.valueOf(e.getMessage())));
        });
    }

    private record Reading(ExportedKubeconfig kubeconfig, List<NodeStatus> nodes, Text problem) {
    }

    private static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Text problem;

        Unusable(Text problem) {
            super(problem.en());
            this.problem = problem;
        }
    }

    private static ExportedKubeconfig fetch(InstallSession s) throws Unusable, InterruptedException {
        String adminConf;
        try {
            adminConf = s.machines().adminConf();
        } catch (SshException e) {
            throw new Unusable(Messages.text("ui.finish.adminConfFailed", s.plan().firstMaster().hostname(),
                    e.problem().en()));
        }
        try {
            return KubeconfigExport.export(adminConf, s.plan(), "admin.conf");
        } catch (KubeconfigException e) {
            throw new Unusable(e.problem());
        }
    }

    /** Merges the kubeconfig into kubectl's default file, keeping the old one as a backup. */
    public Optional<WrittenFile> exportToDefault() {
        return export(defaultKubeconfig.get(), true);
    }

    /** Writes the kubeconfig as a file of its own (an existing file there is backed up first). */
    public Optional<WrittenFile> saveAs(Path file) {
        return export(file, false);
    }

    private Optional<WrittenFile> export(Path file, boolean merge) {
        ExportedKubeconfig k = kubeconfig.get();
        if (k == null) {
            return Optional.empty();
        }
        try {
            WrittenFile w = merge ? KubeconfigFiles.mergeInto(file, k.yaml(), clock)
                    : KubeconfigFiles.write(file, k.yaml(), clock);
            written.set(w);
            message.set(Messages.text("ui.finish.exported." + w.outcome().name().toLowerCase(java.util.Locale.ROOT),
                    w.path().toString(), w.backup().map(Path::toString).orElse("")));
            LOG.info("kubeconfig {} {} (backup {})", w.path(), w.outcome(), w.backup().orElse(null));
            return Optional.of(w);
        } catch (KubeconfigException e) {
            message.set(e.problem());
        } catch (IOException e) {
            LOG.warn("kubeconfig not written to {}", file, e);
            message.set(Messages.text("ui.finish.writeFailed", file.toString(), String.valueOf(e.getMessage())));
        }
        return Optional.empty();
    }

    /**
     * The commands to type in PowerShell on the Windows laptop: kubectl for Windows, the kubeconfig (set for this
     * window when it was saved elsewhere than kubectl's default), then a look at the cluster.
     */
    public String kubectlCommands(String language) {
        ExportedKubeconfig k = kubeconfig.get();
        String context = k == null ? "CLUSTER" : k.access().contextName();
        WrittenFile w = written.get();
        StringBuilder sb = new StringBuilder();
        sb.append(Messages.format("ui.finish.cmd.getKubectl", language)).append('\n');
        sb.append("winget install -e --id Kubernetes.kubectl\n\n");
        if (w != null && !w.path().equals(defaultKubeconfig.get())) {
            sb.append(Messages.format("ui.finish.cmd.thisWindow", language)).append('\n');
            sb.append("$env:KUBECONFIG = \"").append(w.path()).append("\"\n\n");
        }
        sb.append(Messages.format("ui.finish.cmd.look", language)).append('\n');
        sb.append("kubectl config use-context ").append(context).append('\n');
        sb.append("kubectl get nodes -o wide\n");
        sb.append("kubectl get pods -A\n");
        sb.append("kubectl cluster-info\n");
        return sb.toString();
    }

    /** This run's folder of node logs. */
    public Optional<Path> logFolder() {
        InstallSession s = session.get();
        return s == null ? Optional.empty() : s.orchestrator().logFolder();
    }

    /** Writes the support bundle (summary, plan, journal, logs, scripts; every secret masked). */
    public boolean saveSupportBundle(Path zip) {
        InstallSession s = session.get();
        if (s == null) {
            return false;
        }
        try {
            s.orchestrator().writeSupportBundle(zip);
            message.set(Messages.text("ui.finish.bundleSaved", zip.toString()));
            return true;
        } catch (IOException e) {
            LOG.warn("support bundle not written to {}", zip, e);
            message.set(Messages.text("ui.finish.writeFailed", zip.toString(), String.valueOf(e.getMessage())));
            return false;
        }
    }
}

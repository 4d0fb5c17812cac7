package dev.kubewizard.ui.welcome;

import dev.kubewizard.install.InstallPasswords;
import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.Cluster;
import dev.kubewizard.plan.Endpoint;
import dev.kubewizard.plan.LbHost;
import dev.kubewizard.plan.LoadBalancer;
import dev.kubewizard.plan.PlanFormatException;
import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.text.Messages;
import dev.kubewizard.text.Text;
import dev.kubewizard.ui.Settings;
import dev.kubewizard.ui.plan.PlanDraft;
import dev.kubewizard.ui.plan.RunSecrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The first page: start a new plan, open a plan file, or load the course's example. */
public final class WelcomeModel {
    private static final Logger LOG = LoggerFactory.getLogger(WelcomeModel.class);

    private final PlanDraft draft;
    private final RunSecrets secrets;
    private final Settings settings;
    private final InstallPasswords demoPasswords;
    private final FutureTask<ClusterPlan> course = new FutureTask<>(PlanYaml::courseExample);
    // Properties
    private final BooleanProperty demo = new SimpleBooleanProperty(this, "demo", false);
    private final ObjectProperty<Text> loadError = new SimpleObjectProperty<>(this, "loadError");
    private final ReadOnlyObjectWrapper<Path> lastPlan = new ReadOnlyObjectWrapper<>(this, "lastPlan");
    private final BooleanBinding valid;

    public WelcomeModel(PlanDraft draft, RunSecrets secrets, Settings settings) {
        this(draft, secrets, settings, null);
    }

    /**
     * @param demoPasswords the passwords of the simulated machines; null when this build has no demo mode
     */
    public WelcomeModel(PlanDraft draft, RunSecrets secrets, Settings settings, InstallPasswords demoPasswords) {
        this.demoPasswords = demoPasswords;
        this.draft = draft;
        this.secrets = secrets;
        this.settings = settings;
        lastPlan.set(settings.lastPlan().filter(Files::isRegularFile).orElse(null));
        valid = Bindings.createBooleanBinding(draft.loadedProperty()::get, draft.loadedProperty());
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    /** Why the last open failed, in both languages; null after a successful load. */
    public ObjectProperty<Text> loadErrorProperty() {
        return loadError;
    }

    /** The plan opened or saved last time, if it still exists. */
    public ReadOnlyObjectProperty<Path> lastPlanProperty() {
        return lastPlan.getReadOnlyProperty();
    }

    /** Demo mode runs the wizard against simulated machines, when this build has them. */
    public boolean demoAvailable() {
        return demoPasswords != null;
    }

    /** True while the wizard works on simulated machines (demo mode): every page says so. */
    public ReadOnlyBooleanProperty demoProperty() {
        return demo;
    }

    // Commands

    /**
     * Reads the built-in course plan ahead, off the UI thread: the first YAML read of a run loads and warms the whole
     * YAML mapper, a quarter of a second the window would otherwise freeze for when the teacher picks the course or
     * the demo. Without it, the plan is read when first needed.
     */
    public void readCourseAhead(Executor background) {
        background.execute(course);
    }

    /** Whether the course plan has been read (ahead, or by a first load). */
    boolean courseRead() {
        return course.isDone();
    }

    /** The course plan (immutable, shared by every load). */
    private ClusterPlan course() {
        course.run();  // does nothing when it already ran, or runs now on this thread
        try {
            return course.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the course plan", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** A fresh plan: the course's settings and mirrors, with no machines yet. */
    public void newPlan() {
        ClusterPlan example = course();
        Cluster c = example.cluster();
        ClusterPlan blank = new ClusterPlan(example.apiVersion(),
                new Cluster("k8s-cluster", c.kubernetesVersion(), c.podSubnet(), c.serviceSubnet(),
                        new Endpoint(c.endpoint().host(), "", Endpoint.DEFAULT_PORT)),
                new LoadBalancer(example.lbMode(), new LbHost("k8s-lb", ""), ""),
                List.of(), example.ssh(), example.mirrors(), null, example.cni());
        secrets.clear();
        demo.set(false);
        draft.load(blank, null);
        loadError.set(null);
    }

    public void loadCourseExample() {
        secrets.clear();
        demo.set(false);
        draft.load(course(), null);
        loadError.set(null);
    }

    /**
     * Demo mode: the course's plan on simulated machines, their passwords already filled in, so that Next leads
     * through every page to a finished install without typing anything.
     */
    public void startDemo() {
        if (demoPasswords == null) {
            return;
        }
        secrets.clear();
        secrets.sshPasswordProperty().set(demoPasswords.ssh() == null ? "" : demoPasswords.ssh());
        secrets.sudoPasswordProperty().set(demoPasswords.sudo() == null ? "" : demoPasswords.sudo());
        secrets.harborPasswordProperty().set(demoPasswords.harbor() == null ? "" : demoPasswords.harbor());
        draft.load(course(), null);
        demo.set(true);
        loadError.set(null);
    }

    /** Opens a plan file; on failure the draft stays as it was and {@link #loadErrorProperty()} says why. */
    public boolean open(Path file) {
        try {
            ClusterPlan plan = PlanYaml.read(file);
            secrets.clear();
            demo.set(false);
            draft.load(plan, file);
            loadError.set(null);
            remember(file);
            return true;
        } catch (PlanFormatException e) {
            LOG.info("plan {} not loaded: {}", file, e.getMessage());
            loadError.set(new Text(e.describe("zh"), e.describe("en")));
        } catch (IOException | RuntimeException e) {
            LOG.warn("plan {} could not be read", file, e);
            loadError.set(Messages.text("ui.welcome.openFailed", file, String.valueOf(e.getMessage())));
        }
        return false;
    }

    public boolean openLast() {
        Path last = lastPlan.get();
        return last != null && open(last);
    }

    /** Remembers a plan file as the last one (after opening or saving it). */
    public void remember(Path file) {
        settings.setLastPlan(file);
        lastPlan.set(Optional.ofNullable(file).map(Path::toAbsolutePath).orElse(null));
    }
}

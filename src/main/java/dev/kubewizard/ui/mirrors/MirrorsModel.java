package dev.kubewizard.ui.mirrors;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.Mirrors;
import dev.kubewizard.ui.BackgroundWork;
import dev.kubewizard.ui.plan.PlanDraft;
import dev.kubewizard.ui.plan.RegistryMirrorRow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Where packages, images and time come from: presets for the usual mirrors, every field editable, and a test that asks
 * each URL from this computer (in parallel, off the FX thread) whether it answers and how fast.
 */
public final class MirrorsModel {
    private final PlanDraft draft;
    private final BackgroundWork work;
    private final MirrorProbe probe;
    // Properties
    private final ObservableList<ProbeRow> probes = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper testing = new ReadOnlyBooleanWrapper(this, "testing", false);
    private final BooleanBinding valid;
    private final List<Future<?>> running = new ArrayList<>();

    public MirrorsModel(PlanDraft draft, BackgroundWork work, MirrorProbe probe) {
        this.draft = draft;
        this.work = work;
        this.probe = probe;
        this.valid = draft.completeUnder("mirrors");
    }

    public PlanDraft draft() {
        return draft;
    }

    public ObservableList<ProbeRow> probes() {
        return probes;
    }

    public ReadOnlyBooleanProperty testingProperty() {
        return testing.getReadOnlyProperty();
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    // Commands

    /** Fills every mirror field from a preset (the fields stay editable). */
    public void apply(MirrorPreset preset) {
        draft.ubuntuMirrorProperty().set(preset.ubuntu());
        draft.dockerCeMirrorProperty().set(preset.dockerCe());
        draft.kubernetesMirrorProperty().set(preset.kubernetes());
        draft.imageRepositoryProperty().set(preset.imageRepository());
        List<RegistryMirrorRow> rows = new ArrayList<>();
        preset.registryMirrors().forEach((registry, urls) -> urls.forEach(u -> rows.add(new RegistryMirrorRow(registry,
                u))));
        draft.registryMirrors().setAll(rows);
        draft.ntpServersProperty().set(String.join(", ", preset.ntp()));
    }

    public RegistryMirrorRow addRegistryMirror() {
        RegistryMirrorRow row = new RegistryMirrorRow("docker.io", "");
        draft.registryMirrors().add(row);
        return row;
    }

    public void removeRegistryMirror(RegistryMirrorRow row) {
        draft.registryMirrors().remove(row);
    }

    /** The URLs the preflight step will ask from each node, for the mirrors as they are now. */
    public static List<ProbeRow> targets(ClusterPlan plan) {
        List<ProbeRow> rows = new ArrayList<>();
        Mirrors m = plan.mirrors();
        if (m == null) {
            return rows;
        }
        if (!blank(m.ubuntu())) {
            rows.add(new ProbeRow("ui.mirrors.ubuntu", "", slash(m.ubuntu()) + "dists/"));
        }
        if (!blank(m.dockerCe())) {
            rows.add(new ProbeRow("ui.mirrors.dockerCe", "", slash(m.dockerCe()) + "gpg"));
        }
        if (!blank(m.kubernetes()) && plan.kubernetesMinor() > 0) {
            rows.add(new ProbeRow("ui.mirrors.kubernetes", "",
                    slash(m.kubernetes()) + "v1." + plan.kubernetesMinor() + "/deb/Release.key"));
        }
        if (!blank(m.imageRepository())) {
            rows.add(new ProbeRow("ui.mirrors.imageRepository", "",
                    "https://" + m.imageRepository().split("/", 2)[0] + "/v2/"));
        }
        if (m.registryMirrors() != null) {
            m.registryMirrors().forEach((registry, urls) -> {
                if (urls != null) {
                    urls.stream().filter(u -> !blank(u)).forEach(u -> rows.add(
                            new ProbeRow("ui.mirrors.registryMirrorOf", registry, slash(u) + "v2/")));
                }
            });
        }
        return rows;
    }

    /** Tests every URL in parallel; rows update as answers come in. A second call first cancels the first. */
    public void testFromThisComputer() {
        cancel();
        probes.setAll(targets(draft.toPlan()));
        if (probes.isEmpty()) {
            return;
        }
        testing.set(true);
        AtomicInteger left = new AtomicInteger(probes.size());
        for (ProbeRow row : List.copyOf(probes)) {
            row.statusProperty().set(ProbeStatus.RUNNING);
            running.add(work.run("mirror test " + row.url(), () -> probe.probe(row.url()), result -> {
                row.show(result);
                if (left.decrementAndGet() == 0) {
                    testing.set(false);
                }
            }, failure -> {
                row.show(new MirrorProbe.Result(ProbeStatus.UNREACHABLE, 0, 0, String.valueOf(failure.getMessage())));
                if (left.decrementAndGet() == 0) {
                    testing.set(false);
                }
            }));
        }
    }

    public void cancel() {
        running.forEach(f -> f.cancel(true));
        running.clear();
        for (ProbeRow row : probes) {
            if (row.statusProperty().get() == ProbeStatus.RUNNING) {
                row.statusProperty().set(ProbeStatus.NOT_TESTED);
            }
        }
        testing.set(false);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String slash(String url) {
        String u = url.strip();
        return u.endsWith("/") ? u : u + "/";
    }
}

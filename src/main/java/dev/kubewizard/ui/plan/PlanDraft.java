package dev.kubewizard.ui.plan;

import dev.kubewizard.plan.Calico;
import dev.kubewizard.plan.Cluster;
import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.Cni;
import dev.kubewizard.plan.Endpoint;
import dev.kubewizard.plan.Harbor;
import dev.kubewizard.plan.LbHost;
import dev.kubewizard.plan.LbMode;
import dev.kubewizard.plan.LoadBalancer;
import dev.kubewizard.plan.Mirrors;
import dev.kubewizard.plan.Node;
import dev.kubewizard.plan.PlanValidator;
import dev.kubewizard.plan.Severity;
import dev.kubewizard.plan.Ssh;
import dev.kubewizard.plan.SshAuth;
import dev.kubewizard.plan.Violation;
import dev.kubewizard.text.Messages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The plan being edited, one property per field of the plan file, shared by every page. Texts are kept as typed (a
 * port may be "abc" for a moment); {@link #toPlan()} turns them into a {@link ClusterPlan}, and every change re-runs
 * {@link PlanValidator} so that each field can show the violation for its path. No scene nodes: tested without FX.
 */
public final class PlanDraft {
    // Properties: cluster
    private final StringProperty clusterName = text("clusterName");
    private final StringProperty kubernetesVersion = text("kubernetesVersion");
    private final StringProperty podSubnet = text("podSubnet");
    private final StringProperty serviceSubnet = text("serviceSubnet");
    private final StringProperty endpointHost = text("endpointHost");
    private final StringProperty vip = text("vip");
    private final StringProperty endpointPort = text("endpointPort");
    // Properties: load balancer
    private final ObjectProperty<LbMode> lbMode = new SimpleObjectProperty<>(this, "lbMode", LbMode.EXTERNAL);
    private final StringProperty lbHostname = text("lbHostname");
    private final StringProperty lbAddress = text("lbAddress");
    private final StringProperty lbUser = text("lbUser");
    private final StringProperty lbPort = text("lbPort");
    private final StringProperty lbInterface = text("lbInterface");
    // Properties: nodes
    private final ObservableList<NodeRow> nodes = FXCollections.observableArrayList(NodeRow::observables);
    // Properties: ssh
    private final StringProperty sshUser = text("sshUser");
    private final StringProperty sshPort = text("sshPort");
    private final ObjectProperty<SshAuth> sshAuth = new SimpleObjectProperty<>(this, "sshAuth", SshAuth.PASSWORD);
    private final StringProperty sshKeyFile = text("sshKeyFile");
    // Properties: mirrors
    private final StringProperty ubuntuMirror = text("ubuntuMirror");
    private final StringProperty dockerCeMirror = text("dockerCeMirror");
    private final StringProperty kubernetesMirror = text("kubernetesMirror");
    private final StringProperty imageRepository = text("imageRepository");
    private final ObservableList<RegistryMirrorRow> registryMirrors =
            FXCollections.observableArrayList(RegistryMirrorRow::observables);
    private final StringProperty ntpServers = text("ntpServers");
    // Properties: harbor
    private final BooleanProperty harborEnabled = new SimpleBooleanProperty(this, "harborEnabled", false);
    private final StringProperty harborHost = text("harborHost");
    private final BooleanProperty harborHttps = new SimpleBooleanProperty(this, "harborHttps", false);
    private final BooleanProperty harborSkipVerify = new SimpleBooleanProperty(this, "harborSkipVerify", true);
    private final StringProperty harborUser = text("harborUser");
    private final StringProperty harborTestImage = text("harborTestImage");
    private final BooleanProperty harborPullSecret = new SimpleBooleanProperty(this, "harborPullSecret", false);
    // Properties: cni
    private final StringProperty calicoVersion = text("calicoVersion");
    private final StringProperty calicoManifest = text("calicoManifest");
    private final StringProperty calicoImageRegistry = text("calicoImageRegistry");
    // Properties: the draft as a whole
    private final ObjectProperty<Path> planFile = new SimpleObjectProperty<>(this, "planFile");
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(this, "loaded", false);
    private final ReadOnlyObjectWrapper<PlanCheck> check = new ReadOnlyObjectWrapper<>(this, "check", PlanCheck.NONE);

    private boolean loading;

    public PlanDraft() {
        InvalidationListener revalidate = o -> revalidate();
        for (Observable o : fields()) {
            o.addListener(revalidate);
        }
        planFile.addListener(revalidate);
    }

    private Observable[] fields() {
        return new Observable[] {clusterName, kubernetesVersion, podSubnet, serviceSubnet, endpointHost, vip,
            endpointPort, lbMode, lbHostname, lbAddress, lbUser, lbPort, lbInterface, nodes, sshUser, sshPort, sshAuth,
            sshKeyFile, ubuntuMirror, dockerCeMirror, kubernetesMirror, imageRepository, registryMirrors, ntpServers,
            harborEnabled, harborHost, harborHttps, harborSkipVerify, harborUser, harborTestImage, harborPullSecret,
            calicoVersion, calicoManifest, calicoImageRegistry};
    }

    private StringProperty text(String name) {
        return new SimpleStringProperty(this, name, "");
    }

    // Commands

    /** Replaces every field with the plan's values; {@code file} is where it came from (null: not saved yet). */
    public void load(ClusterPlan plan, Path file) {
        loading = true;
        try {
            Cluster c = plan.cluster() == null ? new Cluster(null, null, null, null, null) : plan.cluster();
            clusterName.set(s(c.name()));
            kubernetesVersion.set(s(c.kubernetesVersion()));
            podSubnet.set(s(c.podSubnet()));
            serviceSubnet.set(s(c.serviceSubnet()));
            Endpoint e = c.endpoint() == null ? new Endpoint(null, null, null) : c.endpoint();
            endpointHost.set(s(e.host()));
            vip.set(s(e.vip()));
            endpointPort.set(e.port() == null ? "" : e.port().toString());

            LoadBalancer lb = plan.loadBalancer();
            lbMode.set(plan.lbMode());
            LbHost host = lb == null ? null : lb.host();
            lbHostname.set(host == null ? "" : s(host.hostname()));
            lbAddress.set(host == null ? "" : s(host.address()));
            lbUser.set(host == null ? "" : s(host.user()));
            lbPort.set(host == null || host.port() == null ? "" : host.port().toString());
            lbInterface.set(lb == null ? "" : s(lb.iface()));

            nodes.setAll(plan.nodes().stream().map(NodeRow::of).toList());

            Ssh ssh = plan.sshOrDefault();
            sshUser.set(s(ssh.user()));
            sshPort.set(ssh.port() == null ? "" : ssh.port().toString());
            sshAuth.set(ssh.authOrDefault());
            sshKeyFile.set(s(ssh.privateKeyFile()));

            Mirrors m = plan.mirrors() == null ? new Mirrors(null, null, null, null, null, null) : plan.mirrors();
            ubuntuMirror.set(s(m.ubuntu()));
            dockerCeMirror.set(s(m.dockerCe()));
            kubernetesMirror.set(s(m.kubernetes()));
            imageRepository.set(s(m.imageRepository()));
            List<RegistryMirrorRow> rows = new ArrayList<>();
            if (m.registryMirrors() != null) {
                m.registryMirrors().forEach((registry, urls) -> {
                    if (urls == null || urls.isEmpty()) {
                        rows.add(new RegistryMirrorRow(s(registry), ""));
                    } else {
                        urls.forEach(u -> rows.add(new RegistryMirrorRow(s(registry), s(u))));
                    }
                });
            }
            registryMirrors.setAll(rows);
            ntpServers.set(m.ntp() == null ? "" : String.join(", ", m.ntp()));

            Harbor h = plan.harbor();
            harborEnabled.set(h != null);
            harborHost.set(h == null ? "" : s(h.host()));
            harborHttps.set(h != null && h.isHttps());
            harborSkipVerify.set(h == null || h.skipVerifyOrDefault());
            harborUser.set(h == null ? "" : s(h.username()));
            harborTestImage.set(h == null ? "" : s(h.testImage()));
            harborPullSecret.set(h != null && h.pullSecretOrDefault());

            Calico calico = plan.cni() == null || plan.cni().calico() == null ? new Calico(null, null, null)
                    : plan.cni().calico();
            calicoVersion.set(s(calico.version()));
            calicoManifest.set(s(calico.manifest()));
            calicoImageRegistry.set(s(calico.imageRegistry()));
            planFile.set(file);
        } finally {
            loading = false;
        }
        loaded.set(true);
        revalidate();
    }

    /** The plan as the fields say now. Never fails: what cannot be read (a port "abc") becomes null here. */
    public ClusterPlan toPlan() {
        Cluster cluster = new Cluster(t(clusterName), t(kubernetesVersion), t(podSubnet), t(serviceSubnet),
                new Endpoint(t(endpointHost), t(vip), number(endpointPort)));
        LoadBalancer lb = lbMode.get() == LbMode.EXTERNAL
                ? new LoadBalancer(LbMode.EXTERNAL, new LbHost(t(lbHostname), t(lbAddress), optional(lbUser),
                        number(lbPort)), t(lbInterface))
                : new LoadBalancer(LbMode.KEEPALIVED, null, t(lbInterface));
        List<Node> nodeList = nodes.stream().map(r -> new Node(t(r.hostnameProperty()), t(r.addressProperty()),
                r.roleProperty().get(), optional(r.userProperty()), number(r.portProperty()))).toList();
        Ssh ssh = new Ssh(optional(sshUser), number(sshPort), sshAuth.get(), t(sshKeyFile));
        Map<String, List<String>> mirrorsByRegistry = new LinkedHashMap<>();
        for (RegistryMirrorRow row : registryMirrors) {
            // An empty URL stays in: the validator then points at the row still to fill in.
            mirrorsByRegistry.computeIfAbsent(t(row.registryProperty()), k -> new ArrayList<>())
                    .add(t(row.urlProperty()));
        }
        Mirrors mirrors = new Mirrors(t(ubuntuMirror), t(dockerCeMirror), t(kubernetesMirror), t(imageRepository),
                mirrorsByRegistry, ntpList());
        Harbor harbor = harborEnabled.get()
                ? new Harbor(t(harborHost), harborHttps.get() ? "https" : "http", harborSkipVerify.get(),
                        optional(harborUser), optional(harborTestImage), harborPullSecret.get())
                : null;
        Cni cni = new Cni(new Calico(t(calicoVersion), t(calicoManifest), optional(calicoImageRegistry)));
        return new ClusterPlan(ClusterPlan.API_VERSION, cluster, lb, nodeList, ssh, mirrors, harbor, cni);
    }

    /** The NTP field's servers: separated by commas, semicolons or spaces. */
    public List<String> ntpList() {
        String all = t(ntpServers);
        if (all.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(all.split("[,;，；\\s]+")).filter(x -> !x.isEmpty()).toList();
    }

    /** Where a registry-mirror row's URL lies in the plan: {@code mirrors.registryMirrors.docker.io[0]}. */
    public String registryMirrorPath(RegistryMirrorRow row) {
        String registry = t(row.registryProperty());
        int index = 0;
        for (RegistryMirrorRow r : registryMirrors) {
            if (r == row) {
                break;
            }
            if (t(r.registryProperty()).equals(registry)) {
                index++;
            }
        }
        return "mirrors.registryMirrors." + registry + "[" + index + "]";
    }

    /** The field path of a node row's column: {@code nodes[2].address}. */
    public String nodePath(NodeRow row, String field) {
        return "nodes[" + nodes.indexOf(row) + "]." + field;
    }

    /**
     * The violations a node cell would have with {@code typed} in it, before the edit is committed: the table cannot
     * take the value while its cell is being edited, yet the teacher should see the verdict at each keystroke.
     *
     * @param field hostname, address, user or port
     */
    public List<Violation> violationsIfTyped(NodeRow row, String field, String typed) {
        int index = nodes.indexOf(row);
        if (index < 0 || !loaded.get()) {
            return List.of();
        }
        ClusterPlan plan = toPlan();
        Node n = plan.nodes().get(index);
        String v = typed == null ? "" : typed.strip();
        String path = "nodes[" + index + "]." + field;
        if (field.equals("port") && !v.isEmpty() && !v.matches("\\d{1,9}")) {
            return List.of(new Violation(path, Severity.ERROR, "ui.check.notAPort",
                    Messages.text("ui.check.notAPort", v)));
        }
        Node changed = switch (field) {
            case "hostname" -> new Node(v, n.address(), n.role(), n.user(), n.port());
            case "address" -> new Node(n.hostname(), v, n.role(), n.user(), n.port());
            case "user" -> new Node(n.hostname(), n.address(), n.role(), v.isEmpty() ? null : v, n.port());
            case "port" -> new Node(n.hostname(), n.address(), n.role(), n.user(),
                    v.isEmpty() ? null : Integer.valueOf(v));
            default -> n;
        };
        List<Node> nodeList = new ArrayList<>(plan.nodes());
        nodeList.set(index, changed);
        ClusterPlan edited = new ClusterPlan(plan.apiVersion(), plan.cluster(), plan.loadBalancer(), nodeList,
                plan.ssh(), plan.mirrors(), plan.harbor(), plan.cni());
        Path file = planFile.get();
        return PlanValidator.validate(edited, file == null ? null : file.toAbsolutePath().getParent()).stream()
                .filter(x -> x.path().equals(path)).toList();
    }

    /**
     * Checks the plan again although no field changed: whether the files it names (SSH key, calico.yaml) exist is
     * outside the plan, so pages call this when they come into view.
     */
    public void recheck() {
        revalidate();
    }

    private void revalidate() {
        if (loading || !loaded.get()) {
            return;
        }
        List<Violation> found = new ArrayList<>(unreadableNumbers());
        Path file = planFile.get();
        found.addAll(PlanValidator.validate(toPlan(), file == null ? null : file.toAbsolutePath().getParent()));
        check.set(new PlanCheck(found));
    }

    /** Ports typed as something other than a number: the plan cannot hold them, so they are reported here. */
    private List<Violation> unreadableNumbers() {
        List<Violation> list = new ArrayList<>();
        notANumber(list, "cluster.endpoint.port", endpointPort);
        if (lbMode.get() == LbMode.EXTERNAL) {
            notANumber(list, "loadBalancer.host.port", lbPort);
        }
        for (int i = 0; i < nodes.size(); i++) {
            notANumber(list, "nodes[" + i + "].port", nodes.get(i).portProperty());
        }
        notANumber(list, "ssh.port", sshPort);
        return list;
    }

    private static void notANumber(List<Violation> list, String path, StringProperty field) {
        String value = t(field);
        if (!value.isEmpty() && number(field) == null) {
            list.add(new Violation(path, Severity.ERROR, "ui.check.notAPort",
                    Messages.text("ui.check.notAPort", value)));
        }
    }

    private static Integer number(StringProperty field) {
        String value = t(field);
        if (!value.matches("\\d{1,9}")) {
            return null;
        }
        return Integer.valueOf(value);
    }

    private static String t(StringProperty p) {
        return p.get() == null ? "" : p.get().strip();
    }

    private static String optional(StringProperty p) {
        String v = t(p);
        return v.isEmpty() ? null : v;
    }

    private static String s(String value) {
        return value == null ? "" : value;
    }

    /** True while a plan is loaded and nothing under these fields is an error: a page's "may go on". */
    public BooleanBinding completeUnder(String... prefixes) {
        List<String> list = List.of(prefixes);
        return Bindings.createBooleanBinding(() -> loaded.get() && !check.get().hasErrorsUnder(list), check, loaded);
    }

    /** True while {@link #load} fills the fields: listeners that keep fields in step must leave a loaded plan be. */
    public boolean loading() {
        return loading;
    }

    // Property accessors

    public ReadOnlyObjectProperty<PlanCheck> checkProperty() {
        return check.getReadOnlyProperty();
    }

    public PlanCheck check() {
        return check.get();
    }

    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public ObjectProperty<Path> planFileProperty() {
        return planFile;
    }

    public StringProperty clusterNameProperty() {
        return clusterName;
    }

    public StringProperty kubernetesVersionProperty() {
        return kubernetesVersion;
    }

    public StringProperty podSubnetProperty() {
        return podSubnet;
    }

    public StringProperty serviceSubnetProperty() {
        return serviceSubnet;
    }

    public StringProperty endpointHostProperty() {
        return endpointHost;
    }

    public StringProperty vipProperty() {
        return vip;
    }

    public StringProperty endpointPortProperty() {
        return endpointPort;
    }

    public ObjectProperty<LbMode> lbModeProperty() {
        return lbMode;
    }

    public StringProperty lbHostnameProperty() {
        return lbHostname;
    }

    public StringProperty lbAddressProperty() {
        return lbAddress;
    }

    public StringProperty lbUserProperty() {
        return lbUser;
    }

    public StringProperty lbPortProperty() {
        return lbPort;
    }

    public StringProperty lbInterfaceProperty() {
        return lbInterface;
    }

    public ObservableList<NodeRow> nodes() {
        return nodes;
    }

    public StringProperty sshUserProperty() {
        return sshUser;
    }

    public StringProperty sshPortProperty() {
        return sshPort;
    }

    public ObjectProperty<SshAuth> sshAuthProperty() {
        return sshAuth;
    }

    public StringProperty sshKeyFileProperty() {
        return sshKeyFile;
    }

    public StringProperty ubuntuMirrorProperty() {
        return ubuntuMirror;
    }

    public StringProperty dockerCeMirrorProperty() {
        return dockerCeMirror;
    }

    public StringProperty kubernetesMirrorProperty() {
        return kubernetesMirror;
    }

    public StringProperty imageRepositoryProperty() {
        return imageRepository;
    }

    public ObservableList<RegistryMirrorRow> registryMirrors() {
        return registryMirrors;
    }

    public StringProperty ntpServersProperty() {
        return ntpServers;
    }

    public BooleanProperty harborEnabledProperty() {
        return harborEnabled;
    }

    public StringProperty harborHostProperty() {
        return harborHost;
    }

    public BooleanProperty harborHttpsProperty() {
        return harborHttps;
    }

    public BooleanProperty harborSkipVerifyProperty() {
        return harborSkipVerify;
    }

    public StringProperty harborUserProperty() {
        return harborUser;
    }

    public StringProperty harborTestImageProperty() {
        return harborTestImage;
    }

    public BooleanProperty harborPullSecretProperty() {
        return harborPullSecret;
    }

    public StringProperty calicoVersionProperty() {
        return calicoVersion;
    }

    public StringProperty calicoManifestProperty() {
        return calicoManifest;
    }

    public StringProperty calicoImageRegistryProperty() {
        return calicoImageRegistry;
    }
}

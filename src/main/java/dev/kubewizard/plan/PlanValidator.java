package dev.kubewizard.plan;

import dev.kubewizard.text.Messages;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a plan before anything runs: every mistake that would make kubeadm, containerd, apt or the load balancer fail
 * later, found now and explained in the field where it is made. A pure function of the plan; the only I/O is whether
 * the files it names exist. Violations come in the order of the fields in the plan file.
 */
public final class PlanValidator {
    private static final String VIP = "VIP";
    private static final int MAX_ETCD_MEMBERS = 7;
    /** kubeadm's node-cidr-mask-size for IPv4; the pod subnet must hold at least one such block, at most 2^16. */
    private static final int NODE_MASK = 24;
    private static final int MAX_NODE_MASK_DIFF = 16;
    /** kube-apiserver takes at most 20 host bits; kubeadm puts the DNS service at the 10th address. */
    private static final int LARGEST_SERVICE_PREFIX = 12;
    private static final int SMALLEST_SERVICE_PREFIX = 28;
    private static final String DEFAULT_ENDPOINT_PORT_IN_KEEPALIVED_MODE = "16443";

    private static final Pattern MINOR = Pattern.compile("v?1\\.(0|[1-9]\\d{0,2})");
    private static final Pattern PATCH = Pattern.compile("v?1\\.(0|[1-9]\\d{0,2})\\.\\d{1,3}");
    private static final Pattern CALICO_VERSION = Pattern.compile("v3\\.\\d{1,2}\\.\\d{1,3}");
    /** useradd's rule, relaxed to allow upper case and dots as some systems do; no spaces, ':' or '/'. */
    private static final Pattern LINUX_USER = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]{0,31}\\$?");
    /** Linux interface names: at most 15 bytes, no '/', ':' or whitespace. */
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_.@-]{1,15}");

    /** Ports that a master already uses: the keepalived-mode load balancer, which runs on the masters, cannot. */
    private static final Map<Integer, String> MASTER_PORTS = Map.ofEntries(
            Map.entry(22, "sshd"),
            Map.entry(179, "Calico BGP (bird)"),
            Map.entry(2379, "etcd"),
            Map.entry(2380, "etcd"),
            Map.entry(10248, "kubelet"),
            Map.entry(10249, "kube-proxy"),
            Map.entry(10250, "kubelet"),
            Map.entry(10256, "kube-proxy"),
            Map.entry(10257, "kube-controller-manager"),
            Map.entry(10259, "kube-scheduler"));

    private static final String EXAMPLE_UBUNTU = "https://mirrors.aliyun.com/ubuntu";
    private static final String EXAMPLE_DOCKER_CE = "https://mirrors.aliyun.com/docker-ce/linux/ubuntu";
    private static final String EXAMPLE_KUBERNETES = "https://mirrors.aliyun.com/kubernetes-new/core/stable";
    private static final String EXAMPLE_REGISTRY_MIRROR = "https://docker.m.daocloud.io";
    private static final String EXAMPLE_POD_SUBNET = "10.244.0.0/16";
    private static final String EXAMPLE_SERVICE_SUBNET = "10.96.0.0/12";
    private static final String EXAMPLE_CALICO = "v3.28.2";

    private final ClusterPlan plan;
    private final Path planDir;
    private final List<Violation> found = new ArrayList<>();
    /** The first owner of each host name (lower case) and address, for duplicate detection in plan order. */
    private final Map<String, String> hostnames = new HashMap<>();
    private final Map<Ipv4, String> addresses = new HashMap<>();

    private PlanValidator(ClusterPlan plan, Path planDir) {
        this.plan = plan;
        this.planDir = planDir;
    }

    /**
     * Every problem of the plan, in plan order.
     *
     * @param planDir the folder relative file names (SSH key, Calico manifest) are read from; null = current folder
     */
    public static List<Violation> validate(ClusterPlan plan, Path planDir) {
        if (plan == null) {
            return List.of(new Violation("", Severity.ERROR, "plan.check.plan.missing",
                    Messages.text("plan.check.plan.missing")));
        }
        return new PlanValidator(plan, planDir).run();
    }

    public static List<Violation> validate(ClusterPlan plan) {
        return validate(plan, null);
    }

    /** Whether any violation blocks the install. */
    public static boolean hasErrors(List<Violation> violations) {
        return violations != null && violations.stream().anyMatch(v -> v != null && v.isError());
    }

    private List<Violation> run() {
        cluster();
        loadBalancer();
        nodes();
        ssh();
        mirrors();
        harbor();
        cni();
        return List.copyOf(found);
    }

    // ---- cluster ------------------------------------------------------------------------------------------------

    private void cluster() {
        Cluster c = plan.cluster();
        if (c == null) {
            error("cluster", "plan.check.cluster.missing");
            return;
        }
        if (isBlank(c.name())) {
            error("cluster.name", "plan.check.clusterName.missing");
        } else {
            label("cluster.name", c.name(), "plan.check.clusterName");
        }
        kubernetesVersion(c.kubernetesVersion());

        Cidr pods = podSubnet(c);
        serviceSubnet(c, pods);
        endpoint(c.endpoint());
    }

    private Cidr podSubnet(Cluster c) {
        String path = "cluster.podSubnet";
        Cidr pods = subnet(path, c.podSubnet(), "plan.check.podSubnet.missing", EXAMPLE_POD_SUBNET);
        if (pods == null) {
            return null;
        }
        if (pods.prefix() > NODE_MASK) {
            error(path, "plan.check.podSubnet.tooSmall", pods);
        } else if (NODE_MASK - pods.prefix() > MAX_NODE_MASK_DIFF) {
            error(path, "plan.check.podSubnet.tooLarge", pods);
        }
        machinesOutside(path, "plan.check.podSubnet.containsAddress", pods, network(c.serviceSubnet()),
                podSubnetCandidates());
        return pods;
    }

    private void serviceSubnet(Cluster c, Cidr pods) {
        String path = "cluster.serviceSubnet";
        Cidr services = subnet(path, c.serviceSubnet(), "plan.check.serviceSubnet.missing", EXAMPLE_SERVICE_SUBNET);
        if (services == null) {
            return;
        }
        if (services.prefix() < LARGEST_SERVICE_PREFIX) {
            error(path, "plan.check.serviceSubnet.tooLarge", services);
        } else if (services.prefix() > SMALLEST_SERVICE_PREFIX) {
            error(path, "plan.check.serviceSubnet.tooSmall", services);
        }
        if (pods != null && pods.overlaps(services)) {
            error(path, "plan.check.serviceSubnet.overlapsPodSubnet", services, pods);
        }
        machinesOutside(path, "plan.check.serviceSubnet.containsAddress", services, pods, serviceSubnetCandidates());
    }

    private void kubernetesVersion(String version) {
        String path = "cluster.kubernetesVersion";
        String supported = String.join(", ", KubernetesVersions.supported());
        if (isBlank(version)) {
            error(path, "plan.check.version.missing", supported);
            return;
        }
        Matcher minor = MINOR.matcher(version);
        Matcher patch = PATCH.matcher(version);
        if (minor.matches()) {
            if (!KubernetesVersions.isSupported(Integer.parseInt(minor.group(1)))) {
                error(path, "plan.check.version.unsupported", version, supported);
            }
        } else if (patch.matches()) {
            int m = Integer.parseInt(patch.group(1));
            if (KubernetesVersions.isSupported(m)) {
                error(path, "plan.check.version.patch", version, "1." + m);
            } else {
                error(path, "plan.check.version.unsupported", version, supported);
            }
        } else {
            error(path, "plan.check.version.invalid", version, supported);
        }
    }

    /** A subnet field: present, a CIDR, naming its network. Returns it only when all that holds. */
    private Cidr subnet(String path, String value, String missingKey, String example) {
        if (isBlank(value)) {
            error(path, missingKey);
            return null;
        }
        Cidr cidr = Cidr.parse(value);
        if (cidr == null) {
            error(path, "plan.check.cidr.invalid", value, example);
            return null;
        }
        if (cidr.hasHostBits()) {
            error(path, "plan.check.cidr.hostBits", value, cidr.network());
            return null;
        }
        return cidr;
    }

    /** A valid CIDR naming its network, or null; reports nothing (the field's own check does). */
    private static Cidr network(String value) {
        Cidr cidr = Cidr.parse(value);
        return cidr == null || cidr.hasHostBits() ? null : cidr;
    }

    /**
     * Pod and service addresses are routed inside the cluster: a machine address inside such a range becomes
     * unreachable from pods. An error for each machine inside; a warning when the range only cuts into a machine's
     * network (assumed /24), where the gateway or other computers may live.
     */
    private void machinesOutside(String path, String key, Cidr range, Cidr otherRange, List<Cidr> candidates) {
        Map<Cidr, String> networksHit = new LinkedHashMap<>();
        for (Machine m : machines()) {
            if (range.contains(m.address())) {
                error(path, key, range, m.who(), suggestion(candidates, otherRange));
            } else if (range.overlaps(m.address().slash24())) {
                networksHit.putIfAbsent(m.address().slash24(), m.who());
            }
        }
        networksHit.forEach((network, who) -> warning(path, "plan.check.subnet.nearNetwork", range, network, who));
    }

    /** The first candidate that holds no machine and stays clear of the other cluster range. */
    private Cidr suggestion(List<Cidr> candidates, Cidr otherRange) {
        List<Machine> machines = machines();
        for (Cidr c : candidates) {
            boolean free = machines.stream().noneMatch(m -> c.overlaps(m.address().slash24()))
                    && (otherRange == null || !c.overlaps(otherRange));
            if (free) {
                return c;
            }
        }
        return candidates.get(0);
    }

    private static List<Cidr> podSubnetCandidates() {
        List<Cidr> list = new ArrayList<>(List.of(Cidr.parse(EXAMPLE_POD_SUBNET), Cidr.parse("172.16.0.0/16")));
        for (int second = 100; second < 256; second++) {
            list.add(Cidr.parse("10." + second + ".0.0/16"));
        }
        return list;
    }

    private static List<Cidr> serviceSubnetCandidates() {
        List<Cidr> list = new ArrayList<>(List.of(Cidr.parse(EXAMPLE_SERVICE_SUBNET), Cidr.parse("172.30.0.0/16")));
        for (int second = 99; second >= 0; second--) {
            list.add(Cidr.parse("10." + second + ".0.0/16"));
        }
        return list;
    }

    // ---- endpoint -----------------------------------------------------------------------------------------------

    private void endpoint(Endpoint e) {
        if (e == null) {
            error("cluster.endpoint", "plan.check.endpoint.missing");
            return;
        }
        endpointHost(e.host());
        vip(e.vip());
        endpointPort(e);
    }

    private void endpointHost(String host) {
        String path = "cluster.endpoint.host";
        if (isBlank(host)) {
            error(path, "plan.check.endpoint.hostMissing");
        } else if (Ipv4.looksNumeric(host)) {
            error(path, "plan.check.endpoint.hostIsAddress", host);
        } else if (!DnsName.isSubdomain(host)) {
            String lower = host.toLowerCase(Locale.ROOT);
            if (DnsName.isSubdomain(lower)) {
                error(path, "plan.check.endpoint.hostUppercase", host, lower);
            } else {
                error(path, "plan.check.endpoint.hostInvalid", host);
            }
        }
    }

    private void vip(String value) {
        String path = "cluster.endpoint.vip";
        if (isBlank(value)) {
            error(path, "plan.check.vip.missing");
            return;
        }
        Ipv4 vip = address(path, value);
        if (vip == null) {
            return;
        }
        Node owner = plan.nodes().stream().filter(n -> vip.equals(Ipv4.parse(n.address()))).findFirst().orElse(null);
        if (owner != null) {
            error(path, "plan.check.vip.isNodeAddress", value, orUnnamed(owner.hostname()));
        } else if (plan.lbMode() == LbMode.EXTERNAL) {
            LbHost lb = plan.lbHost().orElse(null);
            Ipv4 lbAddress = lb == null ? null : Ipv4.parse(lb.address());
            if (lbAddress != null && !lbAddress.equals(vip)) {
                error(path, "plan.check.vip.notLbAddress", value, lbAddress);
            }
        } else {
            String elsewhere = plan.masters().stream()
                    .filter(m -> Ipv4.parse(m.address()) != null && !vip.slash24().contains(Ipv4.parse(m.address())))
                    .map(m -> orUnnamed(m.hostname()) + " " + m.address())
                    .collect(Collectors.joining(", "));
            if (!elsewhere.isEmpty()) {
                warning(path, "plan.check.vip.otherSubnet", value, vip.slash24(), elsewhere);
            }
        }
    }

    private void endpointPort(Endpoint e) {
        String path = "cluster.endpoint.port";
        if (e.port() != null && !isPort(e.port())) {
            error(path, "plan.check.port.outOfRange", e.port(), Endpoint.DEFAULT_PORT);
            return;
        }
        if (plan.lbMode() == LbMode.KEEPALIVED) {
            int port = e.portOrDefault();
            if (port == Endpoint.DEFAULT_PORT) {
                error(path, "plan.check.endpoint.port6443", DEFAULT_ENDPOINT_PORT_IN_KEEPALIVED_MODE);
            } else if (MASTER_PORTS.containsKey(port)) {
                error(path, "plan.check.endpoint.portTaken", port, MASTER_PORTS.get(port),
                        DEFAULT_ENDPOINT_PORT_IN_KEEPALIVED_MODE);
            }
        }
    }

    // ---- load balancer ------------------------------------------------------------------------------------------

    private void loadBalancer() {
        LoadBalancer lb = plan.loadBalancer();
        if (plan.lbMode() == LbMode.EXTERNAL) {
            LbHost host = lb == null ? null : lb.host();
            if (host == null) {
                error("loadBalancer.host", "plan.check.lb.hostMissing");
                return;
            }
            machine("loadBalancer.host", host.hostname(), host.address());
            sshUser("loadBalancer.host.user", host.user());
            sshPort("loadBalancer.host.port", host.port());
        } else if (lb != null && !isBlank(lb.iface()) && !validInterface(lb.iface())) {
            error("loadBalancer.interface", "plan.check.lb.interfaceInvalid", lb.iface());
        }
    }

    private static boolean validInterface(String name) {
        return INTERFACE.matcher(name).matches() && !name.equals(".") && !name.equals("..");
    }

    // ---- nodes --------------------------------------------------------------------------------------------------

    private void nodes() {
        List<Node> nodes = plan.nodes();
        if (nodes.isEmpty()) {
            error("nodes", "plan.check.nodes.empty");
            return;
        }
        int masters = plan.masters().size();
        if (masters == 0) {
            error("nodes", "plan.check.nodes.noMaster");
        } else {
            if (masters % 2 == 0) {
                int quorum = masters / 2 + 1;
                warning("nodes", "plan.check.nodes.evenMasters", masters, quorum, masters - quorum, masters - 1);
            }
            if (masters > MAX_ETCD_MEMBERS) {
                warning("nodes", "plan.check.nodes.manyMasters", masters);
            }
        }
        if (plan.workers().isEmpty()) {
            warning("nodes", "plan.check.nodes.noWorker");
        }
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            String path = "nodes[" + i + "]";
            machine(path, n.hostname(), n.address());
            if (n.role() == null) {
                error(path + ".role", "plan.check.node.roleMissing");
            }
            sshUser(path + ".user", n.user());
            sshPort(path + ".port", n.port());
        }
    }

    /** Host name and address of a node or the load-balancer host: valid, and not used by an earlier machine. */
    private void machine(String path, String hostname, String address) {
        String namePath = path + ".hostname";
        if (isBlank(hostname)) {
            error(namePath, "plan.check.hostname.missing");
        } else {
            label(namePath, hostname, "plan.check.hostname");
            String first = hostnames.putIfAbsent(hostname.toLowerCase(Locale.ROOT),
                    isBlank(address) ? path : address);
            if (first != null) {
                error(namePath, "plan.check.hostname.duplicate", hostname, first);
            }
        }
        String addressPath = path + ".address";
        if (isBlank(address)) {
            error(addressPath, "plan.check.address.missing");
            return;
        }
        Ipv4 ip = address(addressPath, address);
        if (ip != null) {
            String first = addresses.putIfAbsent(ip, isBlank(hostname) ? path : hostname);
            if (first != null) {
                error(addressPath, "plan.check.address.duplicate", address, first);
            }
        }
    }

    /** An address a machine can have. Returns it when valid. */
    private Ipv4 address(String path, String value) {
        Ipv4 ip = Ipv4.parse(value);
        if (ip == null) {
            Ipv4 meant = Ipv4.parseLenient(value);
            if (meant != null) {
                error(path, "plan.check.address.suggest", value, meant);
            } else {
                error(path, "plan.check.address.invalid", value);
            }
            return null;
        }
        if (ip.isLoopback()) {
            error(path, "plan.check.address.loopback", value);
        } else if (ip.isLinkLocal()) {
            error(path, "plan.check.address.linkLocal", value);
        } else if (ip.isUnspecified() || ip.isMulticastOrReserved()) {
            error(path, "plan.check.address.reserved", value);
        } else {
            return ip;
        }
        return null;
    }

    /**
     * Every address that must stay reachable, once each, in plan order: the VIP, the load-balancer host, the nodes.
     */
    private List<Machine> machines() {
        Map<Ipv4, Machine> byAddress = new LinkedHashMap<>();
        Endpoint e = plan.cluster() == null ? null : plan.cluster().endpoint();
        Ipv4 vip = e == null ? null : usable(e.vip());
        if (vip != null) {
            byAddress.put(vip, new Machine(VIP + " " + vip, vip));
        }
        plan.lbHost().ifPresent(lb -> addMachine(byAddress, lb.hostname(), lb.address()));
        plan.nodes().forEach(n -> addMachine(byAddress, n.hostname(), n.address()));
        return List.copyOf(byAddress.values());
    }

    private static void addMachine(Map<Ipv4, Machine> byAddress, String hostname, String address) {
        Ipv4 ip = usable(address);
        if (ip != null) {
            byAddress.putIfAbsent(ip, new Machine(isBlank(hostname) ? ip.toString() : hostname + " " + ip, ip));
        }
    }

    private static Ipv4 usable(String address) {
        Ipv4 ip = Ipv4.parse(address);
        return ip == null || ip.isLoopback() || ip.isLinkLocal() || ip.isUnspecified() || ip.isMulticastOrReserved()
                ? null : ip;
    }

    /** A machine as messages name it ("k8s-master1 192.168.1.101", "VIP 192.168.1.100"). */
    private record Machine(String who, Ipv4 address) {
    }

    // ---- ssh ----------------------------------------------------------------------------------------------------

    private void ssh() {
        Ssh ssh = plan.ssh();
        if (ssh == null) {
            return;
        }
        sshUser("ssh.user", ssh.user());
        sshPort("ssh.port", ssh.port());
        if (ssh.authOrDefault() == SshAuth.KEY) {
            String path = "ssh.privateKeyFile";
            String file = ssh.privateKeyFile();
            if (isBlank(file)) {
                error(path, "plan.check.ssh.keyMissing");
            } else if (existingFile(path, file, "plan.check.ssh.keyNotFound") && file.endsWith(".pub")) {
                warning(path, "plan.check.ssh.keyIsPublic", file, file.substring(0, file.length() - 4));
            }
        }
    }

    /** Empty means the plan-wide user (root by default), as {@link Ssh#userOrDefault()} reads it. */
    private void sshUser(String path, String user) {
        if (!isBlank(user) && !LINUX_USER.matcher(user).matches()) {
            error(path, "plan.check.ssh.userInvalid", user);
        }
    }

    private void sshPort(String path, Integer port) {
        if (port != null && !isPort(port)) {
            error(path, "plan.check.port.outOfRange", port, Ssh.DEFAULT_PORT);
        }
    }

    /** Whether a named file exists; reports it when not. Relative names are read from the plan's folder. */
    private boolean existingFile(String path, String name, String notFoundKey) {
        Path file;
        try {
            file = Path.of(name);
            if (!file.isAbsolute()) {
                file = (planDir == null ? Path.of("") : planDir).resolve(file);
            }
            file = file.toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            error(path, "plan.check.file.badPath", name);
            return false;
        }
        if (!Files.isRegularFile(file)) {
            error(path, notFoundKey, name, file);
            return false;
        }
        return true;
    }

    // ---- mirrors ------------------------------------------------------------------------------------------------

    private void mirrors() {
        Mirrors m = plan.mirrors();
        if (m == null) {
            error("mirrors", "plan.check.mirrors.missing");
            return;
        }
        url("mirrors.ubuntu", m.ubuntu(), EXAMPLE_UBUNTU);
        url("mirrors.dockerCe", m.dockerCe(), EXAMPLE_DOCKER_CE);
        if (url("mirrors.kubernetes", m.kubernetes(), EXAMPLE_KUBERNETES) && isLegacyKubernetesRepo(m.kubernetes())) {
            error("mirrors.kubernetes", "plan.check.mirror.kubernetesLegacy", m.kubernetes(), EXAMPLE_KUBERNETES);
        }
        imageRepository(m.imageRepository());
        if (m.registryMirrors() != null) {
            m.registryMirrors().forEach(this::registryMirror);
        }
        if (m.ntp() != null) {
            for (int i = 0; i < m.ntp().size(); i++) {
                String server = m.ntp().get(i);
                String path = "mirrors.ntp[" + i + "]";
                if (isBlank(server)) {
                    error(path, "plan.check.ntp.empty");
                } else if (!DnsName.isHost(server)) {
                    error(path, "plan.check.ntp.invalid", server);
                }
            }
        }
    }

    /** A required http(s) URL. Returns whether it is one. */
    private boolean url(String path, String value, String example) {
        if (isBlank(value)) {
            error(path, "plan.check.mirror.missing", example);
            return false;
        }
        if (HttpUrl.isValid(value)) {
            return true;
        }
        String withScheme = HttpUrl.suggestScheme(value);
        if (withScheme != null) {
            error(path, "plan.check.mirror.noScheme", value, withScheme);
        } else {
            error(path, "plan.check.mirror.notUrl", value, example);
        }
        return false;
    }

    /** The apt repository frozen at 1.28 (kubernetes-xenial), which the course still names. */
    private static boolean isLegacyKubernetesRepo(String url) {
        String u = url.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
        return u.contains("kubernetes-xenial") || u.endsWith("/kubernetes/apt");
    }

    private void imageRepository(String value) {
        String path = "mirrors.imageRepository";
        if (isBlank(value)) {
            error(path, "plan.check.imageRepository.missing");
        } else if (value.contains("://") && ImageNames.isRegistryPath(ImageNames.withoutScheme(value))) {
            error(path, "plan.check.imageRepository.scheme", value, ImageNames.withoutScheme(value));
        } else if (!ImageNames.isRegistryPath(value)) {
            error(path, "plan.check.imageRepository.invalid", value);
        }
    }

    private void registryMirror(String registry, List<String> urls) {
        String path = "mirrors.registryMirrors." + registry;
        if (registry == null || !DnsName.isHostPort(registry) || !registry.equals(registry.toLowerCase(Locale.ROOT))) {
            error(path, "plan.check.registryMirrors.badKey", String.valueOf(registry));
        }
        if (urls != null) {
            for (int i = 0; i < urls.size(); i++) {
                url(path + "[" + i + "]", urls.get(i), EXAMPLE_REGISTRY_MIRROR);
            }
        }
    }

    // ---- harbor -------------------------------------------------------------------------------------------------

    private void harbor() {
        Harbor h = plan.harbor();
        if (h == null) {
            return;
        }
        String host = harborHost(h.host());
        String scheme = h.scheme();
        if (!isBlank(scheme) && !scheme.equals("http") && !scheme.equals("https")) {
            error("harbor.scheme", "plan.check.harbor.scheme", scheme);
        }
        if (h.pullSecretOrDefault() && isBlank(h.username())) {
            error("harbor.username", "plan.check.harbor.usernameMissing");
        }
        String image = h.testImage();
        if (!isBlank(image)) {
            if (!ImageNames.isReference(image)) {
                error("harbor.testImage", "plan.check.harbor.testImageInvalid", image);
            } else if (host != null && !image.startsWith(host + "/")) {
                warning("harbor.testImage", "plan.check.harbor.testImageElsewhere", image, host);
            }
        }
    }

    /** Returns the host when it is valid. */
    private String harborHost(String host) {
        String path = "harbor.host";
        if (isBlank(host)) {
            error(path, "plan.check.harbor.hostMissing");
        } else if (host.contains("://")) {
            error(path, "plan.check.harbor.hostScheme", host, ImageNames.withoutScheme(host).split("/")[0]);
        } else if (host.contains("/")) {
            error(path, "plan.check.harbor.hostPath", host, host.substring(0, host.indexOf('/')));
        } else if (!DnsName.isHostPort(host)) {
            error(path, "plan.check.harbor.hostInvalid", host);
        } else {
            return host;
        }
        return null;
    }

    // ---- cni ----------------------------------------------------------------------------------------------------

    private void cni() {
        Calico calico = plan.cni() == null ? null : plan.cni().calico();
        if (calico == null) {
            error("cni.calico", "plan.check.calico.missing");
            return;
        }
        String version = calico.version();
        if (isBlank(version)) {
            error("cni.calico.version", "plan.check.calico.versionMissing", EXAMPLE_CALICO);
        } else if (!CALICO_VERSION.matcher(version).matches()) {
            String withV = "v" + version;
            error("cni.calico.version", "plan.check.calico.versionInvalid", version,
                    CALICO_VERSION.matcher(withV).matches() ? withV : EXAMPLE_CALICO);
        }
        if (!isBlank(calico.manifest())) {
            existingFile("cni.calico.manifest", calico.manifest(), "plan.check.calico.manifestNotFound");
        }
        String registry = calico.imageRegistry();
        if (!isBlank(registry)) {
            if (registry.contains("://") && ImageNames.isRegistryPath(ImageNames.withoutScheme(registry))) {
                error("cni.calico.imageRegistry", "plan.check.calico.registryScheme", registry,
                        ImageNames.withoutScheme(registry));
            } else if (!ImageNames.isRegistryPath(registry)) {
                error("cni.calico.imageRegistry", "plan.check.calico.registryInvalid", registry);
            }
        }
    }

    // ---- shared -------------------------------------------------------------------------------------------------

    /** An RFC 1123 label (host name, cluster name); keyPrefix selects the messages for that field. */
    private void label(String path, String value, String keyPrefix) {
        if (DnsName.isLabel(value)) {
            return;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        String suggestion = DnsName.suggestLabel(value);
        if (value.length() > DnsName.MAX_LABEL) {
            error(path, keyPrefix + ".tooLong", value, value.length());
        } else if (DnsName.isLabel(lower)) {
            error(path, keyPrefix + ".uppercase", value, lower);
        } else if (suggestion != null) {
            error(path, keyPrefix + ".invalid", value, suggestion);
        } else {
            error(path, keyPrefix + ".invalidNoSuggestion", value);
        }
    }

    private static boolean isPort(int port) {
        return port >= 1 && port <= 65535;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String orUnnamed(String hostname) {
        return isBlank(hostname) ? "?" : hostname;
    }

    private void error(String path, String key, Object... args) {
        add(path, Severity.ERROR, key, args);
    }

    private void warning(String path, String key, Object... args) {
        add(path, Severity.WARNING, key, args);
    }

    /** Arguments go in as text: MessageFormat would print the port 16443 as "16,443". */
    private void add(String path, Severity severity, String key, Object... args) {
        Object[] texts = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            texts[i] = String.valueOf(args[i]);
        }
        found.add(new Violation(path, severity, key, Messages.text(key, texts)));
    }
}

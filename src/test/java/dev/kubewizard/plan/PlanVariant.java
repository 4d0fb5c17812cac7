package dev.kubewizard.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A variant of a plan for tests: starts from the course example and changes one field at a time. Setting a field of
 * a missing block creates the block with everything else empty.
 */
final class PlanVariant {
    private String apiVersion;
    private Cluster cluster;
    private LoadBalancer loadBalancer;
    private List<Node> nodes;
    private Ssh ssh;
    private Mirrors mirrors;
    private Harbor harbor;
    private Cni cni;

    private PlanVariant(ClusterPlan p) {
        apiVersion = p.apiVersion();
        cluster = p.cluster();
        loadBalancer = p.loadBalancer();
        nodes = new ArrayList<>(p.nodes());
        ssh = p.ssh();
        mirrors = p.mirrors();
        harbor = p.harbor();
        cni = p.cni();
    }

    static PlanVariant course() {
        return new PlanVariant(PlanYaml.courseExample());
    }

    static PlanVariant of(ClusterPlan plan) {
        return new PlanVariant(plan);
    }

    ClusterPlan build() {
        return new ClusterPlan(apiVersion, cluster, loadBalancer, nodes, ssh, mirrors, harbor, cni);
    }

    // ---- cluster

    PlanVariant cluster(Cluster c) {
        cluster = c;
        return this;
    }

    private Cluster c() {
        return cluster != null ? cluster : new Cluster(null, null, null, null, null);
    }

    PlanVariant name(String v) {
        Cluster c = c();
        return cluster(new Cluster(v, c.kubernetesVersion(), c.podSubnet(), c.serviceSubnet(), c.endpoint()));
    }

    PlanVariant kubernetesVersion(String v) {
        Cluster c = c();
        return cluster(new Cluster(c.name(), v, c.podSubnet(), c.serviceSubnet(), c.endpoint()));
    }

    PlanVariant podSubnet(String v) {
        Cluster c = c();
        return cluster(new Cluster(c.name(), c.kubernetesVersion(), v, c.serviceSubnet(), c.endpoint()));
    }

    PlanVariant serviceSubnet(String v) {
        Cluster c = c();
        return cluster(new Cluster(c.name(), c.kubernetesVersion(), c.podSubnet(), v, c.endpoint()));
    }

    PlanVariant endpoint(Endpoint e) {
        Cluster c = c();
        return cluster(new Cluster(c.name(), c.kubernetesVersion(), c.podSubnet(), c.serviceSubnet(), e));
    }

    private Endpoint e() {
        Endpoint e = c().endpoint();
        return e != null ? e : new Endpoint(null, null, null);
    }

    PlanVariant endpointHost(String v) {
        return endpoint(new Endpoint(v, e().vip(), e().port()));
    }

    PlanVariant vip(String v) {
        return endpoint(new Endpoint(e().host(), v, e().port()));
    }

    PlanVariant endpointPort(Integer v) {
        return endpoint(new Endpoint(e().host(), e().vip(), v));
    }

    // ---- load balancer

    PlanVariant loadBalancer(LoadBalancer lb) {
        loadBalancer = lb;
        return this;
    }

    private LoadBalancer lb() {
        return loadBalancer != null ? loadBalancer : new LoadBalancer(null, null, null);
    }

    PlanVariant lbMode(LbMode v) {
        return loadBalancer(new LoadBalancer(v, lb().host(), lb().iface()));
    }

    PlanVariant lbInterface(String v) {
        return loadBalancer(new LoadBalancer(lb().mode(), lb().host(), v));
    }

    PlanVariant lbHost(LbHost h) {
        return loadBalancer(new LoadBalancer(lb().mode(), h, lb().iface()));
    }

    private LbHost h() {
        LbHost h = lb().host();
        return h != null ? h : new LbHost(null, null, null, null);
    }

    PlanVariant lbHostname(String v) {
        return lbHost(new LbHost(v, h().address(), h().user(), h().port()));
    }

    PlanVariant lbAddress(String v) {
        return lbHost(new LbHost(h().hostname(), v, h().user(), h().port()));
    }

    PlanVariant lbUser(String v) {
        return lbHost(new LbHost(h().hostname(), h().address(), v, h().port()));
    }

    PlanVariant lbPort(Integer v) {
        return lbHost(new LbHost(h().hostname(), h().address(), h().user(), v));
    }

    /** Keepalived mode as a teacher would set it up: endpoint on 16443, VIP a free address, no LB host. */
    PlanVariant keepalived() {
        return lbMode(LbMode.KEEPALIVED).lbHost(null).vip("192.168.1.100").endpointPort(16443);
    }

    // ---- nodes

    PlanVariant nodes(List<Node> v) {
        nodes = new ArrayList<>(v);
        return this;
    }

    PlanVariant addNode(Node n) {
        nodes.add(n);
        return this;
    }

    PlanVariant removeNode(int i) {
        nodes.remove(i);
        return this;
    }

    PlanVariant node(int i, UnaryOperator<Node> change) {
        nodes.set(i, change.apply(nodes.get(i)));
        return this;
    }

    PlanVariant nodeHostname(int i, String v) {
        return node(i, n -> new Node(v, n.address(), n.role(), n.user(), n.port()));
    }

    PlanVariant nodeAddress(int i, String v) {
        return node(i, n -> new Node(n.hostname(), v, n.role(), n.user(), n.port()));
    }

    PlanVariant nodeRole(int i, Role v) {
        return node(i, n -> new Node(n.hostname(), n.address(), v, n.user(), n.port()));
    }

    PlanVariant nodeUser(int i, String v) {
        return node(i, n -> new Node(n.hostname(), n.address(), n.role(), v, n.port()));
    }

    PlanVariant nodePort(int i, Integer v) {
        return node(i, n -> new Node(n.hostname(), n.address(), n.role(), n.user(), v));
    }

    // ---- ssh

    PlanVariant ssh(Ssh s) {
        ssh = s;
        return this;
    }

    private Ssh s() {
        return ssh != null ? ssh : new Ssh(null, null, null, null);
    }

    PlanVariant sshUser(String v) {
        return ssh(new Ssh(v, s().port(), s().auth(), s().privateKeyFile()));
    }

    PlanVariant sshPort(Integer v) {
        return ssh(new Ssh(s().user(), v, s().auth(), s().privateKeyFile()));
    }

    PlanVariant sshAuth(SshAuth v) {
        return ssh(new Ssh(s().user(), s().port(), v, s().privateKeyFile()));
    }

    PlanVariant privateKeyFile(String v) {
        return ssh(new Ssh(s().user(), s().port(), s().auth(), v));
    }

    // ---- mirrors

    PlanVariant mirrors(Mirrors m) {
        mirrors = m;
        return this;
    }

    private Mirrors m() {
        return mirrors != null ? mirrors : new Mirrors(null, null, null, null, null, null);
    }

    PlanVariant ubuntuMirror(String v) {
        Mirrors m = m();
        return mirrors(new Mirrors(v, m.dockerCe(), m.kubernetes(), m.imageRepository(), m.registryMirrors(), m.ntp()));
    }

    PlanVariant dockerCeMirror(String v) {
        Mirrors m = m();
        return mirrors(new Mirrors(m.ubuntu(), v, m.kubernetes(), m.imageRepository(), m.registryMirrors(), m.ntp()));
    }

    PlanVariant kubernetesMirror(String v) {
        Mirrors m = m();
        return mirrors(new Mirrors(m.ubuntu(), m.dockerCe(), v, m.imageRepository(), m.registryMirrors(), m.ntp()));
    }

    PlanVariant imageRepository(String v) {
        Mirrors m = m();
        return mirrors(new Mirrors(m.ubuntu(), m.dockerCe(), m.kubernetes(), v, m.registryMirrors(), m.ntp()));
    }

    PlanVariant registryMirrors(Map<String, List<String>> v) {
        Mirrors m = m();
        return mirrors(new Mirrors(m.ubuntu(), m.dockerCe(), m.kubernetes(), m.imageRepository(), v, m.ntp()));
    }

    PlanVariant ntp(List<String> v) {
        Mirrors m = m();
        return mirrors(new Mirrors(m.ubuntu(), m.dockerCe(), m.kubernetes(), m.imageRepository(), m.registryMirrors(),
                v));
    }

    // ---- harbor

    PlanVariant harbor(Harbor h) {
        harbor = h;
        return this;
    }

    private Harbor hb() {
        return harbor != null ? harbor : new Harbor(null, null, null, null, null, null);
    }

    PlanVariant harborHost(String v) {
        Harbor h = hb();
        return harbor(new Harbor(v, h.scheme(), h.skipVerify(), h.username(), h.testImage(), h.pullSecret()));
    }

    PlanVariant harborScheme(String v) {
        Harbor h = hb();
        return harbor(new Harbor(h.host(), v, h.skipVerify(), h.username(), h.testImage(), h.pullSecret()));
    }

    PlanVariant harborUsername(String v) {
        Harbor h = hb();
        return harbor(new Harbor(h.host(), h.scheme(), h.skipVerify(), v, h.testImage(), h.pullSecret()));
    }

    PlanVariant harborTestImage(String v) {
        Harbor h = hb();
        return harbor(new Harbor(h.host(), h.scheme(), h.skipVerify(), h.username(), v, h.pullSecret()));
    }

    PlanVariant harborPullSecret(Boolean v) {
        Harbor h = hb();
        return harbor(new Harbor(h.host(), h.scheme(), h.skipVerify(), h.username(), h.testImage(), v));
    }

    // ---- cni

    PlanVariant cni(Cni v) {
        cni = v;
        return this;
    }

    private Calico ca() {
        Calico c = cni == null ? null : cni.calico();
        return c != null ? c : new Calico(null, null, null);
    }

    PlanVariant calicoVersion(String v) {
        return cni(new Cni(new Calico(v, ca().manifest(), ca().imageRegistry())));
    }

    PlanVariant calicoManifest(String v) {
        return cni(new Cni(new Calico(ca().version(), v, ca().imageRegistry())));
    }

    PlanVariant calicoImageRegistry(String v) {
        return cni(new Cni(new Calico(ca().version(), ca().manifest(), v)));
    }
}

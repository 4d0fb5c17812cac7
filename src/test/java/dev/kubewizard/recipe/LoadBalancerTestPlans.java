package dev.kubewizard.recipe;

import dev.kubewizard.plan.Cluster;
import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.Endpoint;
import dev.kubewizard.plan.LbMode;
import dev.kubewizard.plan.LoadBalancer;
import dev.kubewizard.plan.Node;
import dev.kubewizard.plan.PlanYaml;
import java.util.List;

/** Plans for the load-balancer tests: the course's, and variants of it. */
final class LoadBalancerTestPlans {
    private LoadBalancerTestPlans() {
    }

    /** The course: external nginx host k8s-lb = 192.168.1.100, endpoint port 6443. */
    static ClusterPlan course() {
        return PlanYaml.courseExample();
    }

    /** The course's machines in keepalived mode, endpoint VIP 192.168.1.100:{@code port}. */
    static ClusterPlan keepalived(String iface, int port) {
        ClusterPlan p = course();
        return with(p, "192.168.1.100", port, new LoadBalancer(LbMode.KEEPALIVED, null, iface), p.nodes());
    }

    /** Another cluster name, same machines. */
    static ClusterPlan renamed(ClusterPlan p, String name) {
        Cluster c = p.cluster();
        return new ClusterPlan(p.apiVersion(), new Cluster(name, c.kubernetesVersion(), c.podSubnet(),
                c.serviceSubnet(), c.endpoint()), p.loadBalancer(), p.nodes(), p.ssh(), p.mirrors(), p.harbor(),
                p.cni());
    }

    /** External mode with masters on the given loopback addresses and the LB listening on {@code port}. */
    static ClusterPlan externalOnLoopback(int port, String... masterAddresses) {
        ClusterPlan p = course();
        List<Node> nodes = new java.util.ArrayList<>();
        for (int i = 0; i < masterAddresses.length; i++) {
            nodes.add(new Node("k8s-master" + (i + 1), masterAddresses[i], dev.kubewizard.plan.Role.MASTER));
        }
        return with(p, "127.0.0.1", port, p.loadBalancer(), nodes);
    }

    static ClusterPlan with(ClusterPlan p, String vip, int port, LoadBalancer lb, List<Node> nodes) {
        Cluster c = p.cluster();
        Cluster cluster = new Cluster(c.name(), c.kubernetesVersion(), c.podSubnet(), c.serviceSubnet(),
                new Endpoint(c.endpoint().host(), vip, port));
        return new ClusterPlan(p.apiVersion(), cluster, lb, nodes, p.ssh(), p.mirrors(), p.harbor(), p.cni());
    }
}

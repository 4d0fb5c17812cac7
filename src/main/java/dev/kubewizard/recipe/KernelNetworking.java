package dev.kubewizard.recipe;

import dev.kubewizard.plan.PlanHost;
import java.util.List;

/**
 * Kernel modules and network settings Kubernetes needs: overlay (containerd's image layers) and br_netfilter (bridged
 * pod traffic goes through iptables), loaded now and at every boot; bridge-nf-call-iptables/ip6tables and ip_forward
 * set now and at every boot.
 */
public final class KernelNetworking {
    public static final String MODULES_FILE = "/etc/modules-load.d/k8s.conf";
    /** recipe.md's name; the course's /etc/sysctl.d/k8s.conf works too, 99- makes it win over earlier files. */
    public static final String SYSCTL_FILE = "/etc/sysctl.d/99-kubernetes.conf";
    public static final List<String> MODULES = List.of("overlay", "br_netfilter");
    public static final List<String> SYSCTLS = List.of(
            "net.bridge.bridge-nf-call-iptables",
            "net.bridge.bridge-nf-call-ip6tables",
            "net.ipv4.ip_forward");

    private KernelNetworking() {
    }

    public static String modulesFile() {
        return "# Written by kubewizard: kernel modules Kubernetes needs, loaded at boot\n"
                + String.join("\n", MODULES) + "\n";
    }

    public static String sysctlFile() {
        StringBuilder b = new StringBuilder("# Written by kubewizard: network settings Kubernetes needs\n");
        for (String key : SYSCTLS) {
            b.append(String.format("%-36s = 1", key)).append('\n');
        }
        return b.toString();
    }

    public static Step step(PlanHost host) {
        StepBuilder s = new StepBuilder("kernel", Phase.PREP, host).texts("prep.kernel")
                .writeChecked(StepFile.of(MODULES_FILE, "0644", modulesFile()));
        for (String module : MODULES) {
            s.run("modprobe " + module);
        }
        s.writeChecked(StepFile.of(SYSCTL_FILE, "0644", sysctlFile()))
                .run("sysctl --system > /dev/null", "sysctl " + String.join(" ", SYSCTLS));
        // br_netfilter has no check of its own: the bridge settings below exist only while it is loaded, whether as a
        // module (Ubuntu) or built in (where /sys/module/br_netfilter may not exist at all).
        s.check("grep -qw overlay /proc/filesystems");
        for (String key : SYSCTLS) {
            s.check("[ \"$(sysctl -n " + key + ")\" = 1 ]");
        }
        return s.build();
    }
}

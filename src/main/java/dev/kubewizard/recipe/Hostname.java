package dev.kubewizard.recipe;

import dev.kubewizard.plan.PlanHost;

/**
 * The machine's hostname from the plan (the course's {@code hostnamectl set-hostname}). kubeadm takes it as the node
 * name, so it must be unique. Where cloud-init is installed, a drop-in keeps it from putting back the image's name and
 * from regenerating /etc/hosts at boot (which would drop the kubewizard block).
 */
public final class Hostname {
    public static final String CLOUD_INIT_FILE = "/etc/cloud/cloud.cfg.d/99-kubewizard.cfg";

    private Hostname() {
    }

    public static String cloudInitFile() {
        return "# Written by kubewizard: keep the hostname and the /etc/hosts block that kubewizard set.\n"
                + "preserve_hostname: true\n"
                + "manage_etc_hosts: false\n";
    }

    public static Step step(PlanHost host) {
        String name = Bash.quote(host.hostname());
        StepFile cloudInit = StepFile.of(CLOUD_INIT_FILE, "0644", cloudInitFile());
        return new StepBuilder("hostname", Phase.PREP, host).texts("prep.hostname", host.hostname())
                .run("if [ \"$(hostname)\" != " + name + " ] || [ \"$(tr -d '[:space:]' < /etc/hostname)\" != "
                                + name + " ]; then",
                        "  hostnamectl set-hostname " + name,
                        "fi",
                        "if [ -d /etc/cloud/cloud.cfg.d ]; then")
                .write(cloudInit)
                .run("fi", "hostname")
                .check("[ \"$(hostname)\" = " + name + " ]",
                        "[ \"$(tr -d '[:space:]' < /etc/hostname)\" = " + name + " ]",
                        "if [ -d /etc/cloud/cloud.cfg.d ]; then")
                .checkFile(cloudInit)
                .check("fi")
                .build();
    }
}

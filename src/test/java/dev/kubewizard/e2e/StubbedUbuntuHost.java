package dev.kubewizard.e2e;

import dev.kubewizard.ssh.testnode.OpenSshTestHost;
import dev.kubewizard.testing.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An OpenSSH test host made a fresh Ubuntu 24.04 server VM as a classroom has it ({@code image/prepare.sh}), with
 * stand-ins in /usr/local/bin for the programs that cannot run on the test machine ({@link #STAND_INS}). /usr/local/bin
 * comes first on the PATH of root's SSH sessions and in sudo's secure_path, so the generated scripts call them as they
 * would call the real ones; everything else they use is the test machine's own (bash, coreutils, sed, awk, cmp,
 * install, getent, ss, ip, timeout, gpg, nginx).
 */
final class StubbedUbuntuHost {
    /** The stand-ins, each in /usr/local/bin: exactly what does not run for real. */
    static final List<String> STAND_INS = List.of("apt-get", "apt-cache", "apt-mark", "dpkg-query", "systemctl",
            "journalctl", "modprobe", "sysctl", "hostnamectl", "swapon", "swapoff", "ufw", "chronyc", "containerd",
            "ctr", "crictl", "curl", "kubeadm", "kubectl");
    static final String HOME = "/usr/local/lib/kubewizard-stubs";
    static final String CALL_LOG = "/var/log/kubewizard-stubs/calls.log";
    private static final String RESOURCES = "/dev/kubewizard/e2e/";
    private static final List<String> LIBRARIES = List.of("stub-lib.sh", "units.sh", "apt.sh", "cluster.sh",
            "kube-apiserver.pl");
    private static final List<String> FILES = List.of("chrony.conf", "containerd-io-config.toml",
            "repository-key.asc");
    private static final List<String> IMAGE = List.of("os-release", "ubuntu.sources", "fstab", "ufw.conf",
            "prepare.sh");
    /** Where a host's own changes are looked for: its overlays' upper directories, its /run and /tmp. */
    private static final List<String> OWN_DIRECTORIES = List.of("/etc", "/var", "/root", "/home", "/usr/local", "/opt");

    private final OpenSshTestHost host;
    private final String planHostname;

    private StubbedUbuntuHost(OpenSshTestHost host, String planHostname) {
        this.host = host;
        this.planHostname = planHostname;
    }

    /**
     * @param clusterState      the fake cluster's shared state, a directory every host sees at the same path
     * @param containerdVersion the containerd.io package version Docker's repository offers this host
     */
    static StubbedUbuntuHost prepare(OpenSshTestHost host, String planHostname, String clusterState,
                                     String containerdVersion, String kubernetesVersion) {
        for (String program : STAND_INS) {
            host.writeFile("/usr/local/bin/" + program, resource("stubs/bin/" + program), "0755");
        }
        for (String library : LIBRARIES) {
            host.writeFile(HOME + "/" + library, resource("stubs/lib/" + library), "0644");
        }
        for (String file : FILES) {
            host.writeFile(HOME + "/files/" + file, resource("stubs/files/" + file), "0644");
        }
        for (String file : IMAGE) {
            host.writeFile(HOME + "/image/" + file, resource("image/" + file), "0644");
        }
        String conf = String.join("\n",
                "# written by the e2e test for this host",
                "STUB_CLUSTER=" + clusterState,
                "STUB_CONTAINERD_VERSION=" + containerdVersion,
                "STUB_KUBERNETES_VERSION=" + kubernetesVersion,
                "");
        host.writeFile(HOME + "/stub.conf", conf.getBytes(StandardCharsets.UTF_8), "0644");
        String uuid = java.util.UUID.nameUUIDFromBytes((host.address() + planHostname).getBytes(StandardCharsets.UTF_8))
                .toString();
        check(host.run(30, "bash", HOME + "/image/prepare.sh", HOME + "/image", uuid), "preparing " + planHostname);
        return new StubbedUbuntuHost(host, planHostname);
    }

    OpenSshTestHost host() {
        return host;
    }

    String planHostname() {
        return planHostname;
    }

    String address() {
        return host.address();
    }

    /** Every line of the host's call log, in order. */
    List<StubCall> calls() {
        Tools.Result r = host.run(10, "bash", "-c", "cat " + CALL_LOG + " 2>/dev/null || true");
        List<StubCall> calls = new ArrayList<>();
        for (String line : r.output().split("\n")) {
            if (!line.isBlank()) {
                calls.add(StubCall.parse(planHostname, line));
            }
        }
        return calls;
    }

    /** A file's content inside the host; fails the test when it cannot be read. */
    String read(String path) {
        Tools.Result r = host.run(10, "cat", path);
        if (r.exitCode() != 0) {
            throw new AssertionError(planHostname + ": cannot read " + path + ": " + r.output());
        }
        return r.output();
    }

    boolean exists(String path) {
        return host.run(10, "test", "-e", path).exitCode() == 0;
    }

    /** Runs a bash command inside the host (as the test machine's root, outside any SSH session). */
    Tools.Result bash(String command) {
        return host.run(30, "bash", "-c", command);
    }

    /**
     * What the host changed in one of its own directories, as a listing of its overlay's upper directory: every path
     * with its type, mode, owner, size, link target, modification time and content hash. Equal listings mean nothing
     * there was written, replaced, removed or touched.
     */
    String changesIn(String ownDirectory) {
        String upper = host.upperDirectory(ownDirectory);
        Tools.Result r = bash("cd " + upper + " && find . -printf '%p %y %m %u:%g %s %l %T@\\n' | sort"
                + " && find . -type f -print0 | sort -z | xargs -0 -r sha256sum");
        check(r, "listing " + upper);
        return r.output();
    }

    /** The files of the host (its own changes, /run and /tmp) that contain any of these texts. */
    List<String> filesContaining(List<String> texts) {
        List<String> dirs = new ArrayList<>();
        for (String d : OWN_DIRECTORIES) {
            dirs.add(host.upperDirectory(d));
        }
        dirs.add("/tmp");
        dirs.add("/run");
        StringBuilder cmd = new StringBuilder("grep -rlF");
        for (String t : texts) {
            cmd.append(" -e ").append(dev.kubewizard.recipe.Bash.quote(t));
        }
        cmd.append(" ").append(String.join(" ", dirs)).append(" 2>/dev/null || true");
        List<String> found = new ArrayList<>();
        for (String line : bash(cmd.toString()).output().split("\n")) {
            if (!line.isBlank()) {
                found.add(line);
            }
        }
        return found;
    }

    /**
     * A fault for the next calls of a stand-in: bash lines run at its start, with its arguments as {@code $@}; they
     * may sleep, print, exit. {@code stub_once NAME} is true the first time only.
     */
    void injectFault(String program, String bashLines) {
        host.writeFile(HOME + "/faults/" + program + ".sh", bashLines.getBytes(StandardCharsets.UTF_8), "0644");
    }

    /** The command lines of the host's processes that contain this text. */
    List<String> processesMatching(String text) {
        return host.commandLines().stream().filter(c -> c.contains(text)).toList();
    }

    private static byte[] resource(String name) {
        try (InputStream in = StubbedUbuntuHost.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCES + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void check(Tools.Result r, String what) {
        if (r.exitCode() != 0) {
            throw new IllegalStateException(what + " failed: " + r.output());
        }
    }

    @Override
    public String toString() {
        return planHostname + " (" + host.address() + ")";
    }
}

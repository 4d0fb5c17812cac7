package dev.kubewizard.ssh.testnode;

import dev.kubewizard.testing.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server (the machine's /usr/sbin/sshd) as a machine of its own, for tests: its own network namespace
 * with an address on an {@link OpenSshTestNetwork}, its own hostname, and its own view of /etc, /var, /root, /home,
 * /usr/local and /opt (overlays whose writes land in memory), /run and /tmp. Test users with passwords and sudo
 * rights exist only there; the machine's real /etc is never written. Root logs in with keys, or with a password when
 * the builder gives it one.
 *
 * <p>{@link #run} looks into the host (its files, its processes) and {@link #upperDirectory} shows what it changed;
 * {@link #setLink} pulls its network cable, {@link #dropConnections} kills the sshd processes of the connections and
 * {@link #replaceHostKeys} makes it a reinstalled machine to SSH clients.
 */
public final class OpenSshTestHost implements AutoCloseable {
    /** What a test user may do with sudo. */
    public enum SudoRights {
        NONE, PASSWORD, NOPASSWD
    }

    private static final List<String> OWN_DIRECTORIES = List.of("/etc", "/var", "/root", "/home", "/usr/local",
            "/opt");
    /** The PATH of SSH sessions and of sudo on Ubuntu: programs in /usr/local/bin come before the system's. */
    public static final String UBUNTU_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/games"
            + ":/usr/local/games:/snap/bin";
    /** Inside the host: the tmpfs that holds the overlays' upper (and work) directories; see {@link #HOST_SCRIPT}. */
    private static final String LAYERS = "/run/kubewizard-test-layers";

    private final OpenSshTestNetwork network;
    private final String hostname;
    private final String address;
    private final String namespace;
    private final String link;
    private final Path dir;
    private Process sshd;

    private OpenSshTestHost(OpenSshTestNetwork network, String hostname) {
        this.network = network;
        this.hostname = hostname;
        int n = network.hostNumber();
        this.namespace = "kwh-" + network.id() + "-" + n;
        this.link = "kwv" + network.id() + "x" + n;
        this.address = network.nextAddress(this);
        this.dir = network.directory().resolve(hostname);
    }

    public String hostname() {
        return hostname;
    }

    public String address() {
        return address;
    }

    public int port() {
        return 22;
    }

    /** Where the host's sshd_config, host keys and log are (on the real disk). */
    public Path directory() {
        return dir;
    }

    /** The public host key file of a type ({@code ed25519} or {@code rsa}). */
    public Path hostPublicKey(String type) {
        return dir.resolve("ssh_host_" + type + "_key.pub");
    }

    /** Runs a program inside the host: its mounts, network and hostname. */
    public Tools.Result run(int seconds, String... command) {
        List<String> full = new ArrayList<>(List.of("nsenter", "-t", Long.toString(sshd.pid()), "-m", "-n", "-u",
                "--"));
        full.addAll(List.of(command));
        return Tools.run(seconds, full);
    }

    /** The processes running in the host (sshd, its sessions and what they started). */
    public List<Long> processIds() {
        List<Long> pids = new ArrayList<>();
        for (String pid : Tools.run(10, network.ipProgram(), "netns", "pids", namespace).output().split("\\s+")) {
            if (pid.matches("\\d+")) {
                pids.add(Long.parseLong(pid));
            }
        }
        return pids;
    }

    /** The command lines of the host's processes, arguments separated by spaces. */
    public List<String> commandLines() {
        List<String> lines = new ArrayList<>();
        for (long pid : processIds()) {
            try {
                byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
                lines.add(new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip());
            } catch (IOException e) {
                // the process ended meanwhile
            }
        }
        return lines;
    }

    /** Runs a program inside the host with these bytes on its standard input. */
    public Tools.Result run(int seconds, byte[] stdin, String... command) {
        List<String> full = new ArrayList<>(List.of("nsenter", "-t", Long.toString(sshd.pid()), "-m", "-n", "-u",
                "--"));
        full.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
            try (var in = p.getOutputStream()) {
                in.write(stdin);
            }
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out after " + seconds + " s: " + full);
            }
            return new Tools.Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Writes a file inside the host (root-owned, parent directories made as needed). */
    public void writeFile(String path, byte[] content, String mode) {
        check(run(10, content, "install", "-D", "-m", mode, "/dev/stdin", path), "writing " + path + " on " + hostname);
    }

    /**
     * Where, inside the host, the writes to one of its own directories ({@code /etc}, {@code /var}, ...) are kept: the
     * overlay's upper directory. What a test finds there is exactly what the host changed.
     */
    public String upperDirectory(String ownDirectory) {
        if (!OWN_DIRECTORIES.contains(ownDirectory)) {
            throw new IllegalArgumentException(ownDirectory + " is not one of the host's own directories");
        }
        return LAYERS + "/" + ownDirectory.replace('/', '_') + "/upper";
    }

    /**
     * Gives the host new host keys, as a reinstalled machine has: sshd (the host's first process) reads them again on
     * SIGHUP, keeping its pid and with it the host's namespaces.
     */
    public void replaceHostKeys() {
        for (String type : List.of("ed25519", "rsa")) {
            Path key = dir.resolve("ssh_host_" + type + "_key");
            try {
                Files.deleteIfExists(key);
                Files.deleteIfExists(hostPublicKey(type));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            check(Tools.run(30, "ssh-keygen", "-q", "-t", type, "-b", type.equals("rsa") ? "2048" : "256", "-N", "",
                    "-C", "root@" + hostname, "-f", key.toString()), "ssh-keygen");
        }
        long started = listening();
        check(Tools.run(10, "kill", "-HUP", Long.toString(sshd.pid())), "kill -HUP sshd");
        long end = System.currentTimeMillis() + 10_000;
        while (listening() == started) {
            if (System.currentTimeMillis() > end) {
                throw new IllegalStateException("sshd of " + hostname + " did not restart:\n" + log());
            }
            sleep(50);
        }
        waitForSshd();
    }

    /** How often sshd has started listening (it logs it on every start, also after SIGHUP). */
    private long listening() {
        return log().lines().filter(l -> l.startsWith("Server listening on " + address + " ")).count();
    }

    /**
     * Kills the sshd processes that serve the current connections (not the listening sshd): every SSH connection to
     * the host breaks at once, as when a server process dies; what the sessions started keeps running.
     */
    public int dropConnections() {
        int killed = 0;
        for (long pid : processIds()) {
            if (pid == sshd.pid()) {
                continue;
            }
            try {
                String cmdline = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                        StandardCharsets.UTF_8);
                if (cmdline.startsWith("sshd: ")) {
                    Tools.run(10, "kill", "-KILL", Long.toString(pid));
                    killed++;
                }
            } catch (IOException e) {
                // the process ended meanwhile
            }
        }
        return killed;
    }

    /** Plugs the host's network cable in or pulls it out: packets are silently lost, nobody is told. */
    public void setLink(boolean up) {
        network.ip("link", "set", link, up ? "up" : "down");
    }

    @Override
    public void close() {
        // only processes inside this host's namespace, which this test made
        for (int round = 0; round < 5; round++) {
            List<Long> pids = processIds();
            if (pids.isEmpty()) {
                break;
            }
            pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (sshd != null) {
            sshd.destroyForcibly();
        }
        Tools.run(10, network.ipProgram(), "netns", "del", namespace);
        Tools.run(10, network.ipProgram(), "link", "del", link);
    }

    private void start(Builder b) throws IOException {
        Files.createDirectories(dir.resolve("authorized_keys"));
        for (String type : List.of("ed25519", "rsa")) {
            Path key = dir.resolve("ssh_host_" + type + "_key");
            Files.deleteIfExists(key);
            Files.deleteIfExists(hostPublicKey(type));
            // 2048-bit RSA: as accepted as the default 3072, and quicker when six hosts start
            Tools.Result r = Tools.run(30, "ssh-keygen", "-q", "-t", type, "-b", type.equals("rsa") ? "2048" : "256",
                    "-N", "", "-C", "root@" + hostname, "-f", key.toString());
            check(r, "ssh-keygen");
        }
        for (Map.Entry<String, List<String>> e : b.keys.entrySet()) {
            Files.writeString(dir.resolve("authorized_keys").resolve(e.getKey()), String.join("", e.getValue()),
                    StandardCharsets.UTF_8);
        }
        StringBuilder users = new StringBuilder();
        StringBuilder passwords = new StringBuilder();
        if (b.rootPassword != null) {
            passwords.append("root:").append(b.rootPassword).append('\n');
        }
        int uid = 4900;
        for (Map.Entry<String, String[]> e : b.users.entrySet()) {
            users.append(e.getKey()).append(' ').append(uid++).append(' ').append(e.getValue()[1]).append('\n');
            passwords.append(e.getKey()).append(':').append(e.getValue()[0]).append('\n');
        }
        Files.writeString(dir.resolve("users"), users.toString(), StandardCharsets.UTF_8);
        Path pw = dir.resolve("passwords");
        Files.writeString(pw, passwords.toString(), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(dir.resolve("sshd_config"), sshdConfig(b.rootPassword != null), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("host.sh"), HOST_SCRIPT, StandardCharsets.UTF_8);

        network.ip("netns", "add", namespace);
        network.ip("link", "add", link, "type", "veth", "peer", "name", "eth0", "netns", namespace);
        network.ip("link", "set", link, "master", network.bridge(), "up");
        network.ip("-n", namespace, "addr", "add", address + "/24", "dev", "eth0");
        network.ip("-n", namespace, "link", "set", "eth0", "up");
        network.ip("-n", namespace, "link", "set", "lo", "up");
        network.ip("-n", namespace, "route", "add", "default", "via", network.gateway());

        List<String> command = new ArrayList<>(List.of(network.ipProgram(), "netns", "exec", namespace, "unshare",
                "--mount", "--uts", "--propagation", "private", "bash", dir.resolve("host.sh").toString(),
                dir.toString(), hostname));
        command.addAll(OWN_DIRECTORIES);
        sshd = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("host.log").toFile()).start();
        waitForSshd();
        // host.sh removed it inside the host; under an overlaid directory only its overlay saw that
        Files.deleteIfExists(pw);
    }

    private void waitForSshd() {
        long end = System.currentTimeMillis() + 10_000;
        while (true) {
            if (!sshd.isAlive()) {
                throw new IllegalStateException("test host " + hostname + " did not start:\n" + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address, 22), 200);
                return;
            } catch (IOException notYet) {
                if (System.currentTimeMillis() > end) {
                    throw new IllegalStateException("sshd of " + hostname + " does not listen:\n" + log());
                }
                sleep(50);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** sshd's own log (-e): logins, refused keys, its errors. */
    public String log() {
        try {
            return Files.readString(dir.resolve("host.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private String sshdConfig(boolean rootPassword) {
        return String.join("\n",
                "# OpenSSH's defaults, but everything it reads lives in the test host's folder",
                "ListenAddress " + address,
                "Port 22",
                "HostKey " + dir.resolve("ssh_host_ed25519_key"),
                "HostKey " + dir.resolve("ssh_host_rsa_key"),
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys") + "/%u",
                "PermitRootLogin " + (rootPassword ? "yes" : "prohibit-password"),
                "PasswordAuthentication yes",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "StrictModes no",
                "UseDNS no",
                "Subsystem sftp internal-sftp",
                "# the PATH Ubuntu gives SSH sessions (/etc/environment, read by PAM, which these hosts do not use)",
                "SetEnv PATH=" + UBUNTU_PATH,
                "LogLevel VERBOSE",
                "");
    }

    private static void check(Tools.Result r, String what) {
        if (r.exitCode() != 0) {
            throw new IllegalStateException(what + " failed: " + r.output());
        }
    }

    /**
     * Runs as the host's first process, inside its network namespace and a new mount and UTS namespace: gives the
     * host its own directories (overlays on a tmpfs, so nothing reaches the real disk), users and hostname, then
     * becomes sshd.
     */
    private static final String HOST_SCRIPT = """
            #!/usr/bin/env bash
            set -euo pipefail
            dir=$1 name=$2
            shift 2
            mount -t tmpfs -o mode=0755 kw-run /run
            # the layers live in the host's own /run: a path under an overlaid directory would be hidden by the overlay
            rw=/run/kubewizard-test-layers
            mkdir -p "$rw"
            mount -t tmpfs -o mode=0700 kw-rw "$rw"
            for d in "$@"; do
              [ -d "$d" ] || continue
              key=$(printf '%s' "$d" | tr / _)
              mkdir -p "$rw/$key/upper" "$rw/$key/work"
              mount -t overlay "kw-overlay$key" -o "lowerdir=$d,upperdir=$rw/$key/upper,workdir=$rw/$key/work" "$d"
            done
            mkdir -m 0755 /run/sshd
            # a checkout under /tmp (as a CI clone may be) must stay visible under the host's own /tmp
            mkdir -p /run/kubewizard-test-dir
            mount --bind "$dir" /run/kubewizard-test-dir
            mount -t tmpfs -o mode=1777 kw-tmp /tmp
            if [ ! -d "$dir" ]; then
              mkdir -p "$dir"
              mount --bind /run/kubewizard-test-dir "$dir"
            fi
            hostname "$name"
            printf '%s\\n' "$name" > /etc/hostname
            printf '127.0.1.1 %s\\n' "$name" >> /etc/hosts
            # root's shells start quickly, as on a fresh Ubuntu (this machine's root runs pyenv in .bashrc)
            printf '# test host\\n' > /root/.bashrc
            # sudo's PATH as on Ubuntu, whatever this machine's /etc/sudoers says
            printf 'Defaults secure_path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/snap/bin"\n' \
              > /etc/sudoers.d/kubewizard-test
            while read -r user uid rights; do
              printf '%s:x:%s:%s::/home/%s:/bin/bash\\n' "$user" "$uid" "$uid" "$user" >> /etc/passwd
              printf '%s:x:%s:\\n' "$user" "$uid" >> /etc/group
              printf '%s:*:19000:0:99999:7:::\\n' "$user" >> /etc/shadow
              mkdir -p "/home/$user"
              chown "$uid:$uid" "/home/$user"
              case $rights in
                password) printf '%s ALL=(ALL:ALL) ALL\\n' "$user" >> /etc/sudoers.d/kubewizard-test ;;
                nopasswd) printf '%s ALL=(ALL:ALL) NOPASSWD: ALL\\n' "$user" >> /etc/sudoers.d/kubewizard-test ;;
              esac
            done < "$dir/users"
            chmod 0440 /etc/sudoers.d/kubewizard-test
            if [ -s "$dir/passwords" ]; then chpasswd < "$dir/passwords"; fi
            rm -f "$dir/passwords"
            exec /usr/sbin/sshd -D -e -f "$dir/sshd_config"
            """;

    public static final class Builder {
        private final OpenSshTestNetwork network;
        private final String hostname;
        private final Map<String, String[]> users = new LinkedHashMap<>();
        private final Map<String, List<String>> keys = new LinkedHashMap<>();
        private String rootPassword;

        Builder(OpenSshTestNetwork network, String hostname) {
            this.network = network;
            this.hostname = hostname;
        }

        /** A user that exists only on this host, with a password (no ':' in it) and sudo rights. */
        public Builder user(String name, String password, SudoRights sudo) {
            users.put(name, new String[] {password, sudo.name().toLowerCase(java.util.Locale.ROOT)});
            return this;
        }

        /** Gives root this password (no ':' in it) and lets root log in with it, as the course's machines do. */
        public Builder rootPassword(String password) {
            this.rootPassword = password;
            return this;
        }

        /** Lets the key of an OpenSSH public key file log in as the user ({@code root} included). */
        public Builder authorizedKey(String user, Path publicKeyFile) {
            try {
                String line = Files.readString(publicKeyFile, StandardCharsets.UTF_8).strip() + "\n";
                keys.computeIfAbsent(user, u -> new ArrayList<>()).add(line);
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public OpenSshTestHost start() {
            OpenSshTestHost host = new OpenSshTestHost(network, hostname);
            try {
                host.start(this);
                return host;
            } catch (IOException | RuntimeException e) {
                host.close();
                throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
            }
        }
    }
}

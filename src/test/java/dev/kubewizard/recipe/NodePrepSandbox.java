package dev.kubewizard.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.PlanHost;
import dev.kubewizard.testing.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Runs generated node-prep steps for real, as root, on a machine of their own: {@code unshare --mount --uts} with an
 * overlay over /etc and tmpfs over /var/backups and /var/lib/apt/lists, so every write lands in a throw-away layer
 * and the real /etc is never touched. Programs that would change the real machine or need the network (apt-get,
 * systemctl, swapoff, curl, hostnamectl, containerd, kubeadm...) are test stand-ins from fakebin/ whose state lives
 * in a folder of the test; everything else (bash, awk, cmp, install, getent, gpg, hostname) is real.
 *
 * <p>Each step runs as the orchestrator would run it: check, script, check; then the whole list runs a second time.
 */
final class NodePrepSandbox {
    static final List<String> FAKES = List.of("apt-get", "apt-cache", "apt-mark", "dpkg-query", "systemctl",
            "swapoff", "swapon", "hostnamectl", "curl", "containerd", "ctr", "kubeadm", "chronyc");

    final Path dir;
    final Path fake;
    private final Map<String, String> etc = new LinkedHashMap<>();
    private final List<Step> steps = new ArrayList<>();
    private String initialHostname = "ubuntu-template";

    NodePrepSandbox(Path dir) throws IOException {
        this.dir = dir;
        this.fake = dir.resolve("fake");
        Files.createDirectories(fake);
        Path bin = Files.createDirectories(dir.resolve("fakebin"));
        for (String name : FAKES) {
            try (InputStream in = getClass().getResourceAsStream("/dev/kubewizard/recipe/prep/fakebin/" + name)) {
                Path f = bin.resolve(name);
                Files.write(f, in.readAllBytes());
                f.toFile().setExecutable(true);
            }
        }
        fake("lists", "");
        fake("log", "");
    }

    /** A file of the machine's /etc before the run (path relative to /etc). */
    NodePrepSandbox etc(String path, String content) {
        etc.put(path, content);
        return this;
    }

    NodePrepSandbox hostname(String name) {
        initialHostname = name;
        return this;
    }

    /** A file of the stand-ins' state (relative to the fake folder). */
    NodePrepSandbox fake(String path, String content) throws IOException {
        Path f = fake.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return this;
    }

    /** What the fake curl serves for a URL. */
    NodePrepSandbox url(String url, String content) throws IOException {
        return fake("urls/" + url.replace('/', '_'), content);
    }

    NodePrepSandbox steps(List<Step> list) {
        steps.addAll(list);
        return this;
    }

    /** Runs the steps twice over; results are read with the methods below. */
    Tools.Result run() throws IOException {
        Tools.requireRoot();
        Path unshare = Tools.require("unshare");
        // real programs the steps use inside the sandbox
        for (String program : List.of("mountpoint", "getent", "gpg", "hostname", "cmp", "awk")) {
            Tools.require(program);
        }
        Path stepsDir = Files.createDirectories(dir.resolve("steps"));
        Path etcDir = Files.createDirectories(dir.resolve("etc-in"));
        Files.createDirectories(dir.resolve("mnt"));
        Files.createDirectories(dir.resolve("out/etc"));
        Files.createDirectories(dir.resolve("out/backups"));
        List<String> ids = new ArrayList<>();
        for (Step s : steps) {
            Files.writeString(stepsDir.resolve(s.id() + ".sh"), s.script(), StandardCharsets.UTF_8);
            Files.writeString(stepsDir.resolve(s.id() + ".check.sh"), s.check(), StandardCharsets.UTF_8);
            ids.add(s.id());
        }
        for (Map.Entry<String, String> e : etc.entrySet()) {
            Path f = etcDir.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue(), StandardCharsets.UTF_8);
        }
        String driver = """
                set -euo pipefail
                D=%1$s
                mount -t tmpfs tmpfs "$D/mnt"
                mkdir "$D/mnt/upper" "$D/mnt/work"
                mount -t overlay overlay -o "lowerdir=/etc,upperdir=$D/mnt/upper,workdir=$D/mnt/work" /etc
                mountpoint -q /etc
                mount -t tmpfs tmpfs /var/backups
                mount -t tmpfs tmpfs /var/lib/apt/lists
                # the machine as the test wants it; --remove-destination never writes through a symlink (os-release)
                (cd "$D/etc-in" && find . -type f -print0 | while IFS= read -r -d '' f; do
                  mkdir -p "/etc/$(dirname "$f")"
                  cp --remove-destination "$f" "/etc/$f"
                done)
                hostname %2$s
                echo %2$s > /etc/hostname
                export PATH="$D/fakebin:$PATH" KW_FAKE="$D/fake"
                status() { if "$@" > "$log" 2>&1; then echo 0; else echo $?; fi; }
                snapshot() {
                  (cd "$D/mnt/upper" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum) > "$1"
                }
                for pass in 1 2; do
                  for id in %3$s; do
                    log="$D/out/$id.check-before.$pass.log"; s=$(status bash "$D/steps/$id.check.sh")
                    echo "$id check-before $pass $s" >> "$D/out/status"
                    log="$D/out/$id.script.$pass.log"; s=$(status bash "$D/steps/$id.sh")
                    echo "$id script $pass $s" >> "$D/out/status"
                    log="$D/out/$id.check-after.$pass.log"; s=$(status bash "$D/steps/$id.check.sh")
                    echo "$id check-after $pass $s" >> "$D/out/status"
                  done
                  snapshot "$D/out/etc-after-pass-$pass"
                  echo "--- end of pass $pass" >> "$D/fake/log"
                done
                (cd "$D/mnt/upper" && find . -type f -exec cp --parents {} "$D/out/etc/" \\;)
                cp -a /var/backups/. "$D/out/backups/"
                """.formatted(Bash.quote(dir.toString()), Bash.quote(initialHostname), String.join(" ", ids));
        Path driverFile = dir.resolve("driver.sh");
        Files.writeString(driverFile, driver, StandardCharsets.UTF_8);
        Tools.Result r = Tools.run(120, unshare.toString(), "--mount", "--uts", "--propagation", "private",
                "bash", driverFile.toString());
        assertEquals(0, r.exitCode(), "sandbox driver failed:\n" + r.output());
        return r;
    }

    List<String> stepIds() {
        return steps.stream().map(Step::id).toList();
    }

    /** Exit code of a step's phase ("check-before", "script", "check-after") in pass 1 or 2. */
    int status(String id, String phase, int pass) throws IOException {
        for (String line : Files.readAllLines(dir.resolve("out/status"), StandardCharsets.UTF_8)) {
            String[] f = line.split(" ");
            if (f[0].equals(id) && f[1].equals(phase) && f[2].equals(String.valueOf(pass))) {
                return Integer.parseInt(f[3]);
            }
        }
        throw new AssertionError("no status for " + id + " " + phase + " " + pass);
    }

    String output(String id, String phase, int pass) throws IOException {
        return Files.readString(dir.resolve("out/" + id + "." + phase + "." + pass + ".log"), StandardCharsets.UTF_8);
    }

    /** A file of /etc after the run, or null when the run did not write it. */
    String etcAfter(String path) throws IOException {
        Path f = dir.resolve("out/etc").resolve(path);
        return Files.isRegularFile(f) ? Files.readString(f, StandardCharsets.UTF_8) : null;
    }

    byte[] etcAfterBytes(String path) throws IOException {
        return Files.readAllBytes(dir.resolve("out/etc").resolve(path));
    }

    String backup(String path) throws IOException {
        Path f = dir.resolve("out/backups/kubewizard").resolve(path);
        return Files.isRegularFile(f) ? Files.readString(f, StandardCharsets.UTF_8) : null;
    }

    String snapshot(int pass) throws IOException {
        return Files.readString(dir.resolve("out/etc-after-pass-" + pass), StandardCharsets.UTF_8);
    }

    /** Lines the stand-ins logged in one pass. */
    List<String> log(int pass) throws IOException {
        List<String> lines = new ArrayList<>();
        int current = 1;
        for (String line : Files.readAllLines(fake.resolve("log"), StandardCharsets.UTF_8)) {
            if (line.startsWith("--- end of pass")) {
                current++;
            } else if (current == pass) {
                lines.add(line);
            }
        }
        return lines;
    }

    String fakeState(String path) throws IOException {
        Path f = fake.resolve(path);
        return Files.isRegularFile(f) ? Files.readString(f, StandardCharsets.UTF_8) : null;
    }

    /** The steps of a plan host, as the recipe runs them. */
    static List<Step> stepsOf(ClusterPlan plan, PlanHost host, String... skip) {
        List<String> skipped = List.of(skip);
        return NodePrepSteps.forHost(plan, host).stream().filter(s -> !skipped.contains(s.id())).toList();
    }

    /** An ASCII-armored block gpg --dearmor accepts (valid CRC-24), around random bytes. */
    static String armored(String kind, long seed) {
        byte[] data = new byte[300];
        new Random(seed).nextBytes(data);
        int crc = 0xB704CE;
        for (byte b : data) {
            crc ^= (b & 0xff) << 16;
            for (int i = 0; i < 8; i++) {
                crc <<= 1;
                if ((crc & 0x1000000) != 0) {
                    crc ^= 0x1864CFB;
                }
            }
        }
        crc &= 0xFFFFFF;
        byte[] c = {(byte) (crc >> 16), (byte) (crc >> 8), (byte) crc};
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(data);
        return "-----BEGIN PGP " + kind + "-----\n\n" + body + "\n=" + Base64.getEncoder().encodeToString(c)
                + "\n-----END PGP " + kind + "-----\n";
    }

    static byte[] unarmored(long seed) {
        byte[] data = new byte[300];
        new Random(seed).nextBytes(data);
        return data;
    }
}

package dev.kubewizard.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the generated step scripts and checks for real, as root, inside a sandbox: a network namespace of the test's
 * own, and a private mount namespace in which temp directories stand in for /etc/nginx (or /etc/haproxy and
 * /etc/keepalived), /var/backups and /run. The daemons are the real nginx, haproxy and keepalived; only apt and
 * systemd are stand-ins (no package is installed, the services are started as plain daemons).
 */
class LoadBalancerStepsRunTest {
    /** systemctl for the sandbox: enable/is-enabled/is-active/restart/stop of the three services as plain daemons. */
    private static final String FAKE_SYSTEMCTL = """
            #!/bin/bash
            # test stand-in for systemctl: the load-balancer services as plain daemons, pid files under /run
            set -u
            state=/run/kw-fake-systemd
            mkdir -p "$state"
            echo "systemctl $*" >> "$state/calls.log"
            now=no
            args=()
            for a in "$@"; do
              case "$a" in
                --now) now=yes ;;
                --quiet) ;;
                *) args+=("$a") ;;
              esac
            done
            verb=${args[0]}
            svc=${args[1]}
            pidfile() { echo "/run/$1.pid"; }
            running() { [ -s "$(pidfile "$1")" ] && kill -0 "$(cat "$(pidfile "$1")")" 2>/dev/null; }
            start() {
              case "$1" in
                nginx) nginx ;;
                haproxy) haproxy -D -f /etc/haproxy/haproxy.cfg -p /run/haproxy.pid ;;
                keepalived) keepalived -f /etc/keepalived/keepalived.conf -p /run/keepalived.pid ;;
              esac
              for _ in $(seq 50); do running "$1" && return 0; sleep 0.1; done
              return 1
            }
            stop() {
              if running "$1"; then
                kill "$(cat "$(pidfile "$1")")"
                for _ in $(seq 50); do running "$1" || break; sleep 0.1; done
              fi
              rm -f "$(pidfile "$1")"
            }
            case "$verb" in
              enable) touch "$state/$svc.enabled"; if [ "$now" = yes ] && ! running "$svc"; then start "$svc"; fi ;;
              is-enabled) [ -e "$state/$svc.enabled" ] ;;
              is-active) running "$svc" ;;
              restart) stop "$svc"; start "$svc" ;;
              stop) stop "$svc" ;;
              *) echo "fake systemctl: $verb is not supported" >&2; exit 1 ;;
            esac
            """;

    /** Every package counts as installed; apt must not be reached. */
    private static final String FAKE_DPKG_QUERY = "#!/bin/sh\necho 'install ok installed'\n";
    private static final String FAKE_APT_GET =
            "#!/bin/sh\necho \"apt-get must not run in this test: $*\" >&2\nexit 99\n";
    private static final String FAKE_JOURNALCTL = "#!/bin/sh\necho '(no journal in the sandbox)'\n";

    private static final String MINIMAL_NGINX_CONF = """
            # hand-written, with Ubuntu's paths: modules at the top, conf.d included inside http
            user www-data;
            worker_processes 1;
            pid /run/nginx.pid;
            error_log /var/log/nginx/error.log;
            include /etc/nginx/modules-enabled/*.conf;

            events {
                worker_connections 64;
            }

            http {
                access_log /var/log/nginx/access.log;
                include /etc/nginx/conf.d/*.conf;
            }
            """;

    @TempDir
    Path tmp;

    static Stream<String> layouts() {
        return Stream.of("ubuntu", "minimal");
    }

    @ParameterizedTest(name = "{0} nginx.conf")
    @MethodSource("layouts")
    void theNginxStepWorksOnceThenChangesNothingAndRollsBackWhatNginxRejects(String layout) throws IOException {
        Tools.require("nginx");
        String original = "ubuntu".equals(layout) ? Tools.readShared("ubuntu-nginx.conf") : MINIMAL_NGINX_CONF;
        try (LoadBalancerTestNamespace ns = LoadBalancerTestNamespace.create()) {
            Path etc = Files.createDirectories(tmp.resolve("etc-nginx"));
            for (String dir : List.of("modules-enabled", "conf.d", "sites-enabled")) {
                Files.createDirectories(etc.resolve(dir));
            }
            Files.writeString(etc.resolve("nginx.conf"), original, StandardCharsets.UTF_8);
            Files.writeString(etc.resolve("modules-enabled/50-mod-stream.conf"),
                    "load_module /usr/lib/nginx/modules/ngx_stream_module.so;\n", StandardCharsets.UTF_8);
            Files.writeString(etc.resolve("mime.types"), "types {\n    text/html html;\n}\n", StandardCharsets.UTF_8);
            Sandbox box = new Sandbox(ns, Map.of("/etc/nginx", etc, "/var/log/nginx", dir("log-nginx")));

            ClusterPlan plan = LoadBalancerTestPlans.externalOnLoopback(16443, "127.0.0.11", "127.0.0.12",
                    "127.0.0.13");
            Step step = LoadBalancerSteps.forHost(plan, plan.host("k8s-lb")).get(0);
            assertNotEquals(0, box.run(step.check()).exitCode(), "not done before the first run");

            Tools.Result first = box.run(step.script());
            assertEquals(0, first.exitCode(), first.output());
            assertTrue(first.output().contains("written: /etc/nginx/stream.d/kubernetes.conf"), first.output());
            assertTrue(first.output().contains("written: /etc/nginx/nginx.conf"), first.output());
            assertTrue(box.calls().contains("systemctl restart nginx"), box.calls());
            assertEquals(0, box.run(step.check()).exitCode(), "done after the first run");
            assertEquals(original, Files.readString(box.path("/var/backups/kubewizard/etc/nginx/nginx.conf"),
                    StandardCharsets.UTF_8), "the original nginx.conf is kept");

            int callsBefore = box.calls().length();
            Tools.Result second = box.run(step.script());
            assertEquals(0, second.exitCode(), second.output());
            assertTrue(second.output().contains("unchanged: /etc/nginx/stream.d/kubernetes.conf"), second.output());
            assertTrue(second.output().contains("unchanged: /etc/nginx/nginx.conf"), second.output());
            assertFalse(box.calls().substring(callsBefore).contains("restart"), box.calls());
            assertEquals(0, box.run(step.check()).exitCode(), "still done after the second run");

            // a run cut off after writing the files but before the restart: the next run restarts nginx
            Files.writeString(box.path("/var/lib/kubewizard/lb/nginx.applied"), "cut off\n", StandardCharsets.UTF_8);
            assertNotEquals(0, box.run(step.check()).exitCode(), "not done while nginx runs older files");
            callsBefore = box.calls().length();
            Tools.Result resumed = box.run(step.script());
            assertEquals(0, resumed.exitCode(), resumed.output());
            assertTrue(box.calls().substring(callsBefore).contains("systemctl restart nginx"), box.calls());
            assertEquals(0, box.run(step.check()).exitCode(), "done after the resumed run");

            // someone else's broken file: nginx -t fails, the new port is not applied, the old files are back
            String streamBefore = Files.readString(etc.resolve("stream.d/kubernetes.conf"), StandardCharsets.UTF_8);
            String confBefore = Files.readString(etc.resolve("nginx.conf"), StandardCharsets.UTF_8);
            Files.writeString(etc.resolve("conf.d/broken.conf"), "stream {\n}\n", StandardCharsets.UTF_8);
            ClusterPlan moved = LoadBalancerTestPlans.externalOnLoopback(16444, "127.0.0.11", "127.0.0.12",
                    "127.0.0.13");
            Tools.Result rejected = box.run(LoadBalancerSteps.forHost(moved, moved.host("k8s-lb")).get(0).script());
            assertNotEquals(0, rejected.exitCode(), rejected.output());
            assertTrue(rejected.output().contains("the previous files are back"), rejected.output());
            assertEquals(streamBefore, Files.readString(etc.resolve("stream.d/kubernetes.conf"),
                    StandardCharsets.UTF_8));
            assertEquals(confBefore, Files.readString(etc.resolve("nginx.conf"), StandardCharsets.UTF_8));
            assertEquals(0, box.run("lb_port() { timeout 2 bash -c 'exec 3<>/dev/tcp/127.0.0.1/16443'; }\nlb_port\n")
                    .exitCode(), "nginx still serves the old port");
        }
    }

    /**
     * One master of three (the others are absent): haproxy answers on 16443, keepalived takes the VIP after the
     * usual wait, a second run restarts nothing, and the VIP is given up when haproxy stops.
     */
    @Test
    void onAMasterHaproxyAndKeepalivedBringUpTheVipAndGiveItUpWhenHaproxyStops() throws Exception {
        Tools.require("haproxy");
        Tools.require("keepalived");
        try (LoadBalancerTestNamespace ns = LoadBalancerTestNamespace.create()) {
            ns.addInterface("kwlan0", "192.168.1.101/24");
            Sandbox box = new Sandbox(ns, Map.of("/etc/haproxy", dir("etc-haproxy"),
                    "/etc/keepalived", dir("etc-keepalived")));
            Files.createDirectories(box.path("/run/haproxy"));
            ClusterPlan plan = LoadBalancerTestPlans.keepalived("", 16443);
            List<Step> steps = LoadBalancerSteps.forHost(plan, plan.host("k8s-master1"));
            Step haproxy = steps.get(0);
            Step keepalived = steps.get(1);

            Tools.Result h = box.run(haproxy.script());
            assertEquals(0, h.exitCode(), h.output());
            assertEquals(0, box.run(haproxy.check()).exitCode(), "haproxy done");
            Tools.Result k = box.run(keepalived.script());
            assertEquals(0, k.exitCode(), k.output());
            assertTrue(k.output().contains("VIP interface: kwlan0"), k.output());
            assertTrue(k.output().contains("This master holds the VIP 192.168.1.100 now."), k.output());
            assertTrue(vipIsOn(ns), "192.168.1.100/32 is on kwlan0");
            assertEquals(0, box.run(keepalived.check()).exitCode(), "keepalived done");

            int callsBefore = box.calls().length();
            assertEquals(0, box.run(haproxy.script()).exitCode());
            assertEquals(0, box.run(keepalived.script()).exitCode());
            assertFalse(box.calls().substring(callsBefore).contains("restart"), box.calls());

            box.run("systemctl stop haproxy\n");
            long deadline = System.currentTimeMillis() + 15_000;
            while (vipIsOn(ns) && System.currentTimeMillis() < deadline) {
                Thread.sleep(250);
            }
            assertFalse(vipIsOn(ns), "without haproxy this master gives the VIP up");
            assertNotEquals(0, box.run(keepalived.check()).exitCode(), "nothing answers on the VIP any more");
        }
    }

    private static boolean vipIsOn(LoadBalancerTestNamespace ns) {
        return ns.run(10, "ip", "-o", "-4", "addr", "show", "dev", "kwlan0").output().contains(" 192.168.1.100/32 ");
    }

    private Path dir(String name) throws IOException {
        return Files.createDirectories(tmp.resolve(name));
    }

    /** Temp directories mounted over system paths, stub programs first on the PATH, inside the namespace. */
    private final class Sandbox {
        private final LoadBalancerTestNamespace ns;
        private final Map<String, Path> mounts = new LinkedHashMap<>();
        private final Path stubs;

        Sandbox(LoadBalancerTestNamespace ns, Map<String, Path> extra) throws IOException {
            this.ns = ns;
            Tools.require("unshare");
            mounts.putAll(extra);
            mounts.put("/var/backups", dir("var-backups"));
            mounts.put("/run", dir("run"));
            // the steps' state goes to /var/lib/kubewizard; haproxy chroots into /var/lib/haproxy;
            // nginx keeps temp files in /var/lib/nginx
            Path varLib = dir("var-lib");
            Files.createDirectories(varLib.resolve("haproxy"));
            Files.createDirectories(varLib.resolve("nginx"));
            mounts.put("/var/lib", varLib);
            for (String target : mounts.keySet()) {
                if (!Files.isDirectory(Path.of(target))) {
                    Tools.missing(target + " does not exist here, so nothing can be mounted over it");
                }
            }
            stubs = dir("stubs");
            stub("systemctl", FAKE_SYSTEMCTL);
            stub("dpkg-query", FAKE_DPKG_QUERY);
            stub("apt-get", FAKE_APT_GET);
            stub("journalctl", FAKE_JOURNALCTL);
        }

        /** Where a sandbox path really is on this machine. */
        Path path(String sandboxPath) {
            for (Map.Entry<String, Path> m : mounts.entrySet()) {
                if (sandboxPath.startsWith(m.getKey() + "/")) {
                    return m.getValue().resolve(sandboxPath.substring(m.getKey().length() + 1));
                }
            }
            throw new IllegalArgumentException(sandboxPath + " is outside the sandbox");
        }

        String calls() throws IOException {
            Path log = path("/run/kw-fake-systemd/calls.log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        }

        Tools.Result run(String script) throws IOException {
            Path file = Files.createTempFile(tmp, "step-", ".sh");
            Files.writeString(file, script, StandardCharsets.UTF_8);
            StringBuilder setup = new StringBuilder("set -e\n");
            List<String> args = new ArrayList<>();
            int n = 2;
            for (Map.Entry<String, Path> m : mounts.entrySet()) {
                setup.append("mount --bind \"${").append(n++).append("}\" \"${").append(n++).append("}\"\n");
                args.add(m.getValue().toString());
                args.add(m.getKey());
            }
            setup.append("export PATH=\"$1:$PATH\"\nexec bash \"${").append(n).append("}\"\n");
            List<String> command = new ArrayList<>(List.of(Tools.require("unshare").toString(), "--mount",
                    "--propagation", "private", "bash", "-c", setup.toString(), "sandbox", stubs.toString()));
            command.addAll(args);
            command.add(file.toString());
            return Tools.run(120, ns.prefixed(command.toArray(String[]::new)));
        }

        private void stub(String name, String text) throws IOException {
            Path p = stubs.resolve(name);
            Files.writeString(p, text, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}

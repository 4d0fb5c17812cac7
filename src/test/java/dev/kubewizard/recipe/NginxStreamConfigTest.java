package dev.kubewizard.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.testing.Shellcheck;
import dev.kubewizard.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NginxStreamConfigTest {
    private static final String STREAM_MODULE = "/usr/lib/nginx/modules/ngx_stream_module.so";

    /** A small nginx.conf of our own laid out like Ubuntu's: modules at the top, conf.d included inside http. */
    private static final String MINIMAL_LAYOUT = """
            # hand-written: the traits of Ubuntu's nginx.conf that matter for a stream block
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

    @Test
    void upstreamListsEveryMasterOnPort6443WithTheCoursesFailureLimits() {
        String conf = NginxStreamConfig.render(LoadBalancerTestPlans.course());
        assertTrue(conf.contains("server 192.168.1.101:6443 max_fails=3 fail_timeout=30s;  # k8s-master1\n"), conf);
        assertTrue(conf.contains("server 192.168.1.102:6443 max_fails=3 fail_timeout=30s;  # k8s-master2\n"), conf);
        assertTrue(conf.contains("server 192.168.1.103:6443 max_fails=3 fail_timeout=30s;  # k8s-master3\n"), conf);
        assertEquals(3, conf.lines().filter(l -> l.trim().matches("server [0-9].*")).count(),
                "workers are no backends");
    }

    @Test
    void listensOnTheEndpointPortOfEveryAddressNotOnlyTheVip() {
        String conf = NginxStreamConfig.render(LoadBalancerTestPlans.course());
        assertTrue(conf.contains("        listen 6443 so_keepalive=10m:1m:5;\n"), conf);
        assertFalse(conf.contains("192.168.1.100"), "no listen on one address: that needs the VIP bound first");
        String other = NginxStreamConfig.render(LoadBalancerTestPlans.with(LoadBalancerTestPlans.course(),
                "192.168.1.100", 8443, LoadBalancerTestPlans.course().loadBalancer(),
                LoadBalancerTestPlans.course().nodes()));
        assertTrue(other.contains("listen 8443 "), other);
    }

    @Test
    void keepsSilentWatchesOpenForADayButGivesUpADeadMasterWithinSeconds() {
        String conf = NginxStreamConfig.render(LoadBalancerTestPlans.course());
        assertTrue(conf.contains("proxy_timeout 24h;"), conf);
        assertTrue(conf.contains("proxy_connect_timeout 5s;"), conf);
        assertTrue(conf.contains("least_conn;"), conf);
    }

    @Test
    void theIncludeLineLoadsEveryConfOfTheStreamDirectory() {
        String line = NginxStreamConfig.includeLine("/etc/nginx/stream.d");
        assertTrue(line.startsWith("include /etc/nginx/stream.d/*.conf;"), line);
        assertFalse(line.contains("\n"));
    }

    @ParameterizedTest(name = "{0} nginx.conf")
    @MethodSource("layouts")
    void nginxAcceptsTheStreamBlockIncludedAtTopLevel(String layout) throws IOException {
        Path nginx = Tools.require("nginx");
        Path prefix = nginxPrefix(layout);
        Files.writeString(prefix.resolve("stream.d/kubernetes.conf"),
                NginxStreamConfig.render(LoadBalancerTestPlans.course()), StandardCharsets.UTF_8);
        insertInclude(prefix);

        Tools.Result r = nginxTest(nginx, prefix);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("test is successful"), r.output());
    }

    @ParameterizedTest(name = "{0} nginx.conf")
    @MethodSource("layouts")
    void nginxRejectsTheSameStreamBlockInConfDWhereTheCoursePutsIt(String layout) throws IOException {
        Path nginx = Tools.require("nginx");
        Path prefix = nginxPrefix(layout);
        Files.writeString(prefix.resolve("conf.d/kubernetes.conf"),
                NginxStreamConfig.render(LoadBalancerTestPlans.course()), StandardCharsets.UTF_8);

        Tools.Result r = nginxTest(nginx, prefix);
        assertNotEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("\"stream\" directive is not allowed here"), r.output());
    }

    @ParameterizedTest(name = "{0} nginx.conf")
    @MethodSource("layouts")
    void addingTheIncludeTwiceInsertsOneLineAfterTheModulesAndChangesNothingElse(String layout) throws IOException {
        Path prefix = nginxPrefix(layout);
        Path conf = prefix.resolve("nginx.conf");
        List<String> original = Files.readAllLines(conf, StandardCharsets.UTF_8);

        Tools.Result first = insertInclude(prefix);
        assertTrue(first.output().contains("written: " + conf), first.output());
        List<String> once = Files.readAllLines(conf, StandardCharsets.UTF_8);
        Tools.Result second = insertInclude(prefix);
        assertTrue(second.output().contains("unchanged: " + conf), second.output());
        assertEquals(once, Files.readAllLines(conf, StandardCharsets.UTF_8));

        String line = NginxStreamConfig.includeLine(prefix.resolve("stream.d").toString());
        int modules = indexOfModulesInclude(original);
        List<String> expected = new ArrayList<>(original);
        expected.add(modules + 1, line);
        assertEquals(expected, once);
        assertEquals(original, Files.readAllLines(prefix.resolve("backup/nginx.conf"), StandardCharsets.UTF_8),
                "the original is kept");
    }

    @Test
    void withoutAModulesIncludeTheLineGoesToTheEndWhichIsTopLevel() throws IOException {
        Path prefix = nginxPrefix("minimal");
        Path conf = prefix.resolve("nginx.conf");
        String text = Files.readString(conf, StandardCharsets.UTF_8);
        String withoutModules = text.lines().filter(l -> !l.contains("modules-enabled"))
                .reduce("", (a, b) -> a + b + "\n");
        // no trailing newline: the line must still start on a line of its own
        Files.writeString(conf, withoutModules.stripTrailing(), StandardCharsets.UTF_8);
        insertInclude(prefix);
        List<String> lines = Files.readAllLines(conf, StandardCharsets.UTF_8);
        assertEquals(NginxStreamConfig.includeLine(prefix.resolve("stream.d").toString()), lines.get(lines.size() - 1));
        assertEquals("}", lines.get(lines.size() - 2));
    }

    @Test
    void theInsertionScriptPassesShellcheck() {
        Shellcheck.assertClean("insert.sh", "#!/usr/bin/env bash\nset -euo pipefail\n"
                + NginxStreamConfig.includeScript(NginxStreamConfig.NGINX_CONF,
                NginxStreamConfig.includeLine(NginxStreamConfig.STREAM_DIR), NginxStreamConfig.NGINX_CONF_BACKUP));
    }

    /**
     * The real thing, inside a network namespace: masters 2 and 3 answer on port 6443 of their own loopback
     * addresses, master 1 is down; every connection to the generated load balancer reaches a live master, both
     * of them get connections.
     */
    @Test
    void nginxFromTheGeneratedConfigForwardsConnectionsAroundADeadMaster() throws Exception {
        Path nginx = Tools.require("nginx");
        Tools.require("bash");
        try (LoadBalancerTestNamespace ns = LoadBalancerTestNamespace.create()) {
            ClusterPlan plan = LoadBalancerTestPlans.externalOnLoopback(16443, "127.0.0.11", "127.0.0.12",
                    "127.0.0.13");
            Path backends = Files.createDirectories(tmp.resolve("backends"));
            Files.writeString(backends.resolve("nginx.conf"), """
                    worker_processes 1;
                    pid %1$s/nginx.pid;
                    error_log %1$s/error.log;
                    load_module %2$s;
                    events { worker_connections 64; }
                    stream {
                        server { listen 127.0.0.12:6443; return "k8s-master2\\n"; }
                        server { listen 127.0.0.13:6443; return "k8s-master3\\n"; }
                    }
                    """.formatted(backends, STREAM_MODULE), StandardCharsets.UTF_8);
            Path lb = nginxPrefix("minimal");
            Files.writeString(lb.resolve("stream.d/kubernetes.conf"), NginxStreamConfig.render(plan),
                    StandardCharsets.UTF_8);
            insertInclude(lb);

            List<Process> daemons = new ArrayList<>();
            try {
                daemons.add(startInForeground(ns, nginx, backends));
                daemons.add(startInForeground(ns, nginx, lb));
                Set<String> answers = new HashSet<>();
                for (int i = 0; i < 8; i++) {
                    Tools.Result r = connectUntilAnswered(ns, 16443);
                    assertEquals(0, r.exitCode(), r.output() + log(lb));
                    answers.add(r.output().trim());
                }
                assertEquals(Set.of("k8s-master2", "k8s-master3"), answers, log(lb));
            } finally {
                for (Process p : daemons) {
                    p.destroy();
                    if (!p.waitFor(5, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                }
            }
        }
    }

    private Process startInForeground(LoadBalancerTestNamespace ns, Path nginx, Path prefix) throws IOException {
        List<String> command = ns.prefixed(nginx.toString(), "-p", prefix.toString(), "-e",
                prefix.resolve("startup.log").toString(), "-c", prefix.resolve("nginx.conf").toString(),
                "-g", "daemon off; master_process on;");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(prefix.resolve("stdout.log").toFile()).start();
    }

    /** One TCP connection through the load balancer; retried while nginx is still starting. */
    private Tools.Result connectUntilAnswered(LoadBalancerTestNamespace ns, int port) throws InterruptedException {
        Tools.Result r = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            r = ns.run(10, "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + port + " && head -n 1 <&3");
            if (r.exitCode() == 0 && !r.output().isBlank()) {
                return r;
            }
            Thread.sleep(100);
        }
        return r;
    }

    private static String log(Path prefix) {
        try {
            Path log = prefix.resolve("log/error.log");
            return Files.exists(log) ? "\nerror.log:\n" + Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "\n" + e;
        }
    }

    /**
     * A copy of an nginx.conf layout under a temp prefix: only the absolute paths are moved into the prefix, and
     * modules-enabled loads the stream module as libnginx-mod-stream does on Ubuntu.
     */
    private Path nginxPrefix(String layout) throws IOException {
        if (!Files.isRegularFile(Path.of(STREAM_MODULE))) {
            Tools.missing(STREAM_MODULE + " is missing (apt-get install libnginx-mod-stream)");
        }
        String source = "ubuntu".equals(layout) ? Tools.readShared("ubuntu-nginx.conf") : MINIMAL_LAYOUT;
        Path prefix = Files.createTempDirectory(tmp, layout + "-");
        for (String dir : List.of("modules-enabled", "conf.d", "sites-enabled", "stream.d", "log")) {
            Files.createDirectories(prefix.resolve(dir));
        }
        String p = prefix.toString();
        String adapted = source.replace("/etc/nginx/", p + "/").replace("/run/nginx.pid", p + "/nginx.pid")
                .replace("/var/log/nginx/", p + "/log/");
        assertFalse(adapted.matches("(?s).*\\s/(etc|var|run)/.*"), "no system path is left:\n" + adapted);
        Files.writeString(prefix.resolve("nginx.conf"), adapted, StandardCharsets.UTF_8);
        Files.writeString(prefix.resolve("modules-enabled/50-mod-stream.conf"),
                "load_module " + STREAM_MODULE + ";\n", StandardCharsets.UTF_8);
        Files.writeString(prefix.resolve("mime.types"), "types {\n    text/html html;\n}\n", StandardCharsets.UTF_8);
        return prefix;
    }

    /** The insertion exactly as the node step runs it, with the prefix's paths. */
    private static Tools.Result insertInclude(Path prefix) {
        String script = "set -euo pipefail\n" + NginxStreamConfig.includeScript(prefix.resolve("nginx.conf").toString(),
                NginxStreamConfig.includeLine(prefix.resolve("stream.d").toString()),
                prefix.resolve("backup/nginx.conf").toString());
        Tools.Result r = Tools.run(30, "bash", "-c", script);
        assertEquals(0, r.exitCode(), r.output());
        return r;
    }

    private static Tools.Result nginxTest(Path nginx, Path prefix) {
        return Tools.run(30, nginx.toString(), "-t", "-p", prefix.toString(), "-e",
                prefix.resolve("log/startup.log").toString(), "-c", prefix.resolve("nginx.conf").toString());
    }

    private static int indexOfModulesInclude(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("\\s*include\\s+\\S*modules-enabled/\\*\\.conf;.*")) {
                return i;
            }
        }
        throw new AssertionError("no modules-enabled include in\n" + String.join("\n", lines));
    }
}

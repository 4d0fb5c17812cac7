package dev.kubewizard.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.PlanFormatException;
import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.testing.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The load-balancer files of rendered plan variants (as `render` writes them) checked by the real validators:
 * nginx -t for external mode, haproxy -c and keepalived -t (inside a namespace that has the interface) for keepalived
 * mode.
 */
class RenderedLoadBalancerTest {
    @TempDir
    Path tmp;

    static ClusterPlan variant(String name) throws IOException, PlanFormatException {
        String resource = name.equals("course") ? PlanYaml.COURSE_EXAMPLE : "/dev/kubewizard/plans/" + name + ".yaml";
        try (InputStream in = RenderedLoadBalancerTest.class.getResourceAsStream(resource)) {
            return PlanYaml.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        }
    }

    private Path render(String name) throws Exception {
        Path out = tmp.resolve(name);
        ScriptExport.write(InstallRecipe.build(variant(name), RecipeInputs.none()), out);
        return out;
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"course", "one-master", "five-masters", "sudo-user", "no-harbor"})
    void theExternalLoadBalancerConfigPassesNginxT(String name) throws Exception {
        Path nginx = Tools.require("nginx");
        Path module = Path.of("/usr/lib/nginx/modules/ngx_stream_module.so");
        if (!Files.exists(module)) {
            Tools.missing("the nginx stream module is not installed (libnginx-mod-stream)");
        }
        Path out = render(name);
        Path stream = out.resolve("k8s-lb/files" + NginxStreamConfig.STREAM_FILE);
        assertTrue(Files.isRegularFile(stream), stream.toString());
        Path dir = Files.createDirectories(tmp.resolve("nginx-" + name));
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, "load_module " + module + ";\n"
                + "pid " + dir.resolve("nginx.pid") + ";\n"
                + "error_log " + dir.resolve("error.log") + ";\n"
                + "events { worker_connections 64; }\n"
                + "include " + stream.toAbsolutePath() + ";\n", StandardCharsets.UTF_8);
        Tools.Result r = Tools.run(30, nginx.toString(), "-t", "-c", conf.toString(), "-p", dir.toString());
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("test is successful"), r.output());
        int masters = variant(name).masters().size();
        String text = Files.readString(stream, StandardCharsets.UTF_8);
        assertEquals(masters, text.lines().filter(l -> l.strip().matches("server [0-9.]+:6443.*")).count(), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"keepalived", "keepalived-interface"})
    void theKeepalivedModeConfigsPassKeepalivedTAndHaproxyC(String name) throws Exception {
        Path haproxy = Tools.require("haproxy");
        Path out = render(name);
        assertFalse(Files.exists(out.resolve("k8s-lb")), "no load-balancer host in keepalived mode");
        ClusterPlan plan = variant(name);
        String iface = plan.loadBalancer().iface().isEmpty() ? "kwlan0" : plan.loadBalancer().iface();
        String placeholder = "{{" + KeepalivedConfig.INTERFACE_PLACEHOLDER + "}}";
        for (var master : plan.masters()) {
            Path files = out.resolve(master.hostname()).resolve("files");
            Path hconf = files.resolve(HaproxyConfig.PATH.substring(1));
            Tools.Result hc = Tools.run(30, haproxy.toString(), "-c", "-f", hconf.toString());
            assertEquals(0, hc.exitCode(), hc.output());
            assertTrue(Files.readString(hconf, StandardCharsets.UTF_8).contains(":16443"));

            Path etc = files.resolve(KeepalivedConfig.PATH.substring(1)).getParent();
            Path conf = etc.resolve("keepalived.conf");
            String text = Files.readString(conf, StandardCharsets.UTF_8);
            assertEquals(plan.loadBalancer().iface().isEmpty(), text.contains(placeholder),
                    text);
            Files.writeString(conf, text.replace(placeholder, iface),
                    StandardCharsets.UTF_8);
            for (Path script : files(etc, ".sh")) {
                Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            try (LoadBalancerTestNamespace ns = LoadBalancerTestNamespace.create()) {
                ns.addInterface(iface, master.address() + "/24");
                Tools.Result kc = ns.keepalivedConfigTest(etc);
                assertEquals(0, kc.exitCode(), master.hostname() + ":\n" + kc.output() + "\n" + text);
            }
        }
    }
}

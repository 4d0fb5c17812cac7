package dev.kubewizard.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.HostKind;
import dev.kubewizard.plan.PlanHost;
import dev.kubewizard.testing.Shellcheck;
import dev.kubewizard.testing.Tools;
import dev.kubewizard.text.Messages;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadBalancerStepsTest {
    private final ClusterPlan external = LoadBalancerTestPlans.course();
    private final ClusterPlan detected = LoadBalancerTestPlans.keepalived("", 16443);
    private final ClusterPlan named = LoadBalancerTestPlans.keepalived("ens33", 16443);

    private static List<String> ids(ClusterPlan plan, String host) {
        return LoadBalancerSteps.forHost(plan, plan.host(host)).stream().map(Step::id).toList();
    }

    private static Step step(ClusterPlan plan, String host, String id) {
        return LoadBalancerSteps.forHost(plan, plan.host(host)).stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow();
    }

    @Test
    void inExternalModeOnlyTheLoadBalancerHostGetsAStepNginx() {
        assertEquals(List.of("lb-nginx"), ids(external, "k8s-lb"));
        for (PlanHost h : external.hosts()) {
            if (h.kind() != HostKind.LOAD_BALANCER) {
                assertEquals(List.of(), ids(external, h.hostname()), h.hostname());
            }
        }
    }

    @Test
    void inKeepalivedModeEveryMasterGetsHaproxyThenKeepalivedAndWorkersNothing() {
        for (PlanHost h : detected.hosts()) {
            List<String> expected = h.kind() == HostKind.MASTER ? List.of("lb-haproxy", "lb-keepalived") : List.of();
            assertEquals(expected, ids(detected, h.hostname()), h.hostname());
        }
        assertTrue(detected.hosts().stream().noneMatch(h -> h.kind() == HostKind.LOAD_BALANCER));
    }

    @Test
    void everyStepRunsInTheLoadBalancerPhaseOnItsOwnHost() {
        for (ClusterPlan plan : List.of(external, detected)) {
            for (PlanHost h : plan.hosts()) {
                for (Step s : LoadBalancerSteps.forHost(plan, h)) {
                    assertEquals(Phase.LB, s.phase(), s.id());
                    assertEquals(h.hostname(), s.host(), s.id());
                }
            }
        }
    }

    @Test
    void everyScriptAndCheckPassesShellcheck() {
        Map<String, String> scripts = new LinkedHashMap<>();
        for (ClusterPlan plan : List.of(external, detected, named)) {
            String mode = plan == external ? "external" : plan == detected ? "detected" : "named";
            for (PlanHost h : plan.hosts()) {
                for (Step s : LoadBalancerSteps.forHost(plan, h)) {
                    scripts.put(mode + "-" + h.hostname() + "-" + s.id() + ".sh", s.script());
                    scripts.put(mode + "-" + h.hostname() + "-" + s.id() + "-check.sh", s.check());
                }
            }
        }
        assertEquals(2 * (1 + 3 * 2 + 3 * 2), scripts.size());
        Shellcheck.assertClean(scripts);
    }

    @Test
    void nginxComesWithTheStreamModuleAndIsTestedBeforeItRestarts() {
        Step s = step(external, "k8s-lb", "lb-nginx");
        String script = s.script();
        assertTrue(script.contains("kw_apt_install nginx libnginx-mod-stream\n"), script);
        assertBefore(script, "kw_write_file /etc/nginx/stream.d/kubernetes.conf 0644", "if ! nginx -t; then");
        assertBefore(script, "lb_top_level_include /etc/nginx/nginx.conf", "if ! nginx -t; then");
        assertBefore(script, "if ! nginx -t; then", "lb_apply nginx /var/lib/kubewizard/lb/nginx.applied");
        assertEquals(List.of(NginxStreamConfig.STREAM_FILE), s.files().stream().map(StepFile::path).toList());
        assertEquals(NginxStreamConfig.render(external), s.files().get(0).content());
    }

    @Test
    void theNodeRunsExactlyTheIncludeInsertionThatIsTestedAgainstUbuntusNginxConf() {
        String insertion = NginxStreamConfig.includeScript(NginxStreamConfig.NGINX_CONF,
                NginxStreamConfig.includeLine(NginxStreamConfig.STREAM_DIR), NginxStreamConfig.NGINX_CONF_BACKUP);
        assertTrue(step(external, "k8s-lb", "lb-nginx").script().contains(insertion));
    }

    @Test
    void theNginxCheckProvesFileIncludeSyntaxServiceAndEndpoint() {
        String check = step(external, "k8s-lb", "lb-nginx").check();
        assertTrue(check.contains("kw_same_file /etc/nginx/stream.d/kubernetes.conf 0644"), check);
        assertTrue(check.contains("grep -qxF -- 'include /etc/nginx/stream.d/*.conf;"), check);
        assertTrue(check.contains("\nnginx -t -q\n"), check);
        assertTrue(check.contains("\nsystemctl is-active --quiet nginx\n"), check);
        assertTrue(check.contains("\nlb_port_answers 192.168.1.100 6443\n"), check);
    }

    @Test
    void haproxyAndKeepalivedAreTestedBeforeTheyRestart() {
        String haproxy = step(detected, "k8s-master1", "lb-haproxy").script();
        assertTrue(haproxy.contains("kw_apt_install haproxy\n"), haproxy);
        assertBefore(haproxy, "kw_write_file /etc/haproxy/haproxy.cfg", "if ! haproxy -c -f /etc/haproxy/haproxy.cfg");
        assertBefore(haproxy, "if ! haproxy -c -f", "lb_apply haproxy /var/lib/kubewizard/lb/haproxy.applied");

        String keepalived = step(detected, "k8s-master1", "lb-keepalived").script();
        assertTrue(keepalived.contains("kw_apt_install keepalived\n"), keepalived);
        assertBefore(keepalived, "kw_write_file /etc/keepalived/keepalived.conf",
                "if ! keepalived -t -f /etc/keepalived/keepalived.conf");
        assertBefore(keepalived, "if ! keepalived -t -f",
                "lb_apply keepalived /var/lib/kubewizard/lb/keepalived.applied");
        assertBefore(keepalived, "lb_apply keepalived", "kw_retry 15 1 lb_port_answers 192.168.1.100 16443");
    }

    @Test
    void theKeepalivedStepWritesTheCheckScriptExecutableAndTheConfigForThisMaster() {
        Step s = step(detected, "k8s-master3", "lb-keepalived");
        assertEquals(List.of(KeepalivedConfig.CHECK_SCRIPT, KeepalivedConfig.PATH),
                s.files().stream().map(StepFile::path).toList());
        assertEquals("0755", s.files().get(0).mode());
        assertEquals(KeepalivedConfig.render(detected, "k8s-master3"), s.files().get(1).content());
    }

    @Test
    void aDetectedInterfaceIsFilledInTheSameWayInScriptAndCheck() {
        Step s = step(detected, "k8s-master2", "lb-keepalived");
        for (String text : List.of(s.script(), s.check())) {
            assertTrue(text.contains("VIP_INTERFACE=$(lb_vip_interface 192.168.1.102)\n"), text);
            assertTrue(text.contains("/etc/keepalived/keepalived.conf 0644 VIP_INTERFACE=\"$VIP_INTERFACE\" <<"), text);
        }
        assertBefore(s.check(), "VIP_INTERFACE=$(lb_vip_interface", "kw_same_file /etc/keepalived/keepalived.conf");
    }

    @Test
    void aNamedInterfaceIsWrittenAsIsAfterCheckingThatItExists() {
        Step s = step(named, "k8s-master1", "lb-keepalived");
        assertTrue(s.script().contains("VIP_INTERFACE=ens33\nif ! ip link show dev \"$VIP_INTERFACE\" >/dev/null"),
                s.script());
        assertFalse(s.script().contains("lb_vip_interface"), s.script());
        assertTrue(s.files().get(1).content().contains("    interface ens33\n"));
        assertTrue(s.files().get(1).placeholders().isEmpty());
    }

    @Test
    void interfaceDetectionFindsTheNicThatCarriesTheMastersAddress() {
        try (LoadBalancerTestNamespace ns = LoadBalancerTestNamespace.create()) {
            ns.addInterface("kwnat0", "10.0.2.15/24");
            ns.addInterface("kwlan0", "192.168.1.102/24");
            String lines = LoadBalancerSteps.interfaceLines(detected, "192.168.1.102", true);

            Tools.Result found = ns.run(10, "bash", "-c", "set -euo pipefail\n" + lines
                    + "printf 'found=%s\\n' \"$VIP_INTERFACE\"\n");
            assertEquals(0, found.exitCode(), found.output());
            assertTrue(found.output().contains("found=kwlan0\n"), found.output());

            Tools.Result none = ns.run(10, "bash", "-c", "set -euo pipefail\n"
                    + LoadBalancerSteps.interfaceLines(detected, "192.168.1.103", true) + "echo reached\n");
            assertNotEquals(0, none.exitCode(), none.output());
            assertTrue(none.output().contains("No network interface of this master carries its plan address"
                    + " 192.168.1.103"), none.output());
            assertFalse(none.output().contains("reached"), none.output());
        }
    }

    @Test
    void keepalivedModeRefusesPort6443AndAMissingVip() {
        ClusterPlan on6443 = LoadBalancerTestPlans.keepalived("", 6443);
        assertThrows(IllegalArgumentException.class,
                () -> LoadBalancerSteps.forHost(on6443, on6443.host("k8s-master1")));
        ClusterPlan noVip = LoadBalancerTestPlans.with(detected, null, 16443, detected.loadBalancer(),
                detected.nodes());
        assertThrows(IllegalArgumentException.class,
                () -> LoadBalancerSteps.forHost(noVip, noVip.host("k8s-master1")));
    }

    @Test
    void stepsHaveTitlesAndReasonsInChineseAndEnglish() {
        for (Step s : List.of(step(external, "k8s-lb", "lb-nginx"), step(detected, "k8s-master1", "lb-haproxy"),
                step(detected, "k8s-master1", "lb-keepalived"))) {
            assertFalse(s.title().zh().isBlank() || s.title().en().isBlank(), s.id());
            assertFalse(s.why().zh().contains("{") || s.why().en().contains("{"), s.why().toString());
            assertNotEquals(s.title().zh(), s.title().en());
        }
        Step nginx = step(external, "k8s-lb", "lb-nginx");
        assertTrue(nginx.title().zh().contains("192.168.1.100:6443"), nginx.title().zh());
        assertTrue(nginx.why().en().contains("Ubuntu's nginx.conf"), "'' became one quote: " + nginx.why().en());
        assertTrue(nginx.why().zh().contains("ip addr add"), "explains why the VIP is not bound by hand");
        assertTrue(step(detected, "k8s-master1", "lb-haproxy").why().zh().contains("6443"));
        assertTrue(step(detected, "k8s-master1", "lb-keepalived").title().zh().contains("150"));
    }

    @Test
    void bothLanguagesHaveTheSameKeys() {
        assertEquals(Messages.keys("lb", "zh"), Messages.keys("lb", "en"));
        assertFalse(Messages.keys("lb", "zh").isEmpty());
    }

    private static void assertBefore(String text, String first, String second) {
        int a = text.indexOf(first);
        int b = text.indexOf(second);
        assertTrue(a >= 0, "missing: " + first + "\n" + text);
        assertTrue(b >= 0, "missing: " + second + "\n" + text);
        assertTrue(a < b, first + " must come before " + second);
    }
}

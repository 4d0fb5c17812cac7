package dev.kubewizard.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.PlanYaml;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeSyncTest {
    @Test
    void thePlansServersAreWrittenWithIburst() {
        assertEquals("""
                # Written by kubewizard: the plan's NTP servers
                server ntp.aliyun.com iburst
                server ntp.tencent.com iburst
                """, TimeSync.sourcesFile(List.of("ntp.aliyun.com", "ntp.tencent.com")));
    }

    @Test
    void theDefaultPoolLinesAreCommentedAndTheRestIsKept() {
        String conf = PrepFixtures.text("chrony-noble.conf");
        String out = PrepFixtures.bashOk(TimeSync.CONF_FUNCTION + "prep_chrony_conf\n", conf);
        assertEquals(conf.replace("\npool ", "\n#pool "), out);
        assertEquals(out, PrepFixtures.bashOk(TimeSync.CONF_FUNCTION + "prep_chrony_conf\n", out), "idempotent");
    }

    @Test
    void aConfigWithoutTheSourcesFolderGetsIt() {
        String out = PrepFixtures.bashOk(TimeSync.CONF_FUNCTION + "prep_chrony_conf\n",
                "server time.example.org iburst\ndriftfile /var/lib/chrony/chrony.drift\n");
        assertEquals("#server time.example.org iburst\ndriftfile /var/lib/chrony/chrony.drift\n"
                + "sourcedir /etc/chrony/sources.d\n", out);
    }

    @Test
    void chronyRestartsOnlyWhenAFileChangedAndNtpdateIsNeverUsed() {
        ClusterPlan plan = PlanYaml.courseExample();
        Step step = TimeSync.step(plan, plan.host("k8s-lb"));
        String s = step.script();
        assertTrue(s.contains("if [ \"$before\" != \"$after\" ]; then\n  systemctl restart chrony\n"));
        assertTrue(s.contains("chronyc makestep"));
        assertFalse(s.contains("ntpdate"));
        assertTrue(step.check().contains("-e ntp.tencent.com"));
    }

    @Test
    void withoutPlanServersChronyKeepsItsDefaults() {
        ClusterPlan plan = PrepFixtures.plan("plan-minimal.yaml");
        Step step = TimeSync.step(plan, plan.host("solo"));
        assertFalse(step.script().contains("prep_chrony_conf <"));
        assertTrue(step.files().isEmpty());
        assertTrue(step.check().contains("systemctl is-active --quiet chrony"));
    }
}

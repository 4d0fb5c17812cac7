package dev.kubewizard.ui.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.LbMode;
import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.plan.Role;
import dev.kubewizard.plan.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanDraftTest {
    private final PlanDraft draft = new PlanDraft();

    @Test
    void theCoursePlanComesBackUnchangedFromTheFields() {
        ClusterPlan course = PlanYaml.courseExample();
        draft.load(course, null);
        assertEquals(course, draft.toPlan());
        assertEquals(PlanYaml.toYaml(course), PlanYaml.toYaml(draft.toPlan()));
        assertFalse(draft.check().hasErrors(), () -> draft.check().violations().toString());
    }

    @Test
    void nothingIsCheckedBeforeAPlanIsLoaded() {
        draft.vipProperty().set("not an address");
        assertTrue(draft.check().violations().isEmpty());
        assertFalse(draft.completeUnder("cluster").get());
    }

    @Test
    void anEditedFieldIsCheckedAtOnceUnderItsPlanPath() {
        draft.load(PlanYaml.courseExample(), null);
        draft.nodes().get(1).addressProperty().set("192.168.1.300");
        List<Violation> found = draft.check().at("nodes[1].address");
        assertEquals(1, found.size());
        assertTrue(found.get(0).isError());
        assertFalse(draft.completeUnder("nodes").get());
        assertTrue(draft.completeUnder("mirrors").get(), "other pages stay complete");

        draft.nodes().get(1).addressProperty().set(" 192.168.1.102 ");
        assertTrue(draft.check().at("nodes[1].address").isEmpty(), "surrounding blanks are not a mistake");
        assertTrue(draft.completeUnder("nodes").get());
    }

    @Test
    void aCellBeingTypedIsJudgedWithoutChangingThePlan() {
        draft.load(PlanYaml.courseExample(), null);
        NodeRow second = draft.nodes().get(1);
        assertEquals("plan.check.address.duplicate",
                draft.violationsIfTyped(second, "address", "192.168.1.101").get(0).key());
        assertTrue(draft.violationsIfTyped(second, "address", "192.168.1.150").isEmpty());
        assertEquals("ui.check.notAPort", draft.violationsIfTyped(second, "port", "2x").get(0).key());
        assertFalse(draft.violationsIfTyped(second, "hostname", "K8S_Master").isEmpty());
        assertEquals("192.168.1.102", second.addressProperty().get());
        assertFalse(draft.check().hasErrors());
    }

    @Test
    void aPortThatIsNotANumberIsReportedInsteadOfLost() {
        draft.load(PlanYaml.courseExample(), null);
        draft.nodes().get(0).portProperty().set("22a");
        draft.sshPortProperty().set("abc");
        assertEquals("ui.check.notAPort", draft.check().at("nodes[0].port").get(0).key());
        assertEquals("ui.check.notAPort", draft.check().at("ssh.port").get(0).key());
        assertNull(draft.toPlan().nodes().get(0).port());
        assertTrue(draft.check().at("ssh.port").get(0).message().zh().contains("abc"));
    }

    @Test
    void nodePathsFollowTheRowsWhenARowIsRemoved() {
        draft.load(PlanYaml.courseExample(), null);
        NodeRow third = draft.nodes().get(2);
        assertEquals("nodes[2].address", draft.nodePath(third, "address"));
        draft.nodes().remove(0);
        assertEquals("nodes[1].address", draft.nodePath(third, "address"));
    }

    @Test
    void registryMirrorRowsBecomeTheOrderedMapOfThePlan() {
        draft.load(PlanYaml.courseExample(), null);
        RegistryMirrorRow second = new RegistryMirrorRow("docker.io", "https://mirror.example.org");
        draft.registryMirrors().add(second);
        assertEquals(List.of("https://docker.m.daocloud.io", "https://mirror.example.org"),
                draft.toPlan().mirrors().registryMirrors().get("docker.io"));
        assertEquals("mirrors.registryMirrors.docker.io[1]", draft.registryMirrorPath(second));
        second.urlProperty().set("mirror.example.org");
        assertFalse(draft.check().at("mirrors.registryMirrors.docker.io[1]").isEmpty());
    }

    @Test
    void ntpServersAreSplitOnCommasAndSpacesAndCheckedOneByOne() {
        draft.load(PlanYaml.courseExample(), null);
        draft.ntpServersProperty().set("ntp.aliyun.com，ntp1.aliyun.com  bad_host!");
        assertEquals(List.of("ntp.aliyun.com", "ntp1.aliyun.com", "bad_host!"), draft.toPlan().mirrors().ntp());
        assertFalse(draft.check().at("mirrors.ntp[2]").isEmpty());
        assertTrue(draft.check().under(List.of("mirrors.ntp")).size() >= 1);
    }

    @Test
    void noTextInAnyFieldMakesTheDraftFail() throws Exception {
        draft.load(PlanYaml.courseExample(), null);
        String[] junk = {"", " ", "\u0000", ":::", "-1", "99999999999", "../../etc/passwd", "中文", "a".repeat(5000),
            "http://", "[", "{{X}}", "1.2.3.4/99"};
        for (java.lang.reflect.Method m : PlanDraft.class.getMethods()) {
            if (m.getReturnType() != javafx.beans.property.StringProperty.class) {
                continue;
            }
            javafx.beans.property.StringProperty field = (javafx.beans.property.StringProperty) m.invoke(draft);
            String before = field.get();
            for (String value : junk) {
                field.set(value);
                draft.toPlan();
                PlanYaml.toYaml(draft.toPlan());
            }
            field.set(before);
        }
        for (NodeRow row : draft.nodes()) {
            for (String value : junk) {
                row.addressProperty().set(value);
                row.portProperty().set(value);
                draft.toPlan();
            }
        }
        assertTrue(draft.check().hasErrors(), "the junk left in the rows is reported");
    }

    @Test
    void keepalivedModeDropsTheLoadBalancerHostAndHarborOffDropsHarbor() {
        draft.load(PlanYaml.courseExample(), null);
        draft.lbModeProperty().set(LbMode.KEEPALIVED);
        draft.harborEnabledProperty().set(false);
        ClusterPlan plan = draft.toPlan();
        assertEquals(LbMode.KEEPALIVED, plan.lbMode());
        assertTrue(plan.lbHost().isEmpty());
        assertNull(plan.harbor());
        assertEquals(5, plan.hosts().size(), "no load-balancer machine to log in to");
        draft.nodes().add(new NodeRow("k8s-node3", "192.168.1.203", Role.WORKER));
        assertEquals(6, draft.toPlan().hosts().size());
    }
}

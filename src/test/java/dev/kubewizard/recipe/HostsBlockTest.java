package dev.kubewizard.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.PlanYaml;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostsBlockTest {
    private static final ClusterPlan COURSE = PlanYaml.courseExample();

    @TempDir
    Path tmp;

    @Test
    void theBlockMapsEveryMachineAndTheEndpointNameToTheVip() {
        assertEquals("""
                # BEGIN kubewizard (kubewizard rewrites these lines from the plan; edit the plan, not here)
                192.168.1.101   k8s-master1
                192.168.1.102   k8s-master2
                192.168.1.103   k8s-master3
                192.168.1.201   k8s-node1
                192.168.1.202   k8s-node2
                192.168.1.100   k8s-lb
                192.168.1.100   k8s-api.cluster.local
                # END kubewizard
                """, HostsBlock.block(COURSE));
    }

    @Test
    void anEndpointGivenAsAnAddressAddsNoNameLine() {
        ClusterPlan plan = PrepFixtures.plan("plan-minimal.yaml");
        assertEquals(List.of(new HostsBlock.Entry("10.30.0.11", "solo")), HostsBlock.entries(plan));
    }

    @Test
    void aClonedVmKeepsItsOldLoopbackLineAndGetsTheBlockAtTheEnd() {
        String merged = merge(PrepFixtures.text("hosts-cloned-vm"));
        assertEquals(PrepFixtures.text("hosts-cloned-vm") + HostsBlock.block(COURSE), merged);
    }

    @Test
    void theMachinesNameIsTakenOffLoopbackLinesAndTheBlockGoesBeforeStaleCourseLines() {
        String merged = merge(PrepFixtures.text("hosts-course-leftovers"));
        assertEquals("""
                127.0.0.1 localhost
                #127.0.1.1\tk8s-master1  # kubewizard: these names map to their plan addresses
                10.0.0.5 fileserver.lab fileserver
                """ + HostsBlock.block(COURSE) + """
                192.168.56.101 k8s-master1
                192.168.56.102 k8s-master2

                ::1 ip6-localhost ip6-loopback
                ff02::1 ip6-allnodes
                """, merged);
    }

    @Test
    void aSecondMergeChangesNothing() {
        for (String fixture : List.of("hosts-cloned-vm", "hosts-course-leftovers")) {
            String once = merge(PrepFixtures.text(fixture));
            assertEquals(once, merge(once), fixture);
        }
    }

    @Test
    void anOlderBlockIsReplacedInPlaceAndOtherLinesStayPut() {
        String old = """
                127.0.0.1 localhost
                # BEGIN kubewizard (an older plan)
                192.168.1.99    k8s-master1
                192.168.1.98    k8s-old-node
                # END kubewizard
                10.0.0.5 fileserver
                """;
        assertEquals("127.0.0.1 localhost\n" + HostsBlock.block(COURSE) + "10.0.0.5 fileserver\n", merge(old));
    }

    @Test
    void aBeginMarkerWithoutEndIsKeptAsOrdinaryLines() {
        String broken = "127.0.0.1 localhost\n# BEGIN kubewizard\n10.0.0.5 fileserver\n";
        assertEquals(broken + HostsBlock.block(COURSE), merge(broken));
    }

    @Test
    void theCheckPassesOnlyWhenTheMergedFileIsThere() throws Exception {
        Path hosts = tmp.resolve("hosts");
        Files.writeString(hosts, PrepFixtures.text("hosts-cloned-vm"), StandardCharsets.UTF_8);
        String check = "cmp -s \"$merged\" " + hosts;
        assertEquals(1, PrepFixtures.bash(mergeInto(hosts) + check, "").exitCode(), "before");
        Files.writeString(hosts, merge(PrepFixtures.text("hosts-cloned-vm")), StandardCharsets.UTF_8);
        assertEquals(0, PrepFixtures.bash(mergeInto(hosts) + check, "").exitCode(), "after");
    }

    @Test
    void theStepNeverAppendsToEtcHosts() {
        Step step = HostsBlock.step(COURSE, COURSE.host("k8s-master1"));
        assertFalse(step.script().contains(">> /etc/hosts"));
        assertTrue(step.script().contains("kw_write_file /etc/hosts 0644"));
        assertTrue(step.check().contains("prep_resolves_to k8s-api.cluster.local 192.168.1.100"));
    }

    private String mergeInto(Path hosts) {
        return HostsBlock.MERGE_FUNCTION
                + "block=$(mktemp)\nmerged=$(mktemp)\n"
                + "trap 'rm -f \"$block\" \"$merged\"' EXIT\n"
                + "cat > \"$block\" " + Bash.heredoc(HostsBlock.block(COURSE)) + "\n"
                + "prep_hosts_merge \"$block\" " + Bash.quote(String.join(" ", HostsBlock.names(COURSE)))
                + " < " + hosts + " > \"$merged\"\n";
    }

    private static String merge(String hosts) {
        return PrepFixtures.bashOk(HostsBlock.MERGE_FUNCTION
                + "block=$(mktemp)\n"
                + "cat > \"$block\" " + Bash.heredoc(HostsBlock.block(COURSE)) + "\n"
                + "prep_hosts_merge \"$block\" " + Bash.quote(String.join(" ", HostsBlock.names(COURSE))) + "\n"
                + "rm -f \"$block\"\n", hosts);
    }
}

package dev.kubewizard.plan;

import static dev.kubewizard.plan.Severity.ERROR;
import static dev.kubewizard.plan.Severity.WARNING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanValidatorTest {
    @TempDir
    Path planDir;

    private static PlanVariant course() {
        return PlanVariant.course();
    }

    /** Validates the plan as if its file were in {@link #planDir}. */
    private List<Violation> check(PlanVariant variant) {
        return PlanValidator.validate(variant.build(), planDir);
    }

    private static String summary(Violation v) {
        return v.severity() + " " + v.path() + " " + v.key();
    }

    /** Asserts the exact violations ("SEVERITY path key", in order) and returns them. */
    private List<Violation> expect(PlanVariant variant, String... expected) {
        List<Violation> found = check(variant);
        assertEquals(List.of(expected), found.stream().map(PlanValidatorTest::summary).toList(),
                () -> found.stream().map(v -> summary(v) + ": " + v.message().en()).toList().toString());
        found.forEach(PlanValidatorTest::assertBilingual);
        return found;
    }

    /** Asserts that the plan has exactly this one violation, whose message names all mentions in both languages. */
    private Violation expectOnly(PlanVariant variant, Severity severity, String path, String key, String... mentions) {
        Violation v = expect(variant, severity + " " + path + " " + key).get(0);
        assertMentions(v, mentions);
        return v;
    }

    private static void assertMentions(Violation v, String... mentions) {
        for (String m : mentions) {
            assertTrue(v.message().zh().contains(m), () -> "zh lacks " + m + ": " + v.message().zh());
            assertTrue(v.message().en().contains(m), () -> "en lacks " + m + ": " + v.message().en());
        }
    }

    static void assertBilingual(Violation v) {
        String zh = v.message().zh();
        String en = v.message().en();
        assertFalse(zh.isBlank() || en.isBlank(), v::toString);
        assertTrue(zh.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
                () -> "not Chinese: " + zh);
        // the user's own value, quoted, may be Chinese; the rest of the English message may not
        String unquoted = en.replaceAll("\"[^\"]*\"", "");
        assertTrue(unquoted.codePoints().noneMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
                () -> "not English: " + en);
        assertFalse(zh.matches("(?s).*\\{\\d}.*") || en.matches("(?s).*\\{\\d}.*"), () -> "unfilled: " + en);
    }

    // ---- the course plan

    @Test
    void theCourseExampleHasNoErrorsAndNoWarnings() {
        List<Violation> found = PlanValidator.validate(PlanYaml.courseExample());
        assertEquals(List.of(), found);
        assertFalse(PlanValidator.hasErrors(found));
    }

    @Test
    void warningsDoNotCountAsErrors() {
        List<Violation> onlyWarnings = expect(course().removeNode(4).removeNode(3),
                "WARNING nodes plan.check.nodes.noWorker");
        assertFalse(PlanValidator.hasErrors(onlyWarnings));
        assertTrue(PlanValidator.hasErrors(check(course().podSubnet("nonsense"))));
        assertFalse(PlanValidator.hasErrors(null));
    }

    @Test
    void aMissingPlanIsOneErrorNotAnException() {
        List<Violation> found = PlanValidator.validate(null);
        assertEquals(List.of("ERROR  plan.check.plan.missing"),
                found.stream().map(PlanValidatorTest::summary).toList());
        assertBilingual(found.get(0));
    }

    @Test
    void aPlanWithEveryBlockMissingGivesViolationsNotExceptions() {
        expect(PlanVariant.of(new ClusterPlan(null, null, null, null, null, null, null, null)),
                "ERROR cluster plan.check.cluster.missing",
                "ERROR loadBalancer.host plan.check.lb.hostMissing",
                "ERROR nodes plan.check.nodes.empty",
                "ERROR mirrors plan.check.mirrors.missing",
                "ERROR cni.calico plan.check.calico.missing");
    }

    @Test
    void reportsViolationsInTheOrderOfTheFieldsInThePlan() {
        PlanVariant messy = course()
                .calicoVersion("latest")
                .harborScheme("ftp")
                .ntp(List.of("ntp.aliyun.com", "ntp://x"))
                .sshPort(0)
                .nodeAddress(4, "1.2.3")
                .nodeHostname(1, "Master_2")
                .lbHostname("LB")
                .endpointPort(70000)
                .podSubnet("10.244.1.0/16")
                .name("My Cluster");
        List<String> paths = check(messy).stream().map(Violation::path).toList();
        assertEquals(List.of("cluster.name", "cluster.podSubnet", "cluster.endpoint.port",
                "loadBalancer.host.hostname", "nodes[1].hostname", "nodes[4].address", "ssh.port", "mirrors.ntp[1]",
                "harbor.scheme", "cni.calico.version"), paths);
    }

    // ---- cluster name and version

    @Test
    void rejectsAMissingClusterName() {
        expectOnly(course().name(" "), ERROR, "cluster.name", "plan.check.clusterName.missing", "k8s-class");
    }

    @Test
    void rejectsAnUppercaseClusterNameAndSuggestsTheLowerCaseForm() {
        expectOnly(course().name("K8s-Class"), ERROR, "cluster.name", "plan.check.clusterName.uppercase",
                "K8s-Class", "k8s-class");
    }

    @Test
    void rejectsAClusterNameThatIsNotAnRfc1123Label() {
        expectOnly(course().name("k8s_class.2024"), ERROR, "cluster.name", "plan.check.clusterName.invalid",
                "k8s-class-2024");
    }

    @Test
    void rejectsAClusterNameLongerThan63Characters() {
        expectOnly(course().name("k".repeat(64)), ERROR, "cluster.name", "plan.check.clusterName.tooLong", "64");
    }

    @Test
    void rejectsAClusterNameWithoutAnyLatinLetter() {
        expectOnly(course().name("集群"), ERROR, "cluster.name", "plan.check.clusterName.invalidNoSuggestion",
                "集群");
    }

    @Test
    void acceptsEverySupportedKubernetesMinorWithOrWithoutV() {
        for (String minor : KubernetesVersions.supported()) {
            expect(course().kubernetesVersion(minor));
            expect(course().kubernetesVersion("v" + minor));
        }
    }

    @Test
    void rejectsAnUnsupportedKubernetesMinorAndListsTheSupportedOnes() {
        expectOnly(course().kubernetesVersion("1.30"), ERROR, "cluster.kubernetesVersion",
                "plan.check.version.unsupported", "1.30", String.join(", ", KubernetesVersions.supported()));
    }

    @Test
    void rejectsAPatchReleaseAndAsksForTheMinorLine() {
        expectOnly(course().kubernetesVersion("1.34.2"), ERROR, "cluster.kubernetesVersion",
                "plan.check.version.patch", "1.34.2", "1.34");
    }

    @Test
    void rejectsAPatchReleaseOfAnUnsupportedLineAsUnsupported() {
        expectOnly(course().kubernetesVersion("1.28.15"), ERROR, "cluster.kubernetesVersion",
                "plan.check.version.unsupported", "1.28.15");
    }

    @Test
    void rejectsSomethingThatIsNoKubernetesVersion() {
        expectOnly(course().kubernetesVersion("latest"), ERROR, "cluster.kubernetesVersion",
                "plan.check.version.invalid", "latest");
        expectOnly(course().kubernetesVersion("1.034"), ERROR, "cluster.kubernetesVersion",
                "plan.check.version.invalid", "1.034");
    }

    @Test
    void rejectsAMissingKubernetesVersion() {
        expectOnly(course().kubernetesVersion(null), ERROR, "cluster.kubernetesVersion",
                "plan.check.version.missing", "1.34");
    }

    // ---- subnets

    @Test
    void rejectsAMissingPodSubnet() {
        expectOnly(course().podSubnet(""), ERROR, "cluster.podSubnet", "plan.check.podSubnet.missing",
                "10.244.0.0/16");
    }

    @Test
    void rejectsAMissingServiceSubnet() {
        expectOnly(course().serviceSubnet(null), ERROR, "cluster.serviceSubnet", "plan.check.serviceSubnet.missing",
                "10.96.0.0/12");
    }

    @Test
    void rejectsAPodSubnetWithoutPrefixLength() {
        expectOnly(course().podSubnet("10.244.0.0"), ERROR, "cluster.podSubnet", "plan.check.cidr.invalid",
                "10.244.0.0", "10.244.0.0/16");
    }

    @Test
    void rejectsMalformedCidrs() {
        for (String bad : List.of("10.244.0.0/33", "10.244.0.0/016", "10.244.0/16", "10.244.0.256/24",
                " 10.244.0.0/16", "10.244.0.0/16 ", "fd00::/64", "10.244.0.0/-1", "/16")) {
            expectOnly(course().podSubnet(bad), ERROR, "cluster.podSubnet", "plan.check.cidr.invalid");
        }
    }

    @Test
    void rejectsAPodSubnetWithHostBitsAndSuggestsItsNetwork() {
        expectOnly(course().podSubnet("10.244.1.0/16"), ERROR, "cluster.podSubnet", "plan.check.cidr.hostBits",
                "10.244.1.0/16", "10.244.0.0/16");
    }

    @Test
    void rejectsAServiceSubnetWithHostBitsAndSuggestsItsNetwork() {
        expectOnly(course().serviceSubnet("10.100.0.0/12"), ERROR, "cluster.serviceSubnet",
                "plan.check.cidr.hostBits", "10.100.0.0/12", "10.96.0.0/12");
    }

    @Test
    void rejectsAPodSubnetSmallerThanTheSlash24EveryNodeGets() {
        expectOnly(course().podSubnet("10.244.0.0/25"), ERROR, "cluster.podSubnet", "plan.check.podSubnet.tooSmall",
                "10.244.0.0/25");
    }

    @Test
    void rejectsAPodSubnetLargerThanKubeadmAllows() {
        expect(course().podSubnet("10.0.0.0/7").serviceSubnet("172.30.0.0/16"),
                "ERROR cluster.podSubnet plan.check.podSubnet.tooLarge");
    }

    @Test
    void rejectsAServiceSubnetLargerThanSlash12() {
        expectOnly(course().serviceSubnet("10.96.0.0/11"), ERROR, "cluster.serviceSubnet",
                "plan.check.serviceSubnet.tooLarge", "10.96.0.0/11");
    }

    @Test
    void rejectsAServiceSubnetTooSmallForTheClusterDnsAddress() {
        expectOnly(course().serviceSubnet("10.96.0.0/29"), ERROR, "cluster.serviceSubnet",
                "plan.check.serviceSubnet.tooSmall", "10.96.0.0/29");
        expect(course().serviceSubnet("10.96.0.0/28"));
    }

    @Test
    void rejectsAServiceSubnetOverlappingThePodSubnet() {
        expectOnly(course().serviceSubnet("10.244.128.0/17"), ERROR, "cluster.serviceSubnet",
                "plan.check.serviceSubnet.overlapsPodSubnet", "10.244.128.0/17", "10.244.0.0/16");
    }

    @Test
    void rejectsAPodSubnetOverlappingTheNodeNetworkOncePerMachine() {
        // Calico's commented default pool: the classic clash with a 192.168.x classroom.
        List<Violation> found = expect(course().podSubnet("192.168.0.0/16"),
                "ERROR cluster.podSubnet plan.check.podSubnet.containsAddress",
                "ERROR cluster.podSubnet plan.check.podSubnet.containsAddress",
                "ERROR cluster.podSubnet plan.check.podSubnet.containsAddress",
                "ERROR cluster.podSubnet plan.check.podSubnet.containsAddress",
                "ERROR cluster.podSubnet plan.check.podSubnet.containsAddress",
                "ERROR cluster.podSubnet plan.check.podSubnet.containsAddress");
        assertMentions(found.get(0), "192.168.0.0/16", "VIP 192.168.1.100", "10.244.0.0/16");
        assertMentions(found.get(1), "k8s-master1 192.168.1.101");
        assertMentions(found.get(5), "k8s-node2 192.168.1.202");
    }

    @Test
    void rejectsAPodSubnetHoldingTheLoadBalancerHostWhenTheVipIsElsewhere() {
        // keepalived: the VIP is free, the dedicated LB host is not part of the plan
        List<Violation> found = expect(course().keepalived().vip("10.244.5.5"),
                "ERROR cluster.podSubnet plan.check.podSubnet.containsAddress",
                "WARNING cluster.endpoint.vip plan.check.vip.otherSubnet");
        assertMentions(found.get(0), "VIP 10.244.5.5");
    }

    @Test
    void suggestsAPodSubnetClearOfAClassroomThatAlreadyUses10Dot244() {
        PlanVariant v = course().podSubnet("10.244.0.0/16").vip("10.244.1.100").lbAddress("10.244.1.100");
        for (int i = 0; i < 5; i++) {
            v.nodeAddress(i, "10.244.1." + (10 + i));
        }
        List<Violation> found = check(v);
        assertEquals(6, found.size(), found::toString);
        found.forEach(f -> assertEquals("plan.check.podSubnet.containsAddress", f.key()));
        assertMentions(found.get(0), "172.16.0.0/16");
    }

    @Test
    void rejectsAServiceSubnetHoldingNodesAndWarnsAboutTheRestOfTheirNetwork() {
        List<Violation> found = expect(course().serviceSubnet("192.168.1.192/27"),
                "ERROR cluster.serviceSubnet plan.check.serviceSubnet.containsAddress",
                "ERROR cluster.serviceSubnet plan.check.serviceSubnet.containsAddress",
                "WARNING cluster.serviceSubnet plan.check.subnet.nearNetwork");
        assertMentions(found.get(0), "k8s-node1 192.168.1.201", "10.96.0.0/12");
        assertMentions(found.get(2), "192.168.1.0/24");
    }

    @Test
    void warnsWhenTheServiceSubnetCutsIntoTheNodesSlash24() {
        expectOnly(course().serviceSubnet("192.168.1.0/28"), WARNING, "cluster.serviceSubnet",
                "plan.check.subnet.nearNetwork", "192.168.1.0/28", "192.168.1.0/24", "/24");
    }

    // ---- endpoint

    @Test
    void rejectsAMissingEndpoint() {
        expectOnly(course().endpoint(null), ERROR, "cluster.endpoint", "plan.check.endpoint.missing");
    }

    @Test
    void rejectsAMissingEndpointHost() {
        expectOnly(course().endpointHost(null), ERROR, "cluster.endpoint.host", "plan.check.endpoint.hostMissing",
                "k8s-api.cluster.local");
    }

    @Test
    void rejectsAnEndpointHostThatIsAnAddress() {
        expectOnly(course().endpointHost("192.168.1.100"), ERROR, "cluster.endpoint.host",
                "plan.check.endpoint.hostIsAddress", "192.168.1.100", "vip");
    }

    @Test
    void rejectsAnEndpointHostThatIsNoDnsName() {
        expectOnly(course().endpointHost("k8s_api.cluster.local"), ERROR, "cluster.endpoint.host",
                "plan.check.endpoint.hostInvalid", "k8s_api.cluster.local");
        expectOnly(course().endpointHost("k8s-api..local"), ERROR, "cluster.endpoint.host",
                "plan.check.endpoint.hostInvalid");
    }

    @Test
    void rejectsAnUppercaseEndpointHostAndSuggestsTheLowerCaseForm() {
        expectOnly(course().endpointHost("K8s-API.cluster.local"), ERROR, "cluster.endpoint.host",
                "plan.check.endpoint.hostUppercase", "k8s-api.cluster.local");
    }

    @Test
    void rejectsAnEndpointPortOutOfRange() {
        expectOnly(course().endpointPort(0), ERROR, "cluster.endpoint.port", "plan.check.port.outOfRange", "0");
        expectOnly(course().endpointPort(65536), ERROR, "cluster.endpoint.port", "plan.check.port.outOfRange",
                "65536", "6443");
    }

    @Test
    void rejectsAMissingVip() {
        expectOnly(course().vip(""), ERROR, "cluster.endpoint.vip", "plan.check.vip.missing");
    }

    @Test
    void rejectsAMalformedVip() {
        expectOnly(course().vip("192.168.1"), ERROR, "cluster.endpoint.vip", "plan.check.address.invalid",
                "192.168.1");
    }

    @Test
    void rejectsAnExternalModeVipThatIsNotTheLoadBalancerHostsAddress() {
        expectOnly(course().vip("192.168.1.99"), ERROR, "cluster.endpoint.vip", "plan.check.vip.notLbAddress",
                "192.168.1.100", "ip addr add", "keepalived");
    }

    @Test
    void rejectsAVipEqualToANodesAddress() {
        expectOnly(course().keepalived().vip("192.168.1.101"), ERROR, "cluster.endpoint.vip",
                "plan.check.vip.isNodeAddress", "192.168.1.101", "k8s-master1");
        expectOnly(course().vip("192.168.1.202"), ERROR, "cluster.endpoint.vip", "plan.check.vip.isNodeAddress",
                "k8s-node2");
    }

    // ---- load balancer

    @Test
    void acceptsKeepalivedModeWithAFreeVipAndPort16443() {
        expect(course().keepalived());
        expect(course().keepalived().lbInterface("ens33"));
    }

    @Test
    void rejectsKeepalivedModeOnPort6443WhereTheApiServerListens() {
        expectOnly(course().keepalived().endpointPort(6443), ERROR, "cluster.endpoint.port",
                "plan.check.endpoint.port6443", "6443", "16443");
    }

    @Test
    void rejectsKeepalivedModeOnTheDefaultPort() {
        expectOnly(course().keepalived().endpointPort(null), ERROR, "cluster.endpoint.port",
                "plan.check.endpoint.port6443", "16443");
    }

    @Test
    void rejectsKeepalivedModeOnAPortThatEtcdUsesOnTheMasters() {
        expectOnly(course().keepalived().endpointPort(2379), ERROR, "cluster.endpoint.port",
                "plan.check.endpoint.portTaken", "2379", "etcd", "16443");
    }

    @Test
    void warnsWhenTheKeepalivedVipIsNotInTheMastersSlash24() {
        expectOnly(course().keepalived().vip("192.168.2.100"), WARNING, "cluster.endpoint.vip",
                "plan.check.vip.otherSubnet", "192.168.2.0/24", "k8s-master1 192.168.1.101",
                "k8s-master3 192.168.1.103", "/24");
    }

    @Test
    void rejectsExternalModeWithoutALoadBalancerHost() {
        expectOnly(course().lbHost(null), ERROR, "loadBalancer.host", "plan.check.lb.hostMissing", "keepalived");
    }

    @Test
    void readsAMissingLoadBalancerBlockAsExternalModeWithoutHost() {
        expectOnly(course().loadBalancer(null), ERROR, "loadBalancer.host", "plan.check.lb.hostMissing");
    }

    @Test
    void ignoresTheLoadBalancerHostInKeepalivedMode() {
        expect(course().keepalived().lbHostname("Not_Used").lbAddress("nonsense"));
    }

    @Test
    void rejectsAKeepalivedInterfaceThatIsNoInterfaceName() {
        expectOnly(course().keepalived().lbInterface("eth0/1"), ERROR, "loadBalancer.interface",
                "plan.check.lb.interfaceInvalid", "eth0/1");
        expectOnly(course().keepalived().lbInterface("enp0s3-is-far-too-long"), ERROR, "loadBalancer.interface",
                "plan.check.lb.interfaceInvalid");
    }

    @Test
    void rejectsAMalformedLoadBalancerHostname() {
        expectOnly(course().lbHostname("k8s_lb"), ERROR, "loadBalancer.host.hostname", "plan.check.hostname.invalid",
                "k8s-lb");
    }

    @Test
    void rejectsAMalformedLoadBalancerAddress() {
        expectOnly(course().lbAddress("192.168.1.1000"), ERROR, "loadBalancer.host.address",
                "plan.check.address.invalid", "192.168.1.1000");
    }

    @Test
    void rejectsABadLoadBalancerHostSshUserAndPort() {
        expect(course().lbUser("lb admin").lbPort(-22),
                "ERROR loadBalancer.host.user plan.check.ssh.userInvalid",
                "ERROR loadBalancer.host.port plan.check.port.outOfRange");
    }

    // ---- nodes

    @Test
    void rejectsAPlanWithoutMachines() {
        expectOnly(course().nodes(List.of()), ERROR, "nodes", "plan.check.nodes.empty");
    }

    @Test
    void rejectsAPlanWithoutMaster() {
        PlanVariant v = course();
        for (int i = 0; i < 3; i++) {
            v.nodeRole(i, Role.WORKER);
        }
        expectOnly(v, ERROR, "nodes", "plan.check.nodes.noMaster");
    }

    @Test
    void warnsThatTwoMastersTolerateNoMoreFailuresThanOne() {
        Violation v = expectOnly(course().removeNode(2), WARNING, "nodes", "plan.check.nodes.evenMasters", "etcd");
        assertEquals("2 masters: etcd needs 2 of them running (a majority), so the cluster survives only 0 failed"
                + " master(s), no more than with 1. Use 1, 3 or 5 masters.", v.message().en());
        assertTrue(v.message().zh().contains("只能容忍 0 台"), v.message().zh());
    }

    @Test
    void warnsThatFourMastersTolerateNoMoreFailuresThanThree() {
        Violation v = expectOnly(course().nodeRole(3, Role.MASTER), WARNING, "nodes", "plan.check.nodes.evenMasters");
        assertTrue(v.message().en().startsWith("4 masters: etcd needs 3 of them running"), v.message().en());
        assertTrue(v.message().en().contains("only 1 failed master(s), no more than with 3"), v.message().en());
    }

    @Test
    void warnsAboutMoreThanSevenMasters() {
        PlanVariant v = course();
        for (int i = 4; i <= 9; i++) {
            v.addNode(new Node("k8s-master" + i, "192.168.1.1" + (i < 10 ? "0" : "") + i, Role.MASTER));
        }
        expectOnly(v, WARNING, "nodes", "plan.check.nodes.manyMasters", "9", "7");
    }

    @Test
    void warnsThatWithoutWorkersPodsRunOnlyAfterTheMasterTaintIsRemoved() {
        expectOnly(course().removeNode(4).removeNode(3), WARNING, "nodes", "plan.check.nodes.noWorker",
                "node-role.kubernetes.io/control-plane");
    }

    @Test
    void rejectsANodeWithoutRole() {
        expectOnly(course().nodeRole(4, null), ERROR, "nodes[4].role", "plan.check.node.roleMissing", "master",
                "worker");
    }

    @Test
    void rejectsAnUppercaseHostnameAndSuggestsTheLowerCaseForm() {
        expectOnly(course().nodeHostname(0, "K8s-Master1"), ERROR, "nodes[0].hostname",
                "plan.check.hostname.uppercase", "K8s-Master1", "k8s-master1");
    }

    @Test
    void rejectsAnUnderscoreInAHostname() {
        expectOnly(course().nodeHostname(3, "k8s_node1"), ERROR, "nodes[3].hostname", "plan.check.hostname.invalid",
                "k8s_node1", "k8s-node1");
    }

    @Test
    void rejectsHostnamesThatKubeadmRejects() {
        Map<String, String> suggestions = new LinkedHashMap<>();
        suggestions.put("-node1", "node1");
        suggestions.put("node1-", "node1");
        suggestions.put("k8s node1", "k8s-node1");
        suggestions.put("node1.lab", "node1-lab");
        suggestions.put("Node_1", "node-1");
        suggestions.forEach((bad, good) -> expectOnly(course().nodeHostname(3, bad), ERROR, "nodes[3].hostname",
                "plan.check.hostname.invalid", good));
    }

    @Test
    void rejectsAHostnameLongerThan63Characters() {
        expect(course().nodeHostname(3, "n".repeat(63)));
        expectOnly(course().nodeHostname(3, "n".repeat(64)), ERROR, "nodes[3].hostname",
                "plan.check.hostname.tooLong", "64", "63");
    }

    @Test
    void rejectsAHostnameWithoutLatinLettersWithoutAWrongSuggestion() {
        expectOnly(course().nodeHostname(3, "工作节点1"), ERROR, "nodes[3].hostname",
                "plan.check.hostname.invalidNoSuggestion", "工作节点1");
    }

    @Test
    void rejectsAMissingHostname() {
        expectOnly(course().nodeHostname(1, ""), ERROR, "nodes[1].hostname", "plan.check.hostname.missing");
    }

    @Test
    void rejectsTwoNodesWithTheSameHostname() {
        expectOnly(course().nodeHostname(4, "k8s-node1"), ERROR, "nodes[4].hostname", "plan.check.hostname.duplicate",
                "k8s-node1", "192.168.1.201");
    }

    @Test
    void rejectsHostnamesThatDifferOnlyInLetterCase() {
        expect(course().nodeHostname(4, "K8S-NODE1"),
                "ERROR nodes[4].hostname plan.check.hostname.uppercase",
                "ERROR nodes[4].hostname plan.check.hostname.duplicate");
    }

    @Test
    void rejectsANodeNamedLikeTheLoadBalancerHost() {
        expectOnly(course().nodeHostname(4, "k8s-lb"), ERROR, "nodes[4].hostname", "plan.check.hostname.duplicate",
                "k8s-lb", "192.168.1.100");
    }

    @Test
    void rejectsTwoNodesWithTheSameAddress() {
        expectOnly(course().nodeAddress(4, "192.168.1.201"), ERROR, "nodes[4].address",
                "plan.check.address.duplicate", "192.168.1.201", "k8s-node1");
    }

    @Test
    void rejectsANodeWithTheLoadBalancerHostsAddress() {
        List<Violation> found = expect(course().nodeAddress(4, "192.168.1.100"),
                "ERROR cluster.endpoint.vip plan.check.vip.isNodeAddress",
                "ERROR nodes[4].address plan.check.address.duplicate");
        assertMentions(found.get(1), "k8s-lb");
    }

    @Test
    void rejectsAMissingNodeAddress() {
        expectOnly(course().nodeAddress(2, null), ERROR, "nodes[2].address", "plan.check.address.missing");
    }

    @Test
    void rejectsMalformedNodeAddresses() {
        for (String bad : List.of("192.168.1.300", "192.168.1", "192.168.1.1.1", "node1", "::1", "192.168.1.-1",
                "192.168.1.201/24", "http://192.168.1.201")) {
            expectOnly(course().nodeAddress(3, bad), ERROR, "nodes[3].address", "plan.check.address.invalid", bad);
        }
    }

    @Test
    void suggestsTheCleanFormOfAnAddressWithLeadingZerosOrSpaces() {
        expectOnly(course().nodeAddress(3, "192.168.001.201"), ERROR, "nodes[3].address",
                "plan.check.address.suggest", "192.168.001.201", "192.168.1.201");
        expectOnly(course().nodeAddress(3, " 192.168.1.205"), ERROR, "nodes[3].address",
                "plan.check.address.suggest", "192.168.1.205");
    }

    @Test
    void rejectsALoopbackAddress() {
        expectOnly(course().nodeAddress(4, "127.0.1.1"), ERROR, "nodes[4].address", "plan.check.address.loopback",
                "127.0.1.1");
    }

    @Test
    void rejectsALinkLocalAddressThatMeansDhcpDidNotAnswer() {
        expectOnly(course().nodeAddress(4, "169.254.12.7"), ERROR, "nodes[4].address",
                "plan.check.address.linkLocal", "DHCP");
    }

    @Test
    void rejectsAddressesNoMachineCanHave() {
        for (String bad : List.of("0.0.0.0", "224.0.0.18", "255.255.255.255")) {
            expectOnly(course().nodeAddress(4, bad), ERROR, "nodes[4].address", "plan.check.address.reserved", bad);
        }
    }

    // ---- ssh

    @Test
    void rejectsAnSshPortOutOfRange() {
        expectOnly(course().sshPort(70000), ERROR, "ssh.port", "plan.check.port.outOfRange", "70000", "22");
    }

    @Test
    void rejectsANodeSshPortOutOfRange() {
        expectOnly(course().nodePort(2, 0), ERROR, "nodes[2].port", "plan.check.port.outOfRange", "0");
    }

    @Test
    void acceptsANodeSshPortOverride() {
        expect(course().nodePort(2, 2222).nodeUser(2, "ubuntu"));
    }

    @Test
    void rejectsSshUsersThatAreNoLinuxUserNames() {
        for (String bad : List.of("my user", "root:x", "-root", "user@host", "a/b", "x".repeat(40))) {
            expectOnly(course().sshUser(bad), ERROR, "ssh.user", "plan.check.ssh.userInvalid", bad);
        }
    }

    @Test
    void rejectsANodeSshUserThatIsNoLinuxUserName() {
        expectOnly(course().nodeUser(3, "stu dent"), ERROR, "nodes[3].user", "plan.check.ssh.userInvalid");
    }

    @Test
    void readsAnEmptySshUserAsRoot() {
        expect(course().sshUser("").nodeUser(1, " "));
        expect(course().ssh(null));
    }

    @Test
    void rejectsKeyLoginWithoutAKeyFile() {
        expectOnly(course().sshAuth(SshAuth.KEY).privateKeyFile(""), ERROR, "ssh.privateKeyFile",
                "plan.check.ssh.keyMissing");
    }

    @Test
    void rejectsKeyLoginWithAKeyFileThatDoesNotExist() {
        expectOnly(course().sshAuth(SshAuth.KEY).privateKeyFile("keys/id_ed25519"), ERROR, "ssh.privateKeyFile",
                "plan.check.ssh.keyNotFound", "keys/id_ed25519",
                planDir.resolve("keys/id_ed25519").toAbsolutePath().toString());
    }

    @Test
    void rejectsAKeyFileThatIsAFolder() throws IOException {
        Files.createDirectories(planDir.resolve("keys"));
        expectOnly(course().sshAuth(SshAuth.KEY).privateKeyFile("keys"), ERROR, "ssh.privateKeyFile",
                "plan.check.ssh.keyNotFound");
    }

    @Test
    void readsARelativeKeyFileFromThePlanFolder() throws IOException {
        Files.createDirectories(planDir.resolve("keys"));
        Files.writeString(planDir.resolve("keys/id_ed25519"), "key", StandardCharsets.UTF_8);
        expect(course().sshAuth(SshAuth.KEY).privateKeyFile("keys/id_ed25519"));
        expect(course().sshAuth(SshAuth.KEY).privateKeyFile(planDir.resolve("keys/id_ed25519").toString()));
    }

    @Test
    void warnsWhenTheKeyFileIsThePublicHalf() throws IOException {
        Files.writeString(planDir.resolve("id_rsa.pub"), "ssh-rsa AAAA", StandardCharsets.UTF_8);
        expectOnly(course().sshAuth(SshAuth.KEY).privateKeyFile("id_rsa.pub"), WARNING, "ssh.privateKeyFile",
                "plan.check.ssh.keyIsPublic", "id_rsa.pub", "id_rsa");
    }

    @Test
    void rejectsAKeyFileNameThatIsNoPath() {
        expectOnly(course().sshAuth(SshAuth.KEY).privateKeyFile("bad\u0000name"), ERROR, "ssh.privateKeyFile",
                "plan.check.file.badPath");
    }

    @Test
    void ignoresTheKeyFileWithPasswordLogin() {
        expect(course().sshAuth(SshAuth.PASSWORD).privateKeyFile("no/such/file"));
    }

    // ---- mirrors

    @Test
    void rejectsAMissingMirrorsBlock() {
        expectOnly(course().mirrors(null), ERROR, "mirrors", "plan.check.mirrors.missing");
    }

    @Test
    void rejectsMissingPackageMirrors() {
        expect(course().ubuntuMirror(null).dockerCeMirror("").kubernetesMirror(" "),
                "ERROR mirrors.ubuntu plan.check.mirror.missing",
                "ERROR mirrors.dockerCe plan.check.mirror.missing",
                "ERROR mirrors.kubernetes plan.check.mirror.missing");
    }

    @Test
    void rejectsAMirrorWithoutSchemeAndSuggestsHttps() {
        expectOnly(course().ubuntuMirror("mirrors.aliyun.com/ubuntu"), ERROR, "mirrors.ubuntu",
                "plan.check.mirror.noScheme", "https://mirrors.aliyun.com/ubuntu");
    }

    @Test
    void rejectsMirrorsThatAreNoHttpUrls() {
        for (String bad : List.of("ftp://mirrors.aliyun.com/ubuntu", "https://", "https://mirrors aliyun.com",
                "https://mirrors.aliyun.com:99999/ubuntu", "https://bad_host.example/ubuntu", "file:///srv/ubuntu",
                "deb https://mirrors.aliyun.com/ubuntu noble main")) {
            expectOnly(course().dockerCeMirror(bad), ERROR, "mirrors.dockerCe", "plan.check.mirror.notUrl");
        }
    }

    @Test
    void acceptsMirrorsWithPortsAndAddresses() {
        expect(course().ubuntuMirror("http://192.168.1.10:8081/repository/ubuntu/")
                .dockerCeMirror("HTTPS://mirrors.ustc.edu.cn/docker-ce/linux/ubuntu"));
    }

    @Test
    void rejectsTheFrozenKubernetesXenialRepository() {
        expectOnly(course().kubernetesMirror("https://mirrors.aliyun.com/kubernetes/apt/"), ERROR,
                "mirrors.kubernetes", "plan.check.mirror.kubernetesLegacy", "1.28",
                "https://mirrors.aliyun.com/kubernetes-new/core/stable");
    }

    @Test
    void rejectsARegistryMirrorUrlWithoutScheme() {
        Map<String, List<String>> mirrors = new LinkedHashMap<>();
        mirrors.put("docker.io", List.of("docker.m.daocloud.io"));
        expectOnly(course().registryMirrors(mirrors), ERROR, "mirrors.registryMirrors.docker.io[0]",
                "plan.check.mirror.noScheme", "https://docker.m.daocloud.io");
    }

    @Test
    void rejectsEverySecondRegistryMirrorThatIsNoUrl() {
        Map<String, List<String>> mirrors = new LinkedHashMap<>();
        mirrors.put("docker.io", List.of("https://docker.m.daocloud.io", "dockerhub mirror"));
        mirrors.put("quay.io", new ArrayList<>(java.util.Arrays.asList((String) null)));
        expect(course().registryMirrors(mirrors),
                "ERROR mirrors.registryMirrors.docker.io[1] plan.check.mirror.notUrl",
                "ERROR mirrors.registryMirrors.quay.io[0] plan.check.mirror.missing");
    }

    @Test
    void rejectsRegistryMirrorKeysThatAreNoRegistryNames() {
        for (String bad : List.of("https://docker.io", "docker.io/library", "Docker.io", "docker hub", "")) {
            expectOnly(course().registryMirrors(Map.of(bad, List.of("https://docker.m.daocloud.io"))), ERROR,
                    "mirrors.registryMirrors." + bad, "plan.check.registryMirrors.badKey", "docker.io");
        }
        expect(course().registryMirrors(Map.of("registry.k8s.io", List.of("https://k8s.m.daocloud.io"),
                "192.168.1.50:5000", List.of("http://192.168.1.50:5001"))));
    }

    @Test
    void rejectsAnImageRepositoryWrittenAsUrl() {
        expectOnly(course().imageRepository("https://registry.aliyuncs.com/google_containers/"), ERROR,
                "mirrors.imageRepository", "plan.check.imageRepository.scheme",
                "registry.aliyuncs.com/google_containers");
    }

    @Test
    void rejectsImageRepositoriesThatAreNoRegistryPaths() {
        for (String bad : List.of("registry.aliyuncs.com/Google_Containers", "registry aliyuncs com",
                "registry.aliyuncs.com//google_containers", "registry.aliyuncs.com/google_containers/", "_/x")) {
            expectOnly(course().imageRepository(bad), ERROR, "mirrors.imageRepository",
                    "plan.check.imageRepository.invalid", bad);
        }
        expect(course().imageRepository("registry.k8s.io"));
        expect(course().imageRepository("192.168.1.50:5000/k8s"));
    }

    @Test
    void rejectsAMissingImageRepository() {
        expectOnly(course().imageRepository(null), ERROR, "mirrors.imageRepository",
                "plan.check.imageRepository.missing", "registry.aliyuncs.com/google_containers");
    }

    @Test
    void rejectsNtpEntriesThatAreNoHostNamesOrAddresses() {
        for (String bad : List.of("ntp://ntp.aliyun.com", "ntp.aliyun.com:123", "time server", "300.1.1.1")) {
            expectOnly(course().ntp(List.of("ntp.aliyun.com", bad)), ERROR, "mirrors.ntp[1]", "plan.check.ntp.invalid",
                    bad);
        }
    }

    @Test
    void acceptsNtpServersGivenAsAddresses() {
        expect(course().ntp(List.of("203.107.6.88", "NTP.Aliyun.com")));
        expect(course().ntp(null));
    }

    @Test
    void rejectsAnEmptyNtpEntry() {
        expectOnly(course().ntp(java.util.Arrays.asList("ntp.aliyun.com", null)), ERROR, "mirrors.ntp[1]",
                "plan.check.ntp.empty");
    }

    // ---- harbor

    @Test
    void acceptsAPlanWithoutHarbor() {
        expect(course().harbor(null));
    }

    @Test
    void rejectsAMissingHarborHost() {
        expectOnly(course().harborHost(null), ERROR, "harbor.host", "plan.check.harbor.hostMissing");
    }

    @Test
    void rejectsAHarborHostWrittenAsUrl() {
        expectOnly(course().harborHost("http://harbor.labworlds.cc/"), ERROR, "harbor.host",
                "plan.check.harbor.hostScheme", "harbor.labworlds.cc", "scheme");
    }

    @Test
    void rejectsAHarborHostWithAPath() {
        expectOnly(course().harborHost("harbor.labworlds.cc/go-starter"), ERROR, "harbor.host",
                "plan.check.harbor.hostPath", "harbor.labworlds.cc");
    }

    @Test
    void rejectsHarborHostsThatAreNoHostNames() {
        for (String bad : List.of("harbor labworlds", "harbor.labworlds.cc:0", "harbor.labworlds.cc:", "harbor_1")) {
            expectOnly(course().harborHost(bad), ERROR, "harbor.host", "plan.check.harbor.hostInvalid", bad);
        }
    }

    @Test
    void acceptsAHarborHostWithPortWhenTheTestImageIsOnIt() {
        expect(course().harborHost("192.168.1.50:8080").harborTestImage("192.168.1.50:8080/library/nginx:1.27"));
    }

    @Test
    void rejectsAHarborSchemeOtherThanHttpOrHttps() {
        for (String bad : List.of("HTTPS", "ftp", "https://")) {
            expectOnly(course().harborScheme(bad), ERROR, "harbor.scheme", "plan.check.harbor.scheme", bad);
        }
        expect(course().harborScheme("https"));
        expect(course().harborScheme(null));
    }

    @Test
    void warnsWhenTheTestImageIsNotOnTheHarborHost() {
        expectOnly(course().harborTestImage("docker.io/library/nginx:latest"), WARNING, "harbor.testImage",
                "plan.check.harbor.testImageElsewhere", "docker.io/library/nginx:latest", "harbor.labworlds.cc");
        expectOnly(course().harborTestImage("harbor.labworlds.cc.evil.example/x/y:1"), WARNING, "harbor.testImage",
                "plan.check.harbor.testImageElsewhere");
    }

    @Test
    void rejectsATestImageThatIsNoImageName() {
        for (String bad : List.of("harbor.labworlds.cc/Go Starter/dev", "http://harbor.labworlds.cc/x/y:1",
                "harbor.labworlds.cc/x/y:", "harbor.labworlds.cc/x/y@sha256:xyz")) {
            expectOnly(course().harborTestImage(bad), ERROR, "harbor.testImage",
                    "plan.check.harbor.testImageInvalid", bad);
        }
    }

    @Test
    void rejectsAPullSecretWithoutHarborUserName() {
        expectOnly(course().harborUsername(""), ERROR, "harbor.username", "plan.check.harbor.usernameMissing");
        expect(course().harborUsername("").harborPullSecret(false));
    }

    // ---- cni

    @Test
    void rejectsAMissingCalicoBlock() {
        expectOnly(course().cni(null), ERROR, "cni.calico", "plan.check.calico.missing");
        expectOnly(course().cni(new Cni(null)), ERROR, "cni.calico", "plan.check.calico.missing");
    }

    @Test
    void rejectsACalicoVersionWithoutTheV() {
        expectOnly(course().calicoVersion("3.28.2"), ERROR, "cni.calico.version", "plan.check.calico.versionInvalid",
                "v3.28.2");
    }

    @Test
    void rejectsCalicoVersionsThatDoNotLookLikeV3Dot() {
        for (String bad : List.of("latest", "v3.28", "v2.6.12", "v3.28.2-rc1", "V3.28.2")) {
            expectOnly(course().calicoVersion(bad), ERROR, "cni.calico.version", "plan.check.calico.versionInvalid",
                    bad, "v3.28.2");
        }
        expect(course().calicoVersion("v3.31.0"));
    }

    @Test
    void rejectsAMissingCalicoVersion() {
        expectOnly(course().calicoVersion(null), ERROR, "cni.calico.version", "plan.check.calico.versionMissing");
    }

    @Test
    void rejectsACalicoManifestThatDoesNotExist() {
        expectOnly(course().calicoManifest("calico.yaml"), ERROR, "cni.calico.manifest",
                "plan.check.calico.manifestNotFound", "calico.yaml",
                planDir.resolve("calico.yaml").toAbsolutePath().toString());
    }

    @Test
    void readsACalicoManifestFromThePlanFolder() throws IOException {
        Files.writeString(planDir.resolve("calico.yaml"), "kind: List\n", StandardCharsets.UTF_8);
        expect(course().calicoManifest("calico.yaml"));
    }

    @Test
    void readsRelativeFilesFromTheCurrentFolderWithoutPlanFolder() {
        List<Violation> found = PlanValidator.validate(course().calicoManifest("no-such-calico.yaml").build());
        assertEquals(1, found.size());
        assertMentions(found.get(0), Path.of("no-such-calico.yaml").toAbsolutePath().toString());
    }

    @Test
    void rejectsACalicoImageRegistryWrittenAsUrl() {
        expectOnly(course().calicoImageRegistry("https://docker.m.daocloud.io"), ERROR, "cni.calico.imageRegistry",
                "plan.check.calico.registryScheme", "docker.m.daocloud.io");
    }

    @Test
    void rejectsACalicoImageRegistryThatIsNoRegistry() {
        expectOnly(course().calicoImageRegistry("docker m daocloud"), ERROR, "cni.calico.imageRegistry",
                "plan.check.calico.registryInvalid");
        expect(course().calicoImageRegistry("swr.cn-north-4.myhuaweicloud.com/ddn-k8s/docker.io"));
        expect(course().calicoImageRegistry(""));
    }
}

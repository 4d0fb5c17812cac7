package dev.kubewizard.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DnsNameTest {
    @Test
    void acceptsRfc1123LabelsOnly() {
        for (String good : new String[] {"a", "k8s-master1", "1node", "n".repeat(63), "a--b"}) {
            assertTrue(DnsName.isLabel(good), good);
        }
        for (String bad : new String[] {null, "", "-a", "a-", "A", "a_b", "a.b", "a b", "n".repeat(64), "ä"}) {
            assertFalse(DnsName.isLabel(bad), bad);
        }
    }

    @Test
    void acceptsSubdomainsUpTo253Characters() {
        assertTrue(DnsName.isSubdomain("k8s-api.cluster.local"));
        assertFalse(DnsName.isSubdomain("k8s-api..local"));
        assertFalse(DnsName.isSubdomain(".local"));
        assertFalse(DnsName.isSubdomain("local."));
        String long253 = ("a".repeat(49) + ".").repeat(5) + "abc";
        assertEquals(253, long253.length());
        assertTrue(DnsName.isSubdomain(long253));
        assertFalse(DnsName.isSubdomain(long253 + "d"));
    }

    @Test
    void readsHostsAndPortsTheWayRegistriesWriteThem() {
        assertTrue(DnsName.isHostPort("harbor.labworlds.cc"));
        assertTrue(DnsName.isHostPort("Harbor.Labworlds.CC:443"));
        assertTrue(DnsName.isHostPort("192.168.1.50:5000"));
        assertFalse(DnsName.isHostPort("192.168.1.500"));
        assertFalse(DnsName.isHostPort("host:65536"));
        assertFalse(DnsName.isHostPort("host:080"));
        assertFalse(DnsName.isHostPort("host:"));
        assertFalse(DnsName.isHostPort(":80"));
    }

    @Test
    void suggestsALabelCloseToWhatWasTyped() {
        assertEquals("k8s-node1", DnsName.suggestLabel("K8s_Node1"));
        assertEquals("master1-lab", DnsName.suggestLabel("master1.lab"));
        assertEquals("node", DnsName.suggestLabel("--node--"));
        assertEquals("a".repeat(62), DnsName.suggestLabel("a".repeat(62) + "-b".repeat(10)));
        assertEquals("b".repeat(63), DnsName.suggestLabel("b".repeat(70)));
        assertNull(DnsName.suggestLabel("主节点"));
        assertNull(DnsName.suggestLabel("123"));
    }
}

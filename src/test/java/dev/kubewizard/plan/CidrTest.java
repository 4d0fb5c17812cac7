package dev.kubewizard.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CidrTest {
    private static Ipv4 ip(String s) {
        return Ipv4.parse(s);
    }

    @Test
    void parsesOnlyStrictDottedQuads() {
        assertEquals("192.168.1.101", ip("192.168.1.101").toString());
        assertEquals("0.0.0.0", ip("0.0.0.0").toString());
        assertEquals("255.255.255.255", ip("255.255.255.255").toString());
        for (String bad : new String[] {null, "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", " 1.2.3.4", "1.2.3.4 ",
            "1..3.4", "a.b.c.d", "1.2.3.4/24", "١.٢.٣.٤"}) {
            assertNull(ip(bad), bad);
        }
        assertEquals("1.2.3.4", Ipv4.parseLenient(" 001.02.3.4 ").toString());
    }

    @Test
    void findsTheNetworkOfACidrWithHostBits() {
        Cidr c = Cidr.parse("10.244.1.0/16");
        assertTrue(c.hasHostBits());
        assertEquals("10.244.0.0/16", c.network().toString());
        assertFalse(Cidr.parse("10.244.0.0/16").hasHostBits());
        assertFalse(Cidr.parse("0.0.0.0/0").hasHostBits());
        assertTrue(Cidr.parse("0.0.0.1/0").hasHostBits());
        assertFalse(Cidr.parse("192.168.1.7/32").hasHostBits());
    }

    @Test
    void containsAndOverlapsAtTheEdges() {
        Cidr pods = Cidr.parse("10.244.0.0/16");
        assertTrue(pods.contains(ip("10.244.0.0")));
        assertTrue(pods.contains(ip("10.244.255.255")));
        assertFalse(pods.contains(ip("10.245.0.0")));
        assertFalse(pods.contains(ip("10.243.255.255")));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(ip("255.255.255.255")));
        assertTrue(Cidr.parse("10.96.0.0/12").overlaps(Cidr.parse("10.100.0.0/16")));
        assertTrue(Cidr.parse("10.100.0.0/16").overlaps(Cidr.parse("10.96.0.0/12")));
        assertFalse(Cidr.parse("10.96.0.0/12").overlaps(pods));
        assertTrue(Cidr.parse("192.168.1.7/32").overlaps(ip("192.168.1.200").slash24()));
    }

    @Test
    void rejectsWhatIsNoCidr() {
        for (String bad : new String[] {null, "", "10.0.0.0", "10.0.0.0/", "10.0.0.0/33", "10.0.0.0/08", "/8",
            "10.0.0/8", "10.0.0.0/8/8", "10.0.0.0 /8"}) {
            assertNull(Cidr.parse(bad), bad);
        }
    }
}

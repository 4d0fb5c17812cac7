package dev.kubewizard.run;

import static dev.kubewizard.run.TestRuns.LB;
import static dev.kubewizard.run.TestRuns.M1;
import static dev.kubewizard.run.TestRuns.M2;
import static dev.kubewizard.run.TestRuns.M3;
import static dev.kubewizard.run.TestRuns.N1;
import static dev.kubewizard.run.TestRuns.N2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.Severity;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterPreflightTest {
    private static final ClusterPlan PLAN = TestRuns.coursePlan();
    private static final Instant T = Instant.parse("2026-03-02T08:00:00Z");

    /** Six machines with distinct facts, all read within the same 200 ms. */
    private static Map<String, PreflightFacts> healthy() {
        Map<String, PreflightFacts> facts = new LinkedHashMap<>();
        int n = 1;
        for (String host : List.of(M1, M2, M3, N1, N2, LB)) {
            facts.put(host, facts(n++, T.toEpochMilli() + 100, T, T.plusMillis(200)));
        }
        return facts;
    }

    private static PreflightFacts facts(int n, long clock, Instant from, Instant to) {
        Map<String, String> v = new HashMap<>();
        v.put("KW_OS", "ubuntu 24.04");
        v.put("KW_CPUS", "2");
        v.put("KW_MEMORY_MB", "3911");
        v.put("KW_PRODUCT_UUID", "564d" + n + "a1b-0000-0000-0000-00000000000" + n);
        v.put("KW_MACS", "00:0c:29:00:00:0" + n + ",00:0c:29:00:01:0" + n);
        v.put("KW_CLOCK_EPOCH_MS", String.valueOf(clock));
        return new PreflightFacts(v, from, to);
    }

    private static PreflightFacts with(PreflightFacts f, String name, String value) {
        Map<String, String> v = new HashMap<>(f.values());
        v.put(name, value);
        return new PreflightFacts(v, f.earliest(), f.latest());
    }

    private static List<String> codes(List<ClusterFinding> findings) {
        return findings.stream().map(ClusterFinding::code).toList();
    }

    @Test
    void distinctMachinesWithCloseClocksPass() {
        assertEquals(List.of(), ClusterPreflight.check(PLAN, healthy()));
    }

    @Test
    void clonedVmsWithTheSameProductUuidAreAnErrorNamingBoth() {
        Map<String, PreflightFacts> facts = healthy();
        facts.put(N2, with(facts.get(N2), "KW_PRODUCT_UUID", facts.get(M2).get("KW_PRODUCT_UUID")));
        List<ClusterFinding> findings = ClusterPreflight.check(PLAN, facts);
        assertEquals(List.of("duplicate-product-uuid"), codes(findings));
        assertEquals(Severity.ERROR, findings.get(0).severity());
        assertEquals(List.of(M2, N2), findings.get(0).hosts());
        assertTrue(findings.get(0).message().zh().contains(M2 + ", " + N2));
    }

    @Test
    void aSharedMacAddressIsAnErrorEvenAmongSeveralCards() {
        Map<String, PreflightFacts> facts = healthy();
        facts.put(M3, with(facts.get(M3), "KW_MACS", "00:0C:29:00:01:01,00:0c:29:aa:bb:cc"));
        List<ClusterFinding> findings = ClusterPreflight.check(PLAN, facts);
        assertEquals(List.of("duplicate-mac"), codes(findings));
        assertEquals(List.of(M1, M3), findings.get(0).hosts());
        assertTrue(findings.get(0).message().en().contains("00:0c:29:00:01:01"));
    }

    @Test
    void unknownUuidsAndMachinesWithoutCardsAreNotComparedAsDuplicates() {
        Map<String, PreflightFacts> facts = healthy();
        facts.put(N1, with(with(facts.get(N1), "KW_PRODUCT_UUID", "unknown"), "KW_MACS", "none"));
        facts.put(N2, with(with(facts.get(N2), "KW_PRODUCT_UUID", "unknown"), "KW_MACS", "none"));
        assertEquals(List.of(), ClusterPreflight.check(PLAN, facts));
    }

    @Test
    void aClockTenSecondsAheadIsAnError() {
        Map<String, PreflightFacts> facts = healthy();
        facts.put(N1, facts(4, T.toEpochMilli() + 10_100, T, T.plusMillis(200)));
        List<ClusterFinding> findings = ClusterPreflight.check(PLAN, facts);
        assertEquals(List.of("clock-skew"), codes(findings));
        assertEquals(N1, findings.get(0).hosts().get(0));
        assertTrue(findings.get(0).message().en().contains("at least 9.8 seconds"), findings.get(0).message().en());
    }

    @Test
    void clockDifferencesExplainedBySlowCollectionAreNotAnError() {
        // N1's facts arrived over 20 s (a slow mirror probe): its clock may have been read any time in that window.
        Map<String, PreflightFacts> facts = healthy();
        facts.put(N1, facts(4, T.toEpochMilli() + 15_000, T, T.plusSeconds(20)));
        assertEquals(List.of(), ClusterPreflight.check(PLAN, facts));
    }

    @Test
    void tooFewCpusOrTooLittleMemoryOnANodeAreErrorsButNotOnTheLoadBalancer() {
        Map<String, PreflightFacts> facts = healthy();
        facts.put(N2, with(with(facts.get(N2), "KW_CPUS", "1"), "KW_MEMORY_MB", "1024"));
        facts.put(LB, with(with(facts.get(LB), "KW_CPUS", "1"), "KW_MEMORY_MB", "512"));
        List<ClusterFinding> findings = ClusterPreflight.check(PLAN, facts);
        assertEquals(List.of("too-few-cpus", "too-little-memory"), codes(findings));
        assertTrue(findings.stream().allMatch(f -> f.hosts().equals(List.of(N2))));
        assertTrue(findings.get(1).message().zh().contains("1024 MB"), findings.get(1).message().zh());
        assertTrue(findings.get(1).message().en().contains("1700 MB"), findings.get(1).message().en());
    }

    @Test
    void mixedReleasesAreAWarningAndMissingFactsAreNamed() {
        Map<String, PreflightFacts> facts = healthy();
        facts.put(N2, with(facts.get(N2), "KW_OS", "ubuntu 22.04"));
        facts.remove(LB);
        List<ClusterFinding> findings = ClusterPreflight.check(PLAN, facts);
        assertEquals(List.of("facts-missing", "mixed-os"), codes(findings));
        assertTrue(findings.stream().allMatch(f -> f.severity() == Severity.WARNING));
        assertEquals(List.of(LB), findings.get(0).hosts());
    }

    @Test
    void anUnsupportedReleaseIsAnError() {
        Map<String, PreflightFacts> facts = healthy();
        facts.put(M1, with(facts.get(M1), "KW_OS", "debian 12"));
        List<ClusterFinding> findings = ClusterPreflight.check(PLAN, facts);
        assertTrue(codes(findings).contains("unsupported-os"));
        assertEquals(Severity.ERROR, findings.get(0).severity());
    }
}

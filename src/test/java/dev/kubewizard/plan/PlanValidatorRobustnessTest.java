package dev.kubewizard.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanValidatorRobustnessTest {
    private static final int ROUNDS = 4000;
    /** Every path a violation may carry: a field of the plan file, as the wizard decorates it. */
    private static final Pattern PATH = Pattern.compile(
            "|cluster(\\.(name|kubernetesVersion|podSubnet|serviceSubnet|endpoint(\\.(host|vip|port))?))?"
                    + "|loadBalancer\\.(interface|host(\\.(hostname|address|user|port))?)"
                    + "|nodes(\\[\\d+]\\.(hostname|address|role|user|port))?"
                    + "|ssh\\.(user|port|privateKeyFile)"
                    + "|mirrors(\\.(ubuntu|dockerCe|kubernetes|imageRepository|ntp\\[\\d+]"
                    + "|registryMirrors\\..*))?"
                    + "|harbor\\.(host|scheme|username|testImage)"
                    + "|cni\\.calico(\\.(version|manifest|imageRegistry))?", Pattern.DOTALL);

    @TempDir
    Path planDir;

    /** Any value may appear inside a message here, so only the frame is checked: both languages, a known key. */
    private static void assertWellFormed(Violation v) {
        assertTrue(v.key().startsWith("plan.check."), v.key());
        assertFalse(v.message().zh().isBlank() || v.message().en().isBlank(), v::toString);
        assertTrue(v.message().zh().codePoints()
                .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN), v::toString);
        assertFalse(v.message().zh().equals(v.message().en()), v::toString);
    }

    @Test
    void randomlyBrokenPlansGiveViolationsAndNeverThrow() {
        PlanMutator mutator = new PlanMutator(20240611L);
        ClusterPlan course = PlanYaml.courseExample();
        int withErrors = 0;
        for (int round = 0; round < ROUNDS; round++) {
            ClusterPlan plan = mutator.mutate(course);
            List<Violation> found;
            try {
                found = PlanValidator.validate(plan, planDir);
            } catch (RuntimeException e) {
                throw new AssertionError("round " + round + " threw on " + plan, e);
            }
            for (Violation v : found) {
                assertNotNull(v.severity());
                assertTrue(PATH.matcher(v.path()).matches(), () -> "unexpected path " + v.path() + " for " + v.key());
                assertWellFormed(v);
            }
            assertEquals(found, PlanValidator.validate(plan, planDir), "validation is a pure function");
            if (PlanValidator.hasErrors(found)) {
                withErrors++;
            }
        }
        // the mutations must really break plans, or this test proves nothing
        assertTrue(withErrors > ROUNDS / 2, "only " + withErrors + " of " + ROUNDS + " mutated plans had errors");
    }

    @Test
    void plansWithOnlyOddValuesInEveryStringFieldNeverThrow() {
        PlanMutator mutator = new PlanMutator(7L);
        for (String odd : PlanMutator.ODD_STRINGS) {
            ClusterPlan plan = new ClusterPlan(odd,
                    new Cluster(odd, odd, odd, odd, new Endpoint(odd, odd, -1)),
                    new LoadBalancer(LbMode.EXTERNAL, new LbHost(odd, odd, odd, 0), odd),
                    List.of(new Node(odd, odd, Role.MASTER, odd, 99999), new Node(odd, odd, null)),
                    new Ssh(odd, Integer.MIN_VALUE, SshAuth.KEY, odd),
                    new Mirrors(odd, odd, odd, odd, java.util.Collections.singletonMap(odd,
                            java.util.Arrays.asList(odd, null)), java.util.Arrays.asList(odd, null)),
                    new Harbor(odd, odd, null, odd, odd, true),
                    new Cni(new Calico(odd, odd, odd)));
            try {
                List<Violation> found = PlanValidator.validate(plan, planDir);
                assertFalse(found.isEmpty());
                found.forEach(PlanValidatorRobustnessTest::assertWellFormed);
            } catch (RuntimeException e) {
                fail("threw on \"" + odd + "\" (" + mutator.getClass().getSimpleName() + ")", e);
            }
        }
    }
}

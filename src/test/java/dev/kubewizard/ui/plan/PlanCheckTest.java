package dev.kubewizard.ui.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.plan.Severity;
import dev.kubewizard.plan.Violation;
import dev.kubewizard.text.Text;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanCheckTest {
    private static Violation v(String path, Severity s) {
        return new Violation(path, s, "k", Text.of("zh", "en"));
    }

    @Test
    void aFieldHoldsWhatIsInsideItButNotALongerNameThatStartsTheSame() {
        PlanCheck check = new PlanCheck(List.of(v("nodes[1].address", Severity.ERROR),
                v("nodes[10].hostname", Severity.ERROR), v("nodes", Severity.WARNING)));
        assertEquals(1, check.under("nodes[1]").size());
        assertEquals(3, check.under("nodes").size());
        assertEquals(1, check.at("nodes").size());
        assertFalse(PlanCheck.isUnder("nodesX", "nodes"));
        assertTrue(PlanCheck.isUnder("mirrors.ntp[0]", "mirrors.ntp"));
    }

    @Test
    void onlyErrorsBlockAPage() {
        PlanCheck check = new PlanCheck(List.of(v("nodes", Severity.WARNING), v("mirrors.ubuntu", Severity.ERROR)));
        assertFalse(check.hasErrorsUnder(List.of("nodes")));
        assertTrue(check.hasErrorsUnder(List.of("nodes", "mirrors")));
        assertEquals(1, check.warnings().size());
        assertEquals(1, check.errors().size());
    }
}

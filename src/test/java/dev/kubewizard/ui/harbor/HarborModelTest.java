package dev.kubewizard.ui.harbor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.ui.plan.PlanDraft;
import dev.kubewizard.ui.plan.RunSecrets;
import org.junit.jupiter.api.Test;

class HarborModelTest {
    private final PlanDraft draft = new PlanDraft();
    private final RunSecrets secrets = new RunSecrets();
    private final HarborModel model = new HarborModel(draft, secrets);

    @Test
    void turningHarborOffRemovesItFromThePlanAndOnAgainKeepsTheFields() {
        draft.load(PlanYaml.courseExample(), null);
        model.setEnabled(false);
        assertNull(draft.toPlan().harbor());
        assertTrue(model.validProperty().get());
        model.setEnabled(true);
        assertEquals("harbor.labworlds.cc", draft.toPlan().harbor().host());
    }

    @Test
    void aHostWithASchemeIsShownAsAMistake() {
        draft.load(PlanYaml.courseExample(), null);
        draft.harborHostProperty().set("http://harbor.labworlds.cc");
        assertFalse(model.validProperty().get());
        assertFalse(draft.check().at("harbor.host").isEmpty());
    }

    @Test
    void httpsAndSkipVerifyReachThePlan() {
        draft.load(PlanYaml.courseExample(), null);
        draft.harborHttpsProperty().set(true);
        draft.harborSkipVerifyProperty().set(false);
        assertEquals("https", draft.toPlan().harbor().scheme());
        assertFalse(draft.toPlan().harbor().skipVerifyOrDefault());
    }

    @Test
    void thePasswordNeverReachesThePlanFile() {
        draft.load(PlanYaml.courseExample(), null);
        model.passwordProperty().set("Harbor12345-secret");
        assertFalse(PlanYaml.toYaml(draft.toPlan()).contains("Harbor12345-secret"));
        assertEquals("Harbor12345-secret", secrets.harborPasswordProperty().get());
        assertFalse(secrets.toString().contains("secret-"));
    }

    @Test
    void enablingOnANewPlanSuggestsTheCourseUser() {
        draft.load(PlanYaml.courseExample(), null);
        draft.harborEnabledProperty().set(false);
        draft.harborUserProperty().set("");
        model.setEnabled(true);
        assertEquals("admin", draft.harborUserProperty().get());
    }
}

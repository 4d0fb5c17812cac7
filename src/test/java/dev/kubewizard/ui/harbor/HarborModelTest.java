package dev.kubewizard.ui.harbor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.ui.BackgroundWork;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import dev.kubewizard.ui.plan.PlanDraft;
import dev.kubewizard.ui.plan.RunSecrets;
import org.junit.jupiter.api.Test;

class HarborModelTest {
    private final PlanDraft draft = new PlanDraft();
    private final RunSecrets secrets = new RunSecrets();
    private final BackgroundWork work = new BackgroundWork("test", 1, Runnable::run);
    private final HarborModel model = new HarborModel(draft, secrets, work, new HarborLogin(3000));

    @AfterEach
    void stop() {
        work.close();
    }

    @Test
    void testLoginTellsARightPasswordFromAWrongOneAndFromAWrongAddress() throws Exception {
        HttpServer harbor = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String expected = "Basic " + Base64.getEncoder().encodeToString("admin:Harbor12345".getBytes(
                StandardCharsets.UTF_8));
        harbor.createContext("/api/v2.0/users/current", exchange -> {
            boolean ok = expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (ok ? "{\"username\":\"admin\"}" : "{}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(ok ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        harbor.start();
        try {
            draft.load(PlanYaml.courseExample(), null);
            draft.harborHostProperty().set("127.0.0.1:" + harbor.getAddress().getPort());
            draft.harborTestImageProperty().set("127.0.0.1:" + harbor.getAddress().getPort() + "/library/x:1");
            assertFalse(model.canTestLoginProperty().get(), "no password yet");
            model.passwordProperty().set("wrong");
            assertTrue(model.canTestLoginProperty().get());
            model.testLogin();
            awaitEndOfTest();
            assertEquals(HarborLogin.Outcome.WRONG_CREDENTIALS, model.loginResultProperty().get().outcome());

            model.passwordProperty().set("Harbor12345");
            assertNull(model.loginResultProperty().get(), "a changed password forgets the old verdict");
            model.testLogin();
            awaitEndOfTest();
            assertEquals(HarborLogin.Outcome.LOGGED_IN, model.loginResultProperty().get().outcome());
        } finally {
            harbor.stop(0);
        }
        model.testLogin();
        awaitEndOfTest();
        assertEquals(HarborLogin.Outcome.UNREACHABLE, model.loginResultProperty().get().outcome());
    }

    private void awaitEndOfTest() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while ((model.testingProperty().get() || model.loginResultProperty().get() == null)
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

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

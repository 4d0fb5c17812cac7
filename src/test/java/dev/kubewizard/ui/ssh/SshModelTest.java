package dev.kubewizard.ui.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.plan.SshAuth;
import dev.kubewizard.ui.plan.PlanDraft;
import dev.kubewizard.ui.plan.RunSecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshModelTest {
    @TempDir
    Path dir;

    private final PlanDraft draft = new PlanDraft();
    private final RunSecrets secrets = new RunSecrets();
    private final SshModel model = new SshModel(draft, secrets);

    @Test
    void aNodeLoggingInAsAnotherUserThanRootNeedsTheSudoPassword() {
        draft.load(PlanYaml.courseExample(), null);
        assertFalse(model.needsSudoProperty().get());
        draft.nodes().get(4).userProperty().set("ubuntu");
        assertTrue(model.needsSudoProperty().get());
        assertEquals("ubuntu", model.hostsProperty().get().get(4).sshUser());
    }

    @Test
    void thePasswordsAnInstallNeedsAreTrackedWithoutBlockingTheReview() {
        draft.load(PlanYaml.courseExample(), null);
        assertTrue(model.validProperty().get(), "reviewing needs no password");
        assertFalse(model.secretsCompleteProperty().get());
        model.passwordProperty().set("pw");
        assertTrue(model.secretsCompleteProperty().get());
        draft.sshUserProperty().set("teacher");
        assertFalse(model.secretsCompleteProperty().get(), "now sudo needs its password too");
        model.sudoPasswordProperty().set("pw");
        assertTrue(model.secretsCompleteProperty().get());
    }

    @Test
    void aKeyFileThatDoesNotExistBlocksThePage() throws Exception {
        draft.load(PlanYaml.courseExample(), null);
        model.useKeyFile(dir.resolve("id_ed25519"));
        assertEquals(SshAuth.KEY, draft.toPlan().ssh().auth());
        assertFalse(model.validProperty().get());
        Files.writeString(dir.resolve("id_ed25519"), "key");
        draft.recheck();
        assertTrue(model.validProperty().get(), () -> draft.check().violations().toString());
        assertTrue(model.secretsCompleteProperty().get(), "a key needs no SSH password");
        model.usePassword();
        assertEquals(SshAuth.PASSWORD, draft.toPlan().ssh().auth());
    }

    @Test
    void testingConnectionsWaitsForTheSshLayer() {
        assertFalse(model.connectionTestAvailable());
    }
}

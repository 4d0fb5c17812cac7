package dev.kubewizard.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SwapOffTest {
    @TempDir
    Path tmp;

    @Test
    void everyActiveSwapLineIsCommentedAndNothingElseChanges() {
        String out = PrepFixtures.bashOk(SwapOff.FSTAB_FUNCTION + "prep_fstab_without_swap\n",
                PrepFixtures.text("fstab-noble"));
        assertEquals(PrepFixtures.text("fstab-noble")
                .replace("\n/swap.img\t", "\n#/swap.img\t")
                .replace("\nUUID=0d0e5b7c-aaaa-bbbb-cccc-1234567890ab none swap",
                        "\n#UUID=0d0e5b7c-aaaa-bbbb-cccc-1234567890ab none swap"), out);
        assertTrue(out.contains("\n#/old-swap none swap"), "an already commented line is not commented twice");
    }

    @Test
    void commentingTwiceChangesNothing() {
        String once = PrepFixtures.bashOk(SwapOff.FSTAB_FUNCTION + "prep_fstab_without_swap\n",
                PrepFixtures.text("fstab-noble"));
        assertEquals(once, PrepFixtures.bashOk(SwapOff.FSTAB_FUNCTION + "prep_fstab_without_swap\n", once));
    }

    @Test
    void theCheckSeesAnUncommentedSwapEntry() throws Exception {
        Path fstab = tmp.resolve("fstab");
        Files.writeString(fstab, PrepFixtures.text("fstab-noble"), StandardCharsets.UTF_8);
        assertEquals(0, PrepFixtures.bash(SwapOff.HAS_SWAP_FUNCTION + "prep_fstab_has_swap " + fstab, "")
                .exitCode());
        Files.writeString(fstab, PrepFixtures.bashOk(SwapOff.FSTAB_FUNCTION + "prep_fstab_without_swap\n",
                PrepFixtures.text("fstab-noble")), StandardCharsets.UTF_8);
        assertEquals(1, PrepFixtures.bash(SwapOff.HAS_SWAP_FUNCTION + "prep_fstab_has_swap " + fstab, "")
                .exitCode());
    }

    @Test
    void theCheckAlsoRequiresNoActiveSwap() {
        Step step = SwapOff.step(dev.kubewizard.plan.PlanYaml.courseExample().host("k8s-master1"));
        assertTrue(step.check().contains("[ -z \"$(swapon --show --noheadings)\" ]"));
        assertTrue(step.script().contains("swapoff -a"));
    }
}

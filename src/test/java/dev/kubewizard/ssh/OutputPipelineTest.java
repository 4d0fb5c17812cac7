package dev.kubewizard.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What happens to raw output before any listener sees it. */
class OutputPipelineTest {
    @Test
    void aSecretSplitAcrossTwoNetworkChunksIsStillMasked() {
        SecretMasker masker = new SecretMasker();
        masker.add("Harbor12345");
        TestShells.Lines lines = new TestShells.Lines();
        OutputPipeline pipeline = new OutputPipeline(masker, lines, Set.of(), Set.of());
        LineSplitter splitter = new LineSplitter((t, cut) -> pipeline.line(OutputLine.Source.STDOUT, t, cut));
        byte[] first = "docker login -p Harb".getBytes(StandardCharsets.UTF_8);
        byte[] second = "or12345 harbor\n".getBytes(StandardCharsets.UTF_8);
        splitter.feed(first, 0, first.length);
        splitter.feed(second, 0, second.length);
        assertEquals(List.of("docker login -p ****** harbor"), lines.texts(OutputLine.Source.STDOUT));
    }

    @Test
    void aSecretOutputIsCollectedAndMaskedBeforeItsOwnLineIsShown() {
        SecretMasker masker = new SecretMasker();
        TestShells.Lines lines = new TestShells.Lines();
        OutputPipeline pipeline = new OutputPipeline(masker, lines, Set.of("KW_JOIN_TOKEN", "KW_IFACE"),
                Set.of("KW_JOIN_TOKEN"));
        pipeline.line(OutputLine.Source.STDOUT, "::kubewizard-output KW_JOIN_TOKEN=abcdef.0123456789abcdef", false);
        pipeline.line(OutputLine.Source.STDOUT, "::kubewizard-output KW_IFACE=eth0", false);
        pipeline.line(OutputLine.Source.STDOUT, "kubeadm join --token abcdef.0123456789abcdef", false);
        pipeline.line(OutputLine.Source.STDOUT, "::kubewizard-output KW_OTHER=x", false);
        assertEquals(Map.of("KW_JOIN_TOKEN", "abcdef.0123456789abcdef", "KW_IFACE", "eth0"), pipeline.collected());
        assertEquals(List.of("[output] KW_JOIN_TOKEN=******", "[output] KW_IFACE=eth0",
                "kubeadm join --token ******", "::kubewizard-output KW_OTHER=x"), lines.texts(OutputLine.Source.STDOUT));
        assertFalse(String.join("\n", pipeline.lastLines()).contains("abcdef.0123"));
    }

    @Test
    void theProcessGroupMarkerIsTakenOutOnlyOnStderr() throws InterruptedException {
        TestShells.Lines lines = new TestShells.Lines();
        OutputPipeline pipeline = new OutputPipeline(new SecretMasker(), lines, Set.of(), Set.of());
        pipeline.line(OutputLine.Source.STDOUT, "::kubewizard-pgid 99", false);
        pipeline.line(OutputLine.Source.STDERR, "sudo: unable to resolve host k8s-master1", false);
        pipeline.line(OutputLine.Source.STDERR, "::kubewizard-pgid 4242", false);
        pipeline.line(OutputLine.Source.STDERR, "::kubewizard-pgid 77", false);
        assertEquals(4242, pipeline.awaitProcessGroup(10));
        assertEquals(List.of("::kubewizard-pgid 99"), lines.texts(OutputLine.Source.STDOUT));
        assertEquals(List.of("sudo: unable to resolve host k8s-master1", "::kubewizard-pgid 77"),
                lines.texts(OutputLine.Source.STDERR));
    }

    @Test
    void keepsOnlyTheLastLinesAndSurvivesAFailingListener() {
        OutputPipeline pipeline = new OutputPipeline(new SecretMasker(), line -> {
            throw new IllegalStateException("listener bug");
        }, Set.of(), Set.of());
        for (int i = 0; i < 100; i++) {
            pipeline.line(OutputLine.Source.STDOUT, "line " + i, false);
        }
        List<String> last = pipeline.lastLines();
        assertEquals(OutputPipeline.LAST_LINES, last.size());
        assertEquals("line 99", last.get(last.size() - 1));
        assertTrue(last.get(0).startsWith("line 7"));
    }
}

package dev.kubewizard.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineSplitterTest {
    private final List<String> lines = new ArrayList<>();
    private final List<Boolean> cuts = new ArrayList<>();

    private LineSplitter splitter(int max) {
        return new LineSplitter((text, cut) -> {
            lines.add(text);
            cuts.add(cut);
        }, max);
    }

    private static void feed(LineSplitter s, byte[] bytes, int... chunkEnds) {
        int start = 0;
        for (int end : chunkEnds) {
            s.feed(bytes, start, end - start);
            start = end;
        }
        s.feed(bytes, start, bytes.length - start);
    }

    @Test
    void utf8CharactersSplitAcrossChunksAreDecodedWhole() {
        byte[] bytes = "初始化集群\n第二行\n".getBytes(StandardCharsets.UTF_8);
        LineSplitter s = splitter(LineSplitter.DEFAULT_MAX_LINE_BYTES);
        for (byte b : bytes) {
            s.feed(new byte[] {b}, 0, 1);
        }
        s.finish();
        assertEquals(List.of("初始化集群", "第二行"), lines);
    }

    @Test
    void anyChunkingGivesTheSameLines() {
        byte[] bytes = "a\r\nb\n\nprogress 1%\rprogress 2%\r\n最后".getBytes(StandardCharsets.UTF_8);
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            lines.clear();
            LineSplitter s = splitter(LineSplitter.DEFAULT_MAX_LINE_BYTES);
            int i = 0;
            while (i < bytes.length) {
                int n = 1 + random.nextInt(4);
                n = Math.min(n, bytes.length - i);
                s.feed(bytes, i, n);
                i += n;
            }
            s.finish();
            assertEquals(List.of("a", "b", "", "progress 1%", "progress 2%", "最后"), lines);
        }
    }

    @Test
    void crlfSplitBetweenChunksIsStillOneLineEnd() {
        LineSplitter s = splitter(100);
        feed(s, "one\r\ntwo\r\n".getBytes(StandardCharsets.UTF_8), 4);
        s.finish();
        assertEquals(List.of("one", "two"), lines);
    }

    @Test
    void redrawsWithoutTextMakeNoBlankLinesButRealBlankLinesStay() {
        LineSplitter s = splitter(100);
        feed(s, "\r\r50%\r\r\n\nend\n".getBytes(StandardCharsets.UTF_8));
        s.finish();
        assertEquals(List.of("50%", "", "end"), lines);
    }

    @Test
    void aLastLineWithoutLineEndIsDeliveredAtTheEnd() {
        LineSplitter s = splitter(100);
        feed(s, "done".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), lines);
        s.finish();
        assertEquals(List.of("done"), lines);
    }

    @Test
    void anOverlongLineIsCutAndMarkedAndTheNextLineIsWhole() {
        LineSplitter s = splitter(8);
        feed(s, "0123456789abcdef\nshort\n".getBytes(StandardCharsets.UTF_8), 3, 10);
        s.finish();
        assertEquals(List.of("01234567", "short"), lines);
        assertEquals(List.of(true, false), cuts);
    }
}

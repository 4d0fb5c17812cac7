package dev.kubewizard.ui.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What a console keeps while its lines wait for a frame, and how much a frame shows of them. */
class ConsoleBacklogTest {
    private static List<ConsoleLine> lines(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> new ConsoleLine(ConsoleLine.Kind.STDOUT, "line " + i)).toList();
    }

    private static List<String> texts(List<ConsoleLine> lines) {
        return lines.stream().map(ConsoleLine::text).toList();
    }

    @Test
    void linesComeOutOldestFirstInSlicesOfAtMostTheSizeAskedFor() {
        ConsoleBacklog backlog = new ConsoleBacklog(100);
        backlog.add(lines(0, 5));
        backlog.add(lines(5, 12));
        assertEquals(texts(lines(0, 8)), texts(backlog.take(8)));
        assertEquals(texts(lines(8, 12)), texts(backlog.take(8)), "what is left, not more");
        assertTrue(backlog.take(8).isEmpty());
        assertTrue(backlog.isEmpty());
    }

    @Test
    void aTabNobodyOpensKeepsOnlyTheNewestLinesUpToTheConsolesCap() {
        ConsoleBacklog backlog = new ConsoleBacklog(5_000);
        for (int i = 0; i < 120_000; i += 400) {
            backlog.add(lines(i, i + 400));
        }
        assertEquals(5_000, backlog.size());
        assertEquals(115_000, backlog.skipped());
        List<ConsoleLine> all = backlog.take(Integer.MAX_VALUE);
        assertEquals("line 115000", all.get(0).text());
        assertEquals("line 119999", all.get(all.size() - 1).text());
    }

    @Test
    void theLinesLeftOutAreCountedOnceForTheNoteWhereTheyWouldHaveBeen() {
        ConsoleBacklog backlog = new ConsoleBacklog(10);
        backlog.add(lines(0, 25));
        assertEquals(15, backlog.takeSkipped());
        assertEquals(0, backlog.takeSkipped(), "said once");
        assertEquals("line 15", backlog.take(1).get(0).text(), "the note goes before the oldest line kept");
        backlog.add(lines(25, 30));
        assertEquals(4, backlog.takeSkipped());
        assertEquals(19, backlog.skipped(), "the total stays");
    }

    @Test
    void aConsoleThatShowsASliceEveryOtherFrameKeepsUpWithTwoThousandLinesASecond() {
        // The page's timing: the model hands over a batch every 200 ms, the console shows a slice every 200 ms.
        ConsoleBacklog backlog = new ConsoleBacklog(5_000);
        List<ConsoleLine> shown = new ArrayList<>();
        int slices = 0;
        for (int tick = 0; tick < 5 * 60; tick++) {
            backlog.add(lines(tick * 400, tick * 400 + 400));
            shown.addAll(backlog.take(ConsoleBacklog.sliceSize(slices++, InstallPage.CONSOLE_SLICE, backlog.size())));
        }
        assertEquals(0, backlog.skipped(), "nothing left out");
        assertTrue(backlog.size() <= 400, "at most one batch behind once warmed up: " + backlog.size());
        assertEquals(texts(lines(0, shown.size())), texts(shown), "every line, in order");
    }

    @Test
    void theProgramsFirstSlicesAreSmallAndGrowToTheLimit() {
        List<Integer> sizes = IntStream.range(0, 9).mapToObj(i -> ConsoleBacklog.sliceSize(i, 500, 400)).toList();
        assertEquals(List.of(8, 16, 32, 64, 128, 256, 500, 500, 500), sizes);
        assertEquals(500, ConsoleBacklog.sliceSize(40, 500, 0), "no overflow far on");
        assertEquals(3, ConsoleBacklog.sliceSize(0, 3, 4));
    }

    @Test
    void aTabOpenedDuringAFloodCatchesUpAtOnce() {
        // Opened with a full backlog while 400 lines come every 200 ms; a slice every 200 ms.
        ConsoleBacklog backlog = new ConsoleBacklog(5_000);
        backlog.add(lines(0, 5_000));
        List<ConsoleLine> first = backlog.take(ConsoleBacklog.sliceSize(100, 500, backlog.size()));
        assertEquals(4_500, first.size());
        assertEquals(500, backlog.size(), "one ordinary slice behind");
        for (int tick = 0; tick < 10; tick++) {
            backlog.add(lines(5_000 + tick * 400, 5_400 + tick * 400));
            backlog.take(ConsoleBacklog.sliceSize(101 + tick, 500, backlog.size()));
            assertTrue(backlog.size() <= 500, "never more than a slice behind: " + backlog.size());
        }
        assertEquals(0, backlog.size(), "and then up to date");
        assertEquals(0, backlog.skipped());
    }
}

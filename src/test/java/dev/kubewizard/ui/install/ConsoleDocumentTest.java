package dev.kubewizard.ui.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Collection;
import java.util.List;
import org.fxmisc.richtext.model.ReadOnlyStyledDocument;
import org.fxmisc.richtext.model.SimpleEditableStyledDocument;
import org.junit.jupiter.api.Test;

/** A console slice as the single styled edit that goes into the console's area (the document model, no scene). */
class ConsoleDocumentTest {
    private final SimpleEditableStyledDocument<Collection<String>, Collection<String>> area =
            new SimpleEditableStyledDocument<>(List.of(), List.of(), ConsoleDocument.OPS);

    private void append(List<ConsoleLine> slice, boolean afterText) {
        area.replace(area.length(), area.length(), ConsoleDocument.of(slice, afterText));
    }

    private Collection<String> styleAt(String text) {
        int at = area.getText().indexOf(text);
        return area.getStyleAtPosition(at + 1);
    }

    @Test
    void eachLineIsOneParagraphAndASecondSliceStartsOnANewLine() {
        append(List.of(new ConsoleLine(ConsoleLine.Kind.HEADER, "准备节点"),
                new ConsoleLine(ConsoleLine.Kind.WHY, "kubelet needs swap off"),
                new ConsoleLine(ConsoleLine.Kind.STDOUT, "Reading package lists...")), false);
        append(List.of(new ConsoleLine(ConsoleLine.Kind.STDERR, "W: no Release file"),
                new ConsoleLine(ConsoleLine.Kind.STDOUT, "")), true);
        append(List.of(new ConsoleLine(ConsoleLine.Kind.NOTE, "after an empty line")), true);
        assertEquals("── 准备节点 ──\nkubelet needs swap off\nReading package lists...\nW: no Release file\n\n"
                + "after an empty line", area.getText());
        assertEquals(6, area.getParagraphs().size());
    }

    @Test
    void eachKindOfLineHasItsStyleClass() {
        append(List.of(new ConsoleLine(ConsoleLine.Kind.HEADER, "init"),
                new ConsoleLine(ConsoleLine.Kind.WHY, "why"),
                new ConsoleLine(ConsoleLine.Kind.STDERR, "stderr"),
                new ConsoleLine(ConsoleLine.Kind.NOTE, "note"),
                new ConsoleLine(ConsoleLine.Kind.DROPPED, "dropped"),
                new ConsoleLine(ConsoleLine.Kind.STDOUT, "stdout")), false);
        assertEquals(List.of("console-header"), List.copyOf(styleAt("init")));
        assertEquals(List.of("console-why"), List.copyOf(styleAt("why")));
        assertEquals(List.of("console-stderr"), List.copyOf(styleAt("stderr")));
        assertEquals(List.of("console-note"), List.copyOf(styleAt("note")));
        assertEquals(List.of("console-dropped"), List.copyOf(styleAt("dropped")));
        assertEquals(List.of(), List.copyOf(styleAt("stdout")));
    }

    @Test
    void terminalColoursBecomeClassesAndOtherEscapesAreDropped() {
        append(List.of(new ConsoleLine(ConsoleLine.Kind.STDOUT, "\u001B[32mGet:1\u001B[0m http://mirror noble"),
                new ConsoleLine(ConsoleLine.Kind.STDERR, "\u001B[31mE:\u001B[0m broken\u001B[2K")), false);
        assertEquals("Get:1 http://mirror noble\nE: broken", area.getText());
        assertEquals(List.of("ansi-green"), List.copyOf(styleAt("Get:1")));
        assertEquals(List.of(), List.copyOf(styleAt("http")));
        assertEquals(List.of("console-stderr"), List.copyOf(styleAt("broken")), "stderr is red as a whole");
    }

    @Test
    void aSliceOfFiveHundredLinesIsOneEdit() {
        List<ConsoleLine> slice = java.util.stream.IntStream.range(0, 500)
                .mapToObj(i -> new ConsoleLine(ConsoleLine.Kind.STDOUT, "Unpacking package-" + i)).toList();
        int[] edits = {0};
        area.richChanges().subscribe(c -> edits[0]++);
        append(slice, false);
        assertEquals(1, edits[0]);
        assertEquals(500, area.getParagraphs().size());
        ReadOnlyStyledDocument<Collection<String>, String, Collection<String>> next =
                ConsoleDocument.of(slice.subList(0, 2), true);
        assertEquals("\nUnpacking package-0\nUnpacking package-1", next.getText());
    }

    @Test
    void anEmptySliceIsAMistake() {
        assertThrows(IllegalArgumentException.class, () -> ConsoleDocument.of(List.of(), true));
    }
}

package dev.kubewizard.ui.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnsiTextTest {
    @Test
    void aPlainLineIsOneRunWithoutStyle() {
        assertEquals(List.of(new AnsiText.Span("Reading package lists...", List.of())),
                AnsiText.spans("Reading package lists..."));
        assertTrue(AnsiText.plain("tab\tis fine"));
    }

    @Test
    void colourAndBoldBecomeStyleClassesAndResetEndsThem() {
        List<AnsiText.Span> spans = AnsiText.spans("\u001B[1;31mE:\u001B[0m Unable to locate package \u001B[92mkubelet");
        assertEquals(List.of(new AnsiText.Span("E:", List.of("ansi-red", "ansi-bold")),
                new AnsiText.Span(" Unable to locate package ", List.of()),
                new AnsiText.Span("kubelet", List.of("ansi-green"))), spans);
    }

    @Test
    void cursorMovesAndControlCharactersAreDropped() {
        assertEquals("Progress: [ 40%]", AnsiText.strip("\u001B[2K\rProgress: [ 40%]\u001B[1A"));
        assertEquals("bell", AnsiText.strip("be\u0007ll"));
    }
}

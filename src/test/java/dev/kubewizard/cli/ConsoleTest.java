package dev.kubewizard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleTest {
    private static final Charset GBK = Charset.forName("GBK");

    @Test
    void writesInTheCodePageOfAWindowsConsoleWindowSoChineseStaysReadable() {
        assertEquals(GBK, Console.outputCharset("Windows 11", GBK));
    }

    @Test
    void writesUtf8WhenWindowsOutputIsRedirectedToAFile() {
        assertEquals(StandardCharsets.UTF_8, Console.outputCharset("Windows 10", null));
    }

    @Test
    void writesUtf8OnLinuxAndMacWhateverTheTerminalLocaleSays() {
        assertEquals(StandardCharsets.UTF_8, Console.outputCharset("Linux", StandardCharsets.US_ASCII));
        assertEquals(StandardCharsets.UTF_8, Console.outputCharset("Mac OS X", null));
    }
}

package dev.kubewizard.ssh;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns a byte stream into UTF-8 lines as the bytes arrive, whatever chunks the network delivers them in.
 *
 * <p>Line ends: LF, CRLF, and a lone CR. A lone CR is what progress bars (curl, wget, some installers) print to
 * redraw a line; treating it as a line end shows each update live instead of holding everything until the final
 * newline, and never drops text (an error printed over a progress bar stays visible). A CR that ends nothing (an
 * empty line) is skipped, so redraws do not produce blank lines; an empty LF line is kept.
 *
 * <p>Lines are split on bytes: CR and LF never occur inside a UTF-8 multi-byte character, so characters split across
 * chunks are decoded whole. A line longer than {@code maxLineBytes} is cut there: the rest up to the next line end is
 * dropped and the line is marked as cut (the masker then also hides a secret that the cut may have split).
 */
final class LineSplitter {
    /** Receives complete lines. */
    interface Sink {
        void line(String text, boolean cut);
    }

    static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;

    private final Sink sink;
    private final int maxLineBytes;
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private boolean cut;
    private boolean afterCr;

    LineSplitter(Sink sink) {
        this(sink, DEFAULT_MAX_LINE_BYTES);
    }

    LineSplitter(Sink sink, int maxLineBytes) {
        this.sink = sink;
        this.maxLineBytes = maxLineBytes;
    }

    void feed(byte[] bytes, int offset, int length) {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (b == '\n' || b == '\r') {
                append(bytes, start, i - start);
                start = i + 1;
                if (b == '\n' && afterCr) {
                    afterCr = false;     // the LF of a CRLF: that line was already emitted
                    continue;
                }
                afterCr = b == '\r';
                if (b == '\n' || current.size() > 0 || cut) {
                    emit();
                }
            } else {
                afterCr = false;
            }
        }
        append(bytes, start, end - start);
    }

    /** End of stream: a last line without a line end is delivered too. */
    void finish() {
        if (current.size() > 0 || cut) {
            emit();
        }
    }

    private void append(byte[] bytes, int offset, int length) {
        if (length <= 0) {
            return;
        }
        afterCr = false;
        int room = maxLineBytes - current.size();
        if (length > room) {
            current.write(bytes, offset, Math.max(room, 0));
            cut = true;
        } else {
            current.write(bytes, offset, length);
        }
    }

    private void emit() {
        String text = current.toString(StandardCharsets.UTF_8);
        boolean wasCut = cut;
        current.reset();
        cut = false;
        sink.line(text, wasCut);
    }
}

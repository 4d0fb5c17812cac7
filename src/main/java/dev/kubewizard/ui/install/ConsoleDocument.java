package dev.kubewizard.ui.install;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.fxmisc.richtext.model.ReadOnlyStyledDocument;
import org.fxmisc.richtext.model.ReadOnlyStyledDocumentBuilder;
import org.fxmisc.richtext.model.SegmentOps;
import org.fxmisc.richtext.model.StyledSegment;
import org.fxmisc.richtext.model.TextOps;

/**
 * A slice of console lines as one styled document, ready to go into the console's area in a single edit (text and
 * styles together: appending the text and then styling it would be two edits, each re-making the paragraphs). A
 * header reads "── title ──"; stderr, notes and the course's "why" get their style class; terminal colours become
 * {@code ansi-*} classes and every other escape sequence is dropped. No scene nodes.
 */
final class ConsoleDocument {
    static final TextOps<String, Collection<String>> OPS = SegmentOps.styledTextOps();

    private ConsoleDocument() {
    }

    /**
     * @param afterText whether the area has text already: the slice then starts on a new line
     */
    static ReadOnlyStyledDocument<Collection<String>, String, Collection<String>> of(List<ConsoleLine> lines,
                                                                                     boolean afterText) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an empty slice");
        }
        ReadOnlyStyledDocumentBuilder<Collection<String>, String, Collection<String>> doc =
                new ReadOnlyStyledDocumentBuilder<>(OPS, List.of(), lines.size() + 1);
        if (afterText) {
            // The end of the area's last line: the first paragraph of the slice joins it, and stays empty.
            doc.addParagraph("", List.of());
        }
        for (ConsoleLine line : lines) {
            doc.addParagraph(segments(line));
        }
        return doc.build();
    }

    static List<StyledSegment<String, Collection<String>>> segments(ConsoleLine line) {
        if (line.kind() == ConsoleLine.Kind.STDOUT && !AnsiText.plain(line.text())) {
            List<AnsiText.Span> spans = AnsiText.spans(line.text());
            List<StyledSegment<String, Collection<String>>> segments = new ArrayList<>(spans.size());
            for (AnsiText.Span span : spans) {
                segments.add(new StyledSegment<>(span.text(), span.styles()));
            }
            return segments.isEmpty() ? List.of(new StyledSegment<>("", List.of())) : segments;
        }
        String t = line.kind() == ConsoleLine.Kind.HEADER ? "── " + AnsiText.strip(line.text()) + " ──"
                : AnsiText.strip(line.text());
        return List.of(new StyledSegment<>(t, style(line.kind())));
    }

    static List<String> style(ConsoleLine.Kind kind) {
        return switch (kind) {
            case HEADER -> List.of("console-header");
            case WHY -> List.of("console-why");
            case STDERR -> List.of("console-stderr");
            case NOTE -> List.of("console-note");
            case DROPPED -> List.of("console-dropped");
            case STDOUT -> List.of();
        };
    }
}

package dev.kubewizard.plan;

import dev.kubewizard.text.Text;

/**
 * A plan file that cannot be read: YAML syntax (with line and column), an unknown field (with its path), or a value of
 * the wrong kind. The message is meant for the user, never a stack trace.
 */
public final class PlanFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final String path;
    private final Text problem;

    public PlanFormatException(String source, int line, int column, String path, Text problem) {
        super(render(source, line, column, path, problem.en()));
        this.source = source;
        this.line = line;
        this.column = column;
        this.path = path;
        this.problem = problem;
    }

    public String source() {
        return source;
    }

    /** 1-based line, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column, or 0 when unknown. */
    public int column() {
        return column;
    }

    /** Field path such as {@code nodes[3].adress}, or empty. */
    public String path() {
        return path;
    }

    public Text problem() {
        return problem;
    }

    /** One line: {@code plan.yaml:12:5: nodes[3].adress: ...}, in the given language ("zh" or "en"). */
    public String describe(String language) {
        return render(source, line, column, path, "en".equals(language) ? problem.en() : problem.zh());
    }

    private static String render(String source, int line, int column, String path, String text) {
        StringBuilder b = new StringBuilder(source);
        if (line > 0) {
            b.append(':').append(line);
            if (column > 0) {
                b.append(':').append(column);
            }
        }
        b.append(": ");
        if (path != null && !path.isEmpty()) {
            b.append(path).append(": ");
        }
        return b.append(text).toString();
    }
}

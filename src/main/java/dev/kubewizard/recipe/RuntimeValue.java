package dev.kubewizard.recipe;

/**
 * A value that only exists at run time: a password, a join token made on the first master just before a join, the
 * certificate key. A step that needs it reads it from its standard input (one line each, in the order the step lists
 * them) so that it never appears in a script, a file on the node or a command line. A step that makes one prints it as
 * {@code ::kubewizard-output NAME=value}. Secret values are masked wherever output is shown or kept.
 */
public record RuntimeValue(String name, boolean secret) {
    public RuntimeValue {
        if (!name.matches("KW_[A-Z0-9_]+")) {
            throw new IllegalArgumentException("run-time value names look like KW_SOMETHING: " + name);
        }
    }

    public static RuntimeValue secret(String name) {
        return new RuntimeValue(name, true);
    }

    public static RuntimeValue plain(String name) {
        return new RuntimeValue(name, false);
    }
}

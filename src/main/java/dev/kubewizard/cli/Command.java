package dev.kubewizard.cli;

import java.util.List;

/** One headless subcommand. Exit codes: 0 done, 2 the input was refused (usage, invalid plan), 1 anything else. */
public interface Command {
    String name();

    /** One line for --help, in the console's language. */
    String summary(Console console);

    /** Usage lines for --help. */
    String usage();

    int run(List<String> args, Console console);
}

package dev.kubewizard;

import dev.kubewizard.cli.CommandLine;

/**
 * Entry point of {@code java -jar kubewizard.jar}. With no arguments it opens the window; with a subcommand it runs
 * headless. This class must not extend a JavaFX class: the JavaFX launcher refuses such a main class on the class path.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            dev.kubewizard.ui.DesktopApp.launchApp(args);
            return;
        }
        System.exit(CommandLine.run(args));
    }
}

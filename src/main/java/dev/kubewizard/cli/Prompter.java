package dev.kubewizard.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Questions the command line asks the person at the keyboard: passwords (not echoed) and yes/no. */
public interface Prompter {
    /** The answer, or null when nobody can answer (no terminal, end of input). */
    String secret(String prompt);

    /** True only for an explicit yes. */
    boolean confirm(String question);

    /** The terminal when there is one (passwords not echoed), else standard input read as UTF-8. */
    static Prompter system(Console console) {
        java.io.Console terminal = System.console();
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        return new Prompter() {
            @Override
            public String secret(String prompt) {
                if (terminal != null) {
                    char[] answer = terminal.readPassword("%s", prompt);
                    return answer == null ? null : new String(answer);
                }
                console.err().print(prompt);
                console.err().flush();
                return line();
            }

            @Override
            public boolean confirm(String question) {
                console.err().print(question);
                console.err().flush();
                String answer = terminal != null ? terminal.readLine() : line();
                return answer != null && answer.strip().matches("(?i)y|yes|是|好");
            }

            private String line() {
                try {
                    return stdin.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}

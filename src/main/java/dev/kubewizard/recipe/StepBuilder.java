package dev.kubewizard.recipe;

import dev.kubewizard.plan.PlanHost;
import dev.kubewizard.text.Messages;
import dev.kubewizard.text.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds one {@link Step}: script lines, the files it writes (each file both in the script, as a here-document, and in
 * the step's file list, so the two can never disagree), the check, and the run-time values it reads or prints.
 *
 * <pre>
 * Step s = new StepBuilder("crictl", Phase.PREP, host).texts("recipe.prep.crictl")
 *         .writeChecked(StepFile.of("/etc/crictl.yaml", "0644", yaml))
 *         .build();
 * </pre>
 */
public final class StepBuilder {
    private final String id;
    private final Phase phase;
    private final String host;
    private Text title;
    private Text why;
    private final StringBuilder script = new StringBuilder();
    private final StringBuilder check = new StringBuilder();
    private final List<StepFile> files = new ArrayList<>();
    private final List<RuntimeValue> inputs = new ArrayList<>();
    private final List<RuntimeValue> outputs = new ArrayList<>();

    public StepBuilder(String id, Phase phase, PlanHost host) {
        this(id, phase, host.hostname());
    }

    public StepBuilder(String id, Phase phase, String hostname) {
        this.id = id;
        this.phase = phase;
        this.host = hostname;
    }

    /** Title and why from the message bundle: {@code KEY.title} and {@code KEY.why}, with the same arguments. */
    public StepBuilder texts(String key, Object... args) {
        this.title = Messages.text(key + ".title", args);
        this.why = Messages.text(key + ".why", args);
        return this;
    }

    public StepBuilder title(Text title) {
        this.title = title;
        return this;
    }

    public StepBuilder why(Text why) {
        this.why = why;
        return this;
    }

    /** A run-time value read from stdin into the bash variable of the same name, before anything else runs. */
    public StepBuilder input(RuntimeValue value) {
        inputs.add(value);
        return this;
    }

    /** A run-time value the script prints with {@code kw_output NAME VALUE}. */
    public StepBuilder output(RuntimeValue value) {
        outputs.add(value);
        return this;
    }

    /** Script text; each argument is one or more lines. */
    public StepBuilder run(String... lines) {
        for (String line : lines) {
            script.append(line);
            if (!line.endsWith("\n")) {
                script.append('\n');
            }
        }
        return this;
    }

    /**
     * Writes a file on the node (only when its content differs). {@code fills} are {@code NAME="$VAR"} words for the
     * file's {@code {{NAME}}} placeholders.
     */
    public StepBuilder write(StepFile file, String... fills) {
        files.add(file);
        return run(fileCommand("kw_write_file", file, fills));
    }

    /** Writes a file and checks that it is there with exactly that content and mode. */
    public StepBuilder writeChecked(StepFile file, String... fills) {
        write(file, fills);
        return checkFile(file, fills);
    }

    /** Adds a check that a file has exactly this content and mode. */
    public StepBuilder checkFile(StepFile file, String... fills) {
        return check(fileCommand("kw_same_file", file, fills));
    }

    /** Check text: commands that all succeed when the step is already done. */
    public StepBuilder check(String... lines) {
        for (String line : lines) {
            check.append(line);
            if (!line.endsWith("\n")) {
                check.append('\n');
            }
        }
        return this;
    }

    public Step build() {
        if (title == null || why == null) {
            throw new IllegalStateException("step " + id + " has no title or why");
        }
        StringBuilder body = new StringBuilder();
        if (!inputs.isEmpty()) {
            body.append("# Run-time values arrive on standard input, one line each; they are never written down.\n");
            for (RuntimeValue v : inputs) {
                body.append("IFS= read -r ").append(v.name()).append(" || kw_no_input ").append(v.name()).append('\n');
            }
            body.append("exec </dev/null\n\n");
        }
        body.append(script);
        String checkBody = check.length() == 0
                ? "# This step always runs.\nexit 1\n"
                : check.toString();
        return new Step(id, phase, host, title, why, assemble(body.toString(), false),
                assemble(checkBody, true), files, inputs, outputs);
    }

    private String assemble(String body, boolean isCheck) {
        StringBuilder b = new StringBuilder();
        b.append("#!/usr/bin/env bash\n");
        b.append("# kubewizard · ").append(host).append(" · ").append(phase.id()).append('/').append(id)
                .append(isCheck ? " · check (exit 0 = already done, changes nothing)" : "").append('\n');
        b.append("# ").append(title.zh()).append('\n');
        b.append("# ").append(title.en()).append('\n');
        b.append("set -euo pipefail\n");
        b.append("export LC_ALL=C.UTF-8\n");
        String library = Bash.libraryFor(body);
        if (!library.isEmpty()) {
            b.append('\n').append(library);
        }
        b.append('\n').append(body);
        return b.toString();
    }

    private static String fileCommand(String function, StepFile file, String... fills) {
        StringBuilder b = new StringBuilder(function).append(' ').append(Bash.quote(file.path())).append(' ')
                .append(file.mode());
        for (String fill : fills) {
            b.append(' ').append(fill);
        }
        return b.append(' ').append(Bash.heredoc(file.content())).append('\n').toString();
    }
}

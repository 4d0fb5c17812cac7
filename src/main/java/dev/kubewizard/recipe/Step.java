package dev.kubewizard.recipe;

import dev.kubewizard.text.Text;
import java.util.List;

/**
 * One step of the recipe, as data: what it is (id, title, why it is done, in the course's words), where it runs, the
 * bash script that does it, the check script that exits 0 when it is already done, the files it writes, and the
 * run-time values it reads on stdin or prints.
 *
 * @param id      stable within a host, e.g. {@code containerd}; used in file names and the run journal
 * @param host    the plan hostname of the machine it runs on
 * @param script  complete bash script, run as root
 * @param check   complete bash script, run as root, read-only; exit 0 = already done, so the step is skipped
 */
public record Step(String id, Phase phase, String host, Text title, Text why, String script, String check,
                   List<StepFile> files, List<RuntimeValue> inputs, List<RuntimeValue> outputs) {
    public Step {
        if (!id.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("step ids are lower-case words joined by '-': " + id);
        }
        files = List.copyOf(files);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}

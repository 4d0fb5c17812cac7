package dev.kubewizard.e2e;

import dev.kubewizard.install.RemoteStepExecutor;
import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.PlanHost;
import dev.kubewizard.plan.PlanValidator;
import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.plan.Violation;
import dev.kubewizard.recipe.InstallRecipe;
import dev.kubewizard.recipe.Recipe;
import dev.kubewizard.recipe.RecipeInputs;
import dev.kubewizard.run.Orchestrator;
import dev.kubewizard.run.RunFolder;
import dev.kubewizard.run.RunListener;
import dev.kubewizard.run.RunResult;
import dev.kubewizard.run.RunSettings;
import dev.kubewizard.run.StepExecutor;
import dev.kubewizard.run.StepKey;
import dev.kubewizard.run.StepLine;
import dev.kubewizard.run.StepState;
import dev.kubewizard.run.StepStatus;
import dev.kubewizard.ssh.HostKeyOffer;
import dev.kubewizard.ssh.RemoteShellFactory;
import dev.kubewizard.ssh.SecretMasker;
import dev.kubewizard.ssh.SshSettings;
import dev.kubewizard.ssh.SshTarget;
import dev.kubewizard.ssh.StepRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * One install of a plan file, wired as the command line's {@code install} wires it (cli/InstallCommand): the recipe
 * with the plan's calico.yaml, the run engine over one {@link RemoteStepExecutor} per machine on real SSH (JSch, the
 * app's known_hosts handling, host keys trusted on first use), the passwords masked, the run folder beside the plan. It
 * records every line the listeners see.
 */
final class InstallRun implements AutoCloseable {
    /** The passwords of a run: what the teacher types (or sets in KUBEWIZARD_*_PASSWORD). */
    record Secrets(String ssh, String sudo, String harbor) {
    }

    private final ClusterPlan plan;
    private final Recipe recipe;
    private final RunFolder folder;
    private final Orchestrator orchestrator;
    private final List<StepLine> lines = new CopyOnWriteArrayList<>();
    private final List<HostKeyOffer> trusted = new CopyOnWriteArrayList<>();

    private InstallRun(Path planFile, Secrets secrets, Path knownHosts, boolean resume) {
        try {
            plan = PlanYaml.read(planFile);
            List<Violation> violations = PlanValidator.validate(plan, planFile.getParent());
            if (PlanValidator.hasErrors(violations)) {
                throw new IllegalStateException("the e2e plan is not valid: " + violations);
            }
            String calico = Files.readString(planFile.resolveSibling(plan.cni().calico().manifest()),
                    StandardCharsets.UTF_8);
            recipe = InstallRecipe.build(plan, RecipeInputs.withCalicoManifest(calico));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (dev.kubewizard.plan.PlanFormatException e) {
            throw new IllegalStateException("the e2e plan does not parse", e);
        }
        SecretMasker masker = new SecretMasker();
        masker.add(secrets.ssh());
        masker.add(secrets.sudo());
        Map<String, String> values = Map.of();
        if (plan.harbor() != null) {
            masker.addBasicAuth(plan.harbor().username(), secrets.harbor());
            values = Map.of("KW_HARBOR_PASSWORD", secrets.harbor());
        }
        RemoteShellFactory shells = RemoteShellFactory.jsch(SshSettings.defaults(knownHosts, offer -> {
            trusted.add(offer);
            return true;
        }));
        Function<PlanHost, StepExecutor> executors = host -> new RemoteStepExecutor(host,
                shells.open(SshTarget.forHost(host, plan.sshOrDefault(), secrets.ssh(), secrets.sudo()), masker),
                new StepRunner());
        folder = RunFolder.besidePlan(planFile);
        RunSettings settings = RunSettings.defaults().withFolder(folder).withMasker(masker::mask).withValues(values)
                .withResume(resume).withLanguage(Locale.ENGLISH);
        orchestrator = new Orchestrator(recipe, executors, settings);
        orchestrator.addListener(new RunListener() {
            @Override
            public void line(StepLine line) {
                lines.add(line);
            }

        });
    }

    /** A run of the plan file; {@code resume} takes the steps the journal beside the plan holds as finished. */
    static InstallRun of(Path planFile, Secrets secrets, Path knownHosts, boolean resume) {
        return new InstallRun(planFile, secrets, knownHosts, resume);
    }

    RunResult run() throws InterruptedException {
        return orchestrator.run();
    }

    Orchestrator orchestrator() {
        return orchestrator;
    }

    Recipe recipe() {
        return recipe;
    }

    RunFolder folder() {
        return folder;
    }

    List<StepLine> lines() {
        return List.copyOf(lines);
    }

    /** The text of every line a listener saw, one per line, prefixed with host and step. */
    String transcript() {
        StringBuilder b = new StringBuilder();
        for (StepLine l : lines) {
            String mark = l.kind() == StepLine.Kind.NOTE ? "* " : l.kind() == StepLine.Kind.STDERR ? "! " : "";
            b.append('[').append(l.host()).append(' ').append(l.stepId()).append("] ").append(mark).append(l.text())
                    .append('\n');
        }
        return b.toString();
    }

    /** How a round ended, for an assertion message: the failures with their last lines, and the blocked steps. */
    static String explain(RunResult result) {
        StringBuilder b = new StringBuilder(result.outcome() + " after " + result.elapsed().toMillis() + " ms, "
                + result.stepsDone() + "/" + result.stepsTotal() + " steps\n");
        for (RunResult.StepFailure f : result.failures()) {
            b.append("FAILED ").append(f.step()).append(" ").append(f.kind()).append(" exit ").append(f.exitCode())
                    .append(" ").append(f.detail()).append('\n');
            f.lastLines().forEach(l -> b.append("    | ").append(l).append('\n'));
        }
        result.findings().forEach(f -> b.append("finding ").append(f).append('\n'));
        result.blocked().stream().limit(5).forEach(x -> b.append("blocked ").append(x).append('\n'));
        return b.toString();
    }

    List<HostKeyOffer> trustedKeys() {
        return List.copyOf(trusted);
    }

    /** Every step's state now. */
    Map<StepKey, StepState> states() {
        Map<StepKey, StepState> m = new LinkedHashMap<>();
        for (StepStatus s : orchestrator.steps()) {
            m.put(s.key(), s.state());
        }
        return m;
    }

    /** The support bundle of the run as it stands, written to a file. */
    Path supportBundle(Path zip) {
        try {
            orchestrator.writeSupportBundle(zip);
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        orchestrator.close();
    }
}

package dev.kubewizard.cli;

import dev.kubewizard.diagnosis.Diagnosis;
import dev.kubewizard.diagnosis.FailedStep;
import dev.kubewizard.diagnosis.Finding;
import dev.kubewizard.install.AppFolders;
import dev.kubewizard.install.CalicoDownload;
import dev.kubewizard.install.ApiServerNodes;
import dev.kubewizard.install.InstallPasswords;
import dev.kubewizard.install.Machines;
import dev.kubewizard.install.SimulatedMachines;
import dev.kubewizard.sim.FaultSyntaxException;
import dev.kubewizard.sim.SimOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import dev.kubewizard.install.InstallSetup;
import dev.kubewizard.install.SshMachines;
import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.PlanHost;
import dev.kubewizard.plan.PlanValidator;
import dev.kubewizard.plan.SshAuth;
import dev.kubewizard.plan.Violation;
import dev.kubewizard.recipe.InstallRecipe;
import dev.kubewizard.recipe.Recipe;
import dev.kubewizard.recipe.RecipeInputs;
import dev.kubewizard.recipe.RuntimeValue;
import dev.kubewizard.recipe.Step;
import dev.kubewizard.run.ClusterFinding;
import dev.kubewizard.run.Orchestrator;
import dev.kubewizard.run.RunFolder;
import dev.kubewizard.run.RunListener;
import dev.kubewizard.run.RunResult;
import dev.kubewizard.run.RunSettings;
import dev.kubewizard.run.StepExecutor;
import dev.kubewizard.run.StepLine;
import dev.kubewizard.run.StepResult;
import dev.kubewizard.run.StepState;
import dev.kubewizard.ssh.HostKeyPrompt;
import dev.kubewizard.ssh.SecretMasker;
import dev.kubewizard.text.Messages;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code install PLAN [--yes] [--resume] [--only HOSTNAME]}: runs the whole install over SSH, every node's lines
 * prefixed with its hostname, and ends with a summary per node; exit 0 only when the cluster was verified.
 */
final class InstallCommand implements Command {
    static final String SSH_PASSWORD = "KUBEWIZARD_SSH_PASSWORD";
    static final String SUDO_PASSWORD = "KUBEWIZARD_SUDO_PASSWORD";
    static final String HARBOR_PASSWORD = "KUBEWIZARD_HARBOR_PASSWORD";

    private final Map<String, String> env;
    private final Function<Console, Prompter> prompter;

    InstallCommand() {
        this(System.getenv(), Prompter::system);
    }

    InstallCommand(Map<String, String> env, Function<Console, Prompter> prompter) {
        this.env = env;
        this.prompter = prompter;
    }

    @Override
    public String name() {
        return "install";
    }

    @Override
    public String summary(Console console) {
        return Messages.format("cli.install.summary", console.language());
    }

    @Override
    public String usage() {
        return "  kubewizard install PLAN.yaml [--yes] [--resume] [--only HOSTNAME]\n"
                + "  kubewizard install PLAN.yaml --simulate [--faults HOST:STEP:ACTION,...] [--speed FACTOR]";
    }

    /** The parsed command line. */
    record Options(Path plan, boolean yes, boolean resume, Optional<String> only, boolean simulate, String faults,
                   double speed) {
    }

    static Optional<Options> parse(List<String> args) {
        Path plan = null;
        boolean yes = false;
        boolean resume = false;
        String only = null;
        boolean simulate = false;
        String faults = "";
        double speed = 1;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--yes", "-y" -> yes = true;
                case "--resume" -> resume = true;
                case "--simulate" -> simulate = true;
                case "--faults" -> {
                    if (i + 1 >= args.size()) {
                        return Optional.empty();
                    }
                    faults = args.get(++i);
                }
                case "--speed" -> {
                    if (i + 1 >= args.size() || !args.get(i + 1).matches("\\d+(\\.\\d+)?")) {
                        return Optional.empty();
                    }
                    speed = Double.parseDouble(args.get(++i));
                    if (speed <= 0) {
                        return Optional.empty();
                    }
                }
                case "--only" -> {
                    if (i + 1 >= args.size() || only != null) {
                        return Optional.empty();
                    }
                    only = args.get(++i);
                }
                default -> {
                    if (a.startsWith("-") || plan != null) {
                        return Optional.empty();
                    }
                    plan = Path.of(a);
                }
            }
        }
        if (plan == null || (!simulate && (!faults.isEmpty() || speed != 1))) {
            return Optional.empty();
        }
        return Optional.of(new Options(plan, yes, resume, Optional.ofNullable(only), simulate, faults, speed));
    }

    @Override
    public int run(List<String> args, Console console) {
        Optional<Options> parsed = parse(args);
        if (parsed.isEmpty()) {
            console.err().println(Messages.format("cli.usage", console.language(), usage().strip()));
            return 2;
        }
        Options options = parsed.get();
        Optional<ClusterPlan> loaded = PlanArgument.load(options.plan(), console);
        if (loaded.isEmpty()) {
            return 2;
        }
        ClusterPlan plan = loaded.get();
        Path planDir = PlanArgument.planDir(options.plan());
        List<Violation> violations = PlanValidator.validate(plan, planDir);
        if (!PlanArgument.report(violations, console, console.err())) {
            console.err().println(Messages.format("cli.install.invalidPlan", console.language()));
            return 2;
        }
        if (options.only().isPresent()
                && plan.hosts().stream().noneMatch(h -> h.hostname().equals(options.only().get()))) {
            console.err().println(Messages.format("cli.install.unknownHost", console.language(), options.only().get()));
            return 2;
        }
        if (options.simulate()) {
            return simulate(plan, planDir, options, console);
        }
        Recipe recipe;
        try {
            recipe = InstallRecipe.build(plan, calicoManifest(plan, planDir, console));
        } catch (IOException e) {
            console.err().println(Messages.format("cli.install.calicoFailed", console.language(), e.getMessage()));
            return 1;
        } catch (IllegalArgumentException e) {
            console.err().println(Messages.format("cli.render.failed", console.language(), e.getMessage()));
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }

        Prompter ask = prompter.apply(console);
        InstallPasswords secrets = secrets(plan, recipe, console, ask);
        if (secrets == null) {
            return 2;
        }
        if (!options.yes() && !ask.confirm(Messages.format("cli.install.confirm", console.language(),
                String.valueOf(plan.hosts().size()), options.plan().getFileName().toString()))) {
            console.err().println(Messages.format("cli.install.notConfirmed", console.language()));
            return 2;
        }

        SecretMasker masker = secrets.masker(plan);
        AppFolders folders = AppFolders.ofThisUser();
        HostKeyPrompt hostKeys = options.yes() ? offer -> {
            console.out().println(Messages.format("cli.install.trustedKey", console.language(), offer.host(),
                    String.valueOf(offer.port()), offer.keyType(), offer.fingerprint()));
            return true;
        } : offer -> ask.confirm(Messages.format("cli.install.askKey", console.language(), offer.host(),
                String.valueOf(offer.port()), offer.keyType(), offer.fingerprint()));
        SshMachines machines = new SshMachines(plan, InstallSetup.sshShells(folders, hostKeys), secrets, masker,
                new ApiServerNodes(Duration.ofSeconds(10)));
        return install(recipe, RunFolder.besidePlan(options.plan()), machines::executor, masker,
                secrets.runValues(recipe), options, console);
    }

    /**
     * The same install against simulated Ubuntu nodes on this computer (in-process SSH servers; nothing runs here):
     * no password is asked, the run folder is a fresh temporary one, and {@code --faults} injects failures.
     */
    private static int simulate(ClusterPlan plan, Path planDir, Options options, Console console) {
        SimOptions sim;
        try {
            sim = SimOptions.demo().speed(options.speed()).faults(options.faults());
        } catch (FaultSyntaxException e) {
            console.err().println(console.english() ? e.problem().en() : e.problem().zh());
            return 2;
        }
        Recipe recipe;
        String manifest = plan.cni().calico().manifest();
        try {
            recipe = InstallRecipe.build(plan, manifest == null || manifest.isBlank()
                    ? SimulatedMachines.demoRecipeInputs()
                    : RecipeInputs.withCalicoManifest(Files.readString(planDir.resolve(manifest),
                    StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            console.err().println(Messages.format("cli.render.failed", console.language(), e.getMessage()));
            return 2;
        }
        console.out().println(Messages.format("cli.install.simulating", console.language(),
                String.valueOf(plan.hosts().size())));
        InstallPasswords passwords = SimulatedMachines.passwords(sim, "Harbor12345");
        SecretMasker masker = passwords.masker(plan);
        try (Machines machines = SimulatedMachines.open(plan, sim, passwords, masker)) {
            RunFolder folder = new RunFolder(Files.createTempDirectory("kubewizard-simulated-run"));
            return install(recipe, folder, machines::executor, masker, passwords.runValues(recipe), options, console);
        } catch (FaultSyntaxException e) {
            console.err().println(console.english() ? e.problem().en() : e.problem().zh());
            return 2;
        } catch (Exception e) {
            console.err().println(Messages.format("cli.install.simulationFailed", console.language(), e.toString()));
            return 1;
        }
    }

    /** Runs the recipe and reports; shared with the simulated install. */
    static int install(Recipe recipe, RunFolder folder, Function<PlanHost, StepExecutor> executors,
                       SecretMasker masker, Map<String, String> values, Options options, Console console) {
        RunSettings settings = InstallSetup.runSettings(folder, masker, values,
                console.english() ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE, options.resume());
        try (Orchestrator orchestrator = new Orchestrator(recipe, executors, settings)) {
            orchestrator.addListener(new ConsoleReport(recipe, console));
            Thread onCtrlC = new Thread(orchestrator::cancel, "kubewizard-cancel");
            Runtime.getRuntime().addShutdownHook(onCtrlC);
            RunResult result;
            try {
                result = orchestrator.await(options.only().isPresent()
                        ? orchestrator.start(Set.of(options.only().get())) : orchestrator.start());
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(onCtrlC);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: the run is being cancelled
                }
            }
            report(recipe, result, orchestrator, console);
            return result.succeeded() ? 0 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static RecipeInputs calicoManifest(ClusterPlan plan, Path planDir, Console console)
            throws IOException, InterruptedException {
        if (InstallSetup.downloadsCalico(plan)) {
            console.out().println(Messages.format("cli.install.downloadingCalico", console.language(),
                    plan.cni().calico().version()));
        }
        return InstallSetup.recipeInputs(plan, planDir, new CalicoDownload(Duration.ofSeconds(30)));
    }

    private InstallPasswords secrets(ClusterPlan plan, Recipe recipe, Console console, Prompter ask) {
        String ssh = null;
        if (plan.sshOrDefault().authOrDefault() == SshAuth.PASSWORD) {
            ssh = secret(SSH_PASSWORD, "cli.install.askSshPassword", console, ask, true);
            if (ssh == null) {
                return null;
            }
        } else if (env.containsKey(SSH_PASSWORD)) {
            ssh = env.get(SSH_PASSWORD); // the key's passphrase
        }
        String sudo = null;
        if (plan.hosts().stream().anyMatch(h -> !h.isRoot())) {
            sudo = secret(SUDO_PASSWORD, "cli.install.askSudoPassword", console, ask, false);
            if (sudo != null && sudo.isEmpty()) {
                sudo = null; // the login password, or passwordless sudo
            }
        }
        String harbor = null;
        for (RuntimeValue v : Orchestrator.valuesNeeded(recipe)) {
            if (v.name().equals(InstallPasswords.HARBOR_VALUE)) {
                harbor = secret(HARBOR_PASSWORD, "cli.install.askHarborPassword", console, ask, true);
                if (harbor == null) {
                    return null;
                }
            } else {
                console.err().println(Messages.format("cli.install.missingValue", console.language(), v.name()));
                return null;
            }
        }
        return new InstallPasswords(ssh, sudo, harbor);
    }

    private String secret(String variable, String promptKey, Console console, Prompter ask, boolean required) {
        String value = env.get(variable);
        if (value == null) {
            value = ask.secret(Messages.format(promptKey, console.language(), variable));
        }
        if (value == null && required) {
            console.err().println(Messages.format("cli.install.noSecret", console.language(), variable));
        }
        return value;
    }

    private static void report(Recipe recipe, RunResult result, Orchestrator orchestrator, Console console) {
        String lang = console.language();
        console.out().println();
        console.out().println(Messages.format("cli.install.summaryHeader", lang));
        result.nodes().forEach((host, state) -> console.out().println(String.format("  %-16s %s", host, state)));
        for (ClusterFinding f : result.findings()) {
            console.out().println("  " + f.severity() + " " + String.join(",", f.hosts()) + ": "
                    + (console.english() ? f.message().en() : f.message().zh()));
        }
        for (RunResult.StepFailure failure : result.failures()) {
            console.out().println();
            console.out().println(Messages.format("cli.install.failed", lang, failure.step().host(),
                    failure.step().stepId(), console.english() ? failure.title().en() : failure.title().zh()));
            Step step = recipe.steps().stream().filter(s -> s.host().equals(failure.step().host())
                    && s.id().equals(failure.step().stepId())).findFirst().orElse(null);
            List<Finding> findings = step == null ? List.of() : Diagnosis.diagnose(
                    failure.kind() == StepResult.Outcome.CONNECTION_LOST
                            ? FailedStep.connectionLost(step.id(), step.phase(), step.host(), failure.lastLines())
                            : FailedStep.exited(step.id(), step.phase(), step.host(), failure.exitCode(),
                            failure.lastLines()));
            if (findings.isEmpty()) {
                List<String> tail = failure.lastLines();
                for (String line : tail.subList(Math.max(0, tail.size() - 10), tail.size())) {
                    console.out().println("    | " + line);
                }
            }
            for (Finding f : findings) {
                console.out().println("  " + Messages.format("cli.install.cause", lang,
                        console.english() ? f.cause().en() : f.cause().zh()));
                console.out().println("  " + Messages.format("cli.install.fix", lang,
                        console.english() ? f.fix().en() : f.fix().zh()));
            }
        }
        console.out().println();
        console.out().println(Messages.format(result.succeeded() ? "cli.install.succeeded" : "cli.install.notDone",
                lang, String.valueOf(result.stepsDone()), String.valueOf(result.stepsTotal()),
                String.valueOf(result.elapsed().toSeconds()), orchestrator.logFolder().map(Path::toString).orElse("-")));
    }

    /** Prints every node's lines with its hostname, and a header when a step starts. */
    private static final class ConsoleReport implements RunListener {
        private final Map<String, Step> steps = new LinkedHashMap<>();
        private final Console console;

        ConsoleReport(Recipe recipe, Console console) {
            this.console = console;
            for (Step s : recipe.steps()) {
                steps.put(s.host() + "/" + s.id(), s);
            }
        }

        @Override
        public void stepChanged(StepChange change) {
            Step step = steps.get(change.step().host() + "/" + change.step().stepId());
            String title = step == null ? change.step().stepId()
                    : console.english() ? step.title().en() : step.title().zh();
            if (change.to() == StepState.RUNNING) {
                console.out().println("[" + change.step().host() + "] ── " + title);
            } else if (change.to() == StepState.SKIPPED) {
                console.out().println("[" + change.step().host() + "] ── " + title + " ("
                        + Messages.format("cli.install.alreadyDone", console.language()) + ")");
            }
        }

        @Override
        public void line(StepLine line) {
            String mark = line.kind() == StepLine.Kind.STDERR ? "! " : line.kind() == StepLine.Kind.NOTE ? "* " : "";
            console.out().println("[" + line.host() + "] " + mark + line.text());
        }

        @Override
        public void linesDropped(String host, long count) {
            console.out().println("[" + host + "] " + Messages.format("cli.install.linesDropped", console.language(),
                    String.valueOf(count)));
        }
    }
}

package dev.kubewizard.cli;

import dev.kubewizard.kubeconfig.ClusterAccess;
import dev.kubewizard.kubeconfig.ExportedKubeconfig;
import dev.kubewizard.kubeconfig.KubeconfigException;
import dev.kubewizard.kubeconfig.KubeconfigExport;
import dev.kubewizard.kubeconfig.KubeconfigFiles;
import dev.kubewizard.kubeconfig.WrittenFile;
import dev.kubewizard.plan.ClusterPlan;
import dev.kubewizard.plan.PlanFormatException;
import dev.kubewizard.plan.PlanYaml;
import dev.kubewizard.text.Messages;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code kubewizard kubeconfig --plan PLAN --admin-conf FILE --out FILE [--merge-into FILE]}: turns a master's
 * admin.conf into the kubeconfig for the teacher's laptop, and optionally merges it into an existing kubeconfig.
 */
public final class KubeconfigCommand implements Command {
    static final String PLAN = "--plan";
    static final String ADMIN_CONF = "--admin-conf";
    static final String OUT = "--out";
    static final String MERGE_INTO = "--merge-into";
    private static final List<String> OPTIONS = List.of(PLAN, ADMIN_CONF, OUT, MERGE_INTO);
    private static final List<String> REQUIRED = List.of(PLAN, ADMIN_CONF, OUT);

    private final Clock clock;

    public KubeconfigCommand() {
        this(Clock.systemDefaultZone());
    }

    /** The clock names backups ({@code config.kubewizard-YYYYMMDD-HHMMSS.bak}). */
    public KubeconfigCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "kubeconfig";
    }

    @Override
    public String summary(Console console) {
        return Messages.format("kubeconfig.cli.summary", console.language());
    }

    @Override
    public String usage() {
        return "kubewizard kubeconfig --plan PLAN.yaml --admin-conf admin.conf --out FILE [--merge-into KUBECONFIG]";
    }

    /** A refusal already explained to the user; carries the exit code. */
    private static final class Stop extends Exception {
        private static final long serialVersionUID = 1L;
        final int exitCode;

        Stop(int exitCode) {
            super(null, null, false, false);
            this.exitCode = exitCode;
        }
    }

    @Override
    public int run(List<String> args, Console console) {
        try {
            execute(args, console);
            return 0;
        } catch (Stop stop) {
            return stop.exitCode;
        }
    }

    private void execute(List<String> args, Console console) throws Stop {
        Map<String, Path> options = parse(args, console);
        Path planFile = options.get(PLAN);
        Path adminConfFile = options.get(ADMIN_CONF);
        Path outFile = options.get(OUT);
        Path mergeFile = options.get(MERGE_INTO);
        for (String output : List.of(OUT, MERGE_INTO)) {
            Path written = options.get(output);
            if (written != null && (sameFile(written, planFile) || sameFile(written, adminConfFile))) {
                throw usageError(console, "kubeconfig.cli.overwritesInput", output, written);
            }
        }
        if (mergeFile != null && sameFile(outFile, mergeFile)) {
            throw usageError(console, "kubeconfig.cli.sameFile", outFile);
        }

        ClusterPlan plan = readPlan(planFile, console);
        String adminConf = readAdminConf(adminConfFile, console);
        ExportedKubeconfig exported;
        try {
            exported = KubeconfigExport.export(adminConf, plan, adminConfFile.getFileName().toString());
        } catch (KubeconfigException e) {
            throw refused(console, e);
        }

        ClusterAccess access = exported.access();
        String lang = console.language();
        console.out().println(Messages.format("kubeconfig.cli.converted", lang, access.clusterName(),
                access.server(), orDash(exported.adminConfServer()), access.userName(), access.contextName()));
        WrittenFile out = writeFile(outFile, console, () -> KubeconfigFiles.write(outFile, exported.yaml(), clock));
        report(console, out, "out", access);
        if (mergeFile != null) {
            WrittenFile merged = writeFile(mergeFile, console,
                    () -> KubeconfigFiles.mergeInto(mergeFile, exported.yaml(), clock));
            report(console, merged, "merge", access);
        }
        console.out().println(Messages.format("kubeconfig.cli.private", lang));
        int minor = plan.kubernetesMinor();
        if (minor > 0) {
            console.out().println(Messages.format("kubeconfig.cli.kubectlVersion", lang,
                    "1." + (minor - 1), "1." + (minor + 1)));
        }
        if (mergeFile == null) {
            console.out().println(Messages.format("kubeconfig.cli.windowsDefault", lang,
                    "%USERPROFILE%\\.kube\\config", MERGE_INTO));
        }
    }

    private Map<String, Path> parse(List<String> args, Console console) throws Stop {
        Map<String, Path> options = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (!OPTIONS.contains(name)) {
                throw usageError(console, arg.startsWith("-") ? "kubeconfig.cli.unknownOption"
                        : "kubeconfig.cli.unexpectedArgument", arg);
            }
            if (value == null) {
                if (i + 1 >= args.size() || OPTIONS.contains(args.get(i + 1))) {
                    throw usageError(console, "kubeconfig.cli.missingValue", name);
                }
                value = args.get(++i);
            }
            if (value.isBlank()) {
                throw usageError(console, "kubeconfig.cli.missingValue", name);
            }
            if (options.containsKey(name)) {
                throw usageError(console, "kubeconfig.cli.repeatedOption", name);
            }
            try {
                options.put(name, Path.of(value));
            } catch (InvalidPathException e) {
                throw usageError(console, "kubeconfig.cli.badPath", name, value);
            }
        }
        for (String required : REQUIRED) {
            if (!options.containsKey(required)) {
                throw usageError(console, "kubeconfig.cli.missingOption", required);
            }
        }
        return options;
    }

    private static ClusterPlan readPlan(Path file, Console console) throws Stop {
        try {
            return PlanYaml.read(file);
        } catch (PlanFormatException e) {
            console.err().println(e.describe(console.language()));
            throw new Stop(2);
        } catch (NoSuchFileException e) {
            throw error(console, 2, "kubeconfig.cli.planNotFound", file);
        } catch (IOException e) {
            throw error(console, 2, "kubeconfig.cli.cannotRead", file, reason(e, console));
        }
    }

    private static String readAdminConf(Path file, Console console) throws Stop {
        try {
            return KubeconfigFiles.read(file);
        } catch (NoSuchFileException e) {
            throw error(console, 2, "kubeconfig.cli.adminConfNotFound", file);
        } catch (IOException e) {
            throw error(console, 2, "kubeconfig.cli.cannotRead", file, reason(e, console));
        } catch (KubeconfigException e) {
            throw refused(console, e);
        }
    }

    private interface FileWrite {
        WrittenFile run() throws IOException, KubeconfigException;
    }

    private static WrittenFile writeFile(Path file, Console console, FileWrite write) throws Stop {
        try {
            return write.run();
        } catch (KubeconfigException e) {
            throw refused(console, e);
        } catch (IOException e) {
            throw error(console, 1, "kubeconfig.cli.cannotWrite", file, reason(e, console));
        }
    }

    private static void report(Console console, WrittenFile written, String kind, ClusterAccess access) {
        String key = "kubeconfig.cli." + kind + "." + written.outcome().name().toLowerCase(Locale.ROOT);
        console.out().println(Messages.format(key, console.language(), written.path().toString(),
                access.clusterName(), access.contextName()));
        written.backup().ifPresent(b ->
                console.out().println(Messages.format("kubeconfig.cli.backup", console.language(), b.toString())));
    }

    private static boolean sameFile(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    private Stop usageError(Console console, String key, Object... args) {
        console.err().println(Messages.format(key, console.language(), stringify(args)));
        console.err().println(Messages.format("kubeconfig.cli.usage", console.language(), usage()));
        return new Stop(2);
    }

    private static Stop refused(Console console, KubeconfigException e) {
        console.err().println(e.describe(console.language()));
        return new Stop(2);
    }

    private static Stop error(Console console, int exitCode, String key, Object... args) {
        console.err().println(Messages.format(key, console.language(), stringify(args)));
        return new Stop(exitCode);
    }

    private static Object[] stringify(Object... args) {
        Object[] out = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            out[i] = String.valueOf(args[i]);
        }
        return out;
    }

    /** The reason of an I/O failure, without Java class names where the user can be told more plainly. */
    private static String reason(IOException e, Console console) {
        if (e instanceof CharacterCodingException) {
            return Messages.format("kubeconfig.cli.notUtf8", console.language());
        }
        if (e instanceof AccessDeniedException) {
            return Messages.format("kubeconfig.cli.accessDenied", console.language());
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}

package dev.kubewizard.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The headless command line: {@code kubewizard validate|render|kubeconfig ...}, {@code --version}, {@code --help}. */
public final class CommandLine {
    private CommandLine() {
    }

    static Map<String, Command> commands() {
        Map<String, Command> all = new LinkedHashMap<>();
        for (Command c : List.<Command>of(new ValidateCommand(), new RenderCommand(), new KubeconfigCommand(),
                new InstallCommand())) {
            all.put(c.name(), c);
        }
        return all;
    }

    public static int run(String[] args) {
        return run(Arrays.asList(args), Console.system());
    }

    public static int run(List<String> arguments, Console console) {
        List<String> args = new ArrayList<>(arguments);
        int lang = args.indexOf("--lang");
        if (lang >= 0 && lang + 1 < args.size()) {
            console = console.withLanguage(args.get(lang + 1));
            args.remove(lang + 1);
            args.remove(lang);
        }
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h") || args.get(0).equals("help")) {
            console.out().print(help(console));
            return 0;
        }
        if (args.get(0).equals("--version") || args.get(0).equals("-V")) {
            console.out().println("kubewizard " + Version.current());
            return 0;
        }
        Command command = commands().get(args.get(0));
        if (command == null) {
            console.err().println((console.english() ? "unknown command: " : "未知命令：") + args.get(0));
            console.err().print(help(console));
            return 2;
        }
        List<String> rest = new ArrayList<>(args.subList(1, args.size()));
        if (rest.contains("--help") || rest.contains("-h")) {
            console.out().println(command.usage());
            return 0;
        }
        try {
            return command.run(rest, console);
        } catch (RuntimeException e) {
            // A command must explain its failures itself; this is the last line of defence against a stack trace.
            console.err().println((console.english() ? "kubewizard failed: " : "kubewizard 出错：") + e);
            return 1;
        }
    }

    static String help(Console console) {
        StringBuilder b = new StringBuilder();
        b.append("kubewizard ").append(Version.current()).append('\n');
        b.append(console.english()
                ? "Builds a highly-available kubeadm cluster. Without arguments the wizard window opens.\n\n"
                : "搭建高可用 kubeadm 集群。不带参数运行时打开向导窗口。\n\n");
        b.append(console.english() ? "Commands:\n" : "命令：\n");
        for (Command c : commands().values()) {
            b.append(String.format("  %-11s %s%n", c.name(), c.summary(console)));
        }
        b.append(String.format("  %-11s %s%n", "--lang en", console.english() ? "messages in English (default: Chinese;"
                + " or set KUBEWIZARD_LANG=en)" : "用英文显示（默认中文；也可设置 KUBEWIZARD_LANG=en）"));
        b.append(String.format("  %-11s %s%n", "--version", console.english() ? "print the version" : "显示版本"));
        b.append(String.format("  %-11s %s%n", "--help", console.english() ? "print this help" : "显示本帮助"));
        b.append('\n');
        for (Command c : commands().values()) {
            b.append(c.usage()).append('\n');
        }
        return b.toString();
    }
}

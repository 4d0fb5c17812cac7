package dev.kubewizard.e2e;

import java.util.List;

/** Whether a stand-in call changes the machine or the cluster: what the real program does with those arguments. */
final class StubCallKind {
    private StubCallKind() {
    }

    static boolean changesSomething(StubCall call) {
        if (!call.isStart()) {
            return false;
        }
        List<String> args = List.of(call.text().split(" "));
        String first = args.isEmpty() ? "" : args.get(0);
        return switch (call.program()) {
            case "apt-get" -> args.contains("update") || args.contains("install");
            case "apt-mark" -> first.equals("hold") || first.equals("unhold");
            case "systemctl" -> args.stream().anyMatch(a -> List.of("enable", "disable", "start", "stop", "restart",
                    "daemon-reload").contains(a));
            case "modprobe", "swapoff" -> true;
            case "hostnamectl" -> first.equals("set-hostname");
            case "sysctl" -> args.contains("--system") || args.contains("-w") || args.contains("-p")
                    || args.stream().anyMatch(a -> a.contains("="));
            case "swapon" -> args.contains("-a");
            case "ufw" -> first.equals("enable") || first.equals("disable");
            case "chronyc" -> args.contains("makestep");
            case "curl" -> {
                int o = args.indexOf("-o");
                yield o >= 0 && o + 1 < args.size() && !args.get(o + 1).equals("/dev/null");
            }
            case "kubeadm" -> !(first.equals("version") || call.startsWith("config", "images", "list"));
            case "kubectl" -> args.stream().anyMatch(a -> List.of("apply", "create", "delete", "patch").contains(a));
            default -> false;
        };
    }
}

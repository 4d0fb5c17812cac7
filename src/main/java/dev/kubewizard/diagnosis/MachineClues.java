package dev.kubewizard.diagnosis;

import static dev.kubewizard.diagnosis.Lines.hasAny;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The machine itself: sudo, cloned VMs, the operating system, disk space, swap, kernel settings and the container
 * runtime.
 */
final class MachineClues {
    private static final Pattern MAC_WORD = Pattern.compile("(?<![A-Za-z])MACs?(?![A-Za-z])");

    private MachineClues() {
    }

    /** sudo 1.9 (Ubuntu 22.04/24.04): "Sorry, try again.", "sudo: 3 incorrect password attempts", ... */
    static Clue sudo(String line, ScanState state) {
        boolean sorry = line.contains("Sorry, try again.");
        if (!sorry && !line.contains("sudo")) {
            return null;
        }
        if (sorry || line.contains("incorrect password attempt")) {
            return Clue.of(Cause.SUDO_WRONG_PASSWORD);
        }
        if (hasAny(line, "a terminal is required to read the password", "no tty present and no askpass program",
                "sudo: a password is required")) {
            return Clue.of(Cause.SUDO_NO_PASSWORD);
        }
        if (hasAny(line, "is not in the sudoers file", "is not allowed to run sudo on")) {
            return Clue.of(Cause.SUDO_NOT_ALLOWED);
        }
        return null;
    }

    /**
     * The installer's cross-node check compares product_uuid and MAC addresses; kubeadm does not. Any line that says
     * one is shared with another node counts, whatever its exact words.
     */
    static Clue clonedMachine(String line, ScanState state) {
        boolean uuid = line.contains("product_uuid") || line.contains("product uuid");
        boolean mac = line.contains("MAC") && MAC_WORD.matcher(line).find();
        if (!uuid && !mac) {
            return null;
        }
        String lower = line.toLowerCase(Locale.ROOT);
        if (!hasAny(lower, "duplicate", "same", "identical", "not unique", "shared with", "also on")) {
            return null;
        }
        return Clue.of(uuid ? Cause.DUPLICATE_PRODUCT_UUID : Cause.DUPLICATE_MAC);
    }

    /** kubewizard's preflight ("PROBLEM: this machine runs 'debian 12'; ...") and its apt-mirror step. */
    static Clue unsupportedOs(String line, ScanState state) {
        if (line.startsWith("PROBLEM: this machine runs ")
                || line.contains("kubewizard supports Ubuntu 22.04 (jammy) and 24.04 (noble) only")) {
            return Clue.of(Cause.UNSUPPORTED_OS);
        }
        return null;
    }

    /** The kernel's ENOSPC text, and apt's own check before it downloads. */
    static Clue diskFull(String line, ScanState state) {
        if (hasAny(line, "No space left on device", "You don't have enough free space in")) {
            return Clue.of(Cause.DISK_FULL);
        }
        return null;
    }

    /**
     * kubeadm's preflight ({@code [ERROR Swap]} up to 1.27, {@code [WARNING Swap]} since), kubelet's refusal, and
     * swapoff failing to take the swapped pages back.
     */
    static Clue swap(String line, ScanState state) {
        if (line.contains("swapoff") && hasAny(line, "swapoff failed", "Cannot allocate memory")) {
            return Clue.of(Cause.SWAPOFF_FAILED);
        }
        if (hasAny(line, "[ERROR Swap]", "running with swap on is not supported")) {
            return Clue.of(Cause.SWAP_ON);
        }
        if (line.contains("[WARNING Swap]")) {
            // a warning for kubeadm, but kubelet still refuses to run with swap unless configured for it
            return Clue.hint(Cause.SWAP_ON);
        }
        return null;
    }

    /** kubeadm's FileContent preflight checks, and what modprobe and sysctl say when br_netfilter is missing. */
    static Clue kernel(String line, ScanState state) {
        if (hasAny(line, "[ERROR FileContent--proc-sys-net-bridge-bridge-nf-call-iptables]",
                "bridge-nf-call-iptables does not exist", "Module br_netfilter not found",
                "cannot stat /proc/sys/net/bridge/")) {
            return Clue.of(Cause.BRIDGE_NETFILTER);
        }
        if (hasAny(line, "[ERROR FileContent--proc-sys-net-ipv4-ip_forward]",
                "/proc/sys/net/ipv4/ip_forward contents are not set to 1")) {
            return Clue.of(Cause.IP_FORWARD);
        }
        return null;
    }

    /**
     * containerd answers but without its CRI plugin ("unknown service runtime.v1.RuntimeService", crictl's "CRI v1
     * runtime API is not implemented", kubewizard's own containerd step), or does not answer at all.
     */
    static Clue containerRuntime(String line, ScanState state) {
        if (hasAny(line, "unknown service runtime.v1", "CRI v1 runtime API is not implemented",
                "CRI v1 image API is not implemented", "unknown service runtime.v1alpha2",
                "CRI plugin did not load")) {
            return Clue.of(Cause.CRI_NOT_LOADED);
        }
        if (hasAny(line, "[ERROR CRI]", "container runtime is not running")
                || line.contains("containerd.sock") && hasAny(line, "no such file or directory",
                        "connect: connection refused")) {
            return Clue.of(Cause.CRI_NOT_RUNNING);
        }
        return null;
    }
}

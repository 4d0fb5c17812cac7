package dev.kubewizard.sim;

import dev.kubewizard.ssh.RemoteCommandLines;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An exec request as a simulated node understands it: exactly the command lines that
 * {@link dev.kubewizard.ssh.JschRemoteShell} and {@link dev.kubewizard.ssh.StepRunner} send (see
 * {@link RemoteCommandLines}): the sudo probe and password check right after login, and every other command wrapped
 * as {@code exec [sudo -n -- | sudo -k -S -p '' --] setsid -w bash -c WRAPPER kubewizard SCRIPT}, where the wrapper
 * prints the process group and SCRIPT is one of a few small commands. Anything else is {@link Kind#UNKNOWN}.
 *
 * @param sudo    how the command asked for root
 * @param wrapped whether it runs under the process-group wrapper (then it first announces its group)
 * @param args    the command's own words after its name (paths, modes), or the process group to stop
 * @param script  the command as sent (the inner script for wrapped commands), for messages
 */
record ReceivedCommand(Kind kind, Sudo sudo, boolean wrapped, List<String> args, String script) {
    enum Kind {
        /** "how does this login become root": answers root, passwordless, password or no-sudo. */
        SUDO_PROBE,
        /** {@code sudo -k -S -p '' -- true}: checks the sudo password on stdin. */
        SUDO_PASSWORD_CHECK,
        /** {@code mktemp -d /tmp/kubewizard-XXXXXXXXXX}. */
        MAKE_TEMP_DIR,
        /** {@code rm -rf -- DIR}. */
        REMOVE,
        /** {@code bash FILE}: a step's check or script. */
        RUN_FILE,
        /** {@code cat -- FILE}. */
        CAT,
        /** {@code install -D -m MODE SOURCE TARGET}. */
        INSTALL,
        /** TERM, then KILL, to a process group. */
        STOP_GROUP,
        UNKNOWN
    }

    enum Sudo {
        NONE,
        /** {@code sudo -n --}: no password needed. */
        NO_PASSWORD,
        /** {@code sudo -k -S -p '' --}: the password is the first line of stdin. */
        PASSWORD_ON_STDIN
    }

    static final String SUDO_PROBE = RemoteCommandLines.SUDO_PROBE;
    static final String SUDO_PASSWORD_CHECK = RemoteCommandLines.SUDO_PASSWORD_CHECK;
    static final String PGID_MARKER = RemoteCommandLines.PGID_MARKER;

    private static final Pattern STOP_GROUP = Pattern.compile(
            "kill -TERM -- -(\\d+) 2>/dev/null \\|\\| exit 0\n(?s).*kill -KILL -- -\\1 2>/dev/null \\|\\| true\n?");

    static ReceivedCommand parse(String line) {
        if (line.equals(SUDO_PROBE)) {
            return new ReceivedCommand(Kind.SUDO_PROBE, Sudo.NONE, false, List.of(), line);
        }
        if (line.equals(SUDO_PASSWORD_CHECK)) {
            return new ReceivedCommand(Kind.SUDO_PASSWORD_CHECK, Sudo.PASSWORD_ON_STDIN, false, List.of(), line);
        }
        List<String> w;
        try {
            w = ShellWords.split(line);
        } catch (IllegalArgumentException e) {
            return unknown(line);
        }
        int i = 0;
        if (i < w.size() && w.get(i).equals("exec")) {
            i++;
        }
        Sudo sudo = Sudo.NONE;
        if (i < w.size() && w.get(i).equals("sudo")) {
            List<String> noPassword = List.of("sudo", "-n", "--");
            List<String> withPassword = List.of("sudo", "-k", "-S", "-p", "", "--");
            if (startsWith(w, i, noPassword)) {
                sudo = Sudo.NO_PASSWORD;
                i += noPassword.size();
            } else if (startsWith(w, i, withPassword)) {
                sudo = Sudo.PASSWORD_ON_STDIN;
                i += withPassword.size();
            } else {
                return unknown(line);
            }
        }
        if (w.size() - i != 7 || !startsWith(w, i, List.of("setsid", "-w", "bash", "-c"))
                || !w.get(i + 4).contains("printf '" + PGID_MARKER + "%s\\n' \"$$\" >&2")
                || !w.get(i + 4).contains("exec bash -c \"$1\"") || !w.get(i + 5).equals("kubewizard")) {
            return unknown(line);
        }
        return inner(w.get(i + 6), sudo);
    }

    private static ReceivedCommand inner(String script, Sudo sudo) {
        Matcher stop = STOP_GROUP.matcher(script);
        if (stop.matches()) {
            return new ReceivedCommand(Kind.STOP_GROUP, sudo, true, List.of(stop.group(1)), script);
        }
        if (script.indexOf('\n') >= 0) {
            return new ReceivedCommand(Kind.UNKNOWN, sudo, true, List.of(), script);
        }
        List<String> w;
        try {
            w = ShellWords.split(script);
        } catch (IllegalArgumentException e) {
            return new ReceivedCommand(Kind.UNKNOWN, sudo, true, List.of(), script);
        }
        Kind kind = Kind.UNKNOWN;
        List<String> args = List.of();
        if (w.size() == 3 && w.get(0).equals("mktemp") && w.get(1).equals("-d") && w.get(2).endsWith("XXXXXXXXXX")
                && w.get(2).startsWith("/")) {
            kind = Kind.MAKE_TEMP_DIR;
            args = List.of(w.get(2));
        } else if (w.size() == 4 && w.subList(0, 3).equals(List.of("rm", "-rf", "--"))) {
            kind = Kind.REMOVE;
            args = List.of(w.get(3));
        } else if (w.size() == 2 && w.get(0).equals("bash")) {
            kind = Kind.RUN_FILE;
            args = List.of(w.get(1));
        } else if (w.size() == 3 && w.get(0).equals("cat") && w.get(1).equals("--")) {
            kind = Kind.CAT;
            args = List.of(w.get(2));
        } else if (w.size() == 6 && w.subList(0, 3).equals(List.of("install", "-D", "-m"))) {
            kind = Kind.INSTALL;
            args = List.of(w.get(3), w.get(4), w.get(5));
        }
        return new ReceivedCommand(kind, sudo, true, args, script);
    }

    private static boolean startsWith(List<String> words, int at, List<String> prefix) {
        return words.size() - at >= prefix.size() && words.subList(at, at + prefix.size()).equals(prefix);
    }

    private static ReceivedCommand unknown(String line) {
        return new ReceivedCommand(Kind.UNKNOWN, Sudo.NONE, false, List.of(), line);
    }

    boolean asRoot() {
        return sudo != Sudo.NONE;
    }
}

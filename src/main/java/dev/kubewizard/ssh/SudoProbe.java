package dev.kubewizard.ssh;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Finds out right after login how commands become root, and checks a sudo password once, so that a wrong password
 * or missing rights are reported before anything runs.
 */
final class SudoProbe {
    private SudoProbe() {
    }

    static SudoMode detect(JschRemoteShell shell) throws SshException, InterruptedException {
        SshTarget t = shell.target();
        ExecResult probe = shell.execPlain(RemoteCommandLines.SUDO_PROBE, new byte[0], true);
        if (probe.ending() != ExecResult.Ending.EXITED) {
            throw SshException.of(SshException.Reason.CONNECTION_LOST, "ssh.lost", t.display());
        }
        String answer = new String(probe.stdout(), StandardCharsets.UTF_8).strip();
        switch (answer) {
            case "root":
                return SudoMode.ROOT;
            case "passwordless":
                return SudoMode.PASSWORDLESS;
            case "no-sudo":
                throw SshException.of(SshException.Reason.SUDO, "ssh.sudo.missing", t.user(), t.host());
            case "password":
                break;
            default:
                throw SshException.of(SshException.Reason.SUDO, "ssh.sudo.failed", t.user(), t.host(),
                        answer.isEmpty() ? String.join(" / ", probe.lastLines()) : answer);
        }
        String password = t.effectiveSudoPassword();
        if (password == null) {
            throw SshException.of(SshException.Reason.SUDO, "ssh.sudo.passwordNeeded", t.user(), t.host());
        }
        ExecResult check = shell.execPlain(RemoteCommandLines.SUDO_PASSWORD_CHECK,
                (password + "\n").getBytes(StandardCharsets.UTF_8), false);
        if (check.ending() != ExecResult.Ending.EXITED) {
            throw SshException.of(SshException.Reason.CONNECTION_LOST, "ssh.lost", t.display());
        }
        if (check.exitCode() == 0) {
            return SudoMode.PASSWORD;
        }
        List<String> lines = check.lastLines();
        String said = String.join("\n", lines).toLowerCase(Locale.ROOT);
        if (said.contains("incorrect password") || said.contains("sorry, try again")) {
            throw SshException.of(SshException.Reason.SUDO, "ssh.sudo.wrongPassword", t.user(), t.host());
        }
        if (said.contains("not in the sudoers") || said.contains("not allowed") || said.contains("may not run sudo")) {
            throw SshException.of(SshException.Reason.SUDO, "ssh.sudo.notAllowed", t.user(), t.host());
        }
        throw SshException.of(SshException.Reason.SUDO, "ssh.sudo.failed", t.user(), t.host(),
                lines.isEmpty() ? "exit " + check.exitCode() : String.join(" / ", lines));
    }
}

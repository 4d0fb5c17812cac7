package dev.kubewizard.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubewizard.plan.HostKind;
import dev.kubewizard.plan.PlanHost;
import dev.kubewizard.plan.Ssh;
import dev.kubewizard.plan.SshAuth;
import dev.kubewizard.testing.Shellcheck;
import dev.kubewizard.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The command lines sent to nodes, checked without any SSH. */
class RemoteCommandLinesTest {
    @Test
    void everyCommandLineAndScriptPassesShellcheck() {
        RemoteCommand command = RemoteCommand.of("echo \"it's $HOME\"; exit 3").asRoot();
        // the wrapper and the script are single-quoted on purpose: bash -c expands them on the node
        String quoted = "#!/bin/sh\n# shellcheck disable=SC2016\n";
        Shellcheck.assertClean(Map.of(
                "as-root.sh", quoted + RemoteCommandLines.commandLine(command, SudoMode.ROOT) + "\n",
                "passwordless.sh", quoted + RemoteCommandLines.commandLine(command, SudoMode.PASSWORDLESS) + "\n",
                "password.sh", quoted + RemoteCommandLines.commandLine(command, SudoMode.PASSWORD) + "\n",
                "wrapper.sh", "#!/usr/bin/env bash\n" + RemoteCommandLines.WRAPPER + "\n",
                "probe.sh", "#!/bin/sh\n" + RemoteCommandLines.SUDO_PROBE + "\n",
                "check.sh", "#!/bin/sh\n" + RemoteCommandLines.SUDO_PASSWORD_CHECK + "\n",
                "stop.sh", "#!/usr/bin/env bash\n" + RemoteCommandLines.stopGroupScript(4242)));
    }

    @Test
    void aCommandLineRunsUnderDashInAProcessGroupOfItsOwnAndKeepsTheExitCode() {
        Path sh = Tools.require("sh");
        String line = RemoteCommandLines.commandLine(RemoteCommand.of("echo \"中文 $((1 + 2))\"; exit 4"), null);
        Tools.Result r = Tools.run(10, sh.toString(), "-c", line);
        assertEquals(4, r.exitCode(), r.output());
        assertTrue(r.output().contains("中文 3"), r.output());
        Matcher m = Pattern.compile("::kubewizard-pgid (\\d+)").matcher(r.output());
        assertTrue(m.find(), r.output());
        assertNotEquals(ProcessHandle.current().pid(), Long.parseLong(m.group(1)));
    }

    @Test
    void theSudoPasswordIsTheFirstStdinLineAndNeverPartOfTheCommandLine() {
        RemoteCommand command = RemoteCommand.of("cat").asRoot().withStdin("own input\n");
        String line = RemoteCommandLines.commandLine(command, SudoMode.PASSWORD);
        assertFalse(line.contains("pw-123"));
        assertTrue(line.startsWith("exec sudo -k -S -p '' -- setsid -w bash -c "), line);
        assertEquals("pw-123\nown input\n", new String(RemoteCommandLines.stdin(command, SudoMode.PASSWORD, "pw-123"),
                StandardCharsets.UTF_8));
        assertEquals("own input\n", new String(RemoteCommandLines.stdin(command, SudoMode.PASSWORDLESS, "pw-123"),
                StandardCharsets.UTF_8));
        assertTrue(RemoteCommandLines.commandLine(command, SudoMode.PASSWORDLESS).startsWith("exec sudo -n -- "));
        assertTrue(RemoteCommandLines.commandLine(command, SudoMode.ROOT).startsWith("exec setsid -w "));
        assertTrue(RemoteCommandLines.commandLine(RemoteCommand.of("id"), SudoMode.PASSWORD)
                .startsWith("exec setsid -w "), "a command as the login user never uses sudo");
    }

    @Test
    void aPlanHostBecomesATargetWithThePlansLogin() {
        PlanHost host = new PlanHost("k8s-node1", "192.168.1.201", HostKind.WORKER, "ubuntu", 2222);
        SshTarget byPassword = SshTarget.forHost(host, new Ssh("ubuntu", 2222, SshAuth.PASSWORD, ""), "pw", null);
        assertEquals("ubuntu@192.168.1.201:2222", byPassword.display());
        assertEquals("pw", byPassword.effectiveSudoPassword());
        assertFalse(byPassword.toString().contains("pw,") || byPassword.toString().contains("[pw]"),
                byPassword.toString());
        SshTarget byKey = SshTarget.forHost(host, new Ssh("ubuntu", 2222, SshAuth.KEY, "~/.ssh/id_ed25519"), null,
                "sudo-pw");
        assertEquals(new SshCredentials.KeyFile(Path.of(System.getProperty("user.home"), ".ssh", "id_ed25519"), null),
                byKey.credentials());
        assertEquals("sudo-pw", byKey.effectiveSudoPassword());
    }
}

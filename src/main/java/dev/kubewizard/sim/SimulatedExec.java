package dev.kubewizard.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exec request on a simulated node, answered on a thread of its own (the simulated process) the way Ubuntu would
 * answer the command line: sudo checks the password on the first line of standard input, the wrapper announces the
 * process group, then the small commands act on the node's virtual file system and a step's check or script is
 * played from {@link StepScenes}. Nothing is executed on this machine. A command line that is not one kubewizard
 * sends fails with exit 127 and {@code not simulated: <command>}.
 */
final class SimulatedExec implements Command {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedExec.class);
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int EXIT_TERMINATED = 143;

    private final SimulatedNode node;
    private final String line;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private String user;

    SimulatedExec(SimulatedNode node, String line) {
        this.node = node;
        this.line = line;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        user = channel.getSession().getUsername();
        node.received(line);
        Thread t = new Thread(this::run, "sim-" + node.hostname() + "-exec");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void destroy(ChannelSession channel) {
        // like sshd without a terminal: closing the channel does not stop the process (stopping its group does)
    }

    private void run() {
        int code;
        try {
            code = answer(ReceivedCommand.parse(line));
        } catch (IOException e) {
            LOG.debug("{}: the client went away during '{}': {}", node.hostname(), firstLine(line), e.toString());
            return;
        } catch (RuntimeException e) {
            LOG.warn("{}: simulating '{}' failed", node.hostname(), firstLine(line), e);
            code = 1;
            try {
                say(true, "kubewizard simulated node: " + e);
            } catch (IOException ignored) {
                // gone
            }
        }
        finish(code);
    }

    private void finish(int code) {
        try {
            out.flush();
            err.flush();
        } catch (IOException e) {
            // nobody listens any more
        }
        try {
            exit.onExit(code);
        } catch (RuntimeException e) {
            LOG.debug("{}: no exit status sent: {}", node.hostname(), e.toString());
        }
    }

    /** The exit code; -1 when nothing is to be reported (the connection is gone). */
    private int answer(ReceivedCommand c) throws IOException {
        switch (c.kind()) {
            case SUDO_PROBE:
                say(false, node.sudoProbeAnswer(user));
                return 0;
            case SUDO_PASSWORD_CHECK:
                return sudo(c, user).orElse(0);
            default:
                break;
        }
        if (!c.wrapped()) {
            say(true, "not simulated: " + c.script());
            return 127;
        }
        Optional<Integer> refused = sudo(c, user);
        if (refused.isPresent()) {
            return refused.get();
        }
        String as = c.asRoot() ? VirtualFiles.ROOT_USER : user;
        long group = node.startGroup(Thread.currentThread());
        try {
            say(true, ReceivedCommand.PGID_MARKER + group);
            return wrapped(c, as);
        } finally {
            node.endGroup(group);
        }
    }

    /** What sudo does before the command: empty when the command may run, else sudo's exit code. */
    private Optional<Integer> sudo(ReceivedCommand c, String login) throws IOException {
        if (c.sudo() == ReceivedCommand.Sudo.NONE || VirtualFiles.ROOT_USER.equals(login)) {
            return Optional.empty();
        }
        SimOptions.SudoPolicy policy = node.sudoPolicy();
        if (c.sudo() == ReceivedCommand.Sudo.NO_PASSWORD) {
            if (policy == SimOptions.SudoPolicy.PASSWORDLESS) {
                return Optional.empty();
            }
            say(true, "sudo: a password is required");
            return Optional.of(1);
        }
        if (policy == SimOptions.SudoPolicy.PASSWORDLESS) {
            return Optional.empty();   // -S reads nothing when no password is needed
        }
        String given = readLine();   // -S: the first line of standard input, and nothing more
        if (given == null || !given.equals(node.sudoPassword())) {
            sleepQuietly(Duration.ofMillis(200));   // sudo's pause after a wrong password
            say(true, "Sorry, try again.");
            say(true, "sudo: no password was provided");
            say(true, "sudo: 1 incorrect password attempt");
            return Optional.of(1);
        }
        if (policy == SimOptions.SudoPolicy.NOT_ALLOWED) {
            say(true, login + " is not in the sudoers file.");
            return Optional.of(1);
        }
        return Optional.empty();
    }

    private int wrapped(ReceivedCommand c, String as) throws IOException {
        VirtualFiles files = node.files;
        List<String> a = c.args();
        try {
            switch (c.kind()) {
                case MAKE_TEMP_DIR: {
                    String template = a.get(0);
                    String dir;
                    do {
                        StringBuilder b = new StringBuilder(template.substring(0, template.length() - 10));
                        for (int i = 0; i < 10; i++) {
                            b.append(ALNUM.charAt(RANDOM.nextInt(ALNUM.length())));
                        }
                        dir = b.toString();
                    } while (files.exists(dir));
                    files.mkdir(dir, as, 0700);
                    say(false, dir);
                    return 0;
                }
                case REMOVE:
                    files.deleteTree(a.get(0), as);
                    return 0;
                case CAT: {
                    byte[] content = files.read(a.get(0), as);
                    out.write(content);
                    out.flush();
                    return 0;
                }
                case INSTALL: {
                    byte[] content = files.read(a.get(1), as);
                    if (!VirtualFiles.ROOT_USER.equals(as)) {
                        throw new AccessDeniedException(a.get(2));
                    }
                    files.install(a.get(2), content, as, Integer.parseInt(a.get(0), 8));
                    return 0;
                }
                case STOP_GROUP:
                    node.stopGroup(Long.parseLong(a.get(0)));
                    return 0;
                case RUN_FILE:
                    return runFile(a.get(0), as);
                default:
                    say(true, "not simulated: " + c.script());
                    return 127;
            }
        } catch (NoSuchFileException e) {
            say(true, tool(c) + ": " + quoteFor(c, e.getFile()) + ": No such file or directory");
            return c.kind() == ReceivedCommand.Kind.RUN_FILE ? 127 : 1;
        } catch (AccessDeniedException e) {
            say(true, tool(c) + ": " + quoteFor(c, e.getFile()) + ": Permission denied");
            return 1;
        } catch (FileSystemException e) {
            say(true, tool(c) + ": " + quoteFor(c, e.getFile()) + ": " + e.getReason());
            return 1;
        }
    }

    private int runFile(String path, String as) throws IOException {
        byte[] bytes;
        try {
            bytes = node.files.read(path, as);
        } catch (NoSuchFileException e) {
            say(true, "bash: " + path + ": No such file or directory");
            return 127;
        } catch (FileSystemException e) {
            say(true, "bash: " + path + ": Permission denied");
            return 126;
        }
        Optional<StepScript> parsed = StepScript.parse(new String(bytes, StandardCharsets.UTF_8));
        if (parsed.isEmpty()) {
            say(true, "not simulated: bash " + path + " (not a kubewizard step script)");
            return 127;
        }
        StepScript s = parsed.get();
        SimulatedCluster cluster = node.cluster();
        Program program;
        Duration duration;
        Playback.Disruption disruption = null;
        if (s.isCheck()) {
            program = cluster.scenes().check(node, s);
            duration = cluster.checkDuration(node);
        } else {
            // the script reads its run-time values, one line each, then closes its input (exec </dev/null)
            program = cluster.scenes().script(node, s, path, readLines(s.inputs().size()), user);
            duration = cluster.stepDuration(node, s);
            disruption = cluster.disruption(node.hostname(), s.id());
        }
        Playback.Ending ending = new Playback(node, out, err).play(program, duration, disruption);
        return switch (ending) {
            case EXITED -> program.exitCode();
            case STOPPED -> EXIT_TERMINATED;
            case ORPHANED -> throw new IOException("the connection of " + s.id() + " is gone");
        };
    }

    /**
     * Reads one line of standard input, as {@code read -r} or sudo does: up to the line break, never waiting for
     * more (the client may keep its end open). Null at the end of input.
     */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        if (b < 0 && line.size() == 0) {
            return null;
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /** The first {@code n} lines of standard input (fewer when it ends first). */
    private List<String> readLines(int n) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String l = readLine();
            if (l == null) {
                break;
            }
            lines.add(l);
        }
        return lines;
    }

    private void say(boolean stderr, String text) throws IOException {
        OutputStream s = stderr ? err : out;
        s.write((text + "\n").getBytes(StandardCharsets.UTF_8));
        s.flush();
    }

    private static String tool(ReceivedCommand c) {
        return switch (c.kind()) {
            case MAKE_TEMP_DIR -> "mktemp";
            case REMOVE -> "rm";
            case CAT -> "cat";
            case INSTALL -> "install";
            case RUN_FILE -> "bash";
            default -> "bash";
        };
    }

    private static String quoteFor(ReceivedCommand c, String file) {
        // coreutils quotes file names in its messages, cat and bash do not
        return c.kind() == ReceivedCommand.Kind.INSTALL || c.kind() == ReceivedCommand.Kind.REMOVE
                || c.kind() == ReceivedCommand.Kind.MAKE_TEMP_DIR ? "'" + file + "'" : file;
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl) + " ...";
    }
}

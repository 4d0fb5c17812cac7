package dev.kubewizard.ssh.testnode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * An exec request of the in-process test server, run for real by the local {@code bash -c}, as OpenSSH runs it with
 * the login shell: standard input is passed on and closed at the client's EOF, output is passed on as soon as it is
 * read (so line events can be seen to arrive live), and the exit code is reported after all output was sent.
 */
final class LocalBashCommand implements Command {
    private final String command;
    private final Map<String, String> environment;
    private final Path workDir;
    private final Runnable onStart;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private volatile Process process;

    LocalBashCommand(String command, Map<String, String> environment, Path workDir, Runnable onStart) {
        this.command = command;
        this.environment = environment;
        this.workDir = workDir;
        this.onStart = onStart;
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
    public void start(ChannelSession channel, Environment env) throws IOException {
        onStart.run();
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).directory(workDir.toFile());
        pb.environment().putAll(environment);
        process = pb.start();
        Process p = process;
        Thread stdin = pump(in, p.getOutputStream(), true, "stdin");
        Thread stdout = pump(p.getInputStream(), out, false, "stdout");
        Thread stderr = pump(p.getErrorStream(), err, false, "stderr");
        Thread waiter = new Thread(() -> {
            int code;
            try {
                code = p.waitFor();
                stdout.join();
                stderr.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                code = 255;
            }
            stdin.interrupt();
            exit.onExit(code);
        }, "test-sshd-exec-wait");
        waiter.setDaemon(true);
        waiter.start();
    }

    private static Thread pump(InputStream from, OutputStream to, boolean closeTarget, String name) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = from.read(buffer)) >= 0) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // the other side is gone
            } finally {
                if (closeTarget) {
                    try {
                        to.close();
                    } catch (IOException e) {
                        // the process ended without reading
                    }
                }
            }
        }, "test-sshd-exec-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void destroy(ChannelSession channel) {
        // like sshd without a terminal: the process is not killed, only its pipes go away (it notices when it
        // next writes, or never)
        Process p = process;
        if (p != null && p.isAlive()) {
            for (java.io.Closeable c : new java.io.Closeable[] {p.getOutputStream(), p.getInputStream(),
                    p.getErrorStream()}) {
                try {
                    c.close();
                } catch (IOException e) {
                    // already closed
                }
            }
        }
    }
}

package dev.kubewizard.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One command on a JSch exec channel. Standard output and standard error are read on their own threads (so neither
 * can block the other) and split into lines as they arrive; standard input is written and closed (EOF) right after
 * the channel opens. The end is known when the channel is closed: only then is the exit status final.
 */
final class JschExecution implements RunningCommand {
    private static final Logger LOG = LoggerFactory.getLogger(JschExecution.class);
    private static final long CANCEL_WAIT_FOR_GROUP_MS = 2000;
    private static final long CANCEL_GRACE_MS = 5000;

    private final JschRemoteShell shell;
    private final Session session;
    private final ChannelExec channel;
    private final OutputPipeline pipeline;
    private final boolean asRoot;
    private final Instant started = Instant.now();
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private Thread stdoutReader;
    private Thread stderrReader;
    private volatile boolean cancelled;
    private ExecResult result;

    private JschExecution(JschRemoteShell shell, Session session, ChannelExec channel, OutputPipeline pipeline,
                          boolean asRoot) {
        this.shell = shell;
        this.session = session;
        this.channel = channel;
        this.pipeline = pipeline;
        this.asRoot = asRoot;
    }

    static JschExecution start(JschRemoteShell shell, Session session, String commandLine, byte[] stdin,
                               boolean asRoot, boolean captureStdout, OutputPipeline pipeline, int openTimeoutMs)
            throws SshException {
        ChannelExec channel;
        InputStream out;
        InputStream err;
        OutputStream in;
        try {
            channel = (ChannelExec) session.openChannel("exec");
            channel.setCommand(commandLine.getBytes(StandardCharsets.UTF_8));
            // the streams must exist before connect(), or early output is lost
            out = channel.getInputStream();
            err = channel.getErrStream();
            in = channel.getOutputStream();
            channel.connect(openTimeoutMs);
        } catch (JSchException | IOException e) {
            Arrays.fill(stdin, (byte) 0);
            throw shell.lostOrFailed(e, "exec");
        }
        JschExecution execution = new JschExecution(shell, session, channel, pipeline, asRoot);
        String name = "kubewizard-ssh-" + shell.target().host();
        execution.stdoutReader = execution.reader(out, OutputLine.Source.STDOUT, captureStdout, name + "-stdout");
        execution.stderrReader = execution.reader(err, OutputLine.Source.STDERR, false, name + "-stderr");
        try {
            in.write(stdin);
            in.flush();
        } catch (IOException e) {
            // the command ended or the connection broke without reading its input: await() tells which
        } finally {
            Arrays.fill(stdin, (byte) 0);
            try {
                in.close();   // EOF: a command reading its input to the end can finish
            } catch (IOException e) {
                // as above
            }
        }
        return execution;
    }

    private Thread reader(InputStream stream, OutputLine.Source source, boolean capture, String name) {
        Thread t = new Thread(() -> {
            LineSplitter splitter = new LineSplitter((text, cut) -> pipeline.line(source, text, cut));
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = stream.read(buffer)) >= 0) {
                    if (capture) {
                        synchronized (captured) {
                            captured.write(buffer, 0, n);
                        }
                    } else {
                        splitter.feed(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                // the channel was closed under us (connection lost or cancelled): what was read is delivered
            } finally {
                splitter.finish();
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        Thread t = new Thread(this::stopRemote, "kubewizard-ssh-cancel-" + shell.target().host());
        t.setDaemon(true);
        t.start();
    }

    private void stopRemote() {
        try {
            long group = pipeline.awaitProcessGroup(CANCEL_WAIT_FOR_GROUP_MS);
            if (group > 1 && !channel.isClosed()) {
                shell.stopProcessGroup(group, asRoot);
            }
            long end = System.currentTimeMillis() + CANCEL_GRACE_MS;
            while (!channel.isClosed() && System.currentTimeMillis() < end) {
                Thread.sleep(20);
            }
        } catch (SshException e) {
            LOG.debug("stopping the remote process group of a cancelled command failed: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // closing the channel ends the readers even when the remote side could not be stopped
            channel.disconnect();
        }
    }

    @Override
    public synchronized ExecResult await() throws InterruptedException {
        if (result == null) {
            stdoutReader.join();
            stderrReader.join();
            // the exit status arrives before the channel closes; a dead session closes its channels
            while (!channel.isClosed() && session.isConnected()) {
                Thread.sleep(5);
            }
            result = finish();
        }
        return result;
    }

    @Override
    public Optional<ExecResult> await(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        for (Thread t : new Thread[] {stdoutReader, stderrReader}) {
            long left = end - System.nanoTime();
            if (left > 0) {
                t.join(Math.max(1, left / 1_000_000));
            }
        }
        while (!channel.isClosed() && session.isConnected() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        if (stdoutReader.isAlive() || stderrReader.isAlive() || (!channel.isClosed() && session.isConnected())) {
            return Optional.empty();
        }
        return Optional.of(await());
    }

    private ExecResult finish() throws InterruptedException {
        int status = channel.getExitStatus();
        String signal = channel.getExitSignal();
        boolean lost = !channel.isClosed();
        if (!lost && status == -1 && signal == null) {
            // No exit status: either the server had none to give, or the connection died and took the channel
            // with it. JSch closes the channels before it marks the session down, so look again.
            lost = sessionIsDead();
        }
        channel.disconnect();
        ExecResult.Ending ending = cancelled ? ExecResult.Ending.CANCELLED
                : lost ? ExecResult.Ending.CONNECTION_LOST : ExecResult.Ending.EXITED;
        int code = -1;
        if (ending == ExecResult.Ending.EXITED) {
            code = status != -1 ? status : signal != null && signalNumber(signal) > 0 ? 128 + signalNumber(signal) : -1;
        }
        byte[] stdout;
        synchronized (captured) {
            stdout = captured.toByteArray();
        }
        Map<String, String> outputs = ending == ExecResult.Ending.EXITED ? pipeline.collected() : Map.of();
        return new ExecResult(ending, code, Duration.between(started, Instant.now()), pipeline.lastLines(), outputs,
                stdout, pipeline.processGroup());
    }

    private boolean sessionIsDead() throws InterruptedException {
        long end = System.currentTimeMillis() + 1000;
        while (session.isConnected() && System.currentTimeMillis() < end) {
            Thread.sleep(10);
        }
        if (!session.isConnected()) {
            return true;
        }
        try {
            session.sendKeepAliveMsg();
            return false;
        } catch (Exception e) {
            return true;
        }
    }

    /** Signal numbers as on Linux x86 and arm, for the 128 + N exit code bash would show. */
    static int signalNumber(String name) {
        return switch (name) {
            case "HUP" -> 1;
            case "INT" -> 2;
            case "QUIT" -> 3;
            case "ILL" -> 4;
            case "ABRT" -> 6;
            case "FPE" -> 8;
            case "KILL" -> 9;
            case "SEGV" -> 11;
            case "PIPE" -> 13;
            case "ALRM" -> 14;
            case "TERM" -> 15;
            case "USR1" -> 10;
            case "USR2" -> 12;
            default -> 0;
        };
    }
}

package dev.kubewizard.ssh;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One command on a JSch exec channel.
 *
 * <p>Output: JSch hands over standard output and standard error on its session thread, packet by packet, in the
 * order the server sent them. Both go, in that order, into one queue that this command's output thread drains:
 * bytes are split into lines per stream (each stream keeps its own line buffer, so they never mix), and every line
 * passes the {@link OutputPipeline}. Keeping the arrival order across the two streams matters for secrets: a token
 * that a step announces on stdout and then prints on stderr must be known to the masker before that stderr line is
 * shown, which two independent reader threads could not guarantee. The session thread never waits for a listener,
 * only when 4 MiB are queued and not yet processed (then the server is slowed down, as with any SSH client).
 *
 * <p>Input is written and closed (EOF) right after the channel opens. The end is known when the channel is closed:
 * only then is the exit status final.
 */
final class JschExecution implements RunningCommand {
    private static final Logger LOG = LoggerFactory.getLogger(JschExecution.class);
    private static final long CANCEL_WAIT_FOR_GROUP_MS = 2000;
    private static final long CANCEL_GRACE_MS = 5000;
    private static final int QUEUE_LIMIT_BYTES = 4 * 1024 * 1024;

    private final JschRemoteShell shell;
    private final Session session;
    private final ChannelExec channel;
    private final OutputPipeline pipeline;
    private final boolean asRoot;
    private final boolean captureStdout;
    private final Instant started = Instant.now();
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    private final Semaphore room = new Semaphore(QUEUE_LIMIT_BYTES);
    private final Thread output;
    private volatile boolean cancelled;
    private ExecResult result;

    /** Bytes of one stream, or its end ({@code bytes == null}). */
    private record Chunk(OutputLine.Source source, byte[] bytes) {
    }

    private JschExecution(JschRemoteShell shell, Session session, ChannelExec channel, OutputPipeline pipeline,
                          boolean asRoot, boolean captureStdout) {
        this.shell = shell;
        this.session = session;
        this.channel = channel;
        this.pipeline = pipeline;
        this.asRoot = asRoot;
        this.captureStdout = captureStdout;
        this.output = new Thread(this::drain, "kubewizard-ssh-" + shell.target().host() + "-output");
        this.output.setDaemon(true);
    }

    static JschExecution start(JschRemoteShell shell, Session session, String commandLine, byte[] stdin,
                               boolean asRoot, boolean captureStdout, OutputPipeline pipeline, int openTimeoutMs)
            throws SshException {
        JschExecution execution = null;
        OutputStream in;
        try {
            ChannelExec channel = (ChannelExec) session.openChannel("exec");
            execution = new JschExecution(shell, session, channel, pipeline, asRoot, captureStdout);
            channel.setCommand(commandLine.getBytes(StandardCharsets.UTF_8));
            // set before connect(), or early output is lost; JSch closes them at the stream's end
            channel.setOutputStream(execution.new Sink(OutputLine.Source.STDOUT));
            channel.setExtOutputStream(execution.new Sink(OutputLine.Source.STDERR));
            in = channel.getOutputStream();
            execution.output.start();
            channel.connect(openTimeoutMs);
        } catch (JSchException | IOException e) {
            Arrays.fill(stdin, (byte) 0);
            if (execution != null) {
                execution.output.interrupt();
            }
            throw shell.lostOrFailed(e, "exec");
        }
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

    /** Where JSch writes one stream, on its session thread: queued, never processed there. */
    private final class Sink extends OutputStream {
        private final OutputLine.Source source;
        private boolean closed;

        Sink(OutputLine.Source source) {
            this.source = source;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len <= 0) {
                return;
            }
            try {
                room.acquire(Math.min(len, QUEUE_LIMIT_BYTES));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while output was queued");
            }
            queue.add(new Chunk(source, Arrays.copyOfRange(b, off, off + len)));
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                queue.add(new Chunk(source, null));
            }
        }
    }

    private void drain() {
        LineSplitter stdout = new LineSplitter((text, cut) -> pipeline.line(OutputLine.Source.STDOUT, text, cut));
        LineSplitter stderr = new LineSplitter((text, cut) -> pipeline.line(OutputLine.Source.STDERR, text, cut));
        int ended = 0;
        try {
            while (ended < 2) {
                Chunk c = queue.take();
                LineSplitter splitter = c.source() == OutputLine.Source.STDOUT ? stdout : stderr;
                if (c.bytes() == null) {
                    splitter.finish();
                    ended++;
                    continue;
                }
                room.release(Math.min(c.bytes().length, QUEUE_LIMIT_BYTES));
                if (captureStdout && c.source() == OutputLine.Source.STDOUT) {
                    synchronized (captured) {
                        captured.write(c.bytes(), 0, c.bytes().length);
                    }
                } else {
                    splitter.feed(c.bytes(), 0, c.bytes().length);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
            waitForOutputEnd(0);
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
        waitForOutputEnd(Math.max(1, timeout.toMillis()));
        while (!channel.isClosed() && session.isConnected() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        if (output.isAlive() || (!channel.isClosed() && session.isConnected())) {
            return Optional.empty();
        }
        return Optional.of(await());
    }

    /**
     * Waits until both streams have ended ({@code millis} 0 = no limit). A session that died without JSch closing
     * the channel's streams must not leave us waiting forever, so the session is watched too.
     */
    private void waitForOutputEnd(long millis) throws InterruptedException {
        long end = millis == 0 ? Long.MAX_VALUE : System.currentTimeMillis() + millis;
        while (output.isAlive() && System.currentTimeMillis() < end) {
            output.join(50);
            if (output.isAlive() && !session.isConnected() && channel.isClosed()) {
                output.join(500);   // the last queued bytes are still delivered
                output.interrupt();
                output.join();
            }
        }
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

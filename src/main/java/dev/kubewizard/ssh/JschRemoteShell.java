package dev.kubewizard.ssh;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.Identity;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;
import dev.kubewizard.text.Messages;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link RemoteShell} over JSch (the maintained fork, which speaks OpenSSH 9's defaults). */
public final class JschRemoteShell implements RemoteShell {
    private static final Logger LOG = LoggerFactory.getLogger(JschRemoteShell.class);

    private final SshTarget target;
    private final SshSettings settings;
    private final SecretMasker masker;
    private final KnownHostsFile knownHosts;
    private volatile Session session;
    private volatile SudoMode sudoMode;

    public JschRemoteShell(SshTarget target, SshSettings settings, SecretMasker masker) {
        this.target = Objects.requireNonNull(target, "target");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.masker = Objects.requireNonNull(masker, "masker");
        this.knownHosts = new KnownHostsFile(settings.knownHosts());
        target.credentials().registerSecrets(masker);
        masker.add(target.sudoPassword());
    }

    @Override
    public SshTarget target() {
        return target;
    }

    @Override
    public SecretMasker masker() {
        return masker;
    }

    @Override
    public synchronized void connect() throws SshException, InterruptedException {
        if (isConnected()) {
            return;
        }
        Session s = openSession();
        session = s;
        try {
            sudoMode = SudoProbe.detect(this);
        } catch (SshException | InterruptedException | RuntimeException e) {
            s.disconnect();
            session = null;
            throw e;
        }
        LOG.debug("connected to {} ({})", target.display(), sudoMode);
    }

    @Override
    public synchronized void reconnect() throws SshException, InterruptedException {
        close();
        connect();
    }

    @Override
    public boolean isConnected() {
        Session s = session;
        return s != null && s.isConnected();
    }

    @Override
    public SudoMode sudoMode() {
        SudoMode mode = sudoMode;
        if (mode == null) {
            throw new IllegalStateException("not connected yet: " + target.display());
        }
        return mode;
    }

    @Override
    public RunningCommand start(RemoteCommand command, LineListener listener) throws SshException {
        Session s = liveSession();
        SudoMode mode = command.runAsRoot() ? sudoMode() : sudoMode;
        OutputPipeline pipeline = new OutputPipeline(masker, listener, command.outputs(), command.secretOutputs());
        return JschExecution.start(this, s, RemoteCommandLines.commandLine(command, mode),
                RemoteCommandLines.stdin(command, mode, target.effectiveSudoPassword()), command.runAsRoot(),
                command.captureStdout(), pipeline, timeoutMillis());
    }

    /** A command line exactly as given (no process group, no sudo): used before the sudo mode is known. */
    ExecResult execPlain(String commandLine, byte[] stdin, boolean captureStdout)
            throws SshException, InterruptedException {
        OutputPipeline pipeline = new OutputPipeline(masker, LineListener.IGNORE, Set.of(), Set.of());
        return JschExecution.start(this, liveSession(), commandLine, stdin, false, captureStdout, pipeline,
                timeoutMillis()).await();
    }

    @Override
    public void upload(byte[] content, String remotePath, String mode) throws SshException {
        requireAbsolute(remotePath);
        if (!mode.matches("0?[0-7]{3}")) {
            throw new IllegalArgumentException("mode must look like 0644: " + mode);
        }
        ChannelSftp sftp = openSftp();
        try {
            makeParents(sftp, remotePath);
            // an empty file first, then its mode, then the content: a private file is never readable by others
            sftp.put(new ByteArrayInputStream(new byte[0]), remotePath, ChannelSftp.OVERWRITE);
            sftp.chmod(Integer.parseInt(mode, 8), remotePath);
            sftp.put(new ByteArrayInputStream(content), remotePath, ChannelSftp.OVERWRITE);
        } catch (SftpException e) {
            throw sftpProblem(e, "ssh.upload.failed", remotePath);
        } finally {
            sftp.disconnect();
        }
    }

    @Override
    public byte[] download(String remotePath) throws SshException {
        requireAbsolute(remotePath);
        ChannelSftp sftp = openSftp();
        try (InputStream in = sftp.get(remotePath)) {
            return in.readAllBytes();
        } catch (SftpException e) {
            throw sftpProblem(e, "ssh.download.failed", remotePath);
        } catch (IOException e) {
            throw lostOrFailed(e, "sftp get " + remotePath);
        } finally {
            sftp.disconnect();
        }
    }

    @Override
    public synchronized void close() {
        Session s = session;
        session = null;
        if (s != null) {
            s.disconnect();
        }
    }

    private Session liveSession() throws SshException {
        Session s = session;
        if (s == null || !s.isConnected()) {
            throw SshException.of(SshException.Reason.CONNECTION_LOST, "ssh.lost", target.display());
        }
        return s;
    }

    private int timeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis());
    }

    private Session openSession() throws SshException {
        JSch jsch = new JSch();
        jsch.setInstanceLogger(JschLog.INSTANCE);
        PasswordAnswers answers = null;
        if (target.credentials() instanceof SshCredentials.KeyFile key) {
            addIdentity(jsch, key);
        } else if (target.credentials() instanceof SshCredentials.Password p) {
            answers = new PasswordAnswers(p.password());
        }
        TrustOnFirstUse trust = new TrustOnFirstUse(knownHosts, settings.hostKeyPrompt(), target.host(),
                target.port());
        try {
            Session s = jsch.getSession(target.user(), target.host(), target.port());
            s.setHostKeyRepository(trust);
            s.setConfig("StrictHostKeyChecking", "yes");
            s.setConfig("PreferredAuthentications",
                    answers == null ? "publickey" : "password,keyboard-interactive");
            if (answers != null) {
                s.setPassword(answers.getPassword());
                s.setUserInfo(answers);
            }
            s.setServerAliveInterval((int) settings.keepaliveInterval().toMillis());
            s.setServerAliveCountMax(settings.keepaliveCountMax());
            s.setDaemonThread(true);
            s.connect(timeoutMillis());
            return s;
        } catch (JSchException e) {
            throw connectProblem(e, trust);
        }
    }

    private void addIdentity(JSch jsch, SshCredentials.KeyFile key) throws SshException {
        try {
            byte[] passphrase = key.passphrase() == null ? null : key.passphrase().getBytes(StandardCharsets.UTF_8);
            jsch.addIdentity(key.file().toString(), passphrase);
            for (Identity identity : jsch.getIdentityRepository().getIdentities()) {
                if (identity.isEncrypted()) {
                    throw SshException.of(SshException.Reason.AUTHENTICATION,
                            key.passphrase() == null ? "ssh.key.passphraseNeeded" : "ssh.key.passphraseWrong",
                            key.file());
                }
            }
        } catch (JSchException e) {
            throw new SshException(SshException.Reason.AUTHENTICATION,
                    Messages.text("ssh.key.unreadable", key.file(), rootMessage(e)), e);
        }
    }

    private SshException connectProblem(JSchException e, TrustOnFirstUse trust) {
        String where = target.host() + ":" + target.port();
        if (trust.changed() != null) {
            TrustOnFirstUse.ChangedKey c = trust.changed();
            return new SshException(SshException.Reason.HOST_KEY_CHANGED, Messages.text(
                    "ssh.hostKey.changed", where, c.offered().keyType(), c.offered().fingerprint(),
                    c.known().keyType(), c.known().fingerprint(), knownHosts.path(),
                    String.valueOf(c.known().lineNumber()), KnownHostsFile.hostName(target.host(), target.port())),
                    e);
        }
        if (trust.refused() != null) {
            HostKeyOffer o = trust.refused();
            return new SshException(SshException.Reason.HOST_KEY_REFUSED,
                    Messages.text("ssh.hostKey.refused", where, o.keyType(), o.fingerprint()), e);
        }
        if (trust.storeProblem() != null) {
            return new SshException(SshException.Reason.HOST_KEY_REFUSED, Messages.text(
                    "ssh.hostKey.store", knownHosts.path(), trust.storeProblem().toString()), e);
        }
        Throwable cause = e.getCause();
        String message = String.valueOf(e.getMessage());
        String key;
        SshException.Reason reason;
        if (cause instanceof UnknownHostException) {
            reason = SshException.Reason.UNREACHABLE;
            key = "ssh.connect.unknownHost";
        } else if (cause instanceof ConnectException) {
            reason = SshException.Reason.UNREACHABLE;
            key = "ssh.connect.refused";
        } else if (cause instanceof NoRouteToHostException) {
            reason = SshException.Reason.UNREACHABLE;
            key = "ssh.connect.noRoute";
        } else if (cause instanceof SocketTimeoutException || message.startsWith("timeout")) {
            reason = SshException.Reason.TIMEOUT;
            key = "ssh.connect.timeout";
        } else if (message.startsWith("Auth fail") || message.startsWith("Auth cancel")
                || message.contains("Too many authentication failures")) {
            reason = SshException.Reason.AUTHENTICATION;
            key = target.credentials() instanceof SshCredentials.KeyFile ? "ssh.auth.keyRefused"
                    : "ssh.auth.passwordRefused";
        } else {
            reason = SshException.Reason.UNREACHABLE;
            key = "ssh.connect.failed";
        }
        return new SshException(reason, Messages.text(key, where, target.user(),
                settings.connectTimeout().toSeconds(), masker.mask(rootMessage(e))), e);
    }

    /** A failure of an operation on the session: the connection is gone, or the node refused. */
    SshException lostOrFailed(Exception e, String what) {
        if (!isConnected()) {
            return new SshException(SshException.Reason.CONNECTION_LOST,
                    Messages.text("ssh.lost", target.display()), e);
        }
        return new SshException(SshException.Reason.REMOTE, Messages.text("ssh.remote.failed",
                target.display(), what, masker.mask(rootMessage(e))), e);
    }

    private ChannelSftp openSftp() throws SshException {
        try {
            ChannelSftp sftp = (ChannelSftp) liveSession().openChannel("sftp");
            sftp.connect(timeoutMillis());
            return sftp;
        } catch (JSchException e) {
            throw lostOrFailed(e, "sftp");
        }
    }

    private SshException sftpProblem(SftpException e, String key, String path) {
        if (!isConnected()) {
            return new SshException(SshException.Reason.CONNECTION_LOST,
                    Messages.text("ssh.lost", target.display()), e);
        }
        return new SshException(SshException.Reason.REMOTE,
                Messages.text(key, target.display(), path, masker.mask(rootMessage(e))), e);
    }

    private static void makeParents(ChannelSftp sftp, String path) throws SftpException {
        String[] parts = path.split("/");
        StringBuilder dir = new StringBuilder();
        for (int i = 1; i < parts.length - 1; i++) {
            if (parts[i].isEmpty()) {
                continue;
            }
            dir.append('/').append(parts[i]);
            try {
                sftp.stat(dir.toString());
            } catch (SftpException missing) {
                if (missing.id != ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                    throw missing;
                }
                sftp.mkdir(dir.toString());
            }
        }
    }

    private static void requireAbsolute(String path) {
        if (!path.startsWith("/") || path.contains("\n")) {
            throw new IllegalArgumentException("a remote path must be absolute: " + path);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}

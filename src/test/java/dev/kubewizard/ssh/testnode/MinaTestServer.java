package dev.kubewizard.ssh.testnode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.file.nativefs.NativeFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.helpers.AbstractSession;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An SSH server inside the test JVM (Apache MINA SSHD) on 127.0.0.1 whose exec requests run for real in the local
 * bash, with SFTP on the real file system, password and public-key logins, a chosen host key, and faults on demand
 * ({@link #dropConnections()}, {@link #restartWithNewHostKey()}). It needs neither root nor an OpenSSH server.
 *
 * <p>The node's root rights are simulated with {@code id} and {@code sudo} stand-ins on the commands' PATH (the
 * commands still run as the user running the tests): {@link Sudo#ROOT} looks like a root login, the others like a
 * normal user whose sudo wants a password (checked like {@code sudo -S}), wants none, or is refused.
 */
public final class MinaTestServer implements AutoCloseable {
    /** How the simulated login becomes root. */
    public enum Sudo {
        ROOT, PASSWORD, PASSWORDLESS, NONE
    }

    static {
        // MINA logs every packet at DEBUG, and the project has no test logging configuration: keep test output readable
        quiet("org.apache.sshd");
    }

    private final Builder config;
    private final KeyPair hostKey;
    private final SshServer server;
    private final AtomicInteger commands;
    private final List<String> received;

    private MinaTestServer(Builder config, KeyPair hostKey, int port, AtomicInteger commands, List<String> received)
            throws IOException {
        this.config = config;
        this.hostKey = hostKey;
        this.commands = commands;
        this.received = received;
        Map<String, String> env = new HashMap<>();
        Path bin = writeStandIns(config.workDir);
        env.put("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("KW_TEST_SUDO_MODE", config.sudo.name().toLowerCase(java.util.Locale.ROOT));
        env.put("KW_TEST_UID", config.sudo == Sudo.ROOT ? "0" : "1000");
        env.put("KW_TEST_SUDO_PASSWORD", config.sudoPassword == null ? "" : config.sudoPassword);
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(port);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator((user, password, session) -> password.equals(config.passwords.get(user)));
        server.setPublickeyAuthenticator((user, key, session) -> {
            for (PublicKey k : config.keys.getOrDefault(user, List.of())) {
                if (KeyUtils.getFingerPrint(k).equals(KeyUtils.getFingerPrint(key))) {
                    return true;
                }
            }
            return false;
        });
        server.setCommandFactory((channel, command) -> new LocalBashCommand(command, env, config.workDir, () -> {
            commands.incrementAndGet();
            received.add(command);
        }));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new NativeFileSystemFactory());
        server.start();
    }

    public static Builder builder(Path workDir) {
        return new Builder(workDir);
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return server.getPort();
    }

    public KeyPair hostKey() {
        return hostKey;
    }

    /** How many exec requests the server has started. */
    public int commandsStarted() {
        return commands.get();
    }

    /** Every command line the server was asked to run, in order (what {@code ps} on a node would show). */
    public List<String> commandLines() {
        return List.copyOf(received);
    }

    /** Cuts every open connection at once, as a dropped network would (the commands themselves keep running). */
    public void dropConnections() {
        for (AbstractSession session : new ArrayList<>(server.getActiveSessions())) {
            session.close(true);
        }
    }

    /** Stops this server and starts one on the same port with a freshly generated host key (a reinstalled machine). */
    public MinaTestServer restartWithNewHostKey() throws IOException {
        int port = port();
        close();
        return new MinaTestServer(config, generateHostKey(), port, commands, received);
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An ECDSA P-256 host key: always available in the JDK, and a type OpenSSH servers offer too. */
    public static KeyPair generateHostKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static void quiet(String loggerName) {
        org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(loggerName);
        if (logger instanceof ch.qos.logback.classic.Logger l) {
            l.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    private static Path writeStandIns(Path workDir) throws IOException {
        Path bin = workDir.resolve("test-node-bin");
        Files.createDirectories(bin);
        write(bin.resolve("id"), """
                #!/usr/bin/env bash
                # the simulated login's user id; everything else as the real id
                if [ "${1:-}" = -u ] && [ $# -eq 1 ]; then echo "$KW_TEST_UID"; else exec /usr/bin/id "$@"; fi
                """);
        write(bin.resolve("sudo"), """
                #!/usr/bin/env bash
                # Simulated sudo: answers like the real one (-S reads the password line from stdin, -n never asks),
                # then runs the command as the same user.
                set -u
                stdin_password=no
                non_interactive=no
                while [ $# -gt 0 ]; do
                  case $1 in
                    -S) stdin_password=yes; shift ;;
                    -n) non_interactive=yes; shift ;;
                    -p|-u) shift 2 ;;
                    --) shift; break ;;
                    -*) shift ;;
                    *) break ;;
                  esac
                done
                case $KW_TEST_SUDO_MODE in
                  passwordless|root) ;;
                  password)
                    if [ "$non_interactive" = yes ]; then echo "sudo: a password is required" >&2; exit 1; fi
                    if [ "$stdin_password" != yes ]; then echo "sudo: a terminal is required" >&2; exit 1; fi
                    IFS= read -r given || given=
                    if [ "$given" != "$KW_TEST_SUDO_PASSWORD" ]; then
                      sleep 0.2
                      printf 'Sorry, try again.\\nsudo: no password was provided\\nsudo: 1 incorrect password attempt\\n' >&2
                      exit 1
                    fi ;;
                  *)
                    if [ "$non_interactive" = yes ]; then echo "sudo: a password is required" >&2; exit 1; fi
                    IFS= read -r given || given=
                    echo "kwtest is not in the sudoers file." >&2
                    exit 1 ;;
                esac
                [ $# -eq 0 ] && exit 0
                export KW_TEST_UID=0
                exec "$@"
                """);
        return bin;
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    public static final class Builder {
        private final Path workDir;
        private final Map<String, String> passwords = new LinkedHashMap<>();
        private final Map<String, List<PublicKey>> keys = new LinkedHashMap<>();
        private Sudo sudo = Sudo.ROOT;
        private String sudoPassword;
        private KeyPair hostKey;

        private Builder(Path workDir) {
            this.workDir = workDir;
        }

        public Builder password(String user, String password) {
            passwords.put(user, password);
            return this;
        }

        /** Accepts the key of an OpenSSH public key file ({@code id_ed25519.pub}) for the user. */
        public Builder authorizedKey(String user, Path publicKeyFile) {
            try {
                String line = Files.readString(publicKeyFile, StandardCharsets.UTF_8).strip();
                PublicKey key = PublicKeyEntry.parsePublicKeyEntry(line)
                        .resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING);
                keys.computeIfAbsent(user, u -> new ArrayList<>()).add(key);
                return this;
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("cannot read " + publicKeyFile, e);
            }
        }

        public Builder sudo(Sudo mode, String password) {
            this.sudo = mode;
            this.sudoPassword = password;
            return this;
        }

        public Builder hostKey(KeyPair key) {
            this.hostKey = key;
            return this;
        }

        public MinaTestServer start() throws IOException {
            return new MinaTestServer(this, hostKey != null ? hostKey : generateHostKey(), 0, new AtomicInteger(),
                    new java.util.concurrent.CopyOnWriteArrayList<>());
        }
    }
}

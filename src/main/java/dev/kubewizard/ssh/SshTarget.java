package dev.kubewizard.ssh;

import dev.kubewizard.plan.PlanHost;
import dev.kubewizard.plan.Ssh;
import dev.kubewizard.plan.SshAuth;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One machine to log in to.
 *
 * @param host         address or DNS name
 * @param sudoPassword the password sudo asks for when {@code user} is not root; null means "the login password" for
 *                     password logins and "none" for key logins
 */
public record SshTarget(String host, int port, String user, SshCredentials credentials, String sudoPassword) {
    public SshTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(credentials, "credentials");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a TCP port: " + port);
        }
    }

    public SshTarget(String host, int port, String user, SshCredentials credentials) {
        this(host, port, user, credentials, null);
    }

    /**
     * The login for one machine of a plan: its address and effective user and port, with the plan's way of logging
     * in. {@code secret} is the login password for password logins, the key's passphrase (or null) for key logins; a
     * key file written as {@code ~/...} is taken from the user's home folder.
     */
    public static SshTarget forHost(PlanHost host, Ssh ssh, String secret, String sudoPassword) {
        SshCredentials credentials;
        if (ssh != null && ssh.authOrDefault() == SshAuth.KEY) {
            String file = ssh.privateKeyFile() == null ? "" : ssh.privateKeyFile().strip();
            if (file.startsWith("~/") || file.startsWith("~\\")) {
                file = System.getProperty("user.home") + file.substring(1);
            }
            credentials = SshCredentials.keyFile(Path.of(file), secret);
        } else {
            credentials = SshCredentials.password(secret == null ? "" : secret);
        }
        return new SshTarget(host.address(), host.sshPort(), host.sshUser(), credentials, sudoPassword);
    }

    /** The password to give sudo, or null when there is none. */
    public String effectiveSudoPassword() {
        if (sudoPassword != null) {
            return sudoPassword;
        }
        return credentials instanceof SshCredentials.Password p ? p.password() : null;
    }

    /** {@code user@host:port}, for messages. */
    public String display() {
        return user + "@" + host + ":" + port;
    }

    @Override
    public String toString() {
        return "SshTarget[" + display() + ", " + credentials
                + (sudoPassword == null ? "" : ", sudo password " + SecretMasker.MASK) + "]";
    }
}

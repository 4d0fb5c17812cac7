package dev.kubewizard.ssh;

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

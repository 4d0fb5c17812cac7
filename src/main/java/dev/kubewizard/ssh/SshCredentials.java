package dev.kubewizard.ssh;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to log in: a password, or a private key file (ed25519 or RSA, OpenSSH or PEM format) with an optional
 * passphrase.
 */
public sealed interface SshCredentials {
    static SshCredentials password(String password) {
        return new Password(password);
    }

    static SshCredentials keyFile(Path file, String passphrase) {
        return new KeyFile(file, passphrase);
    }

    /** The secrets this login carries, to be masked in all output. */
    default void registerSecrets(SecretMasker masker) {
        if (this instanceof Password p) {
            masker.add(p.password());
        } else if (this instanceof KeyFile k && k.passphrase() != null) {
            masker.add(k.passphrase());
        }
    }

    record Password(String password) implements SshCredentials {
        public Password {
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Password[" + SecretMasker.MASK + "]";
        }
    }

    /** @param passphrase null when the key file is not protected by one */
    record KeyFile(Path file, String passphrase) implements SshCredentials {
        public KeyFile {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String toString() {
            return "KeyFile[" + file + (passphrase == null ? "" : ", passphrase " + SecretMasker.MASK) + "]";
        }
    }
}

package dev.kubewizard.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kubewizard.testing.Tools;
import java.nio.file.Path;

/** Client key files as users have them, made by the real ssh-keygen. */
final class TestKeys {
    static final String PASSPHRASE = "键 phrase 42";

    /** An ed25519 key in OpenSSH format protected by {@link #PASSPHRASE}: {@code id_ed25519} and {@code .pub}. */
    final Path ed25519;
    /** An ECDSA key in OpenSSH format protected by {@link #PASSPHRASE}. */
    final Path ecdsa;
    /** An RSA key in the old PEM format without passphrase (what many Windows tools export). */
    final Path rsaPem;

    private TestKeys(Path ed25519, Path ecdsa, Path rsaPem) {
        this.ed25519 = ed25519;
        this.ecdsa = ecdsa;
        this.rsaPem = rsaPem;
    }

    static TestKeys generate(Path dir) {
        String keygen = Tools.require("ssh-keygen").toString();
        Path ed = dir.resolve("id_ed25519");
        Path ec = dir.resolve("id_ecdsa");
        Path rsa = dir.resolve("id_rsa");
        keygen(keygen, "-t", "ed25519", "-N", PASSPHRASE, "-C", "teacher@laptop", "-f", ed.toString());
        keygen(keygen, "-t", "ecdsa", "-N", PASSPHRASE, "-C", "teacher@laptop", "-f", ec.toString());
        keygen(keygen, "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", "", "-C", "teacher@laptop", "-f",
                rsa.toString());
        return new TestKeys(ed, ec, rsa);
    }

    static Path publicKey(Path privateKey) {
        return privateKey.resolveSibling(privateKey.getFileName() + ".pub");
    }

    private static void keygen(String keygen, String... args) {
        String[] command = new String[args.length + 2];
        command[0] = keygen;
        command[1] = "-q";
        System.arraycopy(args, 0, command, 2, args.length);
        Tools.Result r = Tools.run(30, command);
        assertEquals(0, r.exitCode(), r.output());
    }
}

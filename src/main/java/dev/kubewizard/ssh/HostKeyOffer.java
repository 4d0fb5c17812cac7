package dev.kubewizard.ssh;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A host key a server presented, as the user is asked about it.
 *
 * @param keyType     the SSH name of the key type, e.g. {@code ssh-ed25519}, {@code ssh-rsa}
 * @param fingerprint as OpenSSH shows it: {@code SHA256:} and the unpadded base64 of the key's SHA-256 hash
 */
public record HostKeyOffer(String host, int port, String keyType, String fingerprint) {
    static HostKeyOffer of(String host, int port, byte[] keyBlob) {
        return new HostKeyOffer(host, port, keyType(keyBlob), fingerprint(keyBlob));
    }

    /** OpenSSH's SHA256 fingerprint of a public key blob. */
    public static String fingerprint(byte[] keyBlob) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(keyBlob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The key type named at the start of an SSH public key blob. */
    public static String keyType(byte[] keyBlob) {
        if (keyBlob.length < 4) {
            return "unknown";
        }
        int length = ByteBuffer.wrap(keyBlob, 0, 4).getInt();
        if (length <= 0 || length > keyBlob.length - 4) {
            return "unknown";
        }
        return new String(keyBlob, 4, length, StandardCharsets.US_ASCII);
    }
}

package dev.kubewizard.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An OpenSSH known_hosts file: {@code host keytype base64-key} per line, {@code [host]:port} for ports other than
 * 22. Reads plain, wildcard and hashed ({@code |1|salt|hash}) host entries and skips {@code @cert-authority} and
 * {@code @revoked} lines; writes plain entries in UTF-8, creating the file and its folder. The file is read afresh on
 * each lookup, so keys accepted by another node's connection are seen at once. Thread-safe, also across instances for
 * the same file.
 */
public final class KnownHostsFile {
    private static final ConcurrentHashMap<Path, Object> LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final Object lock;

    /** One known key, with where it stands in the file (for messages about a changed key). */
    public record Entry(int lineNumber, String line, String keyType, byte[] key) {
        public String fingerprint() {
            return HostKeyOffer.fingerprint(key);
        }
    }

    public KnownHostsFile(Path file) {
        this.file = file.toAbsolutePath().normalize();
        this.lock = LOCKS.computeIfAbsent(this.file, p -> new Object());
    }

    public Path path() {
        return file;
    }

    /** The keys known for this host and port, in file order. */
    public List<Entry> entriesFor(String host, int port) throws IOException {
        List<String> lines;
        synchronized (lock) {
            if (!Files.exists(file)) {
                return List.of();
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        String name = hostName(host, port);
        List<Entry> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("@")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length < 3 || !matches(fields[0], name)) {
                continue;
            }
            try {
                found.add(new Entry(i + 1, line, fields[1], Base64.getDecoder().decode(fields[2])));
            } catch (IllegalArgumentException e) {
                // not a key: skip the line, as OpenSSH does
            }
        }
        return found;
    }

    /** Adds a key for this host and port. */
    public void add(String host, int port, byte[] keyBlob) throws IOException {
        String entry = hostName(host, port) + " " + HostKeyOffer.keyType(keyBlob) + " "
                + Base64.getEncoder().encodeToString(keyBlob) + "\n";
        synchronized (lock) {
            Path parent = file.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            String before = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            if (!before.isEmpty() && !before.endsWith("\n")) {
                entry = "\n" + entry;
            }
            Files.writeString(file, entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    /** The name OpenSSH looks up: {@code host} on port 22, {@code [host]:port} elsewhere. */
    static String hostName(String host, int port) {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    private static boolean matches(String patterns, String name) {
        boolean matched = false;
        for (String pattern : patterns.split(",")) {
            if (pattern.startsWith("|1|")) {
                matched |= hashedMatches(pattern, name);
            } else if (pattern.startsWith("!")) {
                if (globMatches(pattern.substring(1), name)) {
                    return false;
                }
            } else {
                matched |= globMatches(pattern, name);
            }
        }
        return matched;
    }

    private static boolean globMatches(String pattern, String name) {
        if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0) {
            return pattern.equalsIgnoreCase(name);
        }
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toLowerCase(Locale.ROOT).toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return name.toLowerCase(Locale.ROOT).matches(regex.toString());
    }

    private static boolean hashedMatches(String pattern, String name) {
        String[] parts = pattern.split("\\|");
        if (parts.length != 4) {
            return false;
        }
        try {
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] hash = Base64.getDecoder().decode(parts[3]);
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            return MessageDigest.isEqual(hash, mac.doFinal(name.getBytes(StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }
}

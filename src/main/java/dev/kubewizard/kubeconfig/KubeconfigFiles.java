package dev.kubewizard.kubeconfig;

import dev.kubewizard.text.Messages;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Kubeconfig files on the laptop: where kubectl looks by default, reading whatever an editor left there, and writing
 * that never loses the old file (a timestamped backup next to it, never overwritten) nor leaves half a file behind
 * (temp file in the same folder, then an atomic move).
 */
public final class KubeconfigFiles {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private KubeconfigFiles() {
    }

    /** kubectl's default kubeconfig for this user: %USERPROFILE%\.kube\config on Windows, ~/.kube/config elsewhere. */
    public static Path defaultPath() {
        return Path.of(defaultLocation(System.getProperty("os.name", ""), System.getenv(),
                System.getProperty("user.home", "")));
    }

    static String defaultLocation(String osName, Map<String, String> env, String userHome) {
        if (osName.toLowerCase(Locale.ROOT).startsWith("windows")) {
            String profile = env.get("USERPROFILE");
            String home = profile == null || profile.isBlank() ? userHome : profile;
            return stripTrailing(home, '\\') + "\\.kube\\config";
        }
        return stripTrailing(userHome, '/') + "/.kube/config";
    }

    /** The text of a kubeconfig file (BOM, CRLF and UTF-16 accepted). */
    public static String read(Path file) throws IOException, KubeconfigException {
        return KubeconfigText.decode(Files.readAllBytes(file), file.getFileName().toString());
    }

    /**
     * Writes a kubeconfig as UTF-8 without BOM, LF only. An existing file with other content is first copied to
     * {@code NAME.kubewizard-YYYYMMDD-HHMMSS.bak} next to it; a file that already holds this exact text is left alone.
     */
    public static WrittenFile write(Path file, String kubeconfig, Clock clock)
            throws IOException, KubeconfigException {
        Path target = followLink(file);
        byte[] bytes = KubeconfigText.encode(kubeconfig);
        Optional<Path> backup = Optional.empty();
        boolean existed = Files.exists(target);
        if (existed) {
            if (!Files.isRegularFile(target)) {
                throw new KubeconfigException(Messages.text("kubeconfig.file.notRegular", target.toString()));
            }
            if (Arrays.equals(Files.readAllBytes(target), bytes)) {
                return new WrittenFile(target, WrittenFile.Outcome.UNCHANGED, Optional.empty());
            }
            backup = Optional.of(backup(target, clock));
        }
        replaceAtomically(target, bytes);
        return new WrittenFile(target, existed ? WrittenFile.Outcome.REPLACED : WrittenFile.Outcome.CREATED, backup);
    }

    /**
     * Merges a kubeconfig into the file (see {@link KubeconfigMerge}), creating it when absent. The file is read and
     * checked before anything is written, so a file that cannot be merged is left as it was.
     */
    public static WrittenFile mergeInto(Path file, String newKubeconfig, Clock clock)
            throws IOException, KubeconfigException {
        Path target = followLink(file);
        String existing = "";
        try {
            existing = read(target);
        } catch (NoSuchFileException e) {
            // a first kubeconfig on this laptop
        }
        String merged = KubeconfigMerge.merge(existing, target.getFileName().toString(), newKubeconfig);
        return write(target, merged, clock);
    }

    /** Copies the file to a backup name that did not exist yet; never replaces an earlier backup. */
    static Path backup(Path file, Clock clock) throws IOException {
        String base = file.getFileName() + ".kubewizard-" + LocalDateTime.now(clock).format(STAMP);
        for (int n = 1; ; n++) {
            Path candidate = file.resolveSibling(n == 1 ? base + ".bak" : base + "-" + n + ".bak");
            try {
                // COPY_ATTRIBUTES keeps the owner-only permissions of a file holding credentials.
                return Files.copy(file, candidate, StandardCopyOption.COPY_ATTRIBUTES);
            } catch (FileAlreadyExistsException e) {
                // taken: try the next number
            }
        }
    }

    private static void replaceAtomically(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // createTempFile makes an owner-only file on POSIX: the key inside is never readable by others, even briefly.
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A symlinked ~/.kube/config stays a symlink: the file it points to is the one replaced. */
    private static Path followLink(Path file) throws IOException {
        Path p = file;
        for (int hops = 0; hops < 40 && Files.isSymbolicLink(p); hops++) {
            p = p.toAbsolutePath().resolveSibling(Files.readSymbolicLink(p));
        }
        return p;
    }

    private static String stripTrailing(String path, char separator) {
        String p = path;
        while (p.length() > 1 && p.charAt(p.length() - 1) == separator) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}

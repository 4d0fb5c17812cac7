package dev.kubewizard.sim;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The file system of one simulated node, in memory: directories and regular files with an owner and a mode, checked
 * like Linux does for a non-root user (root may do anything). Nothing here ever touches the local disk. Paths are
 * absolute, '/'-separated. Thread-safe: every operation holds the tree's lock.
 */
final class VirtualFiles {
    /** What {@link #stat} reports about one entry. */
    record Entry(String path, boolean directory, long size, int mode, String owner, Instant modified) {
    }

    abstract static class Node {
        String owner;
        int mode;
        Instant modified = Instant.now();

        Node(String owner, int mode) {
            this.owner = owner;
            this.mode = mode;
        }
    }

    private static final class Dir extends Node {
        final TreeMap<String, Node> children = new TreeMap<>();

        Dir(String owner, int mode) {
            super(owner, mode);
        }
    }

    static final class FileNode extends Node {
        byte[] content = new byte[0];

        FileNode(String owner, int mode) {
            super(owner, mode);
        }
    }

    static final String ROOT_USER = "root";

    private final Dir root = new Dir(ROOT_USER, 0755);

    /** A fresh Ubuntu-like tree: /tmp sticky and writable by all, /root private, a home for the login user. */
    static VirtualFiles ubuntu(String loginUser) {
        VirtualFiles files = new VirtualFiles();
        for (String d : List.of("/etc", "/etc/kubernetes", "/home", "/var", "/var/lib", "/usr", "/usr/bin",
                "/run")) {
            files.mkdirs(d, ROOT_USER, 0755);
        }
        files.mkdirs("/tmp", ROOT_USER, 01777);
        files.mkdirs("/root", ROOT_USER, 0700);
        if (!ROOT_USER.equals(loginUser)) {
            files.mkdirs("/home/" + loginUser, loginUser, 0750);
        }
        return files;
    }

    static String home(String user) {
        return ROOT_USER.equals(user) ? "/root" : "/home/" + user;
    }

    synchronized Optional<Entry> stat(String path) {
        Node n = find(path);
        return n == null ? Optional.empty() : Optional.of(entry(normalize(path), n));
    }

    synchronized boolean exists(String path) {
        return find(path) != null;
    }

    synchronized boolean isDirectory(String path) {
        return find(path) instanceof Dir;
    }

    /** The names in a directory, sorted. */
    synchronized List<String> list(String path, String user) throws FileSystemException {
        Dir d = dir(path);
        requireAccess(d, user, 4, path);
        return new ArrayList<>(d.children.keySet());
    }

    synchronized byte[] read(String path, String user) throws FileSystemException {
        Node n = find(path);
        if (n == null) {
            throw new NoSuchFileException(path);
        }
        if (!(n instanceof FileNode f)) {
            throw new FileSystemException(path, null, "Is a directory");
        }
        requireAccess(f, user, 4, path);
        return f.content.clone();
    }

    /** Reads a file as root; empty when it is missing or a directory. */
    synchronized Optional<byte[]> read(String path) {
        return find(path) instanceof FileNode f ? Optional.of(f.content.clone()) : Optional.empty();
    }

    /** Creates or replaces a file as {@code user}; a new file gets {@code mode}, an existing one keeps its own. */
    synchronized void write(String path, byte[] content, String user, int mode) throws FileSystemException {
        FileNode f = openForWrite(path, user, mode, true);
        f.content = content.clone();
        f.modified = Instant.now();
    }

    /** As root, creating missing parent directories (what a step's install -D or mkdir -p does). */
    synchronized void install(String path, byte[] content, String owner, int mode) {
        String parent = parent(normalize(path));
        mkdirs(parent, ROOT_USER, 0755);
        try {
            FileNode f = openForWrite(path, ROOT_USER, mode, true);
            f.content = content.clone();
            f.owner = owner;
            f.mode = mode;
            f.modified = Instant.now();
        } catch (FileSystemException e) {
            throw new IllegalStateException("root cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The file to write to, created when missing (and {@code create}); checks write permission on the file, or on
     * its directory for a new one.
     */
    synchronized FileNode openForWrite(String path, String user, int mode, boolean create) throws FileSystemException {
        String p = normalize(path);
        Node n = find(p);
        if (n instanceof Dir) {
            throw new FileSystemException(p, null, "Is a directory");
        }
        if (n instanceof FileNode f) {
            requireAccess(f, user, 2, p);
            return f;
        }
        if (!create) {
            throw new NoSuchFileException(p);
        }
        Dir d = dir(parent(p));
        requireAccess(d, user, 2, p);
        FileNode f = new FileNode(user, mode & 07777);
        d.children.put(name(p), f);
        d.modified = Instant.now();
        return f;
    }

    synchronized byte[] content(FileNode f) {
        return f.content;
    }

    synchronized void replaceContent(FileNode f, byte[] content) {
        f.content = content;
        f.modified = Instant.now();
    }

    synchronized void mkdir(String path, String user, int mode) throws FileSystemException {
        String p = normalize(path);
        if (find(p) != null) {
            throw new FileAlreadyExistsException(p);
        }
        Dir d = dir(parent(p));
        requireAccess(d, user, 2, p);
        d.children.put(name(p), new Dir(user, mode & 07777));
        d.modified = Instant.now();
    }

    /** mkdir -p as root. */
    synchronized void mkdirs(String path, String owner, int mode) {
        String p = normalize(path);
        Dir d = root;
        StringBuilder at = new StringBuilder();
        for (String part : parts(p)) {
            at.append('/').append(part);
            Node n = d.children.get(part);
            if (n == null) {
                n = new Dir(owner, mode);
                d.children.put(part, n);
            }
            if (!(n instanceof Dir next)) {
                throw new IllegalStateException("not a directory: " + at);
            }
            d = next;
        }
    }

    /** Removes a file or an empty directory as {@code user}. */
    synchronized void delete(String path, String user) throws FileSystemException {
        String p = normalize(path);
        Node n = find(p);
        if (n == null) {
            throw new NoSuchFileException(p);
        }
        if (n instanceof Dir d && !d.children.isEmpty()) {
            throw new DirectoryNotEmptyException(p);
        }
        Dir parent = dir(parent(p));
        requireAccess(parent, user, 2, p);
        if ((parent.mode & 01000) != 0 && !ROOT_USER.equals(user) && !user.equals(n.owner)
                && !user.equals(parent.owner)) {
            throw new AccessDeniedException(p);   // sticky /tmp: only the owner removes
        }
        parent.children.remove(name(p));
    }

    /** rm -rf as {@code user}: true when something was removed. */
    synchronized boolean deleteTree(String path, String user) throws FileSystemException {
        String p = normalize(path);
        Node n = find(p);
        if (n == null) {
            return false;
        }
        Dir parent = dir(parent(p));
        requireAccess(parent, user, 2, p);
        if (n instanceof Dir d && !ROOT_USER.equals(user) && !user.equals(d.owner)) {
            throw new AccessDeniedException(p);
        }
        parent.children.remove(name(p));
        return true;
    }

    synchronized void setMode(String path, int mode, String user) throws FileSystemException {
        Node n = find(path);
        if (n == null) {
            throw new NoSuchFileException(path);
        }
        if (!ROOT_USER.equals(user) && !user.equals(n.owner)) {
            throw new AccessDeniedException(path, null, "Operation not permitted");
        }
        n.mode = mode & 07777;
    }

    synchronized void setModified(String path, Instant time) throws NoSuchFileException {
        Node n = find(path);
        if (n == null) {
            throw new NoSuchFileException(path);
        }
        n.modified = time;
    }

    /** Every regular file under {@code dir}, as absolute paths. */
    synchronized List<String> filesUnder(String dir) {
        List<String> out = new ArrayList<>();
        Node n = find(dir);
        if (n instanceof Dir d) {
            collect(normalize(dir).equals("/") ? "" : normalize(dir), d, out);
        }
        return out;
    }

    private static void collect(String prefix, Dir d, List<String> out) {
        for (var e : d.children.entrySet()) {
            String p = prefix + "/" + e.getKey();
            if (e.getValue() instanceof Dir sub) {
                collect(p, sub, out);
            } else {
                out.add(p);
            }
        }
    }

    /** Whether {@code user} may read ({@code 4}), write ({@code 2}) or enter ({@code 1}) the entry at {@code path}. */
    synchronized boolean may(String path, String user, int what) {
        Node n = find(path);
        return n != null && allowed(n, user, what);
    }

    private static boolean allowed(Node n, String user, int what) {
        if (ROOT_USER.equals(user)) {
            return true;
        }
        int bits = user.equals(n.owner) ? (n.mode >> 6) & 7 : n.mode & 7;
        return (bits & what) == what;
    }

    private static void requireAccess(Node n, String user, int what, String path) throws AccessDeniedException {
        if (!allowed(n, user, what)) {
            throw new AccessDeniedException(path, null, "Permission denied");
        }
    }

    private Dir dir(String path) throws FileSystemException {
        Node n = find(path);
        if (n == null) {
            throw new NoSuchFileException(path);
        }
        if (!(n instanceof Dir d)) {
            throw new NotDirectoryException(path);
        }
        return d;
    }

    private Node find(String path) {
        Node n = root;
        for (String part : parts(normalize(path))) {
            if (!(n instanceof Dir d)) {
                return null;
            }
            n = d.children.get(part);
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    private static Entry entry(String path, Node n) {
        long size = n instanceof FileNode f ? f.content.length : 4096;
        return new Entry(path, n instanceof Dir, size, n.mode, n.owner, n.modified);
    }

    /** An absolute path without "." and ".." parts and without a trailing slash. */
    static String normalize(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("a node path must be absolute: " + path);
        }
        List<String> out = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
            } else {
                out.add(part);
            }
        }
        return "/" + String.join("/", out);
    }

    private static List<String> parts(String normalized) {
        List<String> parts = new ArrayList<>();
        for (String p : normalized.split("/")) {
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        return parts;
    }

    static String parent(String normalized) {
        int slash = normalized.lastIndexOf('/');
        return slash <= 0 ? "/" : normalized.substring(0, slash);
    }

    private static String name(String normalized) {
        return normalized.substring(normalized.lastIndexOf('/') + 1);
    }
}

package dev.kubewizard.sim;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The provider behind one {@link VirtualFileSystem}: every operation goes to its {@link VirtualFiles}. */
final class VirtualFileSystemProvider extends FileSystemProvider {
    private VirtualFileSystem fs;

    void attach(VirtualFileSystem fileSystem) {
        this.fs = fileSystem;
    }

    @Override
    public String getScheme() {
        return "kubewizard-sim";
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
        throw new UnsupportedOperationException("simulated node file systems are made by the node");
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        throw new UnsupportedOperationException("simulated node file systems have no URI");
    }

    @Override
    public Path getPath(URI uri) {
        throw new UnsupportedOperationException("simulated node file systems have no URI");
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
                                              FileAttribute<?>... attrs) throws IOException {
        return newFileChannel(path, options, attrs);
    }

    @Override
    public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        String p = abs(path);
        VirtualFiles files = fs.files();
        boolean write = options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND);
        boolean read = options.contains(StandardOpenOption.READ) || !write;
        boolean exists = files.exists(p);
        if (options.contains(StandardOpenOption.CREATE_NEW) && exists) {
            throw new FileAlreadyExistsException(p);
        }
        boolean create = options.contains(StandardOpenOption.CREATE)
                || options.contains(StandardOpenOption.CREATE_NEW);
        if (!exists && !(write && create)) {
            throw new NoSuchFileException(p);
        }
        if (read && exists && !files.may(p, fs.user(), 4)) {
            throw new AccessDeniedException(p);
        }
        if (!write) {
            if (files.isDirectory(p)) {
                throw new FileSystemException(p, null, "Is a directory");
            }
            VirtualFiles.FileNode node = files.openForWrite(p, VirtualFiles.ROOT_USER, 0, false);
            return new VirtualFileChannel(files, node, true, false, false);
        }
        VirtualFiles.FileNode node = files.openForWrite(p, fs.user(), modeOf(attrs, 0644), create);
        if (options.contains(StandardOpenOption.TRUNCATE_EXISTING)) {
            files.replaceContent(node, new byte[0]);
        }
        return new VirtualFileChannel(files, node, read, true, options.contains(StandardOpenOption.APPEND));
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        List<Path> entries = new ArrayList<>();
        for (String name : fs.files().list(abs(dir), fs.user())) {
            Path child = dir.resolve(name);
            if (filter == null || filter.accept(child)) {
                entries.add(child);
            }
        }
        return new DirectoryStream<>() {
            @Override
            public Iterator<Path> iterator() {
                return entries.iterator();
            }

            @Override
            public void close() {
                // nothing to release
            }
        };
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        fs.files().mkdir(abs(dir), fs.user(), modeOf(attrs, 0775 & ~0002));
    }

    @Override
    public void delete(Path path) throws IOException {
        fs.files().delete(abs(path), fs.user());
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        throw new FileSystemException(abs(source), abs(target), "copy is not simulated");
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        throw new FileSystemException(abs(source), abs(target), "rename is not simulated");
    }

    @Override
    public boolean isSameFile(Path path, Path path2) {
        return abs(path).equals(abs(path2));
    }

    @Override
    public boolean isHidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    @Override
    public FileStore getFileStore(Path path) {
        throw new UnsupportedOperationException("no file stores on a simulated node");
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        String p = abs(path);
        if (!fs.files().exists(p)) {
            throw new NoSuchFileException(p);
        }
        for (AccessMode m : modes) {
            int bit = m == AccessMode.READ ? 4 : m == AccessMode.WRITE ? 2 : 1;
            if (!fs.files().may(p, fs.user(), bit)) {
                throw new AccessDeniedException(p);
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        if (type == BasicFileAttributeView.class || type == PosixFileAttributeView.class
                || type == FileOwnerAttributeView.class) {
            return (V) new View(abs(path));
        }
        return null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        if (type == BasicFileAttributes.class || type == PosixFileAttributes.class) {
            return (A) attributes(abs(path));
        }
        throw new UnsupportedOperationException("attributes " + type.getSimpleName() + " are not simulated");
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
            throws IOException {
        String view = "basic";
        String names = attributes;
        int colon = attributes.indexOf(':');
        if (colon >= 0) {
            view = attributes.substring(0, colon);
            names = attributes.substring(colon + 1);
        }
        if (!view.equals("basic") && !view.equals("posix") && !view.equals("owner")) {
            throw new UnsupportedOperationException("attribute view " + view + " is not simulated");
        }
        Attributes a = attributes(abs(path));
        Map<String, Object> all = new LinkedHashMap<>();
        if (!view.equals("owner")) {
            all.put("lastModifiedTime", a.lastModifiedTime());
            all.put("lastAccessTime", a.lastAccessTime());
            all.put("creationTime", a.creationTime());
            all.put("size", a.size());
            all.put("isRegularFile", a.isRegularFile());
            all.put("isDirectory", a.isDirectory());
            all.put("isSymbolicLink", false);
            all.put("isOther", false);
            all.put("fileKey", a.fileKey());
        }
        if (!view.equals("basic")) {
            all.put("owner", a.owner());
        }
        if (view.equals("posix")) {
            all.put("group", a.group());
            all.put("permissions", a.permissions());
        }
        if (names.equals("*")) {
            return all;
        }
        Map<String, Object> chosen = new LinkedHashMap<>();
        for (String n : names.split(",")) {
            if (all.containsKey(n)) {
                chosen.put(n, all.get(n));
            }
        }
        return chosen;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        String name = attribute.contains(":") ? attribute.substring(attribute.indexOf(':') + 1) : attribute;
        String p = abs(path);
        switch (name) {
            case "permissions" -> fs.files().setMode(p, toMode((Set<PosixFilePermission>) value), fs.user());
            case "lastModifiedTime" -> fs.files().setModified(p, ((FileTime) value).toInstant());
            case "lastAccessTime", "creationTime" -> {
                // not kept
            }
            default -> throw new UnsupportedOperationException("attribute " + attribute + " is not simulated");
        }
    }

    private Attributes attributes(String path) throws NoSuchFileException {
        VirtualFiles.Entry e = fs.files().stat(path).orElseThrow(() -> new NoSuchFileException(path));
        return new Attributes(e);
    }

    private String abs(Path path) {
        if (!(path instanceof VirtualFileSystem.VirtualPath vp) || vp.getFileSystem() != fs) {
            throw new ProviderMismatchException("not a path of this simulated node: " + path);
        }
        return vp.absolute();
    }

    private static int modeOf(FileAttribute<?>[] attrs, int fallback) {
        for (FileAttribute<?> a : attrs) {
            if (a.name().equals("posix:permissions") && a.value() instanceof Set<?> perms) {
                @SuppressWarnings("unchecked")
                Set<PosixFilePermission> p = (Set<PosixFilePermission>) perms;
                return toMode(p);
            }
        }
        return fallback;
    }

    static int toMode(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }

    static Set<PosixFilePermission> toPermissions(int mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : PosixFilePermission.values()) {
            if ((mode & (1 << (8 - p.ordinal()))) != 0) {
                perms.add(p);
            }
        }
        return perms;
    }

    private record Attributes(VirtualFiles.Entry e) implements PosixFileAttributes {
        @Override
        public FileTime lastModifiedTime() {
            return FileTime.from(e.modified());
        }

        @Override
        public FileTime lastAccessTime() {
            return lastModifiedTime();
        }

        @Override
        public FileTime creationTime() {
            return lastModifiedTime();
        }

        @Override
        public boolean isRegularFile() {
            return !e.directory();
        }

        @Override
        public boolean isDirectory() {
            return e.directory();
        }

        @Override
        public boolean isSymbolicLink() {
            return false;
        }

        @Override
        public boolean isOther() {
            return false;
        }

        @Override
        public long size() {
            return e.size();
        }

        @Override
        public Object fileKey() {
            return e.path();
        }

        @Override
        public UserPrincipal owner() {
            return new VirtualFileSystem.Principal(e.owner());
        }

        @Override
        public GroupPrincipal group() {
            return new VirtualFileSystem.Principal(e.owner());
        }

        @Override
        public Set<PosixFilePermission> permissions() {
            return toPermissions(e.mode());
        }
    }

    /** The attribute views of one path: times, owner and permissions. */
    private final class View implements PosixFileAttributeView {
        private final String path;

        View(String path) {
            this.path = path;
        }

        @Override
        public String name() {
            return "posix";
        }

        @Override
        public PosixFileAttributes readAttributes() throws IOException {
            return attributes(path);
        }

        @Override
        public void setTimes(FileTime lastModifiedTime, FileTime lastAccessTime, FileTime createTime)
                throws IOException {
            if (lastModifiedTime != null) {
                fs.files().setModified(path, lastModifiedTime.toInstant());
            }
        }

        @Override
        public void setPermissions(Set<PosixFilePermission> perms) throws IOException {
            fs.files().setMode(path, toMode(perms), fs.user());
        }

        @Override
        public void setGroup(GroupPrincipal group) throws IOException {
            throw new AccessDeniedException(path, null, "changing the group is not simulated");
        }

        @Override
        public UserPrincipal getOwner() throws IOException {
            return attributes(path).owner();
        }

        @Override
        public void setOwner(UserPrincipal owner) throws IOException {
            throw new AccessDeniedException(path, null, "changing the owner is not simulated");
        }
    }
}

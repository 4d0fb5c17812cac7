package dev.kubewizard.sim;

import java.nio.file.FileStore;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.apache.sshd.common.file.util.BaseFileSystem;
import org.apache.sshd.common.file.util.BasePath;

/**
 * A node's {@link VirtualFiles} as one login user sees them through SFTP: a {@link java.nio.file.FileSystem} for
 * Apache MINA's SFTP server, with that user's permissions and home directory. Several views share one tree.
 */
final class VirtualFileSystem extends BaseFileSystem<VirtualFileSystem.VirtualPath> {
    private final VirtualFiles files;
    private final String user;

    VirtualFileSystem(VirtualFiles files, String user) {
        super(new VirtualFileSystemProvider());
        this.files = files;
        this.user = user;
        ((VirtualFileSystemProvider) provider()).attach(this);
    }

    VirtualFiles files() {
        return files;
    }

    String user() {
        return user;
    }

    /** Relative paths start in the user's home, as with OpenSSH's sftp-server. */
    @Override
    public VirtualPath getDefaultDir() {
        return getPath(VirtualFiles.home(user));
    }

    @Override
    protected VirtualPath create(String root, List<String> names) {
        return new VirtualPath(this, root, names);
    }

    @Override
    public void close() {
        // the tree belongs to the node and outlives every SFTP session
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return Collections.emptyList();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return Set.of("basic", "posix", "owner");
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        return new UserPrincipalLookupService() {
            @Override
            public UserPrincipal lookupPrincipalByName(String name) {
                return new Principal(name);
            }

            @Override
            public GroupPrincipal lookupPrincipalByGroupName(String group) {
                return new Principal(group);
            }
        };
    }

    /** A user or group of the simulated node, by name. */
    record Principal(String name) implements GroupPrincipal {
        @Override
        public String getName() {
            return name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A path in a {@link VirtualFileSystem}. */
    static final class VirtualPath extends BasePath<VirtualPath, VirtualFileSystem> {
        VirtualPath(VirtualFileSystem fs, String root, List<String> names) {
            super(fs, root, names);
        }

        @Override
        public VirtualPath toRealPath(java.nio.file.LinkOption... options) {
            return toAbsolutePath().normalize();
        }

        /** The normalized absolute path as text, as {@link VirtualFiles} takes it. */
        String absolute() {
            return VirtualFiles.normalize(toAbsolutePath().toString());
        }
    }
}

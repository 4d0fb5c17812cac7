package dev.kubewizard.sim;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileLock;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;

/** An open file of a {@link VirtualFiles} tree: every read and write works on its bytes under the tree's lock. */
final class VirtualFileChannel extends java.nio.channels.FileChannel {
    private final VirtualFiles files;
    private final VirtualFiles.FileNode node;
    private final boolean readable;
    private final boolean writable;
    private final boolean append;
    private long position;

    VirtualFileChannel(VirtualFiles files, VirtualFiles.FileNode node, boolean readable, boolean writable,
                       boolean append) {
        this.files = files;
        this.node = node;
        this.readable = readable;
        this.writable = writable;
        this.append = append;
    }

    @Override
    public synchronized int read(ByteBuffer dst) {
        int n = read(dst, position);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public synchronized long read(ByteBuffer[] dsts, int offset, int length) {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            int n = read(dsts[i]);
            if (n < 0) {
                return total == 0 ? -1 : total;
            }
            total += n;
        }
        return total;
    }

    @Override
    public synchronized int write(ByteBuffer src) {
        if (append) {
            position = size();
        }
        int n = write(src, position);
        position += n;
        return n;
    }

    @Override
    public synchronized long write(ByteBuffer[] srcs, int offset, int length) {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += write(srcs[i]);
        }
        return total;
    }

    @Override
    public synchronized long position() {
        return position;
    }

    @Override
    public synchronized java.nio.channels.FileChannel position(long newPosition) {
        position = newPosition;
        return this;
    }

    @Override
    public long size() {
        synchronized (files) {
            return files.content(node).length;
        }
    }

    @Override
    public java.nio.channels.FileChannel truncate(long size) {
        requireWritable();
        synchronized (files) {
            byte[] now = files.content(node);
            if (size < now.length) {
                files.replaceContent(node, Arrays.copyOf(now, (int) size));
            }
        }
        synchronized (this) {
            position = Math.min(position, size);
        }
        return this;
    }

    @Override
    public void force(boolean metaData) {
        // nothing is buffered
    }

    @Override
    public long transferTo(long from, long count, WritableByteChannel target) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(count, Integer.MAX_VALUE));
        int n = read(b, from);
        if (n <= 0) {
            return 0;
        }
        b.flip();
        return target.write(b);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long at, long count) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(count, Integer.MAX_VALUE));
        int n = src.read(b);
        if (n <= 0) {
            return 0;
        }
        b.flip();
        return write(b, at);
    }

    @Override
    public int read(ByteBuffer dst, long at) {
        if (!readable) {
            throw new NonReadableChannelException();
        }
        synchronized (files) {
            byte[] content = files.content(node);
            if (at >= content.length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), content.length - at);
            dst.put(content, (int) at, n);
            return n;
        }
    }

    @Override
    public int write(ByteBuffer src, long at) {
        requireWritable();
        int n = src.remaining();
        synchronized (files) {
            byte[] content = files.content(node);
            long end = at + n;
            byte[] next = end > content.length ? Arrays.copyOf(content, (int) end) : content.clone();
            src.get(next, (int) at, n);
            files.replaceContent(node, next);
        }
        return n;
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long at, long size) {
        throw new UnsupportedOperationException("memory-mapping a simulated file");
    }

    @Override
    public FileLock lock(long at, long size, boolean shared) {
        throw new UnsupportedOperationException("locking a simulated file");
    }

    @Override
    public FileLock tryLock(long at, long size, boolean shared) {
        throw new UnsupportedOperationException("locking a simulated file");
    }

    @Override
    protected void implCloseChannel() {
        // the bytes live in the tree
    }

    private void requireWritable() {
        if (!writable) {
            throw new NonWritableChannelException();
        }
    }
}

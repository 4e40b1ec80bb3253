package io.cellwatch.ingest.follow;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens followed files whose reads fail on cue, as reads of a network share's file fail once its
 * handle goes stale or its server is gone ({@code EIO}, {@code ESTALE}): a file told to fail lets
 * {@code okReads} more reads through, then fails every read until it is healed.
 */
final class FailingReads implements FileOpener {
    private final Map<Path, Integer> okReadsLeft = new ConcurrentHashMap<>();
    /** Paths whose files opened from now on fail every read (a file a cycler holds locked while it writes it). */
    private final java.util.Set<Path> lockedWhenOpened = ConcurrentHashMap.newKeySet();

    /** Reads of {@code file} fail after {@code okReads} more succeed, through channels open now and opened later. */
    void failAfter(Path file, int okReads) {
        okReadsLeft.put(file, okReads);
    }

    void heal(Path file) {
        okReadsLeft.remove(file);
        lockedWhenOpened.remove(file);
    }

    /** Files opened at {@code file} from now on fail every read; those open already read on. */
    void lockFilesOpenedAt(Path file) {
        lockedWhenOpened.add(file);
    }

    @Override
    public FileChannel open(Path path) throws IOException {
        return new Channel(path, READ_ONLY.open(path), lockedWhenOpened.contains(path));
    }

    private void beforeRead(Path path, boolean locked) throws IOException {
        if (locked && lockedWhenOpened.contains(path)) {
            throw new IOException(path + ": The process cannot access the file because another process has locked"
                    + " a portion of the file");
        }
        Integer left = okReadsLeft.computeIfPresent(path, (p, n) -> n > 0 ? n - 1 : -1);
        if (left != null && left < 0) {
            throw new IOException(path + ": Stale file handle");
        }
    }

    private final class Channel extends FileChannel {
        private final Path path;
        private final FileChannel real;
        private final boolean locked;

        Channel(Path path, FileChannel real, boolean locked) {
            this.path = path;
            this.real = real;
            this.locked = locked;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            beforeRead(path, locked);
            return real.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            beforeRead(path, locked);
            return real.read(dsts, offset, length);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            beforeRead(path, locked);
            return real.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return real.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            return real.write(srcs, offset, length);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return real.write(src, position);
        }

        @Override
        public long position() throws IOException {
            return real.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            real.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return real.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            real.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            real.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return real.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            return real.transferFrom(src, position, count);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return real.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return real.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return real.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            real.close();
        }
    }
}

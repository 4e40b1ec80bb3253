package io.cellwatch.ingest.follow;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file open under a followed path, and whether it is still the same file.
 *
 * <p>The path holds another file when its file key (inode) changed: rotated, or moved away and
 * recreated. The open file is another file's content when it shrank below what was read
 * (truncated) or its leading bytes changed (an export written over in place): for text files the
 * leading bytes delivered so far, up to {@link #FINGERPRINT_BYTES}, are kept as a SHA-256
 * fingerprint. Binary files rewrite their headers as they grow (a point count, database pages), so
 * for them only shrinking counts.
 */
final class FileIdentity implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FileIdentity.class);
    static final int FINGERPRINT_BYTES = 4096;

    /**
     * Where each open file's channel offset is parked, one apart per file: every read here gives its
     * position, so the offset is free to tell this descriptor from others on the same file
     * ({@link ProcSelfFd}). 1 TiB: past the end of any cycler file, within what every common file
     * system lets a descriptor seek to (ext4 refuses offsets past 16 TiB).
     */
    private static final long MARKER_BASE = 1L << 40;

    private static final AtomicLong MARKERS = new AtomicLong();

    private final Path path;
    private final FileChannel channel;
    private final Object key;
    private final long marker;
    private int fingerprintLength;
    private String fingerprint = "";

    private FileIdentity(Path path, FileChannel channel, Object key) {
        this.path = path;
        this.channel = channel;
        this.key = key;
        this.marker = park(channel);
    }

    /** Parks the channel's offset at a number of its own; -1 on a file system that refuses the seek. */
    private static long park(FileChannel channel) {
        long marker = MARKER_BASE + MARKERS.incrementAndGet();
        try {
            channel.position(marker);
            return marker;
        } catch (IOException e) {
            return -1;
        }
    }

    /** The file now at {@code path}, open for reading, or null when there is none. */
    static FileIdentity open(Path path, FileOpener opener) throws IOException {
        try {
            FileChannel channel = opener.open(path);
            return new FileIdentity(path, channel, keyAt(path));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The file key (inode) of whatever is at {@code path} now, or null. */
    static Object keyAt(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    Object key() {
        return key;
    }

    /** The offset this file's channel is parked at (-1: not parked): tells its descriptor from others on the same file. */
    long marker() {
        return marker;
    }

    /**
     * The open file's key as a binary file's position records it, or "" when the file system has no
     * keys. A binary file rewrites its header as it grows, so its leading bytes cannot say whether it
     * is the file delivered before a restart; its key can: a file written anew at the path (saved
     * under a temporary name and moved there, or deleted and created again) has another. While the
     * follower runs, the same key change is a rotation ({@link #movedAway()}).
     */
    String keyFingerprint() {
        return key == null ? "" : keyFingerprint(key);
    }

    /** A file key as positions record it. */
    static String keyFingerprint(Object key) {
        return "file-key:" + key;
    }

    /** True when the path now holds another file than the open one, or none. */
    boolean movedAway() {
        return movedAway(key, path, FileIdentity::keyOrFailure);
    }

    /** How the key at a path is read: {@link NoSuchFileException} when there is nothing there. */
    interface KeyReader {
        Object keyAt(Path path) throws IOException;
    }

    private static Object keyOrFailure(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    }

    /**
     * Whether {@code path} holds another file than the one with {@code key}, or none. A look that fails
     * for another reason than the file being gone (a network share's EIO or stale handle, a moment's
     * denial) tells nothing: taken for a rotation, it would read the file to its end, half-written last
     * line included, and then its whole content again as a new generation. The next poll looks again.
     */
    static boolean movedAway(Object key, Path path, KeyReader keys) {
        if (key == null) {
            return false;
        }
        try {
            return !Objects.equals(keys.keyAt(path), key);
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The path this file was opened at. */
    Path path() {
        return path;
    }

    long size() throws IOException {
        return channel.size();
    }

    /**
     * The modification time of what the path names, in ms, or -1 when it cannot be read: a file written in
     * place (an Access database filling free space on its pages) changes without growing.
     */
    long modifiedMillis() {
        try {
            return Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            return -1;
        }
    }

    int read(ByteBuffer into, long position) throws IOException {
        return channel.read(into, position);
    }

    /** Up to {@code n} bytes from the top of the file, fewer when it is shorter. */
    byte[] head(int n) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(n, size()));
        long position = 0;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position);
            if (read <= 0) {
                break;
            }
            position += read;
        }
        byte[] head = new byte[buffer.position()];
        System.arraycopy(buffer.array(), 0, head, 0, head.length);
        return head;
    }

    /** True when the file is shorter than {@code bytesSeen} or its fingerprinted leading bytes changed. */
    boolean truncatedOrReplaced(long bytesSeen) throws IOException {
        long size = size();
        if (size < bytesSeen) {
            return true;
        }
        if (fingerprintLength == 0) {
            return false;
        }
        return size < fingerprintLength || !fingerprint.equals(fingerprintOf(fingerprintLength));
    }

    /**
     * True when the file reaches past its fingerprinted leading bytes and they are others now: another
     * file's content, whatever its length. A shorter file whose leading bytes cannot be compared yet is
     * not known to differ.
     */
    boolean leadingBytesChanged() throws IOException {
        return fingerprintLength > 0
                && size() >= fingerprintLength
                && !fingerprint.equals(fingerprintOf(fingerprintLength));
    }

    /** Rows up to this offset were delivered: the fingerprint covers them, up to its 4 KiB. */
    void delivered(long endOffset) throws IOException {
        if (endOffset > fingerprintLength && fingerprintLength < FINGERPRINT_BYTES) {
            int length = (int) Math.min(FINGERPRINT_BYTES, endOffset);
            fingerprint = fingerprintOf(length);
            fingerprintLength = length;
        }
    }

    /** Takes over a fingerprint recorded by an earlier run; false when the leading bytes are no longer those. */
    boolean sameLeadingBytes(int length, String recorded) throws IOException {
        if (!recorded.equals(fingerprintOf(length))) {
            return false;
        }
        fingerprintLength = length;
        fingerprint = recorded;
        return true;
    }

    /** A new generation: nothing of the file is delivered yet. */
    void forgetLeadingBytes() {
        fingerprintLength = 0;
        fingerprint = "";
    }

    int fingerprintLength() {
        return fingerprintLength;
    }

    String fingerprint() {
        return fingerprint;
    }

    private String fingerprintOf(int length) throws IOException {
        return fingerprintOf(channel, length);
    }

    /** The fingerprint of the first {@code length} bytes of the file at {@code path}, or null when it cannot be read. */
    static String fingerprintAt(Path path, int length) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return fingerprintOf(channel, length);
        } catch (IOException e) {
            return null;
        }
    }

    private static String fingerprintOf(FileChannel channel, int length) throws IOException {
        if (length == 0) {
            return "";
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        long position = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position);
            if (n <= 0) {
                return "short:" + buffer.position();
            }
            position += n;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(buffer.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing {}", path, e);
        }
    }
}

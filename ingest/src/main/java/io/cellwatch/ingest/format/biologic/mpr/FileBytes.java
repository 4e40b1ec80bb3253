package io.cellwatch.ingest.format.biologic.mpr;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Positional reads from one open {@code .mpr}, bounded by the file's length when it was opened: a
 * size read from the file is checked against that length before anything is allocated for it.
 */
final class FileBytes {
    private final FileChannel channel;
    private final Path file;
    private final long size;
    private long bytesRead;

    FileBytes(FileChannel channel, Path file) throws IOException {
        this.channel = channel;
        this.file = file;
        this.size = channel.size();
    }

    Path file() {
        return file;
    }

    /** The file's length in bytes when this poll began. */
    long size() {
        return size;
    }

    /** Whether {@code length} bytes from {@code offset} lie inside the file. */
    boolean has(long offset, long length) {
        return offset >= 0 && length >= 0 && offset <= size && length <= size - offset;
    }

    /**
     * Exactly {@code length} bytes at {@code offset}, little-endian; callers check {@link #has} first.
     *
     * @throws EOFException when the file ended under the reader (it shrank after this poll began)
     */
    ByteBuffer read(long offset, int length) throws IOException {
        if (!has(offset, length)) {
            throw new IllegalArgumentException("read of " + length + " bytes at " + offset + " past " + size);
        }
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        readInto(offset, buffer);
        return buffer.flip();
    }

    /** Fills {@code buffer} from {@code offset} (it must lie inside the file). */
    void readInto(long offset, ByteBuffer buffer) throws IOException {
        long at = offset;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new EOFException(file + ": file shrank to " + at + " bytes while being read");
            }
            at += n;
        }
        bytesRead += at - offset;
    }

    /** Bytes read through this instance so far. */
    long bytesRead() {
        return bytesRead;
    }

    /** The unsigned 32-bit little-endian number at {@code offset}. */
    long u32(long offset) throws IOException {
        return read(offset, 4).getInt(0) & 0xFFFF_FFFFL;
    }

    /** Whether the bytes at {@code offset} are {@code expected} (false when the file ends first). */
    boolean startsWith(long offset, byte[] expected) throws IOException {
        if (!has(offset, expected.length)) {
            return false;
        }
        ByteBuffer found = read(offset, expected.length);
        for (byte b : expected) {
            if (found.get() != b) {
                return false;
            }
        }
        return true;
    }
}

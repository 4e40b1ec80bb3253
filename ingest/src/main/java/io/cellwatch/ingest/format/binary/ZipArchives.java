package io.cellwatch.ingest.format.binary;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * What the ZIP-based cycler formats ({@code .ndax}, {@code .xlsx}) share: recognising a ZIP by its first
 * member, telling an archive still being written from a complete one, and opening it with the file named in
 * every error.
 */
public final class ZipArchives {
    /** A local file header's signature: a ZIP's first four bytes. */
    private static final int LOCAL_HEADER = 0x04034b50;

    private static final int NAME_LENGTH_AT = 26;
    private static final int NAME_AT = 30;
    /** The end-of-central-directory record: 22 bytes plus a comment of up to 65,535. */
    private static final int EOCD_SIGNATURE = 0x06054b50;

    private static final int EOCD_MIN = 22;
    private static final int EOCD_SEARCH = EOCD_MIN + 0xFFFF;

    private ZipArchives() {}

    /** Whether these bytes are a ZIP local header's signature or its start (an archive still being copied in). */
    public static boolean mayBeginZip(byte[] head) {
        for (int i = 0; i < Math.min(head.length, 4); i++) {
            if ((head[i] & 0xFF) != (LOCAL_HEADER >>> (8 * i) & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    /** Whether these first bytes begin a ZIP's first local file header, its member's name included. */
    public static boolean startsWithMember(byte[] head) {
        return head.length >= NAME_AT && littleEndianInt(head, 0) == LOCAL_HEADER;
    }

    /**
     * The first member's name as far as these first bytes hold it (all of it, or its start where they end
     * inside it), or null when they do not begin a ZIP.
     */
    public static String firstMemberNameStart(byte[] head) {
        if (!startsWithMember(head)) {
            return null;
        }
        return new String(
                head, NAME_AT, Math.min(nameLength(head), head.length - NAME_AT), StandardCharsets.ISO_8859_1);
    }

    /** The first member's whole name, or null when these bytes do not begin a ZIP or end inside the name. */
    public static String firstMemberName(byte[] head) {
        String start = firstMemberNameStart(head);
        return start != null && start.length() == nameLength(head) ? start : null;
    }

    private static int nameLength(byte[] head) {
        return (head[NAME_LENGTH_AT] & 0xFF) | (head[NAME_LENGTH_AT + 1] & 0xFF) << 8;
    }

    private static int littleEndianInt(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    /**
     * Refuses, as incomplete, an archive without its end-of-central-directory record. Cycler software and
     * Excel write an archive front to back, the central directory last, so one without it is still being
     * written (which a follower waits out) or was cut short (which the message says).
     */
    public static void requireEndRecord(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            int window = (int) Math.min(size, EOCD_SEARCH);
            ByteBuffer tail = ByteBuffer.allocate(window).order(ByteOrder.LITTLE_ENDIAN);
            long at = size - window;
            while (tail.hasRemaining()) {
                int n = channel.read(tail, at + tail.position());
                if (n < 0) {
                    break;
                }
            }
            for (int i = tail.position() - EOCD_MIN; i >= 0; i--) {
                if (tail.getInt(i) == EOCD_SIGNATURE) {
                    return;
                }
            }
            throw new BinaryFileIncompleteException(
                    file,
                    "ZIP archive",
                    size,
                    "the end-of-central-directory record that ends a complete ZIP archive",
                    size == 0 ? "an empty file" : "none in its last " + window + " bytes");
        }
    }

    /** The archive opened with the JDK's reader, its damage a {@link BinaryFormatException} naming the file. */
    public static ZipFile open(Path file) throws IOException {
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException | EOFException | IllegalArgumentException e) {
            // IllegalArgumentException: java.util.zip's answer to an entry name it cannot decode;
            // EOFException: an end record whose directory offsets point past the end of the file.
            throw new BinaryFormatException(file, "ZIP archive", "a readable central directory", e.getMessage());
        }
    }
}

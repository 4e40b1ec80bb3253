package io.cellwatch.ingest.format.neware.nda;

import io.cellwatch.ingest.format.binary.BinaryFileIncompleteException;
import io.cellwatch.ingest.format.binary.BinaryFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;

/**
 * The top of an {@code .nda} file: the magic {@code NEWARE} and a date, the version at byte 14,
 * and from it where the records start and how they are laid out. Versions 8 to 29 keep a pointer to
 * the first record at byte 64 and the channel's fixed current range in a block whose offset is at
 * byte 16; version 130 (BTS 9) starts its records at byte 1024, with their first byte telling BTS
 * 9.0 from 9.1.
 */
record NdaHeader(int version, long dataStart, NdaLayout layout) {
    static final byte[] MAGIC = "NEWARE".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION_OFFSET = 14;
    static final int BTS9_DATA_START = 1024;
    private static final int DATA_POINTER = 64;
    private static final int RANGE_BLOCK_POINTER = 16;
    private static final int RANGE_IN_BLOCK = 26;
    /** How far into a file a record start pattern is looked for when the data pointer is unusable. */
    private static final int SEARCH_LIMIT = 4 << 20;
    /** Longest BTS 9.1 record looked for when measuring the record length. */
    private static final int LONGEST_BTS91_RECORD = 512;

    private static final byte[][] CLASSIC_STARTS = {
        {(byte) 0xAA, 0, 1, 0, 0, 0}, {0x55, 0, 1, 0, 0, 0},
    };
    private static final byte[][] V8_STARTS = {{(byte) 0xFF, 1, 0, 0, 0}};

    /** Reads the header of a file of {@code size} bytes; a file cut short is {@link BinaryFileIncompleteException}. */
    static NdaHeader read(Path file, FileChannel channel, long size, ZoneId zone) throws IOException {
        if (size < VERSION_OFFSET + 2) {
            throw new BinaryFileIncompleteException(
                    file,
                    "header",
                    size,
                    "the magic 'NEWARE' and the version byte at offset 14 (16 bytes)",
                    size == 0 ? "an empty file" : "the end of the file");
        }
        ByteBuffer head = readAt(channel, 0, VERSION_OFFSET + 2);
        byte[] magic = new byte[MAGIC.length];
        head.get(0, magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new BinaryFormatException(
                    file,
                    "header, magic",
                    0,
                    "the magic 'NEWARE' that starts every .nda file",
                    BinaryFormatException.quoted(magic));
        }
        int version = head.get(VERSION_OFFSET) & 0xFF;
        Reader r = new Reader(file, channel, size);
        return switch (version) {
            case 130 -> r.bts9(version);
            case 8 -> r.classic(version, new Nda8Layout(r.fixedRange()), V8_STARTS);
            case 22, 23 ->
                r.classic(
                        version, new Nda86Layout(Nda86Layout.Stamp.UNIX_SECONDS, r.fixedRange(), zone), CLASSIC_STARTS);
            case 26, 29 ->
                r.classic(
                        version, new Nda86Layout(Nda86Layout.Stamp.LOCAL_FIELDS, r.fixedRange(), zone), CLASSIC_STARTS);
            default ->
                throw new BinaryFormatException(
                        file,
                        "header, version byte",
                        VERSION_OFFSET,
                        "an nda version cellwatch reads (8, 22, 23, 26, 29, 130)",
                        "version " + version);
        };
    }

    private record Reader(Path file, FileChannel channel, long size) {

        int fixedRange() throws IOException {
            if (size < RANGE_BLOCK_POINTER + 4) {
                return 0;
            }
            long block = readAt(channel, RANGE_BLOCK_POINTER, 4).getInt(0) & 0xFFFF_FFFFL;
            long at = block + RANGE_IN_BLOCK;
            return at + 4 <= size ? readAt(channel, at, 4).getInt(0) : 0;
        }

        NdaHeader classic(int version, NdaLayout layout, byte[][] starts) throws IOException {
            int length = layout.recordLength();
            if (size < DATA_POINTER + 4) {
                throw new BinaryFileIncompleteException(
                        file, "header, data pointer", size, "the pointer to the first record at offset 64");
            }
            long pointer = readAt(channel, DATA_POINTER, 4).getInt(0) & 0xFFFF_FFFFL;
            if (pointer >= DATA_POINTER + 4 && pointer + length <= size) {
                NdaLayout.Kind kind = layout.classify(readAt(channel, pointer, length), 0);
                if (kind != NdaLayout.Kind.FOREIGN && kind != NdaLayout.Kind.END) {
                    return new NdaHeader(version, pointer, layout);
                }
            }
            long found = search(starts);
            if (found >= 0) {
                return new NdaHeader(version, found, layout);
            }
            if (pointer >= DATA_POINTER + 4 && pointer + length > size) {
                throw new BinaryFileIncompleteException(
                        file,
                        "header, data pointer",
                        DATA_POINTER,
                        String.format(Locale.ROOT, "records from offset %d (the data pointer)", pointer),
                        String.format(Locale.ROOT, "the end of the file at offset %d", size));
            }
            throw new BinaryFormatException(
                    file,
                    "header, data pointer",
                    DATA_POINTER,
                    String.format(
                            Locale.ROOT,
                            "a data pointer to the first record or a record start within the first %d bytes",
                            Math.min(size, SEARCH_LIMIT)),
                    String.format(Locale.ROOT, "pointer %d and no record start", pointer));
        }

        private long search(byte[][] patterns) throws IOException {
            int window = (int) Math.min(size, SEARCH_LIMIT);
            ByteBuffer b = readAt(channel, 0, window);
            for (byte[] pattern : patterns) {
                for (int at = DATA_POINTER + 4; at + pattern.length <= b.limit(); at++) {
                    if (matches(b, at, pattern)) {
                        return at;
                    }
                }
            }
            return -1;
        }

        NdaHeader bts9(int version) throws IOException {
            int start = BTS9_DATA_START;
            if (size <= start) {
                throw new BinaryFileIncompleteException(file, "first record", size, "the first record at offset 1024");
            }
            int window = (int) Math.min(size - start, 2L * LONGEST_BTS91_RECORD + 16);
            ByteBuffer b = readAt(channel, start, window);
            int first = b.get(0) & 0xFF;
            if (first == NdaBts90Layout.FIRST_BYTE) {
                if (window < 4) {
                    throw new BinaryFileIncompleteException(file, "first record", start, "a whole first record");
                }
                return new NdaHeader(version, start, new NdaBts90Layout(b.getInt(0)));
            }
            if (first == NdaBts91Layout.FIRST_BYTE) {
                return new NdaHeader(version, start, bts91(b, window, start));
            }
            if (first == 0) {
                throw new BinaryFileIncompleteException(
                        file,
                        "first record",
                        start,
                        "a first record (0x55 BTS 9.1, 0x12 BTS 9.0)",
                        "zeros: the slot is not written yet");
            }
            throw new BinaryFormatException(
                    file,
                    "first record, record type",
                    start,
                    "a BTS 9.1 (0x55) or BTS 9.0 (0x12) record",
                    String.format(Locale.ROOT, "a record starting 0x%02x", first));
        }

        /** BTS 9.1 records vary in length: the next record is where the identifier recurs with the next index. */
        private NdaLayout bts91(ByteBuffer b, int window, int start) throws IOException {
            short identifier = b.getShort(0);
            if (window >= 12) {
                long index = b.getInt(8) & 0xFFFF_FFFFL;
                for (int length = NdaBts91Layout.SHORTEST; length + 12 <= window; length++) {
                    if (b.getShort(length) == identifier && (b.getInt(length + 8) & 0xFFFF_FFFFL) == index + 1) {
                        return new NdaBts91Layout(identifier, length);
                    }
                    if (length >= LONGEST_BTS91_RECORD) {
                        break;
                    }
                }
            }
            if (window < 2 * LONGEST_BTS91_RECORD + 16) {
                throw new BinaryFileIncompleteException(
                        file, "first record", start, "two BTS 9.1 records, to measure the record length");
            }
            throw new BinaryFormatException(
                    file,
                    "second record",
                    start,
                    "a second BTS 9.1 record (same identifier, next index) within 512 bytes of the first",
                    "none");
        }
    }

    private static boolean matches(ByteBuffer b, int at, byte[] pattern) {
        for (int i = 0; i < pattern.length; i++) {
            if (b.get(at + i) != pattern[i]) {
                return false;
            }
        }
        return true;
    }

    /** Up to {@code length} bytes from {@code position}, fewer at the end of the file; little endian. */
    static ByteBuffer readAt(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        fill(channel, b, position);
        return b.flip();
    }

    /** Reads into what is left of {@code b} from {@code position} until it is full or the file ends. */
    static void fill(FileChannel channel, ByteBuffer b, long position) throws IOException {
        long at = position;
        while (b.hasRemaining()) {
            int n = channel.read(b, at);
            if (n < 0) {
                break;
            }
            at += n;
        }
    }
}

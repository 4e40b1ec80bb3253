package io.cellwatch.deploy;

import io.cellwatch.testing.IngesterSigkill;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A real BioLogic {@code .mpr} written again the way EC-Lab writes it during a run: the top of the
 * file (settings module, data module header) with a point count of 0, then the records appended in
 * writes that end inside a record, the point count raised after each to the records now whole, and
 * the modules after the data (LOG, loop) last, when the acquisition stops.
 *
 * <p>Where the data module is comes from the file's module headers (layout: the shared data's
 * {@code binary/README.md}, section 2.4): modules from 0x34, each {@code MODULE}, a 10-byte short
 * name, a 25-byte long name, then length and version (EC-Lab before 11.50) or {@code FF FF FF FF},
 * length and two versions (from 11.50); the data module's point count is its first u32 and its
 * records start 0x195 (version 2), 0x196 (3) or 0x3EF (10, 11) bytes in.
 *
 * @param bytes        the whole file
 * @param countAt      offset of the data module's point count
 * @param recordsStart offset of the first record
 * @param recordBytes  bytes per record
 * @param points       records in the file
 */
record GrowingMpr(byte[] bytes, int countAt, int recordsStart, int recordBytes, int points) {
    private static final int FIRST_MODULE = 0x34;

    /** The file's layout, or empty when its data module is not one of the versions above. */
    static Optional<GrowingMpr> of(Path mpr) throws IOException {
        byte[] bytes = Files.readAllBytes(mpr);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int at = FIRST_MODULE;
        while (at + 6 + 59 <= bytes.length && ascii(bytes, at, 6).equals("MODULE")) {
            int afterNames = at + 6 + 10 + 25;
            boolean since1150 = b.getInt(afterNames) == -1;
            int length = b.getInt(afterNames + 4 * (since1150 ? 1 : 0));
            int version = since1150 ? b.getInt(afterNames + 8) + b.getInt(afterNames + 12) : b.getInt(afterNames + 4);
            int data = at + 6 + (since1150 ? 59 : 51);
            if (ascii(bytes, at + 6, 10).trim().equals("VMP data")) {
                int recordsFrom = switch (version) {
                    case 2 -> 0x195;
                    case 3 -> 0x196;
                    case 10, 11 -> 0x3EF;
                    default -> -1;
                };
                int points = b.getInt(data);
                if (recordsFrom < 0 || points == 0 || (length - recordsFrom) % points != 0) {
                    return Optional.empty();
                }
                return Optional.of(
                        new GrowingMpr(bytes, data, data + recordsFrom, (length - recordsFrom) / points, points));
            }
            at = data + length;
        }
        return Optional.empty();
    }

    /**
     * The writes that grow {@code target} into this file, the records in pieces of about {@code chunkBytes};
     * the first write is the top of the file with the first piece of records.
     */
    List<IngesterSigkill.Write> writes(Path target, int chunkBytes) {
        List<IngesterSigkill.Write> writes = new ArrayList<>();
        int recordsEnd = recordsStart + points * recordBytes;
        for (int from = recordsStart; from < recordsEnd; from += chunkBytes) {
            int start = from;
            int end = Math.min(recordsEnd, from + chunkBytes);
            writes.add(() -> {
                if (start == recordsStart) {
                    byte[] top = Arrays.copyOf(bytes, recordsStart);
                    ByteBuffer.wrap(top).order(ByteOrder.LITTLE_ENDIAN).putInt(countAt, 0);
                    Files.write(target, top);
                }
                append(target, start, end);
                try (FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE)) {
                    int whole = (end - recordsStart) / recordBytes;
                    out.write(
                            ByteBuffer.allocate(4)
                                    .order(ByteOrder.LITTLE_ENDIAN)
                                    .putInt(0, whole),
                            countAt);
                }
            });
        }
        writes.add(() -> append(target, recordsEnd, bytes.length));
        return writes;
    }

    private void append(Path target, int from, int to) throws IOException {
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap(bytes, from, to - from), out.size());
        }
    }

    private static String ascii(byte[] bytes, int at, int length) {
        return new String(bytes, at, Math.min(length, bytes.length - at), StandardCharsets.ISO_8859_1);
    }
}

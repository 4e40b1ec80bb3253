package io.cellwatch.ingest.testformat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a {@link FixedRecordFormat} file the way a cycler's software grows its file: record bytes
 * appended (possibly a record cut in two writes), then the header's record count updated.
 */
public final class FixedRecordWriter {
    private final Path path;
    /** The cell's voltage above the records' usual one: another cell's test reads other voltages. */
    private final double cellOffsetV;

    private FixedRecordWriter(Path path, double cellOffsetV) {
        this.path = path;
        this.cellOffsetV = cellOffsetV;
    }

    /** A new file with its header and no records. */
    public static FixedRecordWriter create(Path path) throws IOException {
        return create(path, 0);
    }

    /** A new file with its header and no records, for a cell whose voltages read {@code cellOffsetV} higher. */
    public static FixedRecordWriter create(Path path, double cellOffsetV) throws IOException {
        FixedRecordWriter writer = new FixedRecordWriter(path, cellOffsetV);
        ByteBuffer header = ByteBuffer.allocate(FixedRecordFormat.HEADER_BYTES);
        header.put(FixedRecordFormat.MAGIC).putInt(0).putInt(0).flip();
        try (FileChannel out = open(path)) {
            out.truncate(0);
            out.write(header, 0);
        }
        return writer;
    }

    /** Continues a file written earlier. */
    public static FixedRecordWriter of(Path path) {
        return new FixedRecordWriter(path, 0);
    }

    public Path path() {
        return path;
    }

    /**
     * Records {@code from..to}: record {@code i} has data point {@code i}, 30 s apart, 200 records a cycle
     * (charge then discharge at 10 mA); record {@code unreadable} has no voltage (NaN).
     */
    public static byte[] records(int from, int to, int unreadable) {
        return records(from, to, unreadable, 0);
    }

    private static byte[] records(int from, int to, int unreadable, double cellOffsetV) {
        ByteBuffer b = ByteBuffer.allocate((to - from + 1) * FixedRecordFormat.RECORD_BYTES);
        for (int i = from; i <= to; i++) {
            boolean charging = (i - 1) % 200 < 100;
            double q = ((i - 1) % 100 + 1) * 1e-4;
            b.putLong(i)
                    .putDouble(i * 30.0)
                    .putInt((i - 1) / 200 + 1)
                    .putInt(charging ? 1 : 2)
                    .putDouble(i == unreadable ? Double.NaN : cellOffsetV + (charging ? 3.4 + q : 4.1 - q))
                    .putDouble(charging ? 0.01 : -0.01);
        }
        return b.array();
    }

    /** Appends records {@code from..to} whole and counts them in the header. */
    public void grow(int from, int to) throws IOException {
        appendBytes(records(from, to, -1, cellOffsetV));
        countCompleteRecords();
    }

    /** Appends bytes at the end, without touching the header: a record may be left half written. */
    public void appendBytes(byte[] bytes) throws IOException {
        try (FileChannel out = open(path)) {
            out.write(ByteBuffer.wrap(bytes), out.size());
        }
    }

    /** Sets the header's count to the records the file holds whole. */
    public void countCompleteRecords() throws IOException {
        try (FileChannel out = open(path)) {
            setCount(out, (int) ((out.size() - FixedRecordFormat.HEADER_BYTES) / FixedRecordFormat.RECORD_BYTES));
        }
    }

    /** Sets the header's count, ahead of the records written if need be (a writer that counts first). */
    public void setCount(int records) throws IOException {
        try (FileChannel out = open(path)) {
            setCount(out, records);
        }
    }

    private static void setCount(FileChannel out, int records) throws IOException {
        out.write(ByteBuffer.allocate(4).putInt(records).flip(), 8);
    }

    private static FileChannel open(Path path) throws IOException {
        return FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }
}

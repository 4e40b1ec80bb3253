package io.cellwatch.ingest.testformat;

import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryCyclerFormat;
import io.cellwatch.ingest.format.binary.BinaryFormatException;
import io.cellwatch.ingest.format.binary.BinaryRowSource;
import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A binary cycler format that exists only in tests, laid out like the real ones where it matters
 * to a follower: magic bytes at the top, a header whose record count the writer updates after each
 * complete record (as EC-Lab updates an {@code .mpr} data module's point count), and fixed-size
 * records after it that may be half written when read.
 *
 * <pre>
 * offset 0   8 bytes  magic "CWFIXREC"
 * offset 8   int32    complete records (big-endian)
 * offset 12  int32    0
 * offset 16  records of 40 bytes: int64 data point, float64 test time (s), int32 cycle, int32 step,
 *            float64 voltage (V), float64 current (A, charge positive)
 * </pre>
 *
 * A record whose voltage is NaN is unreadable (a dead letter); a header that counts more records than
 * the file holds is an incomplete file (its records still being written), reported after the
 * complete records before it were delivered.
 */
public final class FixedRecordFormat implements BinaryCyclerFormat {
    public static final String NAME = "test-fixed-record";
    static final byte[] MAGIC = "CWFIXREC".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER_BYTES = 16;
    static final int RECORD_BYTES = 40;

    /** The most rows any one read of this format's sources handed over: a follower must not read a file whole. */
    private final AtomicInteger largestRead = new AtomicInteger();

    public int largestRead() {
        return largestRead.get();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "fixed-record binary test format ('CWFIXREC')";
    }

    @Override
    public boolean recognisesBytes(Path file, byte[] head) {
        return head.length >= MAGIC.length && Arrays.equals(head, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    @Override
    public BinaryRowSource openBinary(SourceFile source) {
        return new Rows(source, largestRead);
    }

    /** Opens the file again on every call, as a reader of a database another program writes would. */
    private static final class Rows implements BinaryRowSource {
        private final SourceFile source;
        private long next;
        /** Complete records the file held at the last call. */
        private long whole;

        private long resumeAfter = Long.MIN_VALUE;
        private final AtomicInteger largestRead;

        Rows(SourceFile source, AtomicInteger largestRead) {
            this.source = source;
            this.largestRead = largestRead;
        }

        @Override
        public int readNew(RecordSink sink, int maxRows) throws IOException {
            Path path = source.path();
            try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ)) {
                ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
                if (in.read(header, 0) < HEADER_BYTES) {
                    throw new BinaryFormatException(path, "header", 0, "16 header bytes", "fewer");
                }
                int count = header.getInt(8);
                long held = (in.size() - HEADER_BYTES) / RECORD_BYTES;
                whole = Math.min(count, held);
                int delivered = 0;
                int handed = 0;
                ByteBuffer record = ByteBuffer.allocate(RECORD_BYTES);
                for (; next < Math.min(count, held) && handed < maxRows; next++) {
                    record.clear();
                    in.read(record, HEADER_BYTES + next * RECORD_BYTES);
                    Handed h = deliver(record, sink);
                    delivered += h == Handed.SAMPLE ? 1 : 0;
                    handed += h == Handed.SKIPPED ? 0 : 1;
                }
                largestRead.accumulateAndGet(handed, Math::max);
                if (count > held && next == held) {
                    throw new BinaryFormatException(
                            path,
                            "record " + (held + 1),
                            HEADER_BYTES + held * RECORD_BYTES,
                            count + " complete records, as the header counts",
                            "the end of the file after " + held);
                }
                return delivered;
            }
        }

        private Handed deliver(ByteBuffer record, RecordSink sink) {
            long dataPoint = record.getLong(0);
            if (dataPoint <= resumeAfter) {
                return Handed.SKIPPED;
            }
            double voltage = record.getDouble(24);
            if (Double.isNaN(voltage)) {
                sink.malformed(new MalformedRowException(source.path(), next + 1, "voltage", "not a number"));
                return Handed.DEAD_LETTER;
            }
            double current = record.getDouble(32);
            sink.sample(new Sample(
                    Sample.SCHEMA_VERSION,
                    source.channelId(),
                    dataPoint,
                    null,
                    record.getDouble(8),
                    record.getInt(16),
                    record.getInt(20),
                    current > 0 ? StepType.CHARGE : current < 0 ? StepType.DISCHARGE : StepType.REST,
                    voltage,
                    current,
                    null,
                    null,
                    null,
                    null,
                    null));
            return Handed.SAMPLE;
        }

        @Override
        public long rowsNotReadYet() {
            return whole - next;
        }

        @Override
        public void resumeAfter(long dataPoint) {
            resumeAfter = dataPoint;
        }

        @Override
        public void close() {}
    }

    private enum Handed {
        SAMPLE,
        DEAD_LETTER,
        SKIPPED
    }
}

package io.cellwatch.ingest.follow;

import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryCyclerFormat;
import io.cellwatch.ingest.format.binary.BinaryRowSource;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import java.io.IOException;
import java.util.Locale;

/**
 * What tells one test's binary file from another's written under the same name: its first row. A
 * cycler that saves a test again writes the same first record (BTS writing an {@code .ndax} anew with
 * more records), so it reads the same, to the last digit of its time, voltage and current; a new
 * test (a new cell on the channel, the file overwritten) starts with a record of its own, at another
 * wall-clock time and another open-circuit voltage. A binary file's leading bytes cannot tell this:
 * its header counts the records and changes as it grows.
 */
final class FirstRow {
    /** More calls than any format needs to reach its first sample past its channel record and dead letters. */
    private static final int MAX_CALLS = 1_000;
    /** The wall-clock time's place in {@link #of}. */
    private static final int WALL_TIME = 2;

    private FirstRow() {}

    /** The row as compared: the cycler's record number, times, step and the two measurements, as read. */
    static String of(Sample sample) {
        return String.format(
                Locale.ROOT,
                "%d|%s|%s|%d|%d|%s|%s",
                sample.dataPoint(),
                Double.toString(sample.testTimeS()),
                sample.wallTimeMs(),
                sample.cycleIndex(),
                sample.stepIndex(),
                Double.toString(sample.voltageV()),
                Double.toString(sample.currentA()));
    }

    /**
     * Whether two first rows are the same test's: equal in every part, the wall-clock time where both
     * have one (an EC-Lab file's start time is in its log module, which follows the data: a file written
     * again holds rows without it until that far).
     */
    static boolean sameTest(String a, String b) {
        String[] x = a.split("\\|", -1);
        String[] y = b.split("\\|", -1);
        if (x.length != y.length) {
            return false;
        }
        for (int i = 0; i < x.length; i++) {
            boolean wallUnknown = i == WALL_TIME && (x[i].equals("null") || y[i].equals("null"));
            if (!wallUnknown && !x[i].equals(y[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a first row names its wall-clock time: only then can a file at the path under another file key
     * (saved over it, or a new test started there after the old file was moved away) be told by its first
     * row. Without one, a new cell's first row can read as the old one's (record 1 at time 0, at rest, the
     * same open-circuit voltage to the digits written), and the new test's first rows would be skipped.
     */
    static boolean namesItsWallClock(String firstRow) {
        String[] parts = firstRow.split("\\|", -1);
        return parts.length > WALL_TIME && !parts[WALL_TIME].equals("null");
    }

    /**
     * The first row the file holds now, or null while it holds none that is whole (rewritten from its
     * start and not that far yet).
     *
     * @throws IOException when the file cannot be read (yet): a header or an archive directory still
     *                     being written, or damage
     */
    static String probe(BinaryCyclerFormat format, SourceFile source) throws IOException {
        Sample[] first = {null};
        int[] handed = {0};
        RecordSink capture = new RecordSink() {
            @Override
            public void channel(ChannelInfo info) {
                handed[0]++;
            }

            @Override
            public void sample(Sample sample) {
                handed[0]++;
                if (first[0] == null) {
                    first[0] = sample;
                }
            }

            @Override
            public void malformed(MalformedRowException error) {
                handed[0]++;
            }
        };
        try (BinaryRowSource rows = format.openBinary(source)) {
            for (int call = 0; call < MAX_CALLS && first[0] == null; call++) {
                int before = handed[0];
                rows.readNew(capture, 1);
                if (handed[0] == before) {
                    break; // nothing more in the file yet
                }
            }
        }
        return first[0] == null ? null : of(first[0]);
    }
}

package io.cellwatch.ingest.format.arbin.res;

import com.healthmarketscience.jackcess.Row;
import com.healthmarketscience.jackcess.Table;
import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryFormatException;
import io.cellwatch.ingest.format.row.SampleRow;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an Arbin test's data points from an open {@code .res} database, on from the last one delivered,
 * each with its auxiliary values; {@link ResRowSource} decides when a database is opened for it.
 *
 * <p>A data point is whole when its {@code Channel_Normal_Table} row and its auxiliary values are
 * both written; MITS Pro inserts them one after the other. Once the file has shown a data point with
 * every declared auxiliary input, data points at the end of the table that lack some are held back
 * for the next call (a test that has ended releases them: nothing more will be written; so does a
 * finishing read). A run of more than {@link #HOLD_LIMIT} such points is an input that stopped
 * logging, not a write in progress, and flows on without it; so do points lacking some followed by a
 * whole one. Both, and data points missing between two, are concluded only from a view of the file
 * that can be trusted ({@link FileSettling#trusted}): a read that met a write half done can see data
 * missing that is in the file.
 *
 * <p>A read with a row budget stops in front of the first {@code Channel_Normal_Table} row after the
 * budget is spent; the next read seeks the table's index past the last data point delivered, as
 * every read does. Data points held back for their auxiliary values are dropped when stopping and
 * read again from there, so no rows are held between reads.
 */
final class DataPointReader {
    /** Logs under the source's name: an operator reads these lines as the {@code .res} source's. */
    private static final Logger LOG = LoggerFactory.getLogger(ResRowSource.class);

    /** Data points MITS Pro could have written ahead of their auxiliary values in one go (a few seconds' worth at fast logging). */
    static final int HOLD_LIMIT = 256;

    private final SourceFile source;
    private final FileSettling settling;
    private long delivered = Long.MIN_VALUE;
    private boolean rowsLeft;
    private boolean channelSent;
    private boolean auxSeenWhole;

    DataPointReader(SourceFile source, FileSettling settling) {
        this.source = source;
        this.settling = settling;
    }

    /** Why a read stopped: what becomes of the database it read. */
    enum Stop {
        /** The end of the test's rows: nothing new while the file stays as it is. */
        END,
        /** The row budget: the next call goes on, in the same database if the file did not change. */
        BUDGET,
        /** In front of data that may only seem to be missing ({@link FileSettling#trusted}): a fresh database reads it again. */
        READ_AGAIN
    }

    /**
     * Reads on from the last data point delivered.
     *
     * @param finishing the file will not grow any more: data points held back for auxiliary values are
     *                  handed over as they are
     */
    Stop read(ResDatabase db, Delivery out, FileSettling.View view, boolean finishing) throws BinaryFormatException {
        rowsLeft = true; // until a read reaches the end with nothing held back
        ResTest test = ResTest.read(db);
        if (!channelSent) {
            // What the lab typed into MITS Pro for this test; only mass and capacity have a place in ChannelInfo.
            LOG.info(
                    "{}: Arbin test {} '{}' on cycler channel {}, started {}, by {}, schedule {}",
                    source.path(),
                    test.testId(),
                    test.testName(),
                    test.channelIndex(),
                    test.started(),
                    test.creator(),
                    test.scheduleFile());
            test.enrich(source.channel()).ifPresent(out.sink::channel);
            channelSent = true;
        }
        Table normal = db.table(NormalColumns.TABLE);
        NormalColumns.check(db, normal);
        AuxChannels channels = AuxChannels.read(db);
        long from = delivered == Long.MIN_VALUE ? Long.MIN_VALUE : delivered + 1;
        KeyRange rows = KeyRange.open(db, normal, test.testId(), from, NormalColumns.READ);
        AuxRows aux = AuxRows.open(db, channels, test.testId(), from);
        Deque<SampleRow> held = new ArrayDeque<>();
        long next = from; // MITS Pro numbers a test's data points one after the other
        for (Row row = rows.next(); row != null; row = rows.next()) {
            if (out.spent()) {
                // Stop in front of this row: it and any held back are read again from here next call.
                return Stop.BUDGET;
            }
            Number point = ResTest.number(row, NormalColumns.DATA_POINT);
            if (point != null && next != Long.MIN_VALUE && point.longValue() > next && !settling.trusted(view)) {
                return Stop.READ_AGAIN; // data points missing in front of this one: maybe not in this view only
            }
            next = point == null ? next : point.longValue() + 1;
            SampleRow r = new SampleRow();
            try {
                NormalColumns.fill(row, r, source.zone(), source.path());
            } catch (MalformedRowException e) {
                if (!held.isEmpty() && !settling.trusted(view)) {
                    return Stop.READ_AGAIN;
                }
                deliverAll(held, out);
                out.sink.malformed(e);
                out.handed++;
                delivered = Math.max(delivered, e.line());
                continue;
            }
            AuxValues values = aux.valuesFor(r.dataPoint);
            r.auxiliary = values.byName();
            r.temperatureC = values.firstTemperatureC();
            boolean whole = values.complete(channels);
            auxSeenWhole |= whole && channels.declared() > 0;
            if (whole || !auxSeenWhole) {
                if (!held.isEmpty() && !settling.trusted(view)) {
                    return Stop.READ_AGAIN;
                }
                deliverAll(held, out);
                deliver(r, out);
            } else {
                held.addLast(r);
                if (held.size() > HOLD_LIMIT) {
                    if (!settling.trusted(view)) {
                        return Stop.READ_AGAIN;
                    }
                    deliver(held.removeFirst(), out);
                }
            }
        }
        if (!held.isEmpty() && (finishing || ResTest.ended(db, test.testId()))) {
            deliverAll(held, out);
        }
        rowsLeft = !held.isEmpty();
        return Stop.END;
    }

    /**
     * Whether the last read left data points to read again (held back for their auxiliary values, or
     * stopped before the end): a follower keeps such a file open, since only a file read to its end
     * after it left its path hands them over.
     */
    boolean rowsLeft() {
        return rowsLeft;
    }

    /**
     * Whether the test's data points came with all their auxiliary values at least once: a reader opened
     * afresh hands its first points over without waiting for theirs, so a follower keeps such a file open.
     */
    boolean auxSeen() {
        return auxSeenWhole;
    }

    /** The next read starts after {@code dataPoint}, or after the last delivered if that is later. */
    void resumeAfter(long dataPoint) {
        delivered = Math.max(delivered, dataPoint);
    }

    private void deliverAll(Deque<SampleRow> held, Delivery out) {
        while (!held.isEmpty()) {
            deliver(held.removeFirst(), out);
        }
    }

    private void deliver(SampleRow r, Delivery out) {
        try {
            out.sink.sample(r.toSample(source.channelId(), r.dataPoint, source.path(), r.dataPoint));
            out.count++;
        } catch (MalformedRowException e) {
            out.sink.malformed(e);
        }
        out.handed++;
        delivered = r.dataPoint;
    }

    /** What one call handed over, counted even when the call ends in an error, and its row budget. */
    static final class Delivery {
        final RecordSink sink;
        final int maxRows;
        int count;
        int handed;

        Delivery(RecordSink sink, int maxRows) {
            this.sink = sink;
            this.maxRows = maxRows;
        }

        boolean spent() {
            return handed >= maxRows;
        }
    }
}

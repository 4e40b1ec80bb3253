package io.cellwatch.ingest.format.arbin.res;

import com.healthmarketscience.jackcess.Row;
import com.healthmarketscience.jackcess.Table;
import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryFormatException;
import io.cellwatch.ingest.format.binary.BinaryRowSource;
import io.cellwatch.ingest.format.row.SampleRow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data points of one Arbin {@code .res} file, read on every call from where the last one
 * stopped. MITS Pro keeps inserting rows while the test runs, and Jackcess caches what it has read
 * of a database (table definitions, usage maps, index pages), which a write makes stale: so the
 * database is opened afresh (read-only) whenever the file may have changed since it was opened,
 * and only then.
 *
 * <p>Whether it changed is told by its size and modification time ({@link FileStamp}). A write
 * within the file system's time granularity of the last one may leave both as they were, so a
 * stamp is trusted only once this source has seen it unchanged for {@link #SETTLED_NANOS} (longer
 * than any file system's time granularity, FAT's 2 s included, and measured on this machine's clock
 * so a file server's clock does not matter): a write after that moves the time. On a settled file
 * a database opened for a read that stopped for its row budget stays open for the next call (a
 * follower catching up with a long file a budget a poll opens it once, not once a poll), and a call
 * after a read that reached the end of the test's rows finds nothing new without opening it. A
 * database is closed as soon as the file changes, after a read on a file not settled yet, after a
 * read that reached the end, and by {@link #close}.
 *
 * <p>A data point is whole when its {@code Channel_Normal_Table} row and its auxiliary values are
 * both written; MITS Pro inserts them one after the other. Once the file has shown a data point with
 * every declared auxiliary input, data points at the end of the table that lack some are held back
 * for the next call (a test that has ended releases them: nothing more will be written; so does
 * {@link #finish}). A run of more than {@link #HOLD_LIMIT} such points is an input that stopped
 * logging, not a write in progress, and flows on without it; so do points lacking some followed by a
 * whole one. Both are concluded only from a read during which the file did not change: a read the
 * cycler wrote into may have seen some pages before the write and some after, so it stops in front of
 * such points, and the next call, on a database opened afresh, reads them again. (A cycler writing
 * during every read would hold them back until it pauses or the test ends.)
 *
 * <p>A read that fails while the file changed under it (size or time) met a table caught mid-write:
 * what came before is delivered, and the next call tries again from there. The same failure on a file
 * that did not change is damage, reported as a {@link BinaryFormatException}.
 *
 * <p>A call with a row budget stops in front of the first {@code Channel_Normal_Table} row after the
 * budget is spent; the next call seeks the table's index past the last data point delivered, as
 * every call does. Data points held back for their auxiliary values are dropped when stopping and
 * read again from there, so no rows are held between calls.
 *
 * <p>A little over this project's usual class length: when to open the database and how to read it
 * depend on each other (a read reaching the end or stopping for the budget decides whether the
 * database stays open), so they stay together.
 */
final class ResRowSource implements BinaryRowSource {
    private static final Logger LOG = LoggerFactory.getLogger(ResRowSource.class);

    /** Data points MITS Pro could have written ahead of their auxiliary values in one go (a few seconds' worth at fast logging). */
    static final int HOLD_LIMIT = 256;

    /** How long a file's size and time must be seen unchanged before they are trusted to show a write. */
    static final long SETTLED_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final SourceFile source;
    private final Function<Path, FileStamp> stamps;
    private final LongSupplier clock;
    private long delivered = Long.MIN_VALUE;
    private boolean channelSent;
    private boolean auxSeenWhole;
    private final TableDefinitionChains chains = new TableDefinitionChains();

    /** The file's stamp as last seen, and since when (this machine's clock) it has been seen unchanged. */
    private FileStamp seen;

    private long seenSince;
    /** The database kept open between calls, and the stamp of the file when it was opened. */
    private ResDatabase db;

    private FileStamp opened;
    /** A settled stamp on which a read reached the end of the test's rows: nothing new while it stays. */
    private FileStamp readToEnd;

    private boolean finishing;
    private int opens;

    ResRowSource(SourceFile source) {
        this(source, FileStamp::of, System::nanoTime);
    }

    /** With the way to tell whether the file changed during a read given (tests simulate a writer). */
    ResRowSource(SourceFile source, Function<Path, FileStamp> stamps) {
        this(source, stamps, System::nanoTime);
    }

    /** With the file's stamps and the clock given (tests count the opens of a file settling and growing). */
    ResRowSource(SourceFile source, Function<Path, FileStamp> stamps, LongSupplier clock) {
        this.source = source;
        this.stamps = stamps;
        this.clock = clock;
    }

    @Override
    public int readNew(RecordSink sink, int maxRows) throws IOException {
        FileStamp before = stamps.apply(source.path());
        long now = clock.getAsLong();
        if (!before.equals(seen)) {
            seen = before;
            seenSince = now;
        }
        boolean settled = now - seenSince >= SETTLED_NANOS;
        if (settled && before.equals(readToEnd) && !finishing) {
            return 0;
        }
        if (db != null && !before.equals(opened)) {
            closeDatabase();
        }
        Delivery delivery = new Delivery(sink, maxRows);
        boolean toTheEnd = false;
        try {
            if (db == null) {
                db = ResDatabase.open(source.path(), chains);
                opened = before;
                opens++;
            }
            toTheEnd = read(db, delivery, before);
        } catch (BinaryFormatException e) {
            closeDatabase();
            if (before.equals(stamps.apply(source.path()))) {
                throw e;
            }
            LOG.debug(
                    "{} changed while being read; {} data points delivered, the rest on the next poll: {}",
                    source.path(),
                    delivery.count,
                    e.getMessage());
        }
        boolean trusted = settled && before.equals(opened);
        readToEnd = toTheEnd && trusted ? before : null;
        if (toTheEnd || !trusted) {
            closeDatabase();
        }
        return delivery.count;
    }

    /** The file will not grow any more: data points held back for auxiliary values are handed over as they are. */
    @Override
    public int finish(RecordSink sink) throws IOException {
        finishing = true;
        return readNew(sink, Integer.MAX_VALUE);
    }

    /** How many times the database was opened: what catching up with a long file costs beyond its rows. */
    int opens() {
        return opens;
    }

    /**
     * Reads on from the last data point delivered; true when it reached the end of the test's rows (not
     * the budget, and not a stop in front of data points whose auxiliary values may only seem missing).
     */
    private boolean read(ResDatabase db, Delivery out, FileStamp before) throws BinaryFormatException {
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
        for (Row row = rows.next(); row != null; row = rows.next()) {
            if (out.spent()) {
                // Stop in front of this row: it and any held back are read again from here next call.
                return false;
            }
            SampleRow r = new SampleRow();
            try {
                NormalColumns.fill(row, r, source.zone(), source.path());
            } catch (MalformedRowException e) {
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
                if (!held.isEmpty() && changedSince(before)) {
                    return false;
                }
                deliverAll(held, out);
                deliver(r, out);
            } else {
                held.addLast(r);
                if (held.size() > HOLD_LIMIT) {
                    if (changedSince(before)) {
                        return false;
                    }
                    deliver(held.removeFirst(), out);
                }
            }
        }
        if (!held.isEmpty() && (finishing || ResTest.ended(db, test.testId()))) {
            deliverAll(held, out);
        }
        return true;
    }

    /**
     * Whether the file changed since this call began. Jackcess reads pages as it needs them, so a read
     * the cycler wrote into can have seen one page (an index page of {@code Auxiliary_Table}, say) as it
     * was before a write and the rest after: data points then seem to lack auxiliary values that are in
     * the file. Only a read of a file that stayed as it was may conclude they are missing.
     */
    private boolean changedSince(FileStamp before) {
        return !before.equals(stamps.apply(source.path()));
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

    @Override
    public void resumeAfter(long dataPoint) {
        delivered = Math.max(delivered, dataPoint);
    }

    @Override
    public void close() {
        closeDatabase();
    }

    private void closeDatabase() {
        if (db != null) {
            db.close();
            db = null;
            opened = null;
        }
    }

    /** What one call handed over, counted even when the call ends in an error, and its row budget. */
    private static final class Delivery {
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

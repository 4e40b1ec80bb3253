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
 * whole one. Both, and data points missing between two, are concluded only from a view of the file
 * that can be trusted ({@link #trusted}): a read that met a write half done can see data missing that
 * is in the file.
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
    /** Whether the last reads stopped in front of data that may only seem to lack (see {@link #trusted}), and since when. */
    private boolean doubting;

    private long doubtingSince;

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
        Stop stop = Stop.READ_AGAIN;
        try {
            if (db == null) {
                db = ResDatabase.open(source.path(), chains);
                opened = before;
                opens++;
            }
            stop = read(db, delivery, new View(before, settled));
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
        if (stop != Stop.READ_AGAIN) {
            doubting = false; // read through: the next doubt waits anew
        }
        boolean trusted = settled && before.equals(opened);
        readToEnd = stop == Stop.END && trusted ? before : null;
        if (stop != Stop.BUDGET || !trusted) {
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

    /** Why a read stopped: what becomes of the database it read. */
    private enum Stop {
        /** The end of the test's rows: nothing new while the file stays as it is. */
        END,
        /** The row budget: the next call goes on, in the same database if the file did not change. */
        BUDGET,
        /** In front of data that may only seem to be missing ({@link #trusted}): a fresh database reads it again. */
        READ_AGAIN
    }

    /** Reads on from the last data point delivered. */
    private Stop read(ResDatabase db, Delivery out, View view) throws BinaryFormatException {
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
            if (point != null && next != Long.MIN_VALUE && point.longValue() > next && !trusted(view)) {
                return Stop.READ_AGAIN; // data points missing in front of this one: maybe not in this view only
            }
            next = point == null ? next : point.longValue() + 1;
            SampleRow r = new SampleRow();
            try {
                NormalColumns.fill(row, r, source.zone(), source.path());
            } catch (MalformedRowException e) {
                if (!held.isEmpty() && !trusted(view)) {
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
                if (!held.isEmpty() && !trusted(view)) {
                    return Stop.READ_AGAIN;
                }
                deliverAll(held, out);
                deliver(r, out);
            } else {
                held.addLast(r);
                if (held.size() > HOLD_LIMIT) {
                    if (!trusted(view)) {
                        return Stop.READ_AGAIN;
                    }
                    deliver(held.removeFirst(), out);
                }
            }
        }
        if (!held.isEmpty() && (finishing || ResTest.ended(db, test.testId()))) {
            deliverAll(held, out);
        }
        return Stop.END;
    }

    /**
     * Whether a read may trust what looks like data the file lacks (data points without their auxiliary
     * values, data points missing between two): when the file had been still for {@link #SETTLED_NANOS}
     * and did not change during the read, or once reads have been stopping in front of such data for
     * that long. Until then the read stops there and the next reads it again from a database opened
     * afresh. A cycler writes one row in several page writes and Jackcess reads pages as it needs them,
     * so a read the cycler wrote into, or one that landed between the page writes of one insert, can see
     * a page as before the write and the rest as after: rows there without their auxiliary values, or
     * an index leaf whose entries are on their way to a new page (found so under load: hundreds of
     * points delivered bare, 21 points skipped). Such a view does not outlast the write; an input that
     * stopped logging does, and its points flow on, 2 s late at most.
     */
    private boolean trusted(View view) {
        if (view.settled() && view.before().equals(stamps.apply(source.path()))) {
            return true;
        }
        long now = clock.getAsLong();
        if (!doubting) {
            doubting = true;
            doubtingSince = now;
        }
        return now - doubtingSince >= SETTLED_NANOS;
    }

    /** The file as a read began: its stamp, and whether it had been still long enough to be trusted. */
    private record View(FileStamp before, boolean settled) {}

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

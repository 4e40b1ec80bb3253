package io.cellwatch.ingest.format.arbin.res;

import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryFormatException;
import io.cellwatch.ingest.format.binary.BinaryRowSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data points of one Arbin {@code .res} file, read on every call from where the last one
 * stopped. MITS Pro keeps inserting rows while the test runs, and Jackcess caches what it has read
 * of a database (table definitions, usage maps, index pages), which a write makes stale: so the
 * database is opened afresh (read-only) whenever the file may have changed since it was opened,
 * and only then. This class decides when; {@link DataPointReader} reads the data points (holding
 * back those whose auxiliary values are not written yet), {@link FileSettling} tells whether the
 * file's size and time can be trusted to show a write.
 *
 * <p>On a settled file a database opened for a read that stopped for its row budget stays open for
 * the next call (a follower catching up with a long file a budget a poll opens it once, not once a
 * poll), and a call after a read that reached the end of the test's rows finds nothing new without
 * opening it. A database is closed as soon as the file changes, after a read on a file not settled
 * yet, after a read that reached the end, and by {@link #close}.
 *
 * <p>A read that fails while the file changed under it (size or time) met a table caught mid-write:
 * what came before is delivered, and the next call tries again from there. The same failure on a file
 * that did not change is damage, reported as a {@link BinaryFormatException}.
 */
final class ResRowSource implements BinaryRowSource {
    private static final Logger LOG = LoggerFactory.getLogger(ResRowSource.class);

    private final SourceFile source;
    private final FileSettling settling;
    private final DataPointReader reader;
    private final TableDefinitionChains chains = new TableDefinitionChains();

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
        this.settling = new FileSettling(source.path(), stamps, clock);
        this.reader = new DataPointReader(source, settling);
    }

    @Override
    public int readNew(RecordSink sink, int maxRows) throws IOException {
        FileSettling.View view = settling.look();
        FileStamp before = view.before();
        boolean settled = view.settled();
        if (settled && before.equals(readToEnd) && !finishing) {
            return 0;
        }
        if (db != null && !before.equals(opened)) {
            closeDatabase();
        }
        DataPointReader.Delivery delivery = new DataPointReader.Delivery(sink, maxRows);
        DataPointReader.Stop stop = DataPointReader.Stop.READ_AGAIN;
        try {
            if (db == null) {
                db = ResDatabase.open(source.path(), chains);
                opened = before;
                opens++;
            }
            stop = reader.read(db, delivery, view, finishing);
        } catch (BinaryFormatException e) {
            closeDatabase();
            if (settling.unchangedSince(before)) {
                throw e;
            }
            LOG.debug(
                    "{} changed while being read; {} data points delivered, the rest on the next poll: {}",
                    source.path(),
                    delivery.count,
                    e.getMessage());
        }
        if (stop != DataPointReader.Stop.READ_AGAIN) {
            settling.readThrough();
        }
        boolean trusted = settled && before.equals(opened);
        readToEnd = stop == DataPointReader.Stop.END && trusted ? before : null;
        if (stop != DataPointReader.Stop.BUDGET || !trusted) {
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

    @Override
    public void resumeAfter(long dataPoint) {
        reader.resumeAfter(dataPoint);
    }

    @Override
    public boolean holdsBack() {
        return reader.rowsLeft() || reader.auxSeen();
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
}

package io.cellwatch.ingest.follow;

import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryCyclerFormat;
import io.cellwatch.ingest.format.binary.BinaryFileIncompleteException;
import io.cellwatch.ingest.format.binary.BinaryFormatException;
import io.cellwatch.ingest.format.binary.BinaryRowSource;
import io.cellwatch.ingest.format.binary.NotCyclingDataException;
import io.cellwatch.ingest.format.text.FileFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A followed binary cycler file (an {@code .mpr} EC-Lab is writing, a {@code .res} MITS Pro is
 * inserting rows into) polled through its format's {@link BinaryRowSource}, which hands over the
 * complete rows appended since the last poll, about a poll's budget of them at a time. The position is the cycler's data point of the last
 * row delivered: a restart opens the source again and skips up to it.
 *
 * <p>A file that cannot be read yet (a header still being written, an archive without its
 * directory) or is damaged keeps the rows read before the damage; when it is tried again is
 * {@link RetryWhileChanging}'s to say. A file its format refuses as not battery-cycling data (an impedance
 * {@code .mpr}) is reported once and never read again: its technique does not change as it grows.
 *
 * <p>A file that left its path (renamed out of the followed paths, or deleted) while rows of it were
 * still unread is read on to its end before it is dropped ({@link #readAfterLeaving}): a row source
 * opens its file by name, and the path now names another file or none, so the source is opened
 * again where {@link MovedFiles} finds the same file (its new name, or the follower's own open
 * descriptor of a deleted file) and resumes after the last row delivered, a poll's budget at a
 * time, until a poll finds nothing more. A file that cannot be found again is reported (a log line
 * and a dead letter naming it and, where the format can tell, how many rows were left unread).
 *
 * <p>A Kafka transaction must stay about {@code --lines-per-transaction} rows (one that outlasts
 * the broker's transaction timeout is aborted and retried whole, for ever), and a result file may
 * hold millions of rows when following begins. A poll therefore asks the source for about its
 * budget of rows ({@link BinaryRowSource#readNew(RecordSink, int)}), which stops at a whole record
 * and goes on from there on the next poll, so the heap holds about one transaction's rows, whatever
 * the file's size. What a source hands over beyond the budget (its channel record, a record it
 * releases together with the one it stopped at, or everything new from a source that cannot stop
 * early) waits in a queue for the following polls; the source is read again only once the queue is
 * empty. The position counts delivered rows only ({@link DeliveredRows}), so a restart resumes after
 * the last row delivered and reads the rest again.
 *
 * <p>Reading a file to its end after it left its path stays here: it uses the same source and queue
 * as polling it.
 */
final class BinaryRows implements Reading {
    private static final Logger LOG = LoggerFactory.getLogger(BinaryRows.class);

    /** Whether the file at the path holds the test this generation delivered, as far as its first row tells. */
    enum Test {
        SAME,
        ANOTHER,
        /** Its first row cannot be read yet (the file written again from its start, not that far yet). */
        NOT_YET_TOLD
    }

    private final Generation generation;
    private final BinaryCyclerFormat format;
    private final RetryWhileChanging retry;
    /** How long a file whose first row its format refuses must stay unchanged to be taken for another file. */
    private final long quietNanos;

    private final DeliveredRows delivered;
    private BinaryRowSource rows;
    private boolean refused;

    /** Where the file is read from since it left its path; null while it is at its path. */
    private Path movedTo;

    private boolean leftPath;
    /** The source must be opened again (at {@link #movedTo}) before its next read. */
    private boolean reopen;

    private boolean finished;
    private boolean drained;
    /** It left its path and cannot be found again; reported once what was read before is delivered. */
    private boolean lost;

    private long unreadWhenLost;

    /**
     * The file must show it still holds the delivered test before it is read on: it was found shorter than
     * last seen (written again from its start), or this is a restored position that names its first row
     * (the file may have been overwritten while the follower was down, under the same file key).
     */
    private boolean unverified;

    /** Why the first row could not be read at the last look, or null; the file's size and time then, and since when. */
    private String probeFailure;

    private long probeFailedSize = -1;
    private long probeFailedModified = -1;
    private long probeFailedSinceNanos;
    /** Whether that was its format refusing it (not an I/O error, nor a file still being written). */
    private boolean probeRefusal;
    /**
     * Whether the file to check is another file than the one delivered (saved over it, a new file key), renamed
     * in whole: one its format refuses, unchanged, is not the delivered test. A file written again in place may
     * be caught half written, and is waited for until it reads.
     */
    private boolean savedOver;

    /** Read from the source, not delivered yet. */
    private final RecordQueue waiting = new RecordQueue();

    /**
     * @param delivered where an earlier run's delivery of this generation stopped (rows, the cycler's
     *                  data point of the last, the dead letters after it), or null for a new generation
     */
    BinaryRows(Generation generation, BinaryCyclerFormat format, long retryWhileChangingNanos, FilePosition delivered) {
        this.generation = generation;
        this.format = format;
        this.retry = new RetryWhileChanging(generation.path(), format.name(), retryWhileChangingNanos);
        this.quietNanos = retryWhileChangingNanos;
        this.delivered = new DeliveredRows(delivered);
        this.unverified = this.delivered.firstRow() != null;
        this.savedOver = delivered != null
                && !delivered.fingerprint().isEmpty()
                && !delivered.fingerprint().equals(generation.file().keyFingerprint());
    }

    /**
     * The file was found shorter than last seen: whether it is to be checked before it is read on (its first
     * row delivered is known), or is a new generation at once (nothing to tell it by).
     */
    boolean checkAfterRewrite() {
        unverified = delivered.firstRow() != null;
        savedOver = false;
        return unverified;
    }

    /** Whether the file must show it still holds the delivered test ({@link #stillTheDeliveredTest}) before a read. */
    boolean unverified() {
        return unverified;
    }

    /**
     * Whether the file at the path still holds the test this generation delivered: its first row reads as
     * the first row delivered ({@link FirstRow}). A cycler that saves a test anew from its start (BTS writing
     * an {@code .ndax} again with more records) writes the same first row, and the file is read on after the
     * last row delivered, by a source opened again; a new test written under the name is another generation,
     * read from its start. Until the file holds a whole first row again it cannot tell, and is not read.
     */
    Test stillTheDeliveredTest() {
        long size;
        long modified = generation.file().modifiedMillis();
        long nanos = System.nanoTime();
        try {
            size = generation.file().size();
        } catch (IOException e) {
            return Test.NOT_YET_TOLD;
        }
        if (probeFailure != null && size == probeFailedSize && modified == probeFailedModified) {
            boolean quiet = nanos - probeFailedSinceNanos >= quietNanos;
            if (probeRefusal && savedOver && quiet) {
                // Refused as its format, whole and unchanged for the delay: not being written. Its new generation
                // reads it from the start and reports why it cannot.
                LOG.info(
                        "{}: its first row cannot be read ({}) and the file is unchanged: not the delivered test",
                        generation.path(),
                        probeFailure);
                return Test.ANOTHER;
            }
            if (probeRefusal || !quiet) {
                // Unchanged since its format refused it: parsed again once it changes. An I/O error: a delay later.
                return Test.NOT_YET_TOLD;
            }
        }
        String now;
        try {
            now = FirstRow.probe(format, readerSource());
        } catch (NotCyclingDataException e) {
            return Test.ANOTHER; // no test of the delivered kind at all: the new generation says what it is
        } catch (IOException | IllegalArgumentException | IndexOutOfBoundsException e) {
            // The unchecked ones: a reader meeting a file still being written. A file refused as its format
            // (not merely incomplete) is another file once it stays so unchanged; an I/O error says nothing.
            noteProbeFailure(e, size, modified, nanos);
            return Test.NOT_YET_TOLD;
        }
        probeFailure = null;
        if (now == null) {
            return Test.NOT_YET_TOLD;
        }
        if (savedOver && FirstRow.namesItsWallClock(delivered.firstRow()) && !FirstRow.namesItsWallClock(now)) {
            // Another file at the path whose first row has no wall clock (yet) to compare: record 1 at rest reads
            // alike for two cells, so it is not taken for the delivered test, whose rows it could skip.
            LOG.info(
                    "{}: another file whose first row names no wall clock to tell it by: read as a new file",
                    generation.path());
            return Test.ANOTHER;
        }
        if (!FirstRow.sameTest(now, delivered.firstRow())) {
            LOG.info(
                    "{}: its first row reads {} now, the delivered test's {}",
                    generation.path(),
                    now,
                    delivered.firstRow());
            return Test.ANOTHER;
        }
        close(); // it read the file as it was: opened again, it goes on after the last row delivered
        unverified = false;
        return Test.SAME;
    }

    /** Remembers why the first row could not be read, for this state of the file; says it once per reason. */
    private void noteProbeFailure(Exception e, long size, long modified, long nanos) {
        String why = e.getMessage() == null ? e.toString() : e.getMessage();
        if (!why.equals(probeFailure)) {
            LOG.info("{}: its first row cannot be read yet: {}", generation.path(), why);
        }
        boolean refusal = (e instanceof FileFormatException || e instanceof BinaryFormatException)
                && !(e instanceof BinaryFileIncompleteException);
        // A refusal is timed from when the file was first found so; an I/O error is tried again a delay later.
        if (!refusal || size != probeFailedSize || modified != probeFailedModified || probeFailure == null) {
            probeFailedSinceNanos = nanos;
        }
        probeFailure = why;
        probeFailedSize = size;
        probeFailedModified = modified;
        probeRefusal = refusal;
    }

    /** Delivers up to {@code budget} rows, reading about that many first when nothing read before is waiting. */
    @Override
    public int read(FollowBatch batch, int budget) throws IOException {
        if (waiting.isEmpty()) {
            readSource(budget);
        }
        return deliver(batch, budget);
    }

    private int deliver(FollowBatch batch, int budget) {
        long before = delivered.rows();
        RecordSink out = delivered.counting(
                generation.records().into(new BatchSink(batch, generation.channelId(), format.name(), null)));
        waiting.drainTo(out, budget);
        return (int) (delivered.rows() - before);
    }

    /** About {@code budget} rows new in the file, into the queue. */
    private void readSource(int budget) throws IOException {
        long size = generation.file().size();
        long now = System.nanoTime();
        if (!retry.mayRead(size, generation.file().modifiedMillis(), now) || refused) {
            return;
        }
        try {
            if (reopen) {
                close(); // it still reads the path, which names another file now
                reopen = false;
            }
            if (rows == null) {
                rows = format.openBinary(readerSource());
                delivered.resume(rows);
            }
            rows.readNew(waiting, Math.max(1, budget)); // rows read before a failure are kept too
            retry.succeeded();
        } catch (NotCyclingDataException e) {
            close();
            refused = true;
            LOG.error("{}; the file is not followed (its technique does not change as it grows)", e.getMessage());
        } catch (IOException | IllegalArgumentException | IndexOutOfBoundsException e) {
            // The unchecked ones: a reader that read past the end of a file replaced by a shorter one between
            // the identity check and the read. As an IOException: tried again, never the end of every file's
            // following.
            IOException failure = e instanceof IOException io
                    ? io
                    : new IOException(generation.file().path() + ": the file changed under the read (" + e + ")", e);
            close(); // opened again on the next try, after the last row delivered
            if (leftPath) {
                throw failure; // it will not change any more: no use trying again
            }
            retry.failed(failure, now);
        }
    }

    /** The catalog's view of the file (its channel), at the path it is read from now (it may have been renamed). */
    private SourceFile readerSource() {
        return generation.records().source().at(movedTo != null ? movedTo : generation.path());
    }

    /**
     * The file has left its path: reads on where {@code movedFiles} finds it now, about {@code budget}
     * rows a call, from the row after the last delivered; once a call finds nothing more, the source is
     * told the file is finished (it hands over what it held back for more) and {@link #drained()}.
     *
     * @return the rows delivered
     */
    int readAfterLeaving(FollowBatch batch, int budget, MovedFiles movedFiles) {
        if (!leftPath) {
            leftPath = true;
            retry.tryOnceMore(); // one more try where it is now
            Optional<Path> found = movedFiles.find(generation.file());
            if (found.isPresent()) {
                movedTo = found.get();
                reopen = true;
                LOG.info("{} left its path: reading the rest of it at {}", generation.path(), movedTo);
            } else {
                unreadWhenLost = rows == null ? -1 : rows.rowsNotReadYet();
                lost = true;
                finished = true;
                close();
            }
        }
        if (waiting.isEmpty() && !finished) {
            try {
                readSource(budget);
                if (waiting.isEmpty()) {
                    finished = true; // nothing more: what the source held back for more comes now
                    if (rows != null) {
                        rows.finish(waiting);
                    }
                }
            } catch (IOException e) {
                finished = true;
                LOG.error(
                        "{}: could not be read to its end after it left its path; rows after data point {} not"
                                + " delivered: {}",
                        generation.path(),
                        delivered.lastCyclerDataPoint(),
                        e.getMessage());
            }
        }
        int handed = deliver(batch, budget);
        if (finished && waiting.isEmpty()) {
            if (lost) {
                reportLost(batch);
                lost = false;
            }
            drained = true;
        }
        return handed;
    }

    /**
     * Whether everything read from the file at its path was delivered and nothing is pending: no rows
     * waiting, no check of its first row to come. Such a file can be closed while idle and continued from
     * its position when it changes, as after a restart.
     */
    boolean deliveredAll() {
        return waiting.isEmpty() && !unverified && !leftPath && (rows == null || !rows.holdsBack());
    }

    /** The file's modification time when last read, in ms: a file written in place since has rows unread. */
    long modifiedWhenRead() {
        return retry.modifiedSeen();
    }

    /** Whether its format refused it as not battery-cycling data: nothing is read from it, whatever it becomes. */
    boolean refused() {
        return refused;
    }

    /** Whether a file that left its path has been read to its end (or as far as it could be) and delivered. */
    boolean drained() {
        return drained;
    }

    /** The file could not be found again: says so, with how many rows were left unread where the format can tell. */
    private void reportLost(FollowBatch batch) {
        String left = unreadWhenLost >= 0 ? unreadWhenLost + " rows" : "an unknown number of rows";
        String reason = String.format(
                Locale.ROOT,
                "deleted or moved where the follower cannot find it before it was read to its end: %s after data"
                        + " point %d not delivered",
                left,
                delivered.lastCyclerDataPoint());
        LOG.error("{}: {}", generation.path(), reason);
        new BatchSink(batch, generation.channelId(), format.name(), null)
                .malformed(new MalformedRowException(
                        generation.path(), delivered.lastCyclerDataPoint() + 1, "file", reason));
    }

    /**
     * What was read is delivered; the rest of a file that left its path is read by
     * {@link #readAfterLeaving}, a budget at a time, not in one go.
     */
    @Override
    public int readToEnd(FollowBatch batch) {
        return deliverWaiting(batch);
    }

    @Override
    public int deliverWaiting(FollowBatch batch) {
        return deliver(batch, Integer.MAX_VALUE);
    }

    @Override
    public long bytesSeen() {
        return retry.sizeSeen();
    }

    @Override
    public FilePosition position() {
        return delivered.position(generation, format.name());
    }

    @Override
    public void close() {
        if (rows != null) {
            try {
                rows.close();
            } catch (IOException e) {
                LOG.debug("closing the rows of {}", generation.path(), e);
            }
            rows = null;
        }
    }
}

package io.cellwatch.ingest.format.binary;

import io.cellwatch.ingest.format.RecordSink;
import java.io.IOException;

/**
 * The rows of one binary cycler file, read in data-point order as the cycler writes them. The file
 * may grow between calls (EC-Lab appending points to the data module, MITS Pro inserting rows); each
 * call hands over only what is new, so a follower polls it and a recorded file is read with one call.
 */
public interface BinaryRowSource extends AutoCloseable {

    /**
     * Delivers the complete rows that appeared since the previous call (every row on the first call),
     * skipping those at or before {@link #resumeAfter}. A partly written record at the end of a growing
     * file is left for the next call, never delivered half.
     *
     * @return the number of samples delivered
     * @throws IOException when the file cannot be read at all or its structure is damaged; rows read
     *                     before the damage have been delivered, and the message names the file, the
     *                     offset or table, and what was expected
     */
    default int readNew(RecordSink sink) throws IOException {
        return readNew(sink, Integer.MAX_VALUE);
    }

    /**
     * Like {@link #readNew(RecordSink)}, but stops once about {@code maxRows} rows (samples and dead
     * letters) have been handed over, at a whole record, and goes on from there on the next call: a
     * follower reads a file millions of rows long a transaction's worth at a time instead of holding
     * it whole. A call may hand over a row more than asked (a record the format releases only
     * together with the one it stopped at) and the channel record; rows skipped for
     * {@link #resumeAfter} do not count. Whatever the budget, the rows handed over by the calls are
     * the rows one unlimited call hands over, in the same order.
     *
     * @param maxRows about how many rows to hand over at most, at least 1
     * @return the number of samples delivered
     */
    int readNew(RecordSink sink, int maxRows) throws IOException;

    /**
     * The file will not grow any more (a follower drains a file that left its path): hands over what
     * the source holds back for data that could still follow it (a record waiting for its auxiliary
     * readings). The default holds nothing back.
     *
     * @return the number of samples delivered
     */
    default int finish(RecordSink sink) throws IOException {
        return 0;
    }

    /**
     * Whether the source holds rows back that only {@link #finish} hands over if the file grows no more
     * (a record waiting for its auxiliary readings), or reads auxiliary readings a source opened afresh
     * would not wait for: a follower keeps such a file open rather than close it while idle, since a closed
     * file that leaves its path is not read to its end. The default holds none.
     */
    default boolean holdsBack() {
        return false;
    }

    /**
     * Rows the file held at the last call that no call has handed over yet, or -1 when the format
     * cannot tell without reading them: what a follower reports lost when the file goes out of reach.
     */
    default long rowsNotReadYet() {
        return -1;
    }

    /** Skips every row up to and including this cycler data point (a follower resuming after a restart). */
    void resumeAfter(long dataPoint);

    @Override
    void close() throws IOException;
}

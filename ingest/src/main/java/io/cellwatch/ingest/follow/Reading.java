package io.cellwatch.ingest.follow;

import java.io.IOException;

/**
 * How one generation of a followed file is being read: its format still being chosen
 * ({@link FormatSniffer}), or its rows read as text lines ({@link TextRows}) or from a binary
 * cycler file ({@link BinaryRows}).
 */
sealed interface Reading permits FormatSniffer, TextRows, BinaryRows {

    /**
     * Reads what the file gained since the last call, about {@code budget} rows at most, into the batch.
     *
     * @return the rows (lines) read
     */
    int read(FollowBatch batch, int budget) throws IOException;

    /** The path now holds another file or none: reads what is left of this one, its last line even without a newline. */
    int readToEnd(FollowBatch batch) throws IOException;

    /**
     * Delivers every row already read but held back for later batches, whatever the budget: the file
     * is about to be read as a new generation, and those rows were the old one's.
     *
     * @return the rows delivered
     */
    default int deliverWaiting(FollowBatch batch) {
        return 0;
    }

    /** How many bytes of the file this reading has seen: a file now shorter was truncated. */
    long bytesSeen();

    /** Where a restart would resume, or null while nothing of this generation has been delivered. */
    FilePosition position();

    default void close() {}
}

package io.cellwatch.ingest.follow;

import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.RowReader;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A followed text export read line by line through its format's {@link RowReader}: each complete
 * line goes to the reader, what it makes of it (renumbered, the channel described first) to the
 * batch, an unreadable row to the batch's dead letters with its raw text. A file the reader
 * refuses as a whole (a header that is not the format's) is no longer read until it is replaced;
 * its position stays at the last line delivered.
 */
final class TextRows implements Reading {
    private static final Logger LOG = LoggerFactory.getLogger(TextRows.class);

    private final Generation generation;
    private final LineFeed feed;
    private final CyclerFormat format;
    private final RowReader reader;
    private long lineNumber;
    private long deliveredLines;
    private long deliveredOffset;
    private boolean failed;

    /**
     * @param reader          the format's reader, in the state the lines before {@code deliveredOffset} left it;
     *                        null when it could not be opened (nothing is read then)
     * @param deliveredLines  lines delivered before this reading began (an earlier run's)
     * @param deliveredOffset the byte offset just past them
     */
    TextRows(
            Generation generation,
            LineFeed feed,
            CyclerFormat format,
            RowReader reader,
            long deliveredLines,
            long deliveredOffset) {
        this.generation = generation;
        this.feed = feed;
        this.format = format;
        this.reader = reader;
        this.lineNumber = deliveredLines;
        this.deliveredLines = deliveredLines;
        this.deliveredOffset = deliveredOffset;
        this.failed = reader == null;
    }

    /** A new generation read as {@code format} from the lines its format was chosen on. */
    static TextRows start(Generation generation, FormatSniffer sniffed, CyclerFormat format) {
        RowReader reader = null;
        try {
            reader = format.open(generation.records().source().at(generation.path()));
        } catch (IOException e) {
            LOG.error("{}: cannot be read as {}: {}", generation.path(), format.name(), e.getMessage());
        }
        return new TextRows(generation, sniffed.feed(), format, reader, 0, 0);
    }

    /** Delivers the lines read while the format was being chosen (already counted against the budget). */
    void deliverSniffed(List<FormatSniffer.SniffedLine> lines, FollowBatch batch) throws IOException {
        for (FormatSniffer.SniffedLine line : lines) {
            line(batch, line.text(), line.endOffset());
        }
    }

    @Override
    public int read(FollowBatch batch, int budget) throws IOException {
        return feed.read(budget, () -> !failed, (text, end) -> line(batch, text, end));
    }

    @Override
    public int readToEnd(FollowBatch batch) throws IOException {
        int read = read(batch, Integer.MAX_VALUE);
        return read + feed.readPartialLine((text, end) -> line(batch, text, end));
    }

    private void line(FollowBatch batch, String text, long endOffset) throws IOException {
        if (failed) {
            return;
        }
        lineNumber++;
        try {
            reader.line(
                    text,
                    lineNumber,
                    generation.records().into(new BatchSink(batch, generation.channelId(), format.name(), text)));
        } catch (IOException e) {
            failed = true;
            LOG.error(
                    "{}: cannot be read as {}: {}; the file is no longer followed until it is replaced",
                    generation.path(),
                    format.name(),
                    e.getMessage());
            return;
        }
        generation.file().delivered(endOffset);
        deliveredLines = lineNumber;
        deliveredOffset = endOffset;
    }

    @Override
    public long bytesSeen() {
        return feed.fedOffset();
    }

    @Override
    public FilePosition position() {
        return deliveredLines == 0 ? null : generation.position(format.name(), deliveredOffset, deliveredLines, 0);
    }
}

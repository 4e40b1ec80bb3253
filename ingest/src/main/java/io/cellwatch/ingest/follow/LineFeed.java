package io.cellwatch.ingest.follow;

import io.cellwatch.ingest.format.text.LineAssembler;
import io.cellwatch.ingest.format.text.TextEncoding;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;

/**
 * The complete lines a followed text file gained since the last look. A line counts once its
 * newline is written; the bytes of a row the cycler is halfway through wait for theirs.
 */
final class LineFeed {
    private static final int CHUNK = 1 << 16;

    private final FileIdentity file;
    private final LineAssembler lines;
    private long lastGrowthNanos = System.nanoTime();

    /** Lines from byte {@code startOffset} on (0: the top of the file). */
    LineFeed(FileIdentity file, long startOffset) {
        this.file = file;
        this.lines = new LineAssembler(startOffset);
    }

    /**
     * Lines from byte {@code startOffset} on, read in the code page the file's top shows ({@link
     * LineAssembler#learnCodePageFrom}): a follower resuming mid-file has not seen its header.
     */
    static LineFeed resuming(FileIdentity file, long startOffset) throws IOException {
        LineFeed feed = new LineFeed(file, startOffset);
        if (startOffset > 0) {
            feed.lines.learnCodePageFrom(file.head(TextEncoding.HEAD_BYTES));
        }
        return feed;
    }

    /**
     * Hands the complete lines written since the last call to {@code handler}, at most {@code maxLines}
     * of them, while {@code more} holds; the bytes after the last line handed over are read again later.
     *
     * @return the lines handed over
     */
    int read(int maxLines, BooleanSupplier more, LineAssembler.LineHandler handler) throws IOException {
        int handed = 0;
        long size = file.size();
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        while (lines.fedOffset() < size && handed < maxLines && more.getAsBoolean()) {
            buffer.clear();
            int n = file.read(buffer, lines.fedOffset());
            if (n <= 0) {
                break;
            }
            lastGrowthNanos = System.nanoTime();
            handed += lines.feed(buffer.array(), 0, n, maxLines - handed, handler);
        }
        return handed;
    }

    /**
     * The file ended (rotated away): the bytes after its last newline as a last line, to the handler.
     *
     * @return 1 when there was such a line, else 0
     */
    int readPartialLine(LineAssembler.LineHandler handler) throws IOException {
        if (!lines.hasPartialLine()) {
            return 0;
        }
        long end = lines.fedOffset();
        handler.line(lines.takePartialLine(), end);
        return 1;
    }

    /** Byte offset just past the last complete line. */
    long completeOffset() {
        return lines.completeOffset();
    }

    /** Byte offset just past every byte read, a partial line included: a file now shorter was truncated. */
    long fedOffset() {
        return lines.fedOffset();
    }

    /** When the file last gave new bytes (or this feed began). */
    long lastGrowthNanos() {
        return lastGrowthNanos;
    }
}

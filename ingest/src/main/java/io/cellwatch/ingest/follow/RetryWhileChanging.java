package io.cellwatch.ingest.follow;

import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a binary file that cannot be read (a header still being written, an archive without its
 * directory, or damage) is tried again: while it keeps changing; once it has been quiet as long as
 * format detection waits it is reported and left until it changes again.
 */
final class RetryWhileChanging {
    /** Logs under the binary reading's name: an operator reads these lines as the follower's. */
    private static final Logger LOG = LoggerFactory.getLogger(BinaryRows.class);

    private final Path path;
    private final String format;
    private final long retryWhileChangingNanos;
    private long sizeSeen;
    private long modifiedSeen;
    private long lastChangeNanos = System.nanoTime();
    private boolean failing;
    private boolean givenUp;

    RetryWhileChanging(Path path, String format, long retryWhileChangingNanos) {
        this.path = path;
        this.format = format;
        this.retryWhileChangingNanos = retryWhileChangingNanos;
    }

    /**
     * Whether to read the file, now {@code size} bytes long and modified at {@code modifiedMillis}, at {@code
     * nowNanos}: not if it was given up and has changed in neither since. Both: MITS Pro writes an `.res`
     * (an Access database) into free space on its pages for dozens of points without the file growing.
     */
    boolean mayRead(long size, long modifiedMillis, long nowNanos) {
        if (size != sizeSeen || modifiedMillis != modifiedSeen) {
            sizeSeen = size;
            modifiedSeen = modifiedMillis;
            lastChangeNanos = nowNanos;
            givenUp = false;
        }
        return !givenUp;
    }

    /** One more try whether it changed or not (it left its path: where it is now may read). */
    void tryOnceMore() {
        givenUp = false;
    }

    void succeeded() {
        failing = false;
    }

    /** A read begun at {@code nowNanos} failed: gives up if the file has been quiet long enough, says so once. */
    void failed(IOException e, long nowNanos) {
        if (nowNanos - lastChangeNanos >= retryWhileChangingNanos) {
            givenUp = true;
            LOG.error("{}: cannot be read as {}: {}; tried again when it changes", path, format, e.getMessage());
        } else if (!failing) {
            LOG.info("{}: not readable as {} yet ({}); trying again as it grows", path, format, e.getMessage());
        }
        failing = true;
    }

    /** The file's size when last looked at. */
    long sizeSeen() {
        return sizeSeen;
    }

    /** The file's modification time when last looked at, in ms. */
    long modifiedSeen() {
        return modifiedSeen;
    }
}

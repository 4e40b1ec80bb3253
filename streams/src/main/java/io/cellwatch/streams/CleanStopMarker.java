package io.cellwatch.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this instance's previous run stopped cleanly: a file written after Kafka Streams closed
 * cleanly and removed when it starts, so a crash leaves none.
 *
 * <p>Why: under exactly-once Kafka Streams wipes every store it finds without committed offsets
 * (written on a clean close only), since it cannot trust what a crashed run wrote. After a crash it
 * finds that out one task at a time: it opens each task's stores before its thread starts, and again
 * when the task is assigned; an <em>active</em> task found so is closed and triggers a rebalance. In the
 * chaos runs every task of a restarted instance was found so, and a task with an empty changelog
 * (lag 0, so "caught up" anywhere) went back to the restarted instance as active at once, found
 * corrupted, rebalanced. Wiping the local state up front ({@code KafkaStreams#cleanUp}) when the
 * previous run crashed does what Kafka Streams would do anyway, without the opening and the
 * rebalances.
 */
final class CleanStopMarker {
    private final Path file;
    private final Path applicationDir;

    /** @param stateDir the state directory given to Kafka Streams; the marker sits beside the application's */
    CleanStopMarker(Path stateDir, String applicationId) {
        this.file = stateDir.resolve(applicationId + ".clean-stop");
        this.applicationDir = stateDir.resolve(applicationId);
    }

    /**
     * True if a previous run left task state behind without stopping cleanly. A fresh directory (a
     * first start, or one emptied by the operator or the demo) has no task directory yet, only what
     * Kafka Streams writes when it is constructed: nothing to wipe, and no reason to say so.
     */
    boolean previousRunCrashed() {
        return !Files.exists(file) && holdsTaskState();
    }

    private boolean holdsTaskState() {
        if (!Files.isDirectory(applicationDir)) {
            return false;
        }
        try (var entries = Files.list(applicationDir)) {
            return entries.anyMatch(Files::isDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + applicationDir, e);
        }
    }

    /** Called when starting: from here on a crash must leave no marker. */
    void starting() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file, e);
        }
    }

    /** Called once Kafka Streams closed cleanly. */
    void stoppedCleanly() {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "Kafka Streams closed cleanly; removed when it starts again\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}

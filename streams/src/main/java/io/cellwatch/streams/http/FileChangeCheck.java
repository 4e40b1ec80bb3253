package io.cellwatch.streams.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether some files changed (their modification times moved) since the last look, looking at most
 * once a {@link #CHECK_EVERY_NANOS second}: what the endpoint reads from files (its certificate and
 * key, the client CAs, the users) is read again when they change, as the exporter toolkit reads them,
 * without a look at the disk for every request. A file that cannot be looked at counts as changed
 * when it can be again.
 */
final class FileChangeCheck {
    static final long CHECK_EVERY_NANOS = 1_000_000_000L;

    private final List<Path> files;
    private List<FileTime> seen;
    private volatile long nextCheckNanos;

    FileChangeCheck(Path... files) {
        this.files = List.of(files);
        this.seen = times();
        this.nextCheckNanos = System.nanoTime() + CHECK_EVERY_NANOS;
    }

    /** True when the files changed since the last look that said so (or since {@link #retry}), checked once a second at most. */
    boolean changed() {
        long now = System.nanoTime();
        if (now - nextCheckNanos < 0) {
            return false;
        }
        synchronized (this) {
            if (now - nextCheckNanos < 0) {
                return false;
            }
            nextCheckNanos = now + CHECK_EVERY_NANOS;
            List<FileTime> times = times();
            if (times.equals(seen)) {
                return false;
            }
            seen = times;
            return true;
        }
    }

    /** What was read after the last change could not be used: the next look says changed again. */
    synchronized void retry() {
        seen = null;
    }

    private List<FileTime> times() {
        List<FileTime> times = new ArrayList<>(files.size());
        for (Path file : files) {
            try {
                times.add(Files.getLastModifiedTime(file));
            } catch (IOException e) {
                times.add(null);
            }
        }
        return times;
    }
}

package io.cellwatch.ingest.format.arbin.res;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Whether what a read sees of a {@code .res} file MITS Pro is writing can be trusted to be what the file
 * holds, told by the file's size and modification time ({@link FileStamp}). A write within the file
 * system's time granularity of the last one may leave both as they were, so a stamp is trusted only once
 * it has been seen unchanged for {@link #SETTLED_NANOS} (longer than any file system's time granularity,
 * FAT's 2 s included, and measured on this machine's clock so a file server's clock does not matter): a
 * write after that moves the time.
 */
final class FileSettling {
    /** How long a file's size and time must be seen unchanged before they are trusted to show a write. */
    static final long SETTLED_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final Path file;
    private final Function<Path, FileStamp> stamps;
    private final LongSupplier clock;

    /** The file's stamp as last seen, and since when (this machine's clock) it has been seen unchanged. */
    private FileStamp seen;

    private long seenSince;
    /** Whether the last reads stopped in front of data that may only seem to lack (see {@link #trusted}), and since when. */
    private boolean doubting;

    private long doubtingSince;

    FileSettling(Path file, Function<Path, FileStamp> stamps, LongSupplier clock) {
        this.file = file;
        this.stamps = stamps;
        this.clock = clock;
    }

    /** The file as a read begins: its stamp now, and whether that stamp has been seen long enough to be trusted. */
    View look() {
        FileStamp before = stamps.apply(file);
        long now = clock.getAsLong();
        if (!before.equals(seen)) {
            seen = before;
            seenSince = now;
        }
        return new View(before, now - seenSince >= SETTLED_NANOS);
    }

    /** Whether the file still has the stamp {@code before}: a read that failed since met damage, not a write. */
    boolean unchangedSince(FileStamp before) {
        return before.equals(stamps.apply(file));
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
    boolean trusted(View view) {
        if (view.settled() && unchangedSince(view.before())) {
            return true;
        }
        long now = clock.getAsLong();
        if (!doubting) {
            doubting = true;
            doubtingSince = now;
        }
        return now - doubtingSince >= SETTLED_NANOS;
    }

    /** A read got through without stopping in doubt: the next doubt waits anew. */
    void readThrough() {
        doubting = false;
    }

    /** The file as a read began: its stamp, and whether it had been still long enough to be trusted. */
    record View(FileStamp before, boolean settled) {}
}

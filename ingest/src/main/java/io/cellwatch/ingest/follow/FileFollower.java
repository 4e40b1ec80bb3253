package io.cellwatch.ingest.follow;

import io.cellwatch.ingest.channels.DataPointSequence;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryCyclerFormat;
import io.cellwatch.model.ChannelInfo;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails cycler exports as the cyclers write them ({@code ingest --follow}): follows the given
 * files, and every file that appears in the given directories; reads each line once it is complete
 * (a cycler halfway through a row has not written a row); detects each file's format; and
 * delivers rows, channel metadata, unreadable rows (as dead letters) and the files' positions to a
 * {@link FollowOutput} in batches, each batch all or nothing.
 *
 * <p>Exactly once across crashes: positions are delivered in the same transaction as the rows
 * they cover and read back on start, and a file is re-read up to its delivered position (output
 * discarded) to rebuild its reader's state, then followed from there.
 *
 * <p>One thread: {@link #run()} polls until {@link #stop()}; {@link #pollOnce()} is one pass;
 * {@link #close()} (after the polling thread ended) closes the files.
 */
public final class FileFollower implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FileFollower.class);

    private final FollowSettings settings;
    private final FollowOutput output;
    private final PathMatcher include;
    private final Map<String, TrackedFile> files = new LinkedHashMap<>();
    private final Map<Object, TrackedFile.RotatedAway> rotatedAway = new HashMap<>();
    /** New files at a name whose old file was renamed while down, each waiting for that file to be read (by path). */
    private final Map<String, TrackedFile> waitingForRenamed = new HashMap<>();
    /** Paths {@link #track} is taking up now (it follows a renamed file's position to its new name first). */
    private final Set<String> tracking = new HashSet<>();
    /** Files closed while idle (delivered text, unrecognised), by path: each followed again once it changes. */
    private final Map<String, IdleFile> idle = new HashMap<>();
    /** Channel metadata described and not yet carried in band by a record of its channel (FollowBatch). */
    private final Map<String, ChannelInfo> describedSince = new HashMap<>();
    /** Paths whose file failed a read, by path: each taken up again from its delivered position after a wait. */
    private final Map<String, ReadError> readErrors = new HashMap<>();

    private final DataPointSequence dataPoints = new DataPointSequence();
    private final FollowContext context;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final AtomicLong rows = new AtomicLong();
    private final Counter rowsCounter;
    private final Counter deadLetterCounter;
    private final Counter batchCounter;
    private final Counter readErrorCounter;
    private Map<String, FilePosition> restored;
    private long passes;
    /** Files that exist but could not be opened at the last pass (written by the polling thread only). */
    private volatile int unreadableFiles;

    public FileFollower(FollowSettings settings, FollowOutput output, MeterRegistry registry) {
        this(settings, output, registry, MovedFiles.ofThisSystem());
    }

    /** With the way a file rotated away is found again given (tests: a system where it cannot be). */
    FileFollower(FollowSettings settings, FollowOutput output, MeterRegistry registry, MovedFiles movedFiles) {
        this(settings, output, registry, movedFiles, System::nanoTime);
    }

    /** With the clock idle files are timed by given too (tests: one they move). */
    FileFollower(
            FollowSettings settings,
            FollowOutput output,
            MeterRegistry registry,
            MovedFiles movedFiles,
            LongSupplier nanoClock) {
        this(settings, output, registry, movedFiles, nanoClock, FileOpener.READ_ONLY);
    }

    /** With the way files are opened given too (tests: files whose reads fail). */
    FileFollower(
            FollowSettings settings,
            FollowOutput output,
            MeterRegistry registry,
            MovedFiles movedFiles,
            LongSupplier nanoClock,
            FileOpener opener) {
        this.settings = settings;
        this.output = output;
        this.include = settings.includeMatcher();
        this.context = FollowContext.of(settings, dataPoints, movedFiles, nanoClock, opener);
        this.rowsCounter = Counter.builder("cellwatch.ingest.rows")
                .description("Rows of followed files delivered to Kafka as samples")
                .register(registry);
        this.deadLetterCounter = Counter.builder("cellwatch.ingest.dead.letter.records")
                .description("Rows of followed files that could not be read, delivered to the dead-letter topic")
                .register(registry);
        this.batchCounter = Counter.builder("cellwatch.ingest.transactions")
                .description("Batches delivered (one Kafka transaction each)")
                .register(registry);
        this.readErrorCounter = Counter.builder("cellwatch.ingest.read.errors")
                .description("Reads of a followed file that failed (a stale network handle, a lock): the file is"
                        + " read again from its delivered position after a wait, the others followed meanwhile")
                .register(registry);
        Gauge.builder("cellwatch.ingest.files", files, Map::size)
                .description("Paths being followed (open, or waiting for their file to appear or open)")
                .register(registry);
        Gauge.builder("cellwatch.ingest.files.idle", idle, Map::size)
                .description("Files closed after staying unchanged for a while (text files delivered to their end,"
                        + " unrecognised files), followed again once they change")
                .register(registry);
        Gauge.builder("cellwatch.ingest.files.unreadable", this, follower -> follower.unreadableFiles)
                .description("Followed files that exist but cannot be opened (permissions, a lock), or whose last read"
                        + " failed: not read until they can be")
                .register(registry);
    }

    /** Reads the positions of an earlier run; call once before polling. */
    public void start() throws Exception {
        restored = new LinkedHashMap<>(output.restore());
        for (FilePosition p : restored.values()) {
            dataPoints.observe(p.channelId(), p.lastDataPoint());
        }
        LOG.info("following {} ({} file position(s) restored)", settings.paths(), restored.size());
    }

    /**
     * One pass: finds new files, reads what every file gained (a batch's worth at most) and delivers it.
     *
     * @return true when something was delivered (there may be more to read at once)
     */
    public boolean pollOnce() throws Exception {
        if (restored == null) {
            throw new IllegalStateException("start() first");
        }
        closeIdleFiles();
        discover();
        FollowBatch batch = new FollowBatch(describedSince);
        int budget = settings.linesPerBatch();
        // Start each pass one file further on, so a file with a long backlog cannot starve the others.
        List<TrackedFile> order = new ArrayList<>(files.values());
        int first = order.isEmpty() ? 0 : (int) (passes++ % order.size());
        for (int i = 0; i < order.size(); i++) {
            TrackedFile file = order.get((first + i) % order.size());
            if (budget <= 0) {
                break;
            }
            String path = file.path().toString();
            FollowBatch.Mark mark = batch.mark(path);
            dataPoints.mark();
            FilePosition deliveredTo = file.deliveredTo();
            try {
                budget -= file.poll(batch, budget);
            } catch (TrackedFile.CannotContinue e) {
                throw e;
            } catch (IOException | UncheckedIOException e) {
                batch.rollBackTo(mark);
                dataPoints.rollBack();
                files.remove(path);
                readFailed(file, deliveredTo, e);
                continue;
            }
            if (!readErrors.isEmpty() && readErrors.remove(path) != null) {
                LOG.info("{} reads again: following it", path);
            }
            TrackedFile.RotatedAway rotated = file.takeRotatedAway();
            if (rotated != null && rotated.fileKey() != null) {
                rotatedAway.put(rotated.fileKey(), rotated);
            }
        }
        unreadableFiles =
                (int) files.values().stream().filter(TrackedFile::unreadable).count()
                        + (int) readErrors.keySet().stream()
                                .filter(path -> !files.containsKey(path))
                                .count();
        // A path whose old file was just read to its end opens its new one at the next pass, at once.
        boolean newFilesWait = false;
        for (TrackedFile file : files.values()) {
            newFilesWait |= file.takeNewFileWaits();
        }
        if (batch.isEmpty()) {
            // A new file waiting for its name's renamed old one, now read, is taken up at once.
            return newFilesWait || waitingForRenamed.values().stream().anyMatch(TrackedFile::caughtUp);
        }
        output.deliver(batch);
        rows.addAndGet(batch.samples().size());
        rowsCounter.increment(batch.samples().size());
        deadLetterCounter.increment(batch.deadLetters().size());
        batchCounter.increment();
        for (DeadLetter d : batch.deadLetters()) {
            LOG.warn("dead letter: {}", d.error().getMessage());
        }
        return true;
    }

    @Override
    public void run() {
        try {
            while (running.get()) {
                if (!pollOnce()) {
                    Thread.sleep(settings.pollInterval().toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure.set(e);
            LOG.error("following stopped: {}", e.getMessage(), e);
        } catch (Error e) {
            // A stack overflow or a heap exhausted must not read as a clean stop (exit 0 to a supervisor).
            failure.set(new IllegalStateException(e.toString(), e));
            LOG.error("following stopped: {}", e.toString(), e);
        } finally {
            running.set(false);
        }
    }

    /**
     * A read of {@code file} failed (a network share's stale handle or lost connection, a byte-range lock, a
     * disk error): what this pass read from it was taken out of the batch, and the file is closed and taken
     * up again after a wait, from the position delivered, as a restart would take it up (a file renamed
     * meanwhile found by its file key); the other files are followed meanwhile. The wait doubles with each
     * failure in a row, from the poll interval up to a minute.
     */
    private void readFailed(TrackedFile file, FilePosition deliveredTo, Exception e) {
        String path = file.path().toString();
        file.closeAfterReadError();
        if (deliveredTo != null) {
            restored.put(path, deliveredTo);
        }
        long now = context.nanoClock().getAsLong();
        ReadError error =
                readErrors.merge(path, ReadError.first(now, settings.pollInterval()), (old, first) -> old.again(now));
        readErrorCounter.increment();
        LOG.warn(
                "{} could not be read ({}; failure {} in a row): what this pass read of it is not delivered; it is"
                        + " read again from {} in {} s, the other files followed meanwhile",
                path,
                e.toString(),
                error.failures(),
                deliveredTo == null ? "its start" : "line " + deliveredTo.line(),
                error.waitNanos() / 1_000_000_000.0);
    }

    /** A path whose file failed reads {@code failures} times in a row, not taken up again before {@code retryAtNanos}. */
    private record ReadError(int failures, long waitNanos, long retryAtNanos) {
        private static final long LONGEST_WAIT = Duration.ofMinutes(1).toNanos();

        static ReadError first(long now, Duration pollInterval) {
            long wait = Math.max(pollInterval.toNanos(), 1);
            return new ReadError(1, wait, now + wait);
        }

        ReadError again(long now) {
            long wait = Math.min(waitNanos * 2, LONGEST_WAIT);
            return new ReadError(failures + 1, wait, now + wait);
        }
    }

    /** Why {@link #run()} stopped, when it stopped on an error. */
    public Exception failure() {
        return failure.get();
    }

    public boolean running() {
        return running.get();
    }

    /** Sample rows delivered by this process. */
    public long rowsDelivered() {
        return rows.get();
    }

    private void discover() {
        List<Path> found = followedFiles();
        found.forEach(this::track);
        if (idle.isEmpty() && waitingForRenamed.isEmpty()) {
            return;
        }
        Set<String> present = found.stream().map(Path::toString).collect(Collectors.toSet());
        forgetIdleFilesGone(present);
        // A name waiting for its old file to be read that is gone itself waits for nothing: kept, it would
        // have every idle pass report work to do (no sleep) and its old file never closed.
        waitingForRenamed.keySet().retainAll(present);
    }

    /**
     * Lets go of files closed while idle that have left the followed paths. One renamed within them was
     * taken up under its new name by this pass's {@link #track} (a rename is atomic: the new name is
     * there when the old one is gone); one not taken up was deleted or moved away, and its position must
     * not stay a candidate: a deleted file's inode number goes to the next file made.
     */
    private void forgetIdleFilesGone(Set<String> present) {
        for (var it = idle.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, IdleFile> entry = it.next();
            String path = entry.getKey();
            if (present.contains(path)) {
                continue;
            }
            FilePosition position = entry.getValue().position();
            if (position != null && restored.get(path) == position) {
                LOG.info("{}, closed while idle, is gone (deleted, or moved out of the followed paths)", path);
                restored.remove(path);
            }
            it.remove();
        }
    }

    /**
     * Closes the files idle for {@code closeIdleAfter} ({@link TrackedFile#closeIfIdle}). Before the pass
     * reads anything, so every position they have given was delivered: each is kept as a restart keeps
     * a committed one, and the file, once it changes, is continued from it by the same code (renamed
     * meanwhile too).
     */
    private void closeIdleFiles() {
        long now = context.nanoClock().getAsLong();
        long idleNanos = settings.closeIdleAfter().toNanos();
        for (var it = files.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, TrackedFile> entry = it.next();
            if (waitingForRenamed.containsValue(entry.getValue())) {
                continue; // another file waits for this one to be read: it is, but stays until taken up
            }
            IdleFile closed;
            try {
                closed = entry.getValue().closeIfIdle(now, idleNanos);
            } catch (IOException e) {
                it.remove();
                readFailed(entry.getValue(), entry.getValue().deliveredTo(), e);
                continue;
            }
            if (closed != null) {
                it.remove();
                if (closed.position() != null) {
                    restored.put(entry.getKey(), closed.position());
                }
                idle.put(entry.getKey(), closed);
            }
        }
    }

    /** Every file the settings name or their directories hold (included, not hidden), as paths to follow. */
    private List<Path> followedFiles() {
        List<Path> found = new ArrayList<>();
        for (Path path : settings.paths()) {
            if (Files.isDirectory(path)) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
                    for (Path entry : entries) {
                        Path name = entry.getFileName();
                        if (name != null
                                && !name.toString().startsWith(".")
                                && include.matches(name)
                                && Files.isRegularFile(entry)) {
                            found.add(entry.toAbsolutePath().normalize());
                        }
                    }
                } catch (IOException e) {
                    LOG.warn("cannot list {}: {}", path, e.getMessage());
                }
            } else {
                found.add(path);
            }
        }
        return found;
    }

    /** The followed file that now holds the file a position was written for (renamed while down), or null. */
    private Path wentTo(FilePosition p) {
        for (Path candidate : followedFiles()) {
            Object key = FileIdentity.keyAt(candidate);
            if (key != null && p.fileKey().equals(FileIdentity.keyFingerprint(key))) {
                return candidate;
            }
        }
        return null;
    }

    private void track(Path file) {
        // Two files that swapped names each send the other's tracking to this one: once is enough.
        if (files.containsKey(file.toString()) || !tracking.add(file.toString())) {
            return;
        }
        try {
            trackNew(file);
        } finally {
            tracking.remove(file.toString());
        }
    }

    private void trackNew(Path file) {
        ReadError error = readErrors.get(file.toString());
        if (error != null && context.nanoClock().getAsLong() - error.retryAtNanos() < 0) {
            return; // its last read failed: taken up again after the wait
        }
        IdleFile closed = idle.get(file.toString());
        if (closed != null) {
            if (closed.unchangedAt(file)) {
                return;
            }
            idle.remove(file.toString());
            LOG.info("{} changed since it was closed while idle: following it again", file);
        }
        TrackedFile waitingFor = waitingForRenamed.get(file.toString());
        if (waitingFor != null && !files.containsValue(waitingFor)) {
            // The old file failed a read and was closed: wait for it as it is taken up again.
            TrackedFile again = files.get(waitingFor.path().toString());
            if (again != null) {
                waitingForRenamed.put(file.toString(), again);
                waitingFor = again;
            }
        }
        if (waitingFor != null && !waitingFor.caughtUp()) {
            return; // the name's old file, renamed while down, is still being read
        }
        waitingForRenamed.remove(file.toString());
        Object keyNow = FileIdentity.keyAt(file);
        FilePosition position = restored.get(file.toString());
        if (position != null && keyNow != null && heldByAnother(position, keyNow)) {
            // Rotated while the follower was down (renamed away, a new file made at the name): the position is
            // the old file's, for the name it went to, whose rest is read before this new file (the channel's
            // rows in the order they were written, the new file's numbered after the old one's).
            Path went = wentTo(position);
            if (went != null) {
                track(went);
                TrackedFile old = files.get(went.toString());
                if (old != null && !old.caughtUp()) {
                    waitingForRenamed.put(file.toString(), old);
                    return; // looked at again at the next pass
                }
            }
            // The position stays for the old file, should its new name turn up later; resumed here, it finds
            // the file replaced and starts the path's next generation. Not that of a file closed while idle
            // that no followed file holds now: gone while this process watched, its inode number is free for
            // the next file made.
            LOG.info("{} holds another file than the one delivered (its file key changed)", file);
            if (closed != null && went == null) {
                restored.remove(file.toString());
            }
        } else if (position != null) {
            restored.remove(file.toString());
        }
        Object key = position == null ? keyNow : null;
        if (key != null) {
            for (TrackedFile tracked : files.values()) {
                if (key.equals(tracked.openFileKey())) {
                    return; // a followed file renamed to this name: wait until its old path has noticed
                }
            }
            TrackedFile.RotatedAway from = rotatedAway.remove(key);
            if (from != null && !from.isRenamedTo(file)) {
                LOG.info(
                        "{} has the file key {} had, but is not the name it was renamed to ({}): a new file",
                        file,
                        from.position().path(),
                        from.renamedTo());
            } else if (from != null) {
                LOG.info(
                        "{} is {} renamed, already read to line {}: continuing it",
                        file,
                        from.position().path(),
                        from.position().line());
                follow(file, TrackedFile.adopted(file, from, context));
                return;
            }
            FilePosition renamed = renamedWhileDown(file, key);
            if (renamed != null) {
                follow(file, TrackedFile.renamedWhileDown(file, renamed, context));
                return;
            }
        }
        follow(file, new TrackedFile(file, position, context));
    }

    /**
     * Follows {@code file} from now on. A file taken up after the first pass (woken from idle, renamed
     * while closed, taken up again after a read error) whose delivered prefix cannot be re-read (rewritten
     * while it is) is a read error ({@link #readFailed}) instead of stopping the follower, which is what such
     * a failure does at start.
     */
    private void follow(Path file, TrackedFile tracked) {
        if (passes > 0) {
            tracked.retryFailedResume();
        }
        files.put(file.toString(), tracked);
    }

    /**
     * The restored position of a text file renamed while the follower was down (or killed before it
     * committed the new name's position), or null: a position whose path no longer holds its file (none
     * there, or one with another key), written for the file key this file has and whose delivered
     * leading bytes this file starts with; of several, the one delivered furthest. Both key and bytes, as
     * either alone can mislead: a deleted file's inode goes to the next file made, and files of one
     * cycler begin with the same header. A binary file, whose leading bytes change as it grows, is matched
     * by its key and its first row instead ({@link FirstRow}): a new file given a deleted one's inode starts
     * with a row of its own.
     */
    private FilePosition renamedWhileDown(Path file, Object key) {
        String fileKey = FileIdentity.keyFingerprint(key);
        FilePosition best = null;
        for (FilePosition p : restored.values()) {
            if (fileKey.equals(p.fileKey())
                    && heldByAnother(p, FileIdentity.keyAt(Path.of(p.path())))
                    && (p.fingerprintLength() > 0
                            ? p.fingerprint().equals(FileIdentity.fingerprintAt(file, p.fingerprintLength()))
                            : sameBinaryTest(p, file))
                    && (best == null || furtherThan(p, best))) {
                best = p; // renamed twice while down: the name it had last was delivered furthest
            }
        }
        if (best != null) {
            restored.remove(best.path());
            LOG.info(
                    "{} is {} renamed while the follower was down or the file closed (same file key, {}), already"
                            + " read to {} {}: continuing it",
                    file,
                    best.path(),
                    best.fingerprintLength() > 0
                            ? "same first " + best.fingerprintLength() + " bytes"
                            : "same first row",
                    best.fingerprintLength() > 0 ? "line" : "row",
                    best.line());
        }
        return best;
    }

    /** Whether {@code file} starts with the first row a binary file's position names (false for any other position). */
    private boolean sameBinaryTest(FilePosition p, Path file) {
        if (p.firstRow() == null) {
            return false;
        }
        try {
            if (!(context.formats().named(p.format()) instanceof BinaryCyclerFormat binary)) {
                return false;
            }
            SourceFile at = context.catalog()
                    .source(Path.of(p.catalogPath() != null ? p.catalogPath() : p.path()))
                    .at(file);
            String now = FirstRow.probe(binary, at);
            return now != null && FirstRow.sameTest(now, p.firstRow());
        } catch (IOException | RuntimeException e) {
            return false; // not readable as the delivered file's format: not that file
        }
    }

    /** True when a position's path no longer holds the file it was written for (none, or one with another key). */
    private static boolean heldByAnother(FilePosition p, Object keyNow) {
        return p.fileKey() != null && (keyNow == null || !p.fileKey().equals(FileIdentity.keyFingerprint(keyNow)));
    }

    private static boolean furtherThan(FilePosition a, FilePosition b) {
        return a.generation() != b.generation() ? a.generation() > b.generation() : a.offset() > b.offset();
    }

    /** Asks {@link #run()} to return after the pass in progress. */
    public void stop() {
        running.set(false);
    }

    /** Stops and closes the files; call once no thread polls any more. */
    @Override
    public void close() {
        stop();
        files.values().forEach(TrackedFile::close);
    }
}

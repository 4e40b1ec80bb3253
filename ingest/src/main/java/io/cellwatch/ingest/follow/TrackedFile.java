package io.cellwatch.ingest.follow;

import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.binary.BinaryCyclerFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One followed path through the files it holds over time: opens the file there, resumes an earlier
 * run's position or starts a generation, notices when the path's file is rotated, truncated or
 * replaced, and puts the position in the batch whenever the delivered rows moved it.
 *
 * <p>A file counts as the same file while {@link FileIdentity} says so. When it shrinks
 * (truncated), when its leading bytes change (replaced by another export), or when another file
 * takes its path (rotated: the old file is read to its end first, its last line even without a
 * newline; a binary file over as many polls as its backlog takes), it starts a new generation: its format chosen again ({@link FormatSniffer}), read from
 * the beginning as new rows, with record numbers continuing the channel's.
 */
final class TrackedFile {
    private static final Logger LOG = LoggerFactory.getLogger(TrackedFile.class);

    /**
     * A file that was read under this path and has since been renamed: where it got to, and the name
     * it was renamed to where the system tells it ({@code renamedTo}, its real path; null: not known).
     */
    record RotatedAway(Object fileKey, FilePosition position, Path catalogPath, Path renamedTo) {

        /**
         * Whether {@code candidate}, a new file with this one's file key, is this file under its new
         * name. Where names are known it must be the name the file was renamed to: file keys are inode
         * numbers, which a file system gives again to the next file made once a file is deleted.
         */
        boolean isRenamedTo(Path candidate) {
            if (renamedTo == null) {
                return true;
            }
            try {
                return renamedTo.equals(candidate.toRealPath());
            } catch (IOException e) {
                return false;
            }
        }
    }

    private final Path path;
    /** The path whose channel (id and metadata) this file's rows belong to: its own, or the one it was renamed from. */
    private final Path catalogPath;

    private final FollowContext context;
    /** An earlier run's position, until the file is opened. */
    private FilePosition restored;
    /** The position this path was taken up with, or null ({@link #deliveredTo}). */
    private final FilePosition takenUpAt;
    /** The position last put in a batch (or restored): another goes in only when it differs. */
    private FilePosition recorded;

    private RotatedAway rotatedAway;
    /** The old file was read to its end and closed this poll: the path's new file is opened at the next, at once. */
    private boolean newFileWaits;
    /** Why the file at this path could not be opened, while it cannot (said once, not every poll). */
    private String unreadable;

    private FileIdentity file;
    private Reading reading;
    private int generation = -1;
    private boolean caughtUp;
    /** Whether a failed resume is a read error the follower tries again, instead of stopping it ({@link #retryFailedResume}). */
    private boolean retryFailedResume;
    /** A binary file written again from its start that has not shown its first row yet: said once. */
    private boolean waitingForFirstRow;
    /** A text file found shorter than read, still changing: said once ({@link #beingWrittenAgain}). */
    private boolean waitingForRewrite;
    /** The open file's size at the last poll, and when the file was opened or last changed size ({@link FollowContext#nanoClock}). */
    private long sizeAtLastPoll = -1;

    private long lastChangeNanos;

    TrackedFile(Path path, FilePosition restored, FollowContext context) {
        this(path, catalogPathOf(path, restored), restored, context);
        this.recorded = restored;
    }

    /** Where a restored position says its channel is looked up: its first name, for a file renamed since. */
    private static Path catalogPathOf(Path path, FilePosition restored) {
        return restored != null && restored.catalogPath() != null ? Path.of(restored.catalogPath()) : path;
    }

    /**
     * A file that was already read to {@code from}'s position under another name and renamed into a
     * followed directory: it continues from there, as the same channel, its position recorded under
     * its new name.
     */
    static TrackedFile adopted(Path path, RotatedAway from, FollowContext context) {
        return new TrackedFile(path, from.catalogPath(), from.position().atPath(path.toString()), context);
    }

    /**
     * A text file found under a new name after a restart, continuing the position its old name had
     * committed: on the old name's channel, as a file renamed while the follower runs continues.
     */
    static TrackedFile renamedWhileDown(Path path, FilePosition old, FollowContext context) {
        return new TrackedFile(path, catalogPathOf(Path.of(old.path()), old), old.atPath(path.toString()), context);
    }

    private TrackedFile(Path path, Path catalogPath, FilePosition restored, FollowContext context) {
        this.path = path;
        this.catalogPath = catalogPath;
        this.restored = restored;
        this.takenUpAt = restored;
        this.context = context;
        if (restored != null) {
            this.generation = restored.generation();
        }
    }

    Path path() {
        return path;
    }

    /**
     * Where this path's delivered rows end: the position last put in a batch, else the one it was taken up
     * with (restored, renamed, woken from idle), else null (nothing delivered). At the start of a poll it
     * is delivered: a batch is delivered whole before the next poll, or the follower stops.
     */
    FilePosition deliveredTo() {
        return recorded != null ? recorded : takenUpAt;
    }

    /**
     * A restored position this run cannot continue at start (a format it does not read, a delivered
     * prefix that no longer reads): it stops the follower, so that it is seen at once.
     */
    static final class CannotContinue extends IOException {
        CannotContinue(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** The file key (inode) of the file open under this path, or null. */
    Object openFileKey() {
        return file == null ? null : file.key();
    }

    /** Whether the path's new file waits to be opened at the next poll (once: the flag is cleared). */
    boolean takeNewFileWaits() {
        boolean waits = newFileWaits;
        newFileWaits = false;
        return waits;
    }

    /** The file this path held before a rotation, once, for a follower that may find it under its new name. */
    RotatedAway takeRotatedAway() {
        RotatedAway r = rotatedAway;
        rotatedAway = null;
        return r;
    }

    /**
     * Reads what the file has gained since the last poll, about {@code budget} rows at most, into the
     * batch; its position goes in too when it moved.
     *
     * @return the rows (lines) read
     */
    int poll(FollowBatch batch, int budget) throws IOException {
        if (file == null && !open()) {
            caughtUp = true; // nothing to read here: nothing waiting for it should wait on
            return 0;
        }
        if (file.movedAway()) {
            // The path's new file is opened at the next poll, not in this one: a read error on it (a lock of the
            // cycler writing it) would roll back this poll's read of the old file's end too, which, moved out
            // of the followed paths or deleted, could not be read again. A binary file still being read to its
            // end keeps the new one waiting its turn the same way.
            int read = readMovedAway(batch, budget);
            newFileWaits = file == null;
            return read;
        }
        int read = 0;
        if (file.truncatedOrReplaced(reading.bytesSeen())) {
            read += reading.deliverWaiting(batch);
            record(batch);
            if (reading instanceof TextRows && beingWrittenAgain()) {
                return read;
            }
            waitingForRewrite = false;
            if (!(reading instanceof BinaryRows binary && binary.checkAfterRewrite())) {
                LOG.info("{} was truncated or replaced: reading it again from the start as new rows", path);
                newGeneration();
            }
        }
        if (stillTheDeliveredTest()) {
            read += readNew(batch, budget - read, false);
            record(batch);
        }
        if (read == 0) {
            caughtUp = true;
        }
        long size = file.size();
        if (size != sizeAtLastPoll) {
            sizeAtLastPoll = size;
            lastChangeNanos = context.nanoClock().getAsLong();
        }
        return read;
    }

    /**
     * Whether a text file found shorter than read is being written again from its start and is waited
     * for: an exporter that saves the whole file each time (truncating it and writing it anew) is caught
     * half way by a poll now and then, and read as a new file its rows would all be delivered twice. While
     * its leading bytes are not known to differ from the ones delivered and it keeps changing, nothing is
     * read; once it is as long as it was read again, with the same leading bytes, it is read on from
     * there. One that stays shorter, quiet for the detection delay, or whose leading bytes differ, is a
     * new file: a new generation.
     */
    private boolean beingWrittenAgain() throws IOException {
        if (file.leadingBytesChanged()) {
            return false;
        }
        long now = context.nanoClock().getAsLong();
        long size = file.size();
        if (size != sizeAtLastPoll) {
            sizeAtLastPoll = size;
            lastChangeNanos = now;
        }
        boolean changing = now - lastChangeNanos < context.detectAfterNanos();
        if (changing && !waitingForRewrite) {
            LOG.info(
                    "{} is shorter than read ({} of {} bytes) and changing: waiting to tell the same export"
                            + " written again from a new file",
                    path,
                    size,
                    reading.bytesSeen());
        }
        waitingForRewrite = changing;
        return changing;
    }

    /**
     * Whether the file may be read on: a binary file written again from its start, or continued from a
     * restored position, first shows by its first row whether it holds the delivered test
     * ({@link BinaryRows#stillTheDeliveredTest}); another test starts a new generation, and one that
     * cannot tell yet is not read until it can.
     */
    private boolean stillTheDeliveredTest() {
        if (!(reading instanceof BinaryRows binary) || !binary.unverified()) {
            return true;
        }
        BinaryRows.Test test = binary.stillTheDeliveredTest();
        if (test != BinaryRows.Test.NOT_YET_TOLD) {
            waitingForFirstRow = false;
        }
        switch (test) {
            case SAME -> {
                LOG.info(
                        "{} holds the test delivered (its first row reads the same): read on after its last row", path);
                return true;
            }
            case ANOTHER -> {
                LOG.info(
                        "{} holds another test (its first row differs from the one delivered): reading it from the"
                                + " start as new rows",
                        path);
                newGeneration();
                return true;
            }
            default -> {
                if (!waitingForFirstRow) {
                    LOG.info(
                            "{}: no whole first row to read (written again from its start, not that far yet, or not"
                                    + " readable now): not read until one tells the test delivered from a new one",
                            path);
                }
                waitingForFirstRow = true;
                return false;
            }
        }
    }

    /**
     * Closes the file when it has not changed size for {@code idleNanos}, still holds its path, and is
     * done with: a file read to its end and delivered (a finished test's export or result file, a channel
     * paused for days), or a file no format recognised or its format refused. What the file looked like is
     * returned, with its delivered position, to follow it again once it changes: continued from that
     * position, as a restart would ({@link Resume}); an unrecognised one looked at afresh. A binary file,
     * whose leading bytes change as it grows, is known again by its file key and first row
     * ({@link FirstRow}), renamed while closed too.
     *
     * @return null when the file is not closed
     */
    IdleFile closeIfIdle(long nowNanos, long idleNanos) throws IOException {
        if (file == null || nowNanos - lastChangeNanos < idleNanos) {
            return null;
        }
        // Every byte read and delivered: a last line still waiting for its newline keeps the file open, since
        // only an open file moved away or deleted is read to its end, that line included.
        boolean delivered = caughtUp
                && recorded != null
                && (reading instanceof TextRows
                        ? recorded.offset() == reading.bytesSeen()
                        : reading instanceof BinaryRows binary
                                && binary.deliveredAll()
                                && recorded.equals(binary.position()))
                && file.size() == reading.bytesSeen();
        boolean unrecognised = reading instanceof FormatSniffer sniffer && sniffer.unrecognised()
                || reading instanceof BinaryRows binary && binary.refused();
        if (!(delivered || unrecognised)) {
            return null;
        }
        IdleFile idle = IdleFile.at(path);
        // Gone, moved away (another key at the path), or changed since the last poll: the next poll reads it.
        if (idle == null || !idle.key().equals(file.key()) || idle.size() != sizeAtLastPoll) {
            return null;
        }
        // A binary file written in place since its last read (an .res fills free space on its pages without
        // growing): closed now, the change would be taken for the state it was closed in.
        if (reading instanceof BinaryRows binary && idle.modified().toMillis() != binary.modifiedWhenRead()) {
            return null;
        }
        LOG.info(
                "{}: unchanged for {} min, closed until it changes ({})",
                path,
                idleNanos / 60_000_000_000L,
                delivered ? "delivered to line " + recorded.line() : "no format recognised it");
        close();
        return delivered ? idle.withPosition(recorded) : idle;
    }

    /** True once a poll found nothing more to read in the file: what was there when it was opened is read. */
    boolean caughtUp() {
        return caughtUp;
    }

    /**
     * Closes the file after a read error: the follower takes its path up again from {@link #deliveredTo}, and
     * a new file waiting for this one to be read waits for that.
     */
    void closeAfterReadError() {
        caughtUp = false;
        close();
    }

    /** True while the file at this path exists but cannot be opened (permissions, a share's lock, no handles left). */
    boolean unreadable() {
        return unreadable != null;
    }

    /**
     * Opens the file if it exists and can be opened; resumes a restored position or starts a generation.
     * A file that cannot be opened is tried again at every poll, the others followed meanwhile: one file
     * a cycler's share locks, or another user's with mode 600, must not stop the following of every file.
     * Nothing was read from it, so nothing is lost by waiting.
     */
    private boolean open() throws IOException {
        try {
            file = FileIdentity.open(path, context.opener());
        } catch (IOException e) {
            noteUnreadable("cannot be opened", e);
            return false;
        }
        if (file == null) {
            unreadable = null;
            return false;
        }
        lastChangeNanos = context.nanoClock().getAsLong();
        FilePosition from = restored;
        restored = null;
        try {
            reading = from == null ? null : Resume.from(from, path, catalogPath, file, context);
        } catch (IOException e) {
            file.close();
            file = null;
            // While the follower runs, a read error like any other: the follower takes the path up again later
            // (from deliveredTo), and this tracking is dropped; at start, it stops the follower.
            throw retryFailedResume ? e : new CannotContinue(e);
        }
        if (unreadable != null) {
            LOG.info("{} can be opened now: following it", path);
            unreadable = null;
        }
        if (reading == null) {
            newGeneration();
        }
        return true;
    }

    /** Says once why the file cannot be followed now; it is tried again at every poll. */
    private void noteUnreadable(String what, IOException e) {
        String why = e.toString();
        if (!why.equals(unreadable)) {
            LOG.warn("{} {} ({}); trying again at every poll, the other files followed meanwhile", path, what, why);
            unreadable = why;
        }
    }

    /**
     * A file taken up while the follower runs: a resume that fails (its delivered prefix rewritten while it
     * is re-read, a read error) is a read error, which the follower tries again later. At start such a
     * failure stops the follower ({@link CannotContinue}), so that a position this version cannot continue
     * is seen at once.
     */
    void retryFailedResume() {
        retryFailedResume = true;
    }

    private void newGeneration() {
        if (reading != null) {
            reading.close();
        }
        generation++;
        file.forgetLeadingBytes();
        reading = new FormatSniffer(path, file, context);
    }

    /** Reads new rows; once the format is chosen, its reader takes over from the lines sniffed and goes on. */
    private int readNew(FollowBatch batch, int budget, boolean toEnd) throws IOException {
        int read = toEnd ? reading.readToEnd(batch) : reading.read(batch, budget);
        if (reading instanceof FormatSniffer sniffer && sniffer.chosen() != null) {
            reading = startReading(sniffer, batch);
            read += toEnd ? reading.readToEnd(batch) : reading.read(batch, budget - read);
        }
        return read;
    }

    private Reading startReading(FormatSniffer sniffer, FollowBatch batch) throws IOException {
        CyclerFormat format = sniffer.chosen();
        Generation started = new Generation(path, catalogPath, file, generation, context.startRecords(catalogPath));
        LOG.info("{}: following as {} (channel {})", path, format.name(), started.channelId());
        if (format instanceof BinaryCyclerFormat binary) {
            return new BinaryRows(started, binary, context.detectAfterNanos(), null);
        }
        TextRows text = TextRows.start(started, sniffer, format);
        text.deliverSniffed(sniffer.lines(), batch);
        return text;
    }

    /**
     * The path now holds another file, or none: the old one is read to its end, then closed, through the
     * open channel, a poll's budget at a time (a binary file by {@link BinaryRows#readAfterLeaving}),
     * staying open until it is drained.
     */
    private int readMovedAway(FollowBatch batch, int budget) throws IOException {
        int read;
        if (reading instanceof BinaryRows binary) {
            read = binary.readAfterLeaving(batch, budget, context.movedFiles());
            record(batch);
            if (!binary.drained()) {
                return read;
            }
        } else {
            // A poll's budget at a time, as a binary file is read: a long export rotated while it is caught up
            // with is not one transaction. The path's new file waits until this one is read.
            read = readNew(batch, budget, false);
            if (read >= budget && reading instanceof TextRows) {
                record(batch);
                return read;
            }
            read += readNew(batch, Integer.MAX_VALUE, true); // the rest, its last line even without a newline
            record(batch);
            if (reading instanceof BinaryRows) {
                return read; // recognised as binary just now: read to its end from the next poll on
            }
        }
        boolean gone = FileIdentity.keyAt(path) == null;
        LOG.info("{} was {}: done with the old file", path, gone ? "moved away or deleted" : "rotated");
        FilePosition last = reading.position();
        boolean savedOver = false;
        if (last != null) {
            MovedFiles moved = context.movedFiles();
            if (!moved.knowsNames()) {
                rotatedAway = new RotatedAway(file.key(), last, catalogPath, null);
            } else {
                // A deleted file is not waited for under another name: its inode number is free for the next
                // file made, which would otherwise be taken for it and continued after its last row.
                Optional<Path> name = moved.currentName(file);
                name.ifPresent(n -> rotatedAway = new RotatedAway(file.key(), last, catalogPath, n));
                savedOver = name.isEmpty() && !gone && reading instanceof TextRows;
            }
            // A binary file whose first row names its wall clock is known again by it (FirstRow): the path's new
            // file is checked against it whether the old one was deleted or still has a name. Excel saves by
            // renaming the old workbook to a temporary name, renaming the new one in and only then deleting the
            // old, so a poll between the two looks like a rotation; a rotation's new file holds another test,
            // which starts at another time, and is a new generation by its first row.
            savedOver |= !gone
                    && reading instanceof BinaryRows
                    && last.firstRow() != null
                    && FirstRow.namesItsWallClock(last.firstRow());
        }
        close();
        if (savedOver) {
            // The old file is gone and the path holds a new one: an export saved whole under a temporary name
            // and moved over the old one. It is continued after the rows delivered if it starts with them (a
            // text file: the same leading bytes, as far as delivered; a binary file: the same first row) and
            // reaches that far (as after a restart); otherwise it is a new generation.
            LOG.info("{}: another file took the old one's place; continued if it starts with the rows delivered", path);
            restored = last;
        }
        return read;
    }

    private void record(FollowBatch batch) {
        FilePosition now = reading.position();
        if (now != null && !now.equals(recorded)) {
            batch.positions.put(path.toString(), now);
            recorded = now;
        }
    }

    void close() {
        if (reading != null) {
            reading.close();
            reading = null;
        }
        if (file != null) {
            file.close();
            file = null;
        }
    }
}

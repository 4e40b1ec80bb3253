package io.cellwatch.ingest.follow;

import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.binary.BinaryCyclerFormat;
import io.cellwatch.ingest.format.binary.ZipArchives;
import io.cellwatch.ingest.format.text.FileFormatException;
import io.cellwatch.ingest.format.text.TextEncoding;
import io.cellwatch.ingest.format.xlsx.XlsFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses a new file's format as it fills: by magic bytes first (a binary cycler file), else from
 * its first lines once there are as many as detection reads ({@link CyclerFormats#SNIFF_LINES}),
 * or fewer once the file has been quiet a while (a header line alone can look like another
 * format's). The lines read meanwhile are kept for the reader of the chosen format.
 *
 * <p>A file too short to hold a binary format's magic bytes (empty, or its header still being
 * written) is looked at again as it grows; a file no format recognises, or whose head holds no line
 * yet, is left alone, except that its first bytes are looked at again when it changes (a binary file
 * whose header came late, or whose bytes came after its length).
 */
final class FormatSniffer implements Reading {
    private static final Logger LOG = LoggerFactory.getLogger(FormatSniffer.class);

    /** A line read while the format was being chosen, and the byte offset just past it. */
    record SniffedLine(String text, long endOffset) {}

    private final Path path;
    private final FileIdentity file;
    private final FollowContext context;
    private final LineFeed feed;
    private final List<SniffedLine> lines = new ArrayList<>();
    private CyclerFormat chosen;
    /** A text format forced with {@code --format}: taken once the first bytes show no binary cycler file. */
    private final CyclerFormat forcedText;
    /** The size at the last look before taking the forced format, and when it last changed ({@link #takeForcedText}). */
    private long sizeAtForcedLook = -1;

    private long forcedLookChangedNanos;

    private boolean headComplete;
    private boolean unrecognised;
    private long sizeAtLastLook = 0;
    private long modifiedAtLastLook = -1;
    private long sizeAtTextLook = -1;

    FormatSniffer(Path path, FileIdentity file, FollowContext context) {
        this.path = path;
        this.file = file;
        this.context = context;
        this.feed = new LineFeed(file, 0);
        CyclerFormat forced = context.formats().forced();
        this.forcedText = forced instanceof BinaryCyclerFormat ? null : forced;
        this.chosen = forcedText == null ? forced : null;
    }

    /** The format chosen, or null while undecided (or unrecognised). */
    CyclerFormat chosen() {
        return chosen;
    }

    /** True once no format recognised the file (it is not read on). */
    boolean unrecognised() {
        return unrecognised;
    }

    /** The lines read so far, for the reader of the chosen text format. */
    List<SniffedLine> lines() {
        return lines;
    }

    /** Where the lines left off, for the reader of the chosen text format to go on from. */
    LineFeed feed() {
        return feed;
    }

    @Override
    public int read(FollowBatch batch, int budget) throws IOException {
        return sniff(budget, false);
    }

    @Override
    public int readToEnd(FollowBatch batch) throws IOException {
        return sniff(Integer.MAX_VALUE, true);
    }

    private int sniff(int budget, boolean ended) throws IOException {
        if (forcedText != null) {
            takeForcedText(ended);
            return 0;
        }
        if (chosen != null || recognisedByMagicBytes() || unrecognised) {
            return 0;
        }
        if (lines.isEmpty() && unreadableText()) {
            return 0;
        }
        int wanted = Math.min(budget, CyclerFormats.SNIFF_LINES - lines.size());
        int read = feed.read(wanted, () -> true, (text, end) -> lines.add(new SniffedLine(text, end)));
        if (ended && lines.size() < CyclerFormats.SNIFF_LINES) {
            read += feed.readPartialLine((text, end) -> lines.add(new SniffedLine(text, end)));
        }
        chooseTextFormat(ended);
        return read;
    }

    /**
     * Looks at the first bytes while they may still become a binary format's, each time the file changed in
     * size or modification time: the file is short, holds no line yet, or is unrecognised. A file can be
     * given its full length before its bytes (Windows sets a copy's size first, so its head reads zeros
     * until the copy reaches it): its size no longer changes when the magic bytes arrive, its time does.
     */
    private boolean recognisedByMagicBytes() throws IOException {
        long size = file.size();
        long modified = file.modifiedMillis();
        boolean mayStillBeBinary = !headComplete || unrecognised || lines.isEmpty();
        if (!mayStillBeBinary || (size == sizeAtLastLook && modified == modifiedAtLastLook)) {
            return false;
        }
        sizeAtLastLook = size;
        modifiedAtLastLook = modified;
        byte[] head = file.head(BinaryCyclerFormat.SNIFF_BYTES);
        Optional<BinaryCyclerFormat> binary = context.formats().recogniseBinary(path, head);
        if (binary.isPresent()) {
            chosen = binary.get();
            unrecognised = false;
            return true;
        }
        headComplete = head.length >= BinaryCyclerFormat.SNIFF_BYTES;
        return false;
    }

    /**
     * Takes the text format forced with {@code --format}, unless the file's first bytes are a binary cycler
     * file's ({@link CyclerFormats#forcedOn}, as replay decides): an Excel workbook has its data sheet read in the
     * forced format; another (an {@code .ndax} in a folder of CSV exports), read as text, would
     * be dead letters, each refusing a missing column, so it is said once, with what to do, and not followed
     * until it is replaced, as replay refuses it. The first bytes are looked at once they are there:
     * not while they are all zeros (a copy on Windows is given its length before its bytes), nor while fewer
     * than a binary format's signature needs and the file still grows (the detection delay, as for a file
     * whose format is detected).
     */
    private void takeForcedText(boolean ended) throws IOException {
        if (chosen != null || unrecognised) {
            return;
        }
        long size = file.size();
        long now = System.nanoTime();
        if (size != sizeAtForcedLook) {
            sizeAtForcedLook = size;
            forcedLookChangedNanos = now;
        }
        byte[] head = file.head(BinaryCyclerFormat.SNIFF_BYTES);
        boolean quiet = now - forcedLookChangedNanos >= context.detectAfterNanos();
        // A head short of a signature waits until the file is quiet; one that begins a ZIP's or an OLE2 file's (a
        // workbook still being copied) until it is long enough to tell.
        boolean unsettled = allZeros(head)
                || head.length < BinaryCyclerFormat.SNIFF_BYTES
                        && (!quiet || ZipArchives.mayBeginZip(head) || XlsFormat.mayBeginOle2(head));
        if (!ended && unsettled) {
            return;
        }
        try {
            chosen = CyclerFormats.forcedOn(forcedText, path, context.formats().recogniseBinary(path, head));
        } catch (FileFormatException refused) {
            unrecognised = true;
            LOG.error("{}; not followed until it is replaced", refused.getMessage());
        }
    }

    /** Whether these bytes are none, or zeros only: the file's content has not come yet. */
    private static boolean allZeros(byte[] head) {
        for (byte b : head) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * A file whose first bytes are text this reading cannot split into lines (UTF-16; carriage returns
     * alone): said once, with how to save it, and not read on (a carriage-return-only file would
     * otherwise be held whole in memory waiting for its first line feed).
     */
    private boolean unreadableText() throws IOException {
        long size = file.size();
        if (size == sizeAtTextLook) {
            return false; // looked at these bytes already: not read again at every poll
        }
        sizeAtTextLook = size;
        byte[] head = file.head(TextEncoding.HEAD_BYTES);
        if (!headComplete && TextEncoding.archive(head)) {
            return false; // a Neware .ndax (a ZIP) still being written is told by more of its head
        }
        Optional<String> why = TextEncoding.unreadable(head);
        if (why.isEmpty()) {
            return false;
        }
        unrecognised = true;
        LOG.warn("{}: {}; not followed until it is replaced", path, why.get());
        return true;
    }

    private void chooseTextFormat(boolean ended) {
        boolean enough = lines.size() >= CyclerFormats.SNIFF_LINES;
        boolean quiet = System.nanoTime() - feed.lastGrowthNanos() >= context.detectAfterNanos();
        if (lines.isEmpty() || !(enough || quiet || ended)) {
            return;
        }
        chosen = CyclerFormats.recognise(
                        path, lines.stream().map(SniffedLine::text).toList())
                .orElse(null);
        if (chosen == null && (enough || ended)) {
            unrecognised = true;
            LOG.warn("{}; not followed until it is replaced", CyclerFormats.unrecognised(path));
        }
    }

    @Override
    public long bytesSeen() {
        return feed.fedOffset();
    }

    @Override
    public FilePosition position() {
        return null;
    }
}

package io.cellwatch.ingest.follow;

import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.RowReader;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.text.LineAssembler;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One followed path: the open file, how far it has been read, its format and reader, and the
 * bookkeeping that lets a restart resume exactly after the last delivered line.
 *
 * <p>A file counts as the same file while its leading bytes (up to 4 KiB, {@link FilePosition#fingerprint})
 * are unchanged and it has not shrunk. When it shrinks (truncated), when its leading bytes change
 * (replaced by another export), or when another file takes its path (rotated: the old file is
 * read to its end first, its last line even without a newline), it starts a new generation: read
 * from the beginning as new rows, with record numbers continuing the channel's.
 */
final class TrackedFile {
    private static final Logger LOG = LoggerFactory.getLogger(TrackedFile.class);
    static final int FINGERPRINT_BYTES = 4096;
    private static final int CHUNK = 1 << 16;

    /** What a tracked file needs from its follower. */
    interface Context {
        SourceFile source(Path file);

        ChannelInfo overlay(Path file, ChannelInfo fromFile);

        CyclerFormat forcedFormat();

        /** The highest record number delivered for a channel, across all its files. */
        long highestDataPoint(String channelId);

        void observeDataPoint(String channelId, long dataPoint);

        long detectAfterNanos();
    }

    private enum State {
        ABSENT,
        SNIFFING,
        READING,
        UNRECOGNISED,
        FAILED
    }

    /** A file that was read under this path and has since been renamed: where it got to. */
    record RotatedAway(Object fileKey, FilePosition position, Path catalogPath) {}

    private final Path path;
    /** The path whose channel (id and metadata) this file's rows belong to: its own, or the one it was renamed from. */
    private final Path catalogPath;

    private final Context context;
    private RotatedAway rotatedAway;
    private boolean announcePosition;
    private FilePosition restored;
    private State state = State.ABSENT;
    private FileChannel channel;
    private Object fileKey;
    private LineAssembler lines;
    private long lineNumber;
    private final List<String> sniffed = new ArrayList<>();
    private final List<Long> sniffedEnds = new ArrayList<>();
    private long lastGrowthNanos;
    private SourceFile source;
    private CyclerFormat format;
    private RowReader reader;
    private int generation = -1;
    private long dataPointShift;
    private long lastDataPoint;
    private int fingerprintLength;
    private String fingerprint = "";
    private boolean channelAnnounced;
    private boolean positionDirty;
    // Per line being read: where records go and the raw text for dead letters.
    private FollowBatch batch;
    private String currentLine;

    TrackedFile(Path path, FilePosition restored, Context context) {
        this(path, path, restored, context);
    }

    /**
     * A file that was already read to {@code restored} under another name ({@code catalogPath}) and
     * renamed into a followed directory: it continues from there, as the same channel.
     */
    static TrackedFile adopted(Path path, RotatedAway from, Context context) {
        FilePosition p = from.position();
        FilePosition moved = new FilePosition(
                path.toString(),
                p.format(),
                p.channelId(),
                p.generation(),
                p.offset(),
                p.line(),
                p.fingerprintLength(),
                p.fingerprint(),
                p.dataPointShift(),
                p.lastDataPoint());
        TrackedFile file = new TrackedFile(path, from.catalogPath(), moved, context);
        file.announcePosition = true;
        return file;
    }

    private TrackedFile(Path path, Path catalogPath, FilePosition restored, Context context) {
        this.path = path;
        this.catalogPath = catalogPath;
        this.restored = restored;
        this.context = context;
        if (restored != null) {
            this.generation = restored.generation();
        }
    }

    Path path() {
        return path;
    }

    /** The file key (inode) of the file open under this path, or null. */
    Object openFileKey() {
        return channel == null ? null : fileKey;
    }

    /** The file this path held before a rotation, once, for a follower that may find it under its new name. */
    RotatedAway takeRotatedAway() {
        RotatedAway r = rotatedAway;
        rotatedAway = null;
        return r;
    }

    /**
     * Reads what the file has gained since the last poll, about {@code lineBudget} lines at most,
     * into the batch; its position goes in too when it moved.
     *
     * @return the lines read
     */
    int poll(FollowBatch into, int lineBudget) throws IOException {
        this.batch = into;
        try {
            if (channel == null && !open()) {
                return 0;
            }
            int read = 0;
            Object keyNow = fileKeyAt(path);
            if (!Objects.equals(keyNow, fileKey) && fileKey != null) {
                read += drainRotated(keyNow == null);
                if (channel == null && !open()) {
                    return read;
                }
            }
            long size = channel.size();
            if (size < lines.fedOffset() || !fingerprintStillMatches(size)) {
                LOG.info("{} was truncated or replaced: reading it again from the start as new rows", path);
                newGeneration();
            }
            read += readAvailable(lineBudget - read);
            if (state == State.SNIFFING) {
                detect(false);
            }
            if (positionDirty) {
                into.positions.put(path.toString(), position());
                positionDirty = false;
            }
            return read;
        } finally {
            this.batch = null;
        }
    }

    /** Opens the file if it exists; resumes a restored position or starts a generation. */
    private boolean open() throws IOException {
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return false;
        }
        fileKey = fileKeyAt(path);
        if (restored != null && resume(restored)) {
            restored = null;
            positionDirty = announcePosition; // an adopted file's position is recorded under its new name
            return true;
        }
        restored = null;
        newGeneration();
        return true;
    }

    /**
     * Continues where an earlier run stopped: the same file (not shrunk, same leading bytes) is read
     * again up to the delivered offset with its output discarded, to rebuild the reader's state.
     */
    private boolean resume(FilePosition p) throws IOException {
        long size = channel.size();
        if (size < p.offset()) {
            LOG.info(
                    "{} shrank below its delivered offset {} while the follower was down: a new file",
                    path,
                    p.offset());
            return false;
        }
        if (!p.fingerprint().equals(fingerprintOf(p.fingerprintLength()))) {
            LOG.info("{} was replaced while the follower was down (its first bytes changed): a new file", path);
            return false;
        }
        source = context.source(catalogPath);
        try {
            format = formatNamed(p.format());
        } catch (IllegalArgumentException e) {
            throw new IOException(
                    path + ": delivered as format '" + p.format() + "', which this run cannot read: " + e.getMessage(),
                    e);
        }
        reader = format.open(source);
        generation = p.generation();
        dataPointShift = p.dataPointShift();
        lastDataPoint = p.lastDataPoint();
        fingerprintLength = p.fingerprintLength();
        fingerprint = p.fingerprint();
        RecordSink discard = new RecordSink() {
            @Override
            public void channel(ChannelInfo info) {}

            @Override
            public void sample(Sample sample) {}

            @Override
            public void cycle(CycleSummary cycle) {}

            @Override
            public void malformed(MalformedRowException error) {}
        };
        LineAssembler replay = new LineAssembler(0);
        long[] count = {0};
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        long position = 0;
        while (position < p.offset()) {
            buffer.clear().limit((int) Math.min(CHUNK, p.offset() - position));
            int n = channel.read(buffer, position);
            if (n <= 0) {
                throw new IOException(path + ": could not re-read up to offset " + p.offset());
            }
            replay.feed(buffer.array(), 0, n, (line, end) -> reader.line(line, ++count[0], discard));
            position += n;
        }
        if (count[0] != p.line() || replay.hasPartialLine()) {
            LOG.warn(
                    "{}: re-reading to offset {} gave {} lines, {} were delivered; the file changed in place",
                    path,
                    p.offset(),
                    count[0],
                    p.line());
        }
        lineNumber = count[0];
        lines = new LineAssembler(p.offset());
        state = State.READING;
        channelAnnounced = false;
        lastGrowthNanos = System.nanoTime();
        LOG.info(
                "{}: resuming after line {} (offset {}, generation {}) as {}",
                path,
                lineNumber,
                p.offset(),
                generation,
                format.name());
        return true;
    }

    private void newGeneration() {
        generation++;
        source = context.source(catalogPath);
        dataPointShift = context.highestDataPoint(source.channelId());
        lastDataPoint = dataPointShift;
        lines = new LineAssembler(0);
        lineNumber = 0;
        sniffed.clear();
        sniffedEnds.clear();
        fingerprintLength = 0;
        fingerprint = "";
        channelAnnounced = false;
        format = context.forcedFormat();
        reader = null;
        state = State.SNIFFING;
        lastGrowthNanos = System.nanoTime();
        if (format != null) {
            startReading();
        }
    }

    /** The path now holds another file, or none: the old one is read to its end, then the new one opened. */
    private int drainRotated(boolean gone) throws IOException {
        int read = readAvailable(Integer.MAX_VALUE);
        if (lines.hasPartialLine()) {
            long end = lines.fedOffset();
            String last = lines.takePartialLine();
            line(last, end);
            read++;
        }
        if (state == State.SNIFFING) {
            detect(true);
        }
        if (positionDirty) {
            batch.positions.put(path.toString(), position());
            positionDirty = false;
        }
        LOG.info("{} was {}: read the old file to its end", path, gone ? "moved away or deleted" : "rotated");
        if (state == State.READING && lines.completeOffset() > 0) {
            rotatedAway = new RotatedAway(fileKey, position(), catalogPath);
        }
        close();
        if (gone) {
            state = State.ABSENT;
        }
        return read;
    }

    private int readAvailable(int budget) throws IOException {
        if (state == State.UNRECOGNISED || state == State.FAILED) {
            return 0;
        }
        int before = (int) Math.min(Integer.MAX_VALUE, lineNumber + sniffed.size());
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        long size = channel.size();
        while (lines.fedOffset() < size
                && (lineNumber + sniffed.size()) - before < budget
                && state != State.FAILED
                && state != State.UNRECOGNISED) {
            buffer.clear();
            int n = channel.read(buffer, lines.fedOffset());
            if (n <= 0) {
                break;
            }
            lastGrowthNanos = System.nanoTime();
            int left = budget - (int) ((lineNumber + sniffed.size()) - before);
            lines.feed(buffer.array(), 0, n, left, this::line);
        }
        return (int) (lineNumber + sniffed.size() - before);
    }

    private void line(String text, long endOffset) throws IOException {
        if (state == State.SNIFFING) {
            sniffed.add(text);
            sniffedEnds.add(endOffset);
            if (sniffed.size() >= CyclerFormats.SNIFF_LINES) {
                detect(false);
            }
            return;
        }
        if (state != State.READING) {
            return;
        }
        lineNumber++;
        currentLine = text;
        try {
            reader.line(text, lineNumber, sink);
        } catch (IOException e) {
            state = State.FAILED;
            LOG.error(
                    "{}: cannot be read as {}: {}; the file is no longer followed until it is replaced",
                    path,
                    format.name(),
                    e.getMessage());
            return;
        } finally {
            currentLine = null;
        }
        markDelivered(endOffset);
    }

    private void markDelivered(long endOffset) throws IOException {
        if (endOffset > fingerprintLength && fingerprintLength < FINGERPRINT_BYTES) {
            int length = (int) Math.min(FINGERPRINT_BYTES, endOffset);
            fingerprint = fingerprintOf(length);
            fingerprintLength = length;
        }
        positionDirty = true;
    }

    /**
     * Chooses the format once enough lines are there (as many as detection reads), or once the file
     * has been quiet a while with fewer: a header line alone can look like another format's.
     */
    private void detect(boolean ended) throws IOException {
        boolean enough = sniffed.size() >= CyclerFormats.SNIFF_LINES;
        boolean quiet = System.nanoTime() - lastGrowthNanos >= context.detectAfterNanos();
        if (sniffed.isEmpty() || !(enough || quiet || ended)) {
            return;
        }
        format = CyclerFormats.recognise(path, sniffed).orElse(null);
        if (format == null) {
            if (enough || ended) {
                state = State.UNRECOGNISED;
                LOG.warn("{}; not followed until it is replaced", CyclerFormats.unrecognised(path));
            }
            return;
        }
        LOG.info("{}: following as {} (channel {})", path, format.name(), source.channelId());
        startReading();
    }

    private void startReading() {
        try {
            reader = format.open(source);
        } catch (IOException e) {
            state = State.FAILED;
            LOG.error("{}: cannot be read as {}: {}", path, format.name(), e.getMessage());
            return;
        }
        state = State.READING;
        List<String> pending = new ArrayList<>(sniffed);
        List<Long> ends = new ArrayList<>(sniffedEnds);
        sniffed.clear();
        sniffedEnds.clear();
        try {
            for (int i = 0; i < pending.size() && state == State.READING; i++) {
                line(pending.get(i), ends.get(i));
            }
        } catch (IOException e) {
            state = State.FAILED;
            LOG.error("{}: {}", path, e.getMessage());
        }
    }

    private final RecordSink sink = new RecordSink() {
        @Override
        public void channel(ChannelInfo info) {
            batch.channels.add(context.overlay(catalogPath, info));
            channelAnnounced = true;
        }

        @Override
        public void sample(Sample s) {
            announce();
            long dataPoint = s.dataPoint() + dataPointShift;
            lastDataPoint = Math.max(lastDataPoint, dataPoint);
            context.observeDataPoint(s.channelId(), dataPoint);
            batch.samples.add(
                    dataPointShift == 0
                            ? s
                            : new Sample(
                                    s.schemaVersion(),
                                    s.channelId(),
                                    dataPoint,
                                    s.wallTimeMs(),
                                    s.testTimeS(),
                                    s.cycleIndex(),
                                    s.stepIndex(),
                                    s.stepType(),
                                    s.voltageV(),
                                    s.currentA(),
                                    s.chargeCapacityAh(),
                                    s.dischargeCapacityAh(),
                                    s.chargeEnergyWh(),
                                    s.dischargeEnergyWh(),
                                    s.temperatureC()));
        }

        @Override
        public void cycle(CycleSummary cycle) {
            announce();
            batch.cycles.add(cycle);
        }

        @Override
        public void malformed(MalformedRowException error) {
            batch.deadLetters.add(new DeadLetter(source.channelId(), format.name(), currentLine, error));
        }

        private void announce() {
            if (!channelAnnounced) {
                batch.channels.add(source.channel());
                channelAnnounced = true;
            }
        }
    };

    FilePosition position() {
        return new FilePosition(
                path.toString(),
                format == null ? "" : format.name(),
                source.channelId(),
                generation,
                lines.completeOffset(),
                lineNumber,
                fingerprintLength,
                fingerprint,
                dataPointShift,
                lastDataPoint);
    }

    private boolean fingerprintStillMatches(long size) throws IOException {
        if (fingerprintLength == 0 || size < fingerprintLength) {
            return fingerprintLength == 0;
        }
        return fingerprint.equals(fingerprintOf(fingerprintLength));
    }

    private String fingerprintOf(int length) throws IOException {
        if (length == 0) {
            return "";
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        long position = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position);
            if (n <= 0) {
                return "short:" + buffer.position();
            }
            position += n;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(buffer.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private CyclerFormat formatNamed(String name) {
        CyclerFormat forced = context.forcedFormat();
        if (forced != null && forced.name().equals(name)) {
            return forced;
        }
        return CyclerFormats.byName(name);
    }

    static Object fileKeyAt(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing {}", path, e);
            }
            channel = null;
        }
    }
}

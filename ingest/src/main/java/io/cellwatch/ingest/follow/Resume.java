package io.cellwatch.ingest.follow;

import io.cellwatch.ingest.channels.ChannelRecords;
import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.RowReader;
import io.cellwatch.ingest.format.binary.BinaryCyclerFormat;
import io.cellwatch.ingest.format.text.LineAssembler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continues a file where an earlier run's committed position says its delivery stopped. A text
 * file that is still the same file (not shrunk below the position, same leading bytes) is read
 * again up to the delivered offset with the output discarded, which rebuilds its reader's state
 * (a header, a vendor counter's last value); a binary file has its row source skip to the cycler data
 * point of the last row delivered, once its first row shows it still holds the delivered test (the
 * same file, or one saved over it under the same name).
 */
final class Resume {
    private static final Logger LOG = LoggerFactory.getLogger(Resume.class);
    private static final int CHUNK = 1 << 16;

    private Resume() {}

    /**
     * The reading that continues {@code p} on the file now open at {@code path}, or null when the
     * file is no longer the one delivered (a new generation starts then).
     *
     * @throws IOException when this run cannot read the format the file was delivered in, or the
     *                     delivered prefix no longer reads
     */
    static Reading from(FilePosition p, Path path, Path catalogPath, FileIdentity file, FollowContext context)
            throws IOException {
        CyclerFormat format;
        try {
            format = context.formats().named(p.format());
        } catch (IllegalArgumentException e) {
            throw new IOException(
                    path + ": delivered as format '" + p.format() + "', which this run cannot read: " + e.getMessage(),
                    e);
        }
        if (format instanceof BinaryCyclerFormat binary) {
            if (!p.fingerprint().isEmpty() && !p.fingerprint().equals(file.keyFingerprint())) {
                if (p.firstRow() == null || !FirstRow.namesItsWallClock(p.firstRow())) {
                    // Nothing tells the same test saved again from a new one (a first row without its wall clock
                    // can read alike for two cells): resuming after the old file's data point could skip the new
                    // file's first rows.
                    LOG.info(
                            "{} is another file than the one delivered ({}, now {}): it was replaced while the"
                                    + " follower was down, a new file",
                            path,
                            p.fingerprint(),
                            file.keyFingerprint());
                    return null;
                }
                // Saved anew under another name and moved over the old file (as Excel, a copy, or a cycler's
                // export saves): the same test, saved again with more records, reads the same first row and is
                // read on after the last row delivered; another test is a new generation
                // (TrackedFile.stillTheDeliveredTest, which a position with its first row goes through).
                LOG.info(
                        "{} is another file than the one delivered ({}, now {}): saved over it; read on if its first"
                                + " row reads the delivered test's",
                        path,
                        p.fingerprint(),
                        file.keyFingerprint());
            }
            LOG.info(
                    "{}: resuming after data point {} ({} rows, generation {}) as {}",
                    path,
                    p.offset(),
                    p.line(),
                    p.generation(),
                    format.name());
            Generation generation =
                    new Generation(path, catalogPath, file, p.generation(), context.resumeRecords(catalogPath, p));
            return new BinaryRows(generation, binary, context.detectAfterNanos(), p);
        }
        if (file.size() < p.offset()) {
            LOG.info(
                    "{} shrank below its delivered offset {} while the follower was down: a new file",
                    path,
                    p.offset());
            return null;
        }
        if (!file.sameLeadingBytes(p.fingerprintLength(), p.fingerprint())) {
            LOG.info("{} was replaced while the follower was down (its first bytes changed): a new file", path);
            return null;
        }
        ChannelRecords records = context.resumeRecords(catalogPath, p);
        Generation generation = new Generation(path, catalogPath, file, p.generation(), records);
        // At its path now: a file renamed since it was first followed names its new name in its dead letters.
        RowReader reader = format.open(records.source().at(path));
        long lines = reread(file, p.offset(), reader, records.delivered(), path);
        if (lines != p.line()) {
            LOG.warn(
                    "{}: re-reading to offset {} gave {} lines, {} were delivered; the file changed in place",
                    path,
                    p.offset(),
                    lines,
                    p.line());
        }
        LOG.info(
                "{}: resuming after line {} (offset {}, generation {}) as {}",
                path,
                lines,
                p.offset(),
                p.generation(),
                format.name());
        return new TextRows(generation, LineFeed.resuming(file, p.offset()), format, reader, lines, p.offset());
    }

    /**
     * Feeds the file's lines up to {@code offset} to the reader; what it makes of them goes to {@code
     * delivered}, which drops it but remembers that the file described its channel.
     */
    private static long reread(FileIdentity file, long offset, RowReader reader, RecordSink delivered, Path path)
            throws IOException {
        LineAssembler lines = new LineAssembler(0);
        long[] count = {0};
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        long position = 0;
        while (position < offset) {
            buffer.clear().limit((int) Math.min(CHUNK, offset - position));
            int n = file.read(buffer, position);
            if (n <= 0) {
                throw new IOException(path + ": could not re-read up to offset " + offset);
            }
            lines.feed(buffer.array(), 0, n, (line, end) -> reader.line(line, ++count[0], delivered));
            position += n;
        }
        if (lines.hasPartialLine()) {
            LOG.warn("{}: the delivered offset {} is inside a line; the file changed in place", path, offset);
        }
        return count[0];
    }
}

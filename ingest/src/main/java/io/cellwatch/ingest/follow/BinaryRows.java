package io.cellwatch.ingest.follow;

import io.cellwatch.ingest.channels.ChannelRecords;
import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryCyclerFormat;
import io.cellwatch.ingest.format.binary.BinaryRowSource;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A followed binary cycler file (an {@code .mpr} EC-Lab is writing, a {@code .res} MITS Pro is
 * inserting rows into) polled through its format's {@link BinaryRowSource}, which hands over the
 * complete rows appended since the last poll. The position is the cycler's data point of the last
 * row delivered: a restart opens the source again and skips up to it.
 *
 * <p>A file that cannot be read yet (a header still being written, an archive without its
 * directory) or is damaged keeps the rows read before the damage; it is tried again while it
 * keeps changing, and once it has been quiet as long as format detection waits it is reported and
 * left until it changes again. A binary file rotated away is not read further: a row source may
 * open its file by name, which now names another file.
 */
final class BinaryRows implements Reading {
    private static final Logger LOG = LoggerFactory.getLogger(BinaryRows.class);

    private final Path path;
    private final FileIdentity file;
    private final BinaryCyclerFormat format;
    private final ChannelRecords records;
    private final long retryWhileChangingNanos;
    private BinaryRowSource rows;
    private long rowsDelivered;
    private long lastCyclerDataPoint;
    /** Dead letters delivered since the last row: a reopened source hands them over again, and they are skipped. */
    private int deadLettersAfter;

    private int deadLettersToSkip;
    private long sizeSeen;
    private long lastChangeNanos = System.nanoTime();
    private boolean failing;
    private boolean givenUp;

    /**
     * @param rowsDelivered       samples an earlier run delivered of this generation (0 for a new one)
     * @param lastCyclerDataPoint the cycler's data point of the last of them, before renumbering
     * @param deadLettersAfter    unreadable rows an earlier run delivered after that row
     */
    BinaryRows(
            Path path,
            FileIdentity file,
            BinaryCyclerFormat format,
            ChannelRecords records,
            long retryWhileChangingNanos,
            long rowsDelivered,
            long lastCyclerDataPoint,
            int deadLettersAfter) {
        this.path = path;
        this.file = file;
        this.format = format;
        this.records = records;
        this.retryWhileChangingNanos = retryWhileChangingNanos;
        this.rowsDelivered = rowsDelivered;
        this.lastCyclerDataPoint = lastCyclerDataPoint;
        this.deadLettersAfter = deadLettersAfter;
    }

    /** Binary rows come whole from the row source: one poll hands over all it has, whatever the budget. */
    @Override
    public int read(FollowBatch batch, int budget) throws IOException {
        long size = file.size();
        long now = System.nanoTime();
        if (size != sizeSeen) {
            sizeSeen = size;
            lastChangeNanos = now;
            givenUp = false;
        }
        if (givenUp) {
            return 0;
        }
        long before = rowsDelivered;
        try {
            if (rows == null) {
                rows = format.openBinary(readerSource());
                if (rowsDelivered > 0) {
                    rows.resumeAfter(lastCyclerDataPoint);
                }
                deadLettersToSkip = deadLettersAfter;
            }
            rows.readNew(counting(records.into(new BatchSink(batch, channelId(), format.name(), null))));
            failing = false;
        } catch (IOException e) {
            close(); // opened again on the next try, after the last row delivered
            if (now - lastChangeNanos >= retryWhileChangingNanos) {
                givenUp = true;
                LOG.error(
                        "{}: cannot be read as {}: {}; tried again when it changes",
                        path,
                        format.name(),
                        e.getMessage());
            } else if (!failing) {
                LOG.info(
                        "{}: not readable as {} yet ({}); trying again as it grows",
                        path,
                        format.name(),
                        e.getMessage());
            }
            failing = true;
        }
        return (int) (rowsDelivered - before);
    }

    /** The catalog's view of the file (its channel), at the path it is read from now (it may have been renamed). */
    private SourceFile readerSource() {
        SourceFile catalogued = records.source();
        return new SourceFile(path, catalogued.channel(), catalogued.channelMapped(), catalogued.zone());
    }

    /** Counts the samples handed over and keeps the cycler's number of the last one: the resume point. */
    private RecordSink counting(RecordSink out) {
        return new RecordSink() {
            @Override
            public void channel(ChannelInfo info) {
                out.channel(info);
            }

            @Override
            public void sample(Sample sample) {
                deadLettersAfter = 0;
                deadLettersToSkip = 0;
                rowsDelivered++;
                lastCyclerDataPoint = Math.max(lastCyclerDataPoint, sample.dataPoint());
                out.sample(sample);
            }

            @Override
            public void cycle(CycleSummary cycle) {
                out.cycle(cycle);
            }

            @Override
            public void malformed(MalformedRowException error) {
                if (deadLettersToSkip > 0) {
                    deadLettersToSkip--;
                    return;
                }
                deadLettersAfter++;
                out.malformed(error);
            }
        };
    }

    @Override
    public int readToEnd(FollowBatch batch) {
        return 0;
    }

    private String channelId() {
        return records.source().channelId();
    }

    @Override
    public long bytesSeen() {
        return sizeSeen;
    }

    @Override
    public FilePosition position(Path path, int generation) {
        if (rowsDelivered == 0 && deadLettersAfter == 0) {
            return null;
        }
        return new FilePosition(
                path.toString(),
                format.name(),
                channelId(),
                generation,
                lastCyclerDataPoint,
                rowsDelivered,
                0,
                "",
                records.numbering().shift(channelId()),
                records.numbering().lastDataPoint(),
                deadLettersAfter);
    }

    @Override
    public void close() {
        if (rows != null) {
            try {
                rows.close();
            } catch (IOException e) {
                LOG.debug("closing the rows of {}", path, e);
            }
            rows = null;
        }
    }
}

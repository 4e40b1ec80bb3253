package io.cellwatch.ingest.follow;

import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryCyclerFormat;
import io.cellwatch.ingest.format.binary.BinaryRowSource;
import io.cellwatch.ingest.format.binary.NotCyclingDataException;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A followed binary cycler file (an {@code .mpr} EC-Lab is writing, a {@code .res} MITS Pro is
 * inserting rows into) polled through its format's {@link BinaryRowSource}, which hands over the
 * complete rows appended since the last poll, about a poll's budget of them at a time. The position is the cycler's data point of the last
 * row delivered: a restart opens the source again and skips up to it.
 *
 * <p>A file that cannot be read yet (a header still being written, an archive without its
 * directory) or is damaged keeps the rows read before the damage; it is tried again while it
 * keeps changing, and once it has been quiet as long as format detection waits it is reported and
 * left until it changes again. A file its format refuses as not battery-cycling data (an impedance
 * {@code .mpr}) is reported once and never read again: its technique does not change as it grows.
 * A binary file rotated away is not read further: a row source may open its file by name, which now
 * names another file.
 *
 * <p>A Kafka transaction must stay about {@code --lines-per-transaction} rows (one that outlasts
 * the broker's transaction timeout is aborted and retried whole, for ever), and a result file may
 * hold millions of rows when following begins. A poll therefore asks the source for about its
 * budget of rows ({@link BinaryRowSource#readNew(RecordSink, int)}), which stops at a whole record
 * and goes on from there on the next poll, so the heap holds about one transaction's rows, whatever
 * the file's size. What a source hands over beyond the budget (its channel record, a record it
 * releases together with the one it stopped at, or everything new from a source that cannot stop
 * early) waits in a queue for the following polls; the source is read again only once the queue is
 * empty. The position counts delivered rows only, so a restart resumes after the last row delivered
 * and reads the rest again. A file rotated away is not read further, so the rows of it not read yet
 * are not delivered.
 */
final class BinaryRows implements Reading {
    private static final Logger LOG = LoggerFactory.getLogger(BinaryRows.class);

    private final Generation generation;
    private final BinaryCyclerFormat format;
    private final long retryWhileChangingNanos;
    private BinaryRowSource rows;
    private long rowsDelivered;
    private long lastCyclerDataPoint;
    /** Dead letters delivered since the last row: a reopened source hands them over again, and they are skipped. */
    private int deadLettersAfter;

    /** After the source was opened again: how many of those it has yet to hand over again (until its next row). */
    private int deadLettersToSkip;

    private long sizeSeen;
    private long lastChangeNanos = System.nanoTime();
    private boolean failing;
    private boolean givenUp;
    private boolean refused;

    /** Read from the source, not delivered yet. */
    private final RecordQueue waiting = new RecordQueue();

    /**
     * @param delivered where an earlier run's delivery of this generation stopped (rows, the cycler's
     *                  data point of the last, the dead letters after it), or null for a new generation
     */
    BinaryRows(Generation generation, BinaryCyclerFormat format, long retryWhileChangingNanos, FilePosition delivered) {
        this.generation = generation;
        this.format = format;
        this.retryWhileChangingNanos = retryWhileChangingNanos;
        if (delivered != null) {
            this.rowsDelivered = delivered.line();
            this.lastCyclerDataPoint = delivered.offset();
            this.deadLettersAfter = delivered.deadLettersAfter();
        }
    }

    /** Delivers up to {@code budget} rows, reading about that many first when nothing read before is waiting. */
    @Override
    public int read(FollowBatch batch, int budget) throws IOException {
        if (waiting.isEmpty()) {
            readSource(budget);
        }
        return deliver(batch, budget);
    }

    private int deliver(FollowBatch batch, int budget) {
        long before = rowsDelivered;
        RecordSink out =
                counting(generation.records().into(new BatchSink(batch, generation.channelId(), format.name(), null)));
        waiting.drainTo(out, budget);
        return (int) (rowsDelivered - before);
    }

    /** About {@code budget} rows new in the file, into the queue. */
    private void readSource(int budget) throws IOException {
        long size = generation.file().size();
        long now = System.nanoTime();
        if (size != sizeSeen) {
            sizeSeen = size;
            lastChangeNanos = now;
            givenUp = false;
        }
        if (givenUp || refused) {
            return;
        }
        try {
            if (rows == null) {
                rows = format.openBinary(readerSource());
                if (rowsDelivered > 0) {
                    rows.resumeAfter(lastCyclerDataPoint);
                }
                deadLettersToSkip = deadLettersAfter;
            }
            rows.readNew(waiting, Math.max(1, budget)); // rows read before a failure are kept too
            failing = false;
        } catch (NotCyclingDataException e) {
            close();
            refused = true;
            LOG.error("{}; the file is not followed (its technique does not change as it grows)", e.getMessage());
        } catch (IOException e) {
            close(); // opened again on the next try, after the last row delivered
            if (now - lastChangeNanos >= retryWhileChangingNanos) {
                givenUp = true;
                LOG.error(
                        "{}: cannot be read as {}: {}; tried again when it changes",
                        generation.path(),
                        format.name(),
                        e.getMessage());
            } else if (!failing) {
                LOG.info(
                        "{}: not readable as {} yet ({}); trying again as it grows",
                        generation.path(),
                        format.name(),
                        e.getMessage());
            }
            failing = true;
        }
    }

    /** The catalog's view of the file (its channel), at the path it is read from now (it may have been renamed). */
    private SourceFile readerSource() {
        SourceFile catalogued = generation.records().source();
        return new SourceFile(generation.path(), catalogued.channel(), catalogued.channelMapped(), catalogued.zone());
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

    /** Rotated away: the file is not read further (its path names another), but what was read is delivered. */
    @Override
    public int readToEnd(FollowBatch batch) {
        return deliverWaiting(batch);
    }

    @Override
    public int deliverWaiting(FollowBatch batch) {
        return deliver(batch, Integer.MAX_VALUE);
    }

    @Override
    public long bytesSeen() {
        return sizeSeen;
    }

    @Override
    public FilePosition position() {
        if (rowsDelivered == 0 && deadLettersAfter == 0) {
            return null;
        }
        return generation
                .position(format.name(), lastCyclerDataPoint, rowsDelivered, deadLettersAfter)
                .identifiedBy(generation.file().keyFingerprint());
    }

    @Override
    public void close() {
        if (rows != null) {
            try {
                rows.close();
            } catch (IOException e) {
                LOG.debug("closing the rows of {}", generation.path(), e);
            }
            rows = null;
        }
    }
}

package io.cellwatch.ingest.follow;

import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.binary.BinaryRowSource;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;

/**
 * How far a followed binary file has been delivered, which is where a restart, or a source opened again,
 * resumes: the rows delivered, the cycler's data point of the last, and the dead letters delivered since
 * it. A reopened source hands those dead letters over again, and they are skipped.
 */
final class DeliveredRows {
    private long rows;
    private long lastCyclerDataPoint;
    /** Dead letters delivered since the last row: a reopened source hands them over again, and they are skipped. */
    private int deadLettersAfter;

    /** After the source was opened again: how many of those it has yet to hand over again (until its next row). */
    private int deadLettersToSkip;
    /** The generation's first row delivered ({@link FirstRow}), or null before it (or from a position without it). */
    private String firstRow;

    /**
     * @param delivered where an earlier run's delivery of this generation stopped (rows, the cycler's
     *                  data point of the last, the dead letters after it), or null for a new generation
     */
    DeliveredRows(FilePosition delivered) {
        if (delivered != null) {
            this.rows = delivered.line();
            this.lastCyclerDataPoint = delivered.offset();
            this.deadLettersAfter = delivered.deadLettersAfter();
            this.firstRow = delivered.firstRow();
        }
    }

    /** A source just opened goes on after the last row delivered, and its repeated dead letters are skipped. */
    void resume(BinaryRowSource source) {
        if (rows > 0) {
            source.resumeAfter(lastCyclerDataPoint);
        }
        deadLettersToSkip = deadLettersAfter;
    }

    long rows() {
        return rows;
    }

    long lastCyclerDataPoint() {
        return lastCyclerDataPoint;
    }

    /** What the generation's first row delivered read, or null when that is not known. */
    String firstRow() {
        return firstRow;
    }

    /** Where a restart would resume, or null while nothing of this generation has been delivered. */
    FilePosition position(Generation generation, String format) {
        if (rows == 0 && deadLettersAfter == 0) {
            return null;
        }
        return generation
                .position(format, lastCyclerDataPoint, rows, deadLettersAfter)
                .identifiedBy(generation.file().keyFingerprint(), firstRow);
    }

    /** Counts the samples handed over and keeps the cycler's number of the last one: the resume point. */
    RecordSink counting(RecordSink out) {
        return new RecordSink() {
            @Override
            public void channel(ChannelInfo info) {
                out.channel(info);
            }

            @Override
            public void sample(Sample sample) {
                deadLettersAfter = 0;
                deadLettersToSkip = 0;
                if (rows == 0) {
                    firstRow = FirstRow.of(sample);
                }
                rows++;
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
}

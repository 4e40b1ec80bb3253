package io.cellwatch.ingest.format.neware.nda;

import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.model.InvalidRecordException;
import io.cellwatch.model.Sample;
import java.util.Map;

/**
 * The last stage of every Neware reader: records in file order become samples, each record number
 * delivered once. It remembers the highest record delivered, so a reader that reads a file again
 * from its start (the file was replaced, or an {@code .ndax} was exported again with more records)
 * hands over only what is new, and honours {@code resumeAfter} for a follower restarting.
 *
 * <p>Normalisation: V; current mA → A (Neware writes charge positive already); the step counters
 * mAh → Ah and mWh → Wh as the cycler keeps them (restarting every step, both positive), which the
 * cycle summarizer adds up reset-aware, like the Neware CSV exports; test time is the total time;
 * the first temperature auxiliary channel is also the sample's temperature.
 */
public final class NewareSampleStream {
    private final SourceFile source;
    private final NewareRowObserver observer;
    private NewareTimeline timeline = new NewareTimeline();
    private long delivered = Long.MIN_VALUE;
    private long resumeAfter = Long.MIN_VALUE;
    private long handed;

    public NewareSampleStream(SourceFile source, NewareRowObserver observer) {
        this.source = source;
        this.observer = observer;
    }

    /** The file is read again from its first record: the timeline starts over, delivered rows stay delivered. */
    public void restart() {
        timeline = new NewareTimeline();
    }

    public void resumeAfter(long dataPoint) {
        resumeAfter = Math.max(resumeAfter, dataPoint);
    }

    /**
     * Takes the next record in file order.
     *
     * @return whether a sample was delivered (false for a record already delivered or resumed past)
     */
    public boolean offer(NewareRow row, RecordSink sink) {
        timeline.advance(row);
        if (row.index <= delivered || row.index <= resumeAfter) {
            return false;
        }
        delivered = row.index;
        Sample sample;
        try {
            sample = toSample(row);
        } catch (InvalidRecordException e) {
            String field = e.field().startsWith("Sample.") ? e.field().substring("Sample.".length()) : e.field();
            // A binary record has no line: the record number stands in for it.
            sink.malformed(new MalformedRowException(source.path(), row.index, field, e.getMessage(), e));
            handed++;
            return false;
        }
        observer.delivered(row, sample);
        sink.sample(sample);
        handed++;
        return true;
    }

    /** Rows handed over so far, samples and dead letters: what a reader's row budget counts. */
    public long handed() {
        return handed;
    }

    private Sample toSample(NewareRow row) {
        return new Sample(
                Sample.SCHEMA_VERSION,
                source.channelId(),
                row.index,
                row.hasWallTime ? row.epochMs : null,
                row.totalTimeS,
                row.cycle,
                row.stepIndex,
                NewareStatus.stepType(row.status),
                row.voltageV,
                row.currentMa / 1000,
                row.chargeMah / 1000,
                row.dischargeMah / 1000,
                row.chargeMwh / 1000,
                row.dischargeMwh / 1000,
                firstTemperature(row.auxiliary),
                row.auxiliary.isEmpty() ? null : row.auxiliary);
    }

    private static Double firstTemperature(Map<String, Double> auxiliary) {
        for (Map.Entry<String, Double> e : auxiliary.entrySet()) {
            if (AuxChannels.isTemperature(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }
}

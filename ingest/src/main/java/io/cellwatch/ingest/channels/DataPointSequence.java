package io.cellwatch.ingest.channels;

import io.cellwatch.model.Sample;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps a channel's record numbers increasing when its data comes in several files (exports split
 * by date, a file rotated or restarted by the cycler). The summarizer ignores a sample that is not
 * newer than the channel's last one, so a second file restarting at record 1 would otherwise be
 * dropped as a redelivery: each file's numbers are shifted past the highest number the channel
 * had before that file began.
 */
public final class DataPointSequence {
    private final Map<String, Long> highest = new HashMap<>();

    /** A file begins; its samples are renumbered through the returned run. */
    public FileRun startFile() {
        return new FileRun();
    }

    /** The highest record number seen on a channel so far (0 before any). */
    public long highest(String channelId) {
        return highest.getOrDefault(channelId, 0L);
    }

    /** Records that a channel reached this number elsewhere (a restarted follower's saved positions). */
    public void observe(String channelId, long dataPoint) {
        highest.merge(channelId, dataPoint, Math::max);
    }

    /** One file's renumbering: the shift per channel is fixed at the channel's first sample in the file. */
    public final class FileRun {
        private final Map<String, Long> shift = new HashMap<>();

        private FileRun() {}

        public Sample renumber(Sample s) {
            long by = shift.computeIfAbsent(s.channelId(), DataPointSequence.this::highest);
            long dataPoint = s.dataPoint() + by;
            observe(s.channelId(), dataPoint);
            if (by == 0) {
                return s;
            }
            return new Sample(
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
                    s.temperatureC());
        }
    }
}

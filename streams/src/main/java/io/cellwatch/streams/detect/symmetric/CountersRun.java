package io.cellwatch.streams.detect.symmetric;

/**
 * Consecutive intervals between readings whose mean voltage from the cycler's counters ({@link
 * IntervalMeanVoltage}) is resolved under the collapse fraction of what the level reads, whatever the
 * readings at their ends say. A flickering filament conducts for most of an interval and is burnt
 * out now and then: where a reading falls on such a moment it reads the level, while the firmware's
 * integral over the interval does not. One interval alone could be a fault of the counters; two in a
 * row are the cell spending most of two intervals well under its level, which is what two readings
 * under it show. Signed with the current, as {@link LowRun}.
 */
public final class CountersRun {
    int intervals;
    /** Test time the first interval of the run began, s. */
    double startTestTimeS;

    double sumVoltSeconds;
    double sumSeconds;
    /** Whether an interval the counters do not describe plainly fell inside the run (its mean is not the run's). */
    boolean broken;

    public CountersRun() {
        // for the state-store codec
    }

    /** One more interval under the level: its counters' mean voltage, from and to (test time, s). */
    void fold(double meanV, double fromS, double toS) {
        if (intervals == 0) {
            startTestTimeS = fromS;
        }
        intervals++;
        sumVoltSeconds += meanV * (toS - fromS);
        sumSeconds += toS - fromS;
    }

    void reset() {
        intervals = 0;
        sumVoltSeconds = 0;
        sumSeconds = 0;
        broken = false;
    }

    int intervals() {
        return intervals;
    }

    /** The counters' mean voltage over the run's intervals (one current: time-weighted is charge-weighted). */
    double meanV() {
        return sumSeconds > 0 ? sumVoltSeconds / sumSeconds : Double.NaN;
    }
}

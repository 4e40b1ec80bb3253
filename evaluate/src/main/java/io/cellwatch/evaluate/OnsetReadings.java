package io.cellwatch.evaluate;

import io.cellwatch.simulator.lab.LabTruth;
import java.util.Arrays;
import java.util.Locale;

/**
 * The rows a fault channel's cycler logged around the fault: how many came between the onset and
 * the physical death (or the end of the run, when the cell did not die in it), the first at or
 * after the onset and the last before it. A monitor reads rows: where no row was logged between the
 * onset and the death, no detector could have spoken before the death, however fast. The scorer
 * still counts such a seed late (or missed); this says why, so a late seed of a fast fault is not
 * read as a slow detector, nor a slow detector hidden behind the logging.
 *
 * @param inTime            rows at or after the onset and no later than the death (where a detection
 *                          would have counted as caught), or up to the end of the run without a death
 * @param firstAfterOnsetS  channel seconds of the first row at or after the onset, or null (none in the run)
 * @param lastBeforeOnsetS  channel seconds of the last row before the onset, or null
 */
public record OnsetReadings(int inTime, Double firstAfterOnsetS, Double lastBeforeOnsetS) {

    /** Channel seconds of every row a channel logged, in the order they came. */
    static final class Times {
        private double[] seconds = new double[1024];
        private int count;

        void add(double channelS) {
            if (count == seconds.length) {
                seconds = Arrays.copyOf(seconds, 2 * count);
            }
            seconds[count++] = channelS;
        }

        /** The rows around the truth's onset; null for a channel without an onset. */
        OnsetReadings around(LabTruth truth) {
            if (truth.onsetS() == null) {
                return null;
            }
            double onset = truth.onsetS();
            double until = truth.deathS() != null ? truth.deathS() : Double.POSITIVE_INFINITY;
            int inTime = 0;
            double first = Double.POSITIVE_INFINITY;
            double last = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < count; i++) {
                double s = seconds[i];
                if (s >= onset) {
                    first = Math.min(first, s);
                    inTime += FaultScore.noLaterThanDeath(s, until) ? 1 : 0;
                } else {
                    last = Math.max(last, s);
                }
            }
            return new OnsetReadings(
                    inTime, Double.isInfinite(first) ? null : first, Double.isInfinite(last) ? null : last);
        }
    }

    /** Whether no row came between the onset and the death (or the end of the run). */
    public boolean noneInTime() {
        return inTime == 0;
    }

    /** One clause for the seed-by-seed list: the first row after the onset, against the death. */
    String describe(LabTruth truth) {
        String before = lastBeforeOnsetS == null
                ? ""
                : String.format(
                        Locale.ROOT,
                        "; the last before it %s before the onset",
                        span(truth.onsetS() - lastBeforeOnsetS));
        if (firstAfterOnsetS == null) {
            return "no row logged after the onset in the run" + before;
        }
        String first = String.format(
                Locale.ROOT, "first row after the onset %s after it", span(firstAfterOnsetS - truth.onsetS()));
        if (truth.deathS() == null) {
            return String.format(Locale.ROOT, "%s, %s from the onset to the end of the run", first, rows(inTime));
        }
        double toDeath = truth.deathS() - firstAfterOnsetS;
        if (inTime == 0) {
            return String.format(
                    Locale.ROOT,
                    "no row between the onset and the death: %s, %s after the death%s",
                    first,
                    span(-toDeath),
                    before);
        }
        return String.format(
                Locale.ROOT,
                "%s, %s before the death (%s between the onset and the death)",
                first,
                span(toDeath),
                rows(inTime));
    }

    private static String rows(int count) {
        return count == 1 ? "1 row" : count + " rows";
    }

    /** A duration for a person: seconds to a tenth under ten minutes, else minutes or hours. */
    static String span(double seconds) {
        if (seconds < 600) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        if (seconds < 3 * 3600) {
            return String.format(Locale.ROOT, "%.1f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
}

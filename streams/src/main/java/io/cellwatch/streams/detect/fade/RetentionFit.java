package io.cellwatch.streams.detect.fade;

/**
 * Retention against the first ordinary cycles and an exponentially weighted least-squares line
 * through it against cycle index: five running sums, so it follows a cell whose fade speeds up while
 * a single odd cycle moves it little. The sums live in {@link CapacityFadeState} (its stored
 * field names are kept, so a stored state reads on across versions).
 */
final class RetentionFit {
    private RetentionFit() {}

    /** Discharge capacity counted as 100 %, or 0 before it is known. */
    static double referenceDischargeAh(CapacityFadeState s) {
        return s.referenceCount == 0 ? 0 : s.referenceSumAh / s.referenceCount;
    }

    /** Counts the cycle towards the reference while it is being taken; returns its retention. */
    static double retention(CapacityFadeState s, int cycleIndex, double dischargeAh, int referenceCycles) {
        if (s.referenceCount < referenceCycles) {
            s.referenceCount++;
            s.referenceSumAh += dischargeAh;
            if (s.referenceCount == 1) {
                s.originCycle = cycleIndex;
            }
        }
        return dischargeAh / referenceDischargeAh(s);
    }

    /** Adds a point with weight 1 after discounting the older ones by (1 − alpha). */
    static void fold(CapacityFadeState s, int cycleIndex, double retention, double alpha) {
        double x = cycleIndex - s.originCycle;
        double keep = 1 - alpha;
        s.sumW = keep * s.sumW + 1;
        s.sumX = keep * s.sumX + x;
        s.sumY = keep * s.sumY + retention;
        s.sumXX = keep * s.sumXX + x * x;
        s.sumXY = keep * s.sumXY + x * retention;
        s.fitted++;
    }

    /** Retention per cycle (negative while fading). */
    static double slope(CapacityFadeState s) {
        double denominator = s.sumW * s.sumXX - s.sumX * s.sumX;
        return denominator > 0 ? (s.sumW * s.sumXY - s.sumX * s.sumY) / denominator : 0;
    }

    /** The fitted line's retention at this cycle. */
    static double fitted(CapacityFadeState s, int cycleIndex) {
        double meanX = s.sumX / s.sumW;
        double meanY = s.sumY / s.sumW;
        return meanY + slope(s) * (cycleIndex - s.originCycle - meanX);
    }

    /** Forgets the reference and the fit: retention starts again from the next ordinary cycles. */
    static void restart(CapacityFadeState s) {
        s.referenceCount = 0;
        s.referenceSumAh = 0;
        s.sumW = 0;
        s.sumX = 0;
        s.sumY = 0;
        s.sumXX = 0;
        s.sumXY = 0;
        s.fitted = 0;
    }
}

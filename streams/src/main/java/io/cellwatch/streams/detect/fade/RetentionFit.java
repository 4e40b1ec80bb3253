package io.cellwatch.streams.detect.fade;

/**
 * Retention against the first ordinary cycles and an exponentially weighted least-squares line
 * through it against cycle index: five running sums, so it follows a cell whose fade speeds up while
 * a single odd cycle moves it little. Bounded state: a few numbers.
 */
public final class RetentionFit {
    int referenceCount;
    double referenceSumAh;
    double sumW;
    double sumX;
    double sumY;
    double sumXX;
    double sumXY;
    int fitted;
    /** Cycle index the fit's x is measured from (keeps the sums small). */
    int originCycle;

    public RetentionFit() {
        // for the state-store codec
    }

    /** Discharge capacity counted as 100 %, or 0 before it is known. */
    double referenceDischargeAh() {
        return referenceCount == 0 ? 0 : referenceSumAh / referenceCount;
    }

    /** Counts the cycle towards the reference while it is being taken; returns its retention. */
    double retention(int cycleIndex, double dischargeAh, int referenceCycles) {
        if (referenceCount < referenceCycles) {
            referenceCount++;
            referenceSumAh += dischargeAh;
            if (referenceCount == 1) {
                originCycle = cycleIndex;
            }
        }
        return dischargeAh / referenceDischargeAh();
    }

    /** Adds a point with weight 1 after discounting the older ones by (1 − alpha). */
    void fold(int cycleIndex, double retention, double alpha) {
        double x = cycleIndex - originCycle;
        double keep = 1 - alpha;
        sumW = keep * sumW + 1;
        sumX = keep * sumX + x;
        sumY = keep * sumY + retention;
        sumXX = keep * sumXX + x * x;
        sumXY = keep * sumXY + x * retention;
        fitted++;
    }

    /** Retention per cycle (negative while fading). */
    double slope() {
        double denominator = sumW * sumXX - sumX * sumX;
        return denominator > 0 ? (sumW * sumXY - sumX * sumY) / denominator : 0;
    }

    /** The fitted line's retention at this cycle. */
    double fitted(int cycleIndex) {
        double meanX = sumX / sumW;
        double meanY = sumY / sumW;
        return meanY + slope() * (cycleIndex - originCycle - meanX);
    }

    /** Forgets the reference and the fit: retention starts again from the next ordinary cycles. */
    void restart() {
        referenceCount = 0;
        referenceSumAh = 0;
        sumW = 0;
        sumX = 0;
        sumY = 0;
        sumXX = 0;
        sumXY = 0;
        fitted = 0;
    }
}

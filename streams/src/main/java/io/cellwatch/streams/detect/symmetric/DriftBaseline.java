package io.cellwatch.streams.detect.symmetric;

/**
 * What {@link OverpotentialDrift} judges a half-cycle against: the mean plateau of the first
 * half-cycles of each current direction at the channel's current rate, and how far one half-cycle's
 * plateau scatters from the next on this channel. The scatter is the data's own: the spread of the
 * baseline's plateaus about their direction's mean, then the difference between successive
 * half-cycles of one direction that were not drifted (a difference is blind to a slow drift, which
 * moves two neighbours alike), pooled over both directions. For the slow rise, each direction's
 * recent level (its judged plateaus smoothed as a mean of as many half-cycles as the baseline
 * holds) and the cell's temperature while the baseline was learnt and lately. Plain fields for the
 * state-store codec; a fixed handful of numbers, however long the test.
 */
public final class DriftBaseline {
    /** Half-cycles learnt, by direction (index 1: plating, 0: stripping). */
    int[] count = new int[2];

    double[] sumV = new double[2];
    double[] sumSquaresV = new double[2];
    /** The last undrifted plateau of each direction after its baseline (NaN: none to difference with). */
    double[] lastV = {Double.NaN, Double.NaN};

    double sumTimeS;
    double sumCurrentA;
    /** Squared differences of successive undrifted plateaus over two, and how many. */
    double differenceSquaresV;

    int differences;
    /** Each direction's recent level, volts: its judged plateaus smoothed from the baseline on (NaN: none yet). */
    double[] recentV = {Double.NaN, Double.NaN};
    /** Temperatures logged while the baseline was learnt, summed, and how many (a cycler may log none). */
    double sumTemperatureC;

    int temperatures;
    /** The temperature lately, smoothed as the recent levels are (NaN: none logged). */
    double recentTemperatureC = Double.NaN;

    public DriftBaseline() {
        // for the state-store codec
    }

    private static int direction(HalfCycle half) {
        return half.plating() ? 1 : 0;
    }

    /** True once the half-cycle's direction has its baseline. */
    boolean learnt(HalfCycle half, int halfCycles) {
        return count[direction(half)] >= halfCycles;
    }

    /** Folds a half-cycle, closed at this temperature (NaN: none logged), into its direction's baseline. */
    void learn(HalfCycle half, double temperatureC) {
        int d = direction(half);
        if (!Double.isNaN(temperatureC)) {
            sumTemperatureC += temperatureC;
            temperatures++;
        }
        count[d]++;
        sumV[d] += half.plateauV();
        sumSquaresV[d] += half.plateauV() * half.plateauV();
        sumTimeS += 0.5 * (half.startTestTimeS() + half.endTestTimeS());
        sumCurrentA += half.meanCurrentA();
    }

    /**
     * A half-cycle judged after the baseline: an undrifted one adds its difference from the last
     * undrifted one of its direction to the scatter; a drifted one adds nothing and breaks the pair,
     * so a step in the overpotential does not pass for scatter.
     */
    void judged(HalfCycle half, boolean drifted) {
        int d = direction(half);
        if (drifted) {
            lastV[d] = Double.NaN;
            return;
        }
        if (!Double.isNaN(lastV[d])) {
            double difference = half.plateauV() - lastV[d];
            differenceSquaresV += 0.5 * difference * difference;
            differences++;
        }
        lastV[d] = half.plateauV();
    }

    /**
     * Moves the half-cycle's direction's recent level (and the recent temperature) towards it by
     * {@code weight}; both start at the baseline's, so the level moves only as the cell does.
     */
    void followRecent(HalfCycle half, double temperatureC, double weight) {
        int d = direction(half);
        double from = Double.isNaN(recentV[d]) ? baselineV(d) : recentV[d];
        recentV[d] = from + weight * (half.plateauV() - from);
        if (!Double.isNaN(temperatureC)) {
            double fromC = Double.isNaN(recentTemperatureC)
                    ? (temperatures > 0 ? baselineTemperatureC() : temperatureC)
                    : recentTemperatureC;
            recentTemperatureC = fromC + weight * (temperatureC - fromC);
        }
    }

    /** The baseline of this half-cycle's direction, volts. */
    double baselineV(HalfCycle half) {
        return baselineV(direction(half));
    }

    /** The baseline of a direction (1: plating, 0: stripping), volts. */
    double baselineV(int direction) {
        return sumV[direction] / count[direction];
    }

    /** Half-cycles in a direction's baseline (1: plating, 0: stripping). */
    int baselineCount(int direction) {
        return count[direction];
    }

    /** The recent level of a direction (1: plating, 0: stripping), volts (NaN: none judged yet). */
    double recentV(int direction) {
        return recentV[direction];
    }

    /** The mean temperature while the baseline was learnt (NaN: none logged). */
    double baselineTemperatureC() {
        return temperatures == 0 ? Double.NaN : sumTemperatureC / temperatures;
    }

    /** The recent temperature (NaN: none logged). */
    double recentTemperatureC() {
        return recentTemperatureC;
    }

    /** Half-cycles in this half-cycle's direction's baseline. */
    int baselineCount(HalfCycle half) {
        return count[direction(half)];
    }

    /** Half-cycles learnt in both directions together. */
    int total() {
        return count[0] + count[1];
    }

    /** Mean current of the half-cycles learnt (0 while none). */
    double currentA() {
        return total() == 0 ? 0 : sumCurrentA / total();
    }

    /** Mean test time of the half-cycles learnt. */
    double timeS() {
        return sumTimeS / Math.max(1, total());
    }

    /**
     * The standard deviation of one half-cycle's plateau about what the cell repeats, volts: the
     * baseline's residuals about each direction's mean and the successive differences, pooled over
     * their degrees of freedom (NaN while there are none).
     */
    double scatterV() {
        double squares = differenceSquaresV;
        int freedom = differences;
        for (int d = 0; d < 2; d++) {
            if (count[d] > 1) {
                squares += Math.max(0, sumSquaresV[d] - sumV[d] * sumV[d] / count[d]);
                freedom += count[d] - 1;
            }
        }
        return freedom == 0 ? Double.NaN : Math.sqrt(squares / freedom);
    }

    /** Forgets everything: the rate changed, the overpotential with it. */
    void reset() {
        count = new int[2];
        sumV = new double[2];
        sumSquaresV = new double[2];
        lastV = new double[] {Double.NaN, Double.NaN};
        sumTimeS = 0;
        sumCurrentA = 0;
        differenceSquaresV = 0;
        differences = 0;
        recentV = new double[] {Double.NaN, Double.NaN};
        sumTemperatureC = 0;
        temperatures = 0;
        recentTemperatureC = Double.NaN;
    }
}

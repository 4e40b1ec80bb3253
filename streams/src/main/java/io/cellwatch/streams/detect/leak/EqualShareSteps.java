package io.cellwatch.streams.detect.leak;

import java.util.Arrays;

/**
 * The usual charge curve read where the charge is: the curve's steps of equal voltage, split further by its
 * steps of equal charge (the rise at which the usual charge had stored each {@code 1/LEVELS} share of itself).
 *
 * <p>Why both: a curve kept only at equal steps of the voltage rise is fine where the voltage climbs with the
 * charge (a silicon anode's slope, a full cell's knee), and blind on a plateau. A graphite half cell's
 * delithiation stores nearly all of its charge within the first few of twenty steps of its 1.4 V climb (its
 * staging plateaus lie within 0.1–0.25 V): between the two steps that bracket a voltage there, a straight line
 * placed the stored charge where the plateaus did not (six graphite half cells just past their plateaus read
 * the leak 12–46 % high, stating σ at 0.19–0.45 of it; read between steps of equal charge, −2 to +19 %, σ
 * 0.05–0.18). Steps of equal charge put a point every {@code 1/LEVELS} of the charge whatever
 * the curve's shape, so no bracket holds more than that share; the steps of equal voltage keep the climb's
 * resolution where the charge is thin. Neither alone is both.
 *
 * <p>No state of its own: the points live in {@link ChargeCurve}.
 */
final class EqualShareSteps {
    private EqualShareSteps() {}

    /**
     * The usual curve at rise {@code x} (in steps of equal voltage, 0 to {@code LEVELS}): between the two steps
     * of equal voltage around it ({@code usual}: the stored fraction at each, both known), narrowed to the
     * steps of equal charge that fall between them ({@code riseAtShare}: the rise of each share, in the same
     * steps of voltage as a fraction of the whole rise; NaN where unknown). Linear between the two points
     * that bracket x, the only shape the points give.
     */
    static Reading read(double[] usual, float[] riseAtShare, double x) {
        int levels = usual.length - 1;
        int k = Math.min(levels - 1, (int) Math.floor(x));
        double lowX = k;
        double lowFraction = usual[k];
        double highX = k + 1;
        double highFraction = usual[k + 1];
        for (int j = 0; j < riseAtShare.length; j++) {
            double shareX = riseAtShare[j] * levels;
            double share = (double) j / (riseAtShare.length - 1);
            if (shareX <= x && shareX > lowX) {
                lowX = shareX;
                lowFraction = share;
            }
            if (shareX >= x && shareX < highX) {
                highX = shareX;
                highFraction = share;
            }
        }
        double fraction =
                highX > lowX ? lowFraction + (x - lowX) / (highX - lowX) * (highFraction - lowFraction) : lowFraction;
        return new Reading(fraction, Math.abs(highFraction - lowFraction));
    }

    /**
     * One charge's rise (fraction of {@code stepRise} above its start) at which it had passed each share {@code
     * j/shares} of {@code chargeAh}, from the points it was recorded at: {@code rises[i]} (fraction of the rise)
     * with {@code passedAh[i]} (NaN: not reached, skipped), linear between the two points whose charge brackets
     * the share's; NaN where no recorded point reached it.
     */
    static double[] risesAtShares(double[] rises, double[] passedAh, double chargeAh, int shares) {
        int n = 0;
        double[][] points = new double[rises.length][];
        for (int i = 0; i < rises.length; i++) {
            if (!Double.isNaN(rises[i]) && !Double.isNaN(passedAh[i])) {
                points[n++] = new double[] {passedAh[i], rises[i]};
            }
        }
        double[][] known = Arrays.copyOf(points, n);
        // A charge's recorded points climb in voltage and in charge together (each is where it first reached a
        // voltage): sorted by charge they are also sorted by rise.
        Arrays.sort(known, (a, b) -> Double.compare(a[0], b[0]));
        double[] out = new double[shares + 1];
        Arrays.fill(out, Double.NaN);
        int i = 0;
        for (int j = 0; j <= shares; j++) {
            double ah = chargeAh * j / shares;
            while (i < n - 1 && known[i + 1][0] < ah) {
                i++;
            }
            if (n == 0 || known[0][0] > ah || known[n - 1][0] < ah) {
                continue;
            }
            if (i == n - 1 || known[i][0] >= ah) {
                out[j] = known[i][1];
                continue;
            }
            double[] low = known[i];
            double[] high = known[i + 1];
            out[j] = low[1] + (ah - low[0]) / (high[0] - low[0]) * (high[1] - low[1]);
        }
        return out;
    }

    /** The stored fraction read at a rise, and the width of the bracket it was read in (a fraction of the charge). */
    record Reading(double fraction, double bracket) {}
}

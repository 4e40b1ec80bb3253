package io.cellwatch.simulator;

/**
 * Open-circuit voltage against state of charge (fraction of the cycle's available capacity),
 * piecewise linear through a handful of points.
 *
 * <p>Piecewise linear is enough here: detectors look at capacities, CE, step durations and
 * dV/dt, and a monotonic table lets the simulator invert the curve exactly, so the end of a
 * constant-current step is solved in closed form instead of by time stepping. Each table runs a
 * little past 0 and 1 with steep ends, as real cells do when driven past their window, so every
 * cut-off voltage has a solution.
 */
final class OcvCurve {
    private final double[] soc;
    private final double[] volts;

    private OcvCurve(double[] soc, double[] volts) {
        if (soc.length != volts.length || soc.length < 2) {
            throw new IllegalArgumentException("OCV table needs matching points");
        }
        for (int i = 1; i < soc.length; i++) {
            if (!(soc[i] > soc[i - 1]) || !(volts[i] > volts[i - 1])) {
                throw new IllegalArgumentException("OCV table must be strictly increasing at point " + i);
            }
        }
        this.soc = soc;
        this.volts = volts;
    }

    /** LNO@NCM622 against Li-In (Li-In sits ~0.62 V above Li, so 3.68 V here is 4.3 V vs Li). */
    static final OcvCurve NCM622_VS_LI_IN = new OcvCurve(
            new double[] {-0.04, 0.00, 0.05, 0.10, 0.20, 0.30, 0.40, 0.50, 0.60, 0.70, 0.80, 0.90, 1.00, 1.04},
            new double[] {1.90, 2.83, 3.00, 3.06, 3.11, 3.15, 3.19, 3.24, 3.30, 3.37, 3.45, 3.54, 3.64, 4.00});

    /** LNO@NCM622 against Li metal: the same cathode, 0.62 V higher. */
    static final OcvCurve NCM622_VS_LI = NCM622_VS_LI_IN.shifted(0.62);

    /** NCM against graphite, the usual 3.0–4.2 V cell. */
    static final OcvCurve NCM_GRAPHITE = new OcvCurve(
            new double[] {
                -0.04, 0.00, 0.02, 0.05, 0.10, 0.20, 0.30, 0.40, 0.50, 0.60, 0.70, 0.80, 0.90, 0.95, 1.00, 1.04
            },
            new double[] {2.50, 3.05, 3.30, 3.45, 3.55, 3.62, 3.67, 3.72, 3.78, 3.85, 3.93, 4.01, 4.09, 4.13, 4.17, 4.50
            });

    /** LFP against Li metal: the flat two-phase plateau near 3.4 V with steep ends, 2.5–3.8 V window. */
    static final OcvCurve LFP_VS_LI = new OcvCurve(
            new double[] {-0.04, 0.00, 0.02, 0.05, 0.10, 0.30, 0.50, 0.70, 0.90, 0.95, 0.98, 1.00, 1.04},
            new double[] {2.20, 2.90, 3.20, 3.34, 3.38, 3.405, 3.415, 3.425, 3.44, 3.47, 3.55, 3.70, 4.20});

    private OcvCurve shifted(double dv) {
        double[] v = volts.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] += dv;
        }
        return new OcvCurve(soc, v);
    }

    /** OCV at this state of charge; linear extrapolation beyond the table. */
    double volts(double x) {
        int i = segment(soc, x);
        double t = (x - soc[i]) / (soc[i + 1] - soc[i]);
        return volts[i] + t * (volts[i + 1] - volts[i]);
    }

    /** The state of charge at which the OCV equals this voltage; linear extrapolation beyond the table. */
    double soc(double v) {
        int i = segment(volts, v);
        double t = (v - volts[i]) / (volts[i + 1] - volts[i]);
        return soc[i] + t * (soc[i + 1] - soc[i]);
    }

    /** Index i of the segment [a[i], a[i+1]] holding value, clamped to the first and last segments. */
    private static int segment(double[] a, double value) {
        int lo = 0;
        int hi = a.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (a[mid] <= value) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}

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
 *
 * <p>For half cells the state of charge runs in the direction that raises the cell's voltage: for an
 * anode against Li metal, 0 is the lithiated electrode (near 0 V) and 1 the delithiated one.
 */
public final class OcvCurve {
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
    public static final OcvCurve NCM622_VS_LI_IN = new OcvCurve(
            new double[] {-0.04, 0.00, 0.05, 0.10, 0.20, 0.30, 0.40, 0.50, 0.60, 0.70, 0.80, 0.90, 1.00, 1.04},
            new double[] {1.90, 2.83, 3.00, 3.06, 3.11, 3.15, 3.19, 3.24, 3.30, 3.37, 3.45, 3.54, 3.64, 4.00});

    /** LNO@NCM622 against Li metal: the same cathode, 0.62 V higher. */
    public static final OcvCurve NCM622_VS_LI = NCM622_VS_LI_IN.shifted(0.62);

    /** NCM against graphite, the usual 3.0–4.2 V cell. */
    public static final OcvCurve NCM_GRAPHITE = new OcvCurve(
            new double[] {
                -0.04, 0.00, 0.02, 0.05, 0.10, 0.20, 0.30, 0.40, 0.50, 0.60, 0.70, 0.80, 0.90, 0.95, 1.00, 1.04
            },
            new double[] {2.50, 3.05, 3.30, 3.45, 3.55, 3.62, 3.67, 3.72, 3.78, 3.85, 3.93, 4.01, 4.09, 4.13, 4.17, 4.50
            });

    /** LFP against Li metal: the flat two-phase plateau near 3.4 V with steep ends, 2.5–3.8 V window. */
    public static final OcvCurve LFP_VS_LI = new OcvCurve(
            new double[] {-0.04, 0.00, 0.02, 0.05, 0.10, 0.30, 0.50, 0.70, 0.90, 0.95, 0.98, 1.00, 1.04},
            new double[] {2.20, 2.90, 3.20, 3.34, 3.38, 3.405, 3.415, 3.425, 3.44, 3.47, 3.55, 3.70, 4.20});

    /**
     * LFP against graphite: the LFP plateau ~0.1 V lower (graphite sits ~0.1 V above Li), 2.5–3.65 V
     * window, with graphite's staging making the ends a little less flat than against Li metal.
     */
    public static final OcvCurve LFP_GRAPHITE = new OcvCurve(
            new double[] {-0.04, 0.00, 0.02, 0.05, 0.10, 0.30, 0.50, 0.70, 0.90, 0.95, 0.98, 1.00, 1.04},
            new double[] {2.00, 2.60, 3.00, 3.17, 3.24, 3.28, 3.30, 3.32, 3.35, 3.38, 3.45, 3.60, 4.00});

    /**
     * Silicon against Li metal, delithiation direction: sloping 0.05–0.5 V (amorphous Li-Si), a
     * steep rise to 1 V at full delithiation; below 0 V Li plates on the electrode.
     */
    public static final OcvCurve SI_VS_LI = new OcvCurve(
            new double[] {-0.04, 0.00, 0.05, 0.10, 0.20, 0.30, 0.40, 0.50, 0.60, 0.70, 0.80, 0.90, 0.96, 1.00, 1.04},
            new double[] {
                -0.030, 0.015, 0.070, 0.120, 0.200, 0.260, 0.315, 0.370, 0.420, 0.460, 0.510, 0.600, 0.750, 1.000, 1.600
            });

    /** Graphite against Li metal, delithiation direction: the staging plateaus at 0.09, 0.12 and 0.2 V. */
    public static final OcvCurve GRAPHITE_VS_LI = new OcvCurve(
            new double[] {-0.04, 0.00, 0.02, 0.05, 0.20, 0.45, 0.55, 0.70, 0.85, 0.93, 0.97, 1.00, 1.04},
            new double[] {-0.030, 0.010, 0.065, 0.085, 0.090, 0.120, 0.130, 0.140, 0.210, 0.230, 0.300, 0.800, 1.600});

    /** State of charge of the first table point: below it the cell is driven past empty. */
    public double lowestSoc() {
        return soc[0];
    }

    /** Open-circuit voltage at {@link #lowestSoc()}. */
    public double lowestVolts() {
        return volts[0];
    }

    /** dV/dx of the segment holding x (the end segments beyond the table). */
    public double slope(double x) {
        int i = segment(soc, x);
        return (volts[i + 1] - volts[i]) / (soc[i + 1] - soc[i]);
    }

    private OcvCurve shifted(double dv) {
        double[] v = volts.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] += dv;
        }
        return new OcvCurve(soc, v);
    }

    /** OCV at this state of charge; linear extrapolation beyond the table. */
    public double volts(double x) {
        int i = segment(soc, x);
        double t = (x - soc[i]) / (soc[i + 1] - soc[i]);
        return volts[i] + t * (volts[i + 1] - volts[i]);
    }

    /** The state of charge at which the OCV equals this voltage; linear extrapolation beyond the table. */
    public double soc(double v) {
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

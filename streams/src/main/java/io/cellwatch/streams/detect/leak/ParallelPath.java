package io.cellwatch.streams.detect.leak;

/**
 * A short across a symmetric Li|electrolyte|Li cell, from the current and voltage now and the
 * overpotential the cell had before it shorted.
 *
 * <p>Physics: the cycler drives a constant current I. Before the short, all of it crossed the
 * electrolyte at the overpotential η; the electrolyte path behaves as η/I (ohmic to first order:
 * bulk and grain-boundary resistance dominate a solid electrolyte's plateau). With a short of
 * resistance R in parallel, the voltage falls to V and the electrolyte takes I·V/η of the current,
 * the short the rest:
 *
 * <pre>
 *   I_leak = I · (1 − V/η),    R = V / I_leak = (V/I) / (1 − V/η)
 * </pre>
 *
 * A hard short (V ≪ η) gives R ≈ V/I, the "I·R" of the pinned voltage. The electrolyte path is
 * not exactly ohmic (charge transfer is sub-linear in current), which would move current from it
 * to the short: half of the path's current I·V/η counts as uncertainty, together with the
 * voltage noise.
 */
public final class ParallelPath {
    private ParallelPath() {}

    /**
     * The standard deviation of a voltage's noise from its mean absolute step between samples: for
     * independent Gaussian noise the step's mean absolute value is 2σ/√π.
     */
    public static double noiseSigma(double meanAbsStepV) {
        return meanAbsStepV * Math.sqrt(Math.PI) / 2;
    }

    /**
     * @param currentA        the applied current now (sign ignored)
     * @param voltageV        the cell voltage now (sign ignored)
     * @param noiseV          the voltage's noise now (uncertainty of V)
     * @param overpotentialV  the overpotential before the short, at a comparable current
     */
    public static LeakEstimate estimate(double currentA, double voltageV, double noiseV, double overpotentialV) {
        double i = Math.abs(currentA);
        double v = Math.abs(voltageV);
        double pathFraction = overpotentialV > 0 ? Math.min(1, v / overpotentialV) : 0;
        double leak = i * (1 - pathFraction);
        double uncertainty = Math.hypot(0.5 * i * pathFraction, overpotentialV > 0 ? i * noiseV / overpotentialV : 0);
        return LeakEstimate.of(leak, uncertainty, i, v, noiseV, LeakEstimate.Basis.PARALLEL_PATH);
    }
}

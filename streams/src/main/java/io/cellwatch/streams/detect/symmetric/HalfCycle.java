package io.cellwatch.streams.detect.symmetric;

import io.cellwatch.streams.detect.leak.ParallelPath;

/**
 * One plating or stripping half-cycle of a symmetric cell, as the overpotential reports describe it.
 *
 * @param cycleIndex         the cycler cycle it belongs to
 * @param plating            true for positive current
 * @param startTestTimeS     test time of its first sample
 * @param endTestTimeS       test time of its last sample
 * @param plateauV           mean |V| after the nucleation peak: the plateau overpotential
 * @param peakV              highest |V| (the nucleation peak, usually)
 * @param halfPeakToPeakV    half of (highest V − lowest V) over this half-cycle and the one before it
 * @param noiseV             mean |Δ|V|| between consecutive plateau samples: the voltage noise
 * @param chargeAh           charge passed (|I| integrated)
 * @param meanCurrentA       mean |I|
 * @param samples            samples in it
 * @param plateauSamples     samples in its plateau (after the nucleation peak): what {@code plateauV} averages
 */
public record HalfCycle(
        int cycleIndex,
        boolean plating,
        double startTestTimeS,
        double endTestTimeS,
        double plateauV,
        double peakV,
        double halfPeakToPeakV,
        double noiseV,
        double chargeAh,
        double meanCurrentA,
        long samples,
        long plateauSamples) {

    /** The bits of both current directions ({@link #directionBit}): a run that has seen plating and stripping. */
    public static final int BOTH_DIRECTIONS = 3;

    /** This half-cycle's current direction as a bit (plating 1, stripping 2), to collect the directions a run saw. */
    public int directionBit() {
        return plating ? 1 : 2;
    }

    public double durationS() {
        return endTestTimeS - startTestTimeS;
    }

    /**
     * The standard error of {@code plateauV}, V: one reading's standard deviation (from {@code noiseV}, the
     * mean step between consecutive plateau readings) over √n of the plateau's readings; NaN without two.
     */
    public double plateauStandardErrorV() {
        return plateauSamples < 2 || Double.isNaN(noiseV)
                ? Double.NaN
                : ParallelPath.noiseSigma(noiseV) / Math.sqrt(plateauSamples);
    }

    /** Current density in mA/cm² on this electrode area. */
    public double currentDensityMaPerCm2(double areaCm2) {
        return 1000 * meanCurrentA / areaCm2;
    }
}

package io.cellwatch.simulator;

import io.cellwatch.model.TestProtocol;

/**
 * Everything that defines a simulated Li|electrolyte|Li symmetric cell and its plating/stripping
 * test. Package-internal and mutable only while {@link Fleet} fills it in.
 */
final class SymmetricSpec {
    String chemistry;
    double areaCm2 = 1.0;
    TestProtocol protocol = TestProtocol.CYCLING;
    double temperatureC = 25;

    /** Current density of cycle 1 and the increase per cycle (0 for steady cycling), mA/cm². */
    double firstCurrentDensity;

    double currentDensityStep;
    /** Half-cycle duration; or, when arealCapacityPerHalf is positive, capacity/current density. */
    double halfCycleS = 3600;

    double arealCapacityPerHalfMahPerCm2;
    /** The test ends after this cycle (0 = never). */
    int lastCycle;

    /**
     * Plateau overpotential. With exchangeCurrentDensity > 0: Butler–Volmer charge transfer at both
     * electrodes (2·RT/F·asinh(j/2j0)) plus the electrolyte's area-specific resistance, so it grows
     * with current as a step-up test needs. Otherwise a fixed eta0V that rises by riseFraction over
     * riseOverS (shape riseExponent): interphase growth in steady cycling.
     */
    double exchangeCurrentDensity;

    double asrOhmCm2;
    double eta0V;
    double riseFraction;
    double riseOverS = 1;
    double riseExponent = 1;
    /** Nucleation peak at the start of each half-cycle and the concentration rise across it, relative. */
    double nucleationPeak = 0.06;

    double concentrationRise = 0.03;
    double noiseV = ChannelSim.VOLTAGE_NOISE_V;

    /** Test times of the soft short (overpotential collapses, noise grows) and the hard short; NaN = never. */
    double softShortAtS = Double.NaN;

    double hardShortAtS = Double.NaN;
    /** Test time at which the lab stops the test (NaN = never). */
    double testEndAtS = Double.NaN;
    /** Resistance of the shorting filament: a hard-shorted cell reads I·R. */
    double shortResistanceOhm = 10;

    double currentDensity(int cycle) {
        double j = firstCurrentDensity + (cycle - 1) * currentDensityStep;
        return Math.rint(j * 1e6) / 1e6;
    }

    double halfCycleS(int cycle) {
        return arealCapacityPerHalfMahPerCm2 > 0
                ? arealCapacityPerHalfMahPerCm2 / currentDensity(cycle) * 3600
                : halfCycleS;
    }

    /** Plateau overpotential (V) at this current density and test time, before any short. */
    double plateauOverpotentialV(double currentDensity, double testTimeS) {
        if (exchangeCurrentDensity > 0) {
            return LithiumInterface.overpotentialV(currentDensity, exchangeCurrentDensity, asrOhmCm2, temperatureC);
        }
        double progress = Math.min(1.0, Math.max(0, testTimeS) / riseOverS);
        return eta0V * (1 + riseFraction * Math.pow(progress, riseExponent));
    }
}

package io.cellwatch.streams.detect.symmetric;

/**
 * The open half-cycle's own plateau readings so far (past the nucleation peak, still in the
 * healthy band): what the cell reads at the level it is at now. A step-up's new level reads
 * higher than the previous half-cycle's plateau (η rises with the current), by an amount the
 * previous plateau does not tell; the level's own readings do. Their mean, less its standard
 * error, is a floor for what a healthy cell reads over the rest of this constant-current half
 * (a healthy plateau sits within ±15 % of its mean, and the overpotential of a plating or
 * stripping half at constant current rises with the concentration gradient, it does not fall).
 * Signed with the current, as {@link LowRun}, so an alternating pickup averages out.
 */
public final class LevelPlateau {
    /** Test time the half-cycle these readings belong to began (NaN: none yet). */
    double halfStartS = Double.NaN;

    int readings;
    double sumSignedV;

    public LevelPlateau() {
        // for the state-store codec
    }

    /**
     * The least the cell reads over the rest of the half-cycle that began at {@code halfStartS}, from
     * its own readings: their mean less {@code sigmas} standard errors of one reading's noise; NaN
     * before the first (or when the half-cycle is another one: its readings are forgotten).
     */
    double floorV(double halfStartS, double readingSigmaV, double sigmas) {
        if (Double.compare(halfStartS, this.halfStartS) != 0) {
            this.halfStartS = halfStartS;
            readings = 0;
            sumSignedV = 0;
        }
        return readings == 0 ? Double.NaN : sumSignedV / readings - sigmas * readingSigmaV / Math.sqrt(readings);
    }

    /** A reading of the half-cycle last asked about ({@link #floorV}), judged healthy. */
    void add(double signedV) {
        readings++;
        sumSignedV += signedV;
    }
}

package io.cellwatch.streams.detect.symmetric;

/**
 * The open half-cycle's own plateau readings so far (past the nucleation peak, still in the
 * healthy band): what the cell reads at the level it is at now. A step-up's new level reads
 * higher than the previous half-cycle's plateau (η rises with the current), by an amount the
 * previous plateau does not tell; the level's own readings do. The least of them is where a
 * healthy cell stays over the rest of this constant-current half: its overpotential wanders
 * slowly (the concentration gradient builds, the nucleation tail decays), it does not drop. On the
 * real Li‖Li export (1 h at 0.4 mA, ±10 mV pickup) every 30–300 s interval's time-mean of the
 * healthy hours stays at 93 % or more of the least reading before it in its half-cycle, while it
 * falls to 85 % of their mean (a half-cycle that starts high and settles): the least, not the mean.
 * Signed with the current, as {@link LowRun}.
 */
public final class LevelPlateau {
    /** Test time the half-cycle these readings belong to began (NaN: none yet). */
    double halfStartS = Double.NaN;

    int readings;
    double leastSignedV;

    public LevelPlateau() {
        // for the state-store codec
    }

    /**
     * The least signed voltage the half-cycle that began at {@code halfStartS} has read so far; NaN
     * before its first reading (a half-cycle other than the last one asked about starts afresh).
     */
    double leastV(double halfStartS) {
        if (Double.compare(halfStartS, this.halfStartS) != 0) {
            this.halfStartS = halfStartS;
            readings = 0;
        }
        return readings == 0 ? Double.NaN : leastSignedV;
    }

    /** A reading of the half-cycle last asked about ({@link #leastV}), judged healthy. */
    void add(double signedV) {
        leastSignedV = readings == 0 ? signedV : Math.min(leastSignedV, signedV);
        readings++;
    }
}

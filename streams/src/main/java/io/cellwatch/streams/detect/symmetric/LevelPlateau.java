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
 *
 * <p>It also remembers whether the half-cycle has <em>built</em> its level: whether any of its
 * readings so far, the nucleation window's included, has reached the least the level can read
 * (the previous plateau, which a step-up's level only exceeds). A half-cycle's first moments can
 * read far under its level without any fault: the first row of a step can be logged before the
 * double layer has charged (the real Li‖Li export's first row of every segment reads a quarter of
 * its plateau, the next ones 1 s later the plateau), and a polymer electrolyte's concentration
 * polarization takes minutes to build after the current reverses. Once the level has been
 * reached, the voltage at constant current does not fall back by a quarter on its own.
 */
public final class LevelPlateau {
    /** Test time the half-cycle these readings belong to began (NaN: none yet). */
    double halfStartS = Double.NaN;

    int readings;
    double leastSignedV;
    /** Whether a reading of this half-cycle has reached the least the level can read. */
    boolean built;

    public LevelPlateau() {
        // for the state-store codec
    }

    /**
     * The least signed voltage the half-cycle that began at {@code halfStartS} has read so far; NaN
     * before its first reading (a half-cycle other than the last one asked about starts afresh).
     */
    double leastV(double halfStartS) {
        at(halfStartS);
        return readings == 0 ? Double.NaN : leastSignedV;
    }

    /** Whether a reading of the half-cycle that began at {@code halfStartS} has reached its level so far. */
    boolean built(double halfStartS) {
        at(halfStartS);
        return built;
    }

    /** A reading of the half-cycle last asked about: built once one reaches the least the level can read. */
    void reached(double signedV, double leastLevelV) {
        built |= signedV >= leastLevelV;
    }

    private void at(double halfStartS) {
        if (Double.compare(halfStartS, this.halfStartS) != 0) {
            this.halfStartS = halfStartS;
            readings = 0;
            built = false;
        }
    }

    /** A reading of the half-cycle last asked about ({@link #leastV}), judged healthy. */
    void add(double signedV) {
        leastSignedV = readings == 0 ? signedV : Math.min(leastSignedV, signedV);
        readings++;
    }
}

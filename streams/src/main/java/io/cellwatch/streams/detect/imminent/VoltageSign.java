package io.cellwatch.streams.detect.imminent;

/**
 * Whether a channel's voltage went through zero in this cycle or the one before: a symmetric cell not declared as
 * one (or an electrode against a reference), whose cycles sweep the voltage from one sign to the other. Its |V|
 * falls under the charge current on the way to zero, and no open-circuit voltage of one sign stands behind it, so
 * a rule reading |V| against the cell's own open-circuit voltage does not judge it. A reading of exactly zero says
 * nothing (a cycler's blank, a lead off), and a full cell's voltage keeps its sign (a hard short pins it near zero,
 * its noise about zero lasting a cycle at most before a new cell or a repair).
 */
final class VoltageSign {
    /** The sign of the latest reading off zero (0: none yet). */
    int latestSign;
    /** Whether the voltage has ever changed sign, and the cycle it last did. */
    boolean changed;

    int changedInCycle;

    VoltageSign() {
        // for the state-store codec
    }

    void row(double voltageV, int cycleIndex) {
        int sign = (int) Math.signum(voltageV);
        if (sign == 0) {
            return;
        }
        if (latestSign != 0 && sign != latestSign) {
            changed = true;
            changedInCycle = cycleIndex;
        }
        latestSign = sign;
    }

    /** Whether the voltage changed sign in this cycle or the one before. */
    boolean changedLately(int cycleIndex) {
        return changed && cycleIndex - changedInCycle <= 1;
    }
}

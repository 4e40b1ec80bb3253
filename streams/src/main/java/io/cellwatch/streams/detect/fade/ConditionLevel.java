package io.cellwatch.streams.detect.fade;

/**
 * The capacities a cell reached on consecutive cycles run under one set of conditions (mean charge and
 * discharge currents, the voltages the steps ended at, the chamber temperature): what it holds there,
 * to compare a later cycle under the same conditions with. Plain fields for the state-store codec.
 */
public final class ConditionLevel {
    /** Indexes into {@link CapacityStep#conditions}: charge current, discharge current, end of charge, end of discharge, temperature. */
    static final int CHARGE_A = 0;

    static final int DISCHARGE_A = 1;
    static final int END_OF_CHARGE_V = 2;
    static final int END_OF_DISCHARGE_V = 3;
    static final int TEMPERATURE_C = 4;

    double chargeAh;
    double dischargeAh;
    double[] conditions = new double[5];
    int cycles;
    int firstCycle;
    int lastCycle;
    /**
     * What the cell may have lost since this level was last seen, as a fraction of it: the capacity
     * the cycles since then were seen to lose under their own conditions, and the profile's fade
     * limit for each cycle that showed nothing (see {@link ConditionLevels}).
     */
    double allowance;
    /** The capacities of the latest cycle folded in: what the next cycle alike is seen to lose against. */
    double latestChargeAh;

    double latestDischargeAh;

    public ConditionLevel() {
        // for the state-store codec
    }

    /** A level begun by one cycle whose conditions are all known. */
    static ConditionLevel startedBy(int cycleIndex, double chargeAh, double dischargeAh, double[] conditions) {
        ConditionLevel level = new ConditionLevel();
        level.chargeAh = chargeAh;
        level.dischargeAh = dischargeAh;
        level.conditions = conditions.clone();
        level.cycles = 1;
        level.latestChargeAh = chargeAh;
        level.latestDischargeAh = dischargeAh;
        level.firstCycle = cycleIndex;
        level.lastCycle = cycleIndex;
        return level;
    }

    /**
     * Folds a cycle in (a running mean, then weight {@code alpha}, so it follows slow fade). Returns the
     * fraction of capacity the cycle was seen to lose against the previous cycle alike (both capacities
     * down by at least that; 0 when either rose): the fade under these conditions, cycle by cycle.
     */
    double fold(int cycleIndex, double charge, double discharge, double[] cycleConditions, double alpha) {
        double lost = Math.max(0, Math.min(1 - charge / latestChargeAh, 1 - discharge / latestDischargeAh));
        latestChargeAh = charge;
        latestDischargeAh = discharge;
        allowance = 0;
        cycles++;
        double weight = Math.max(alpha, 1.0 / cycles);
        chargeAh += weight * (charge - chargeAh);
        dischargeAh += weight * (discharge - dischargeAh);
        for (int i = 0; i < conditions.length; i++) {
            conditions[i] += weight * (cycleConditions[i] - conditions[i]);
        }
        lastCycle = cycleIndex;
        return lost;
    }

    /**
     * Whether a cycle under these conditions can be judged against this level: the same voltage limits,
     * and neither step faster nor the chamber colder ({@code easierAllowed}: a slower step or a warmer
     * cell reaches more capacity, never less) or, to fold it in, both steps at the same current in the
     * same chamber.
     */
    boolean sameConditions(double[] cycle, CapacityFadeSettings settings, boolean easierAllowed) {
        return sameConditions(cycle, conditions, settings, easierAllowed);
    }

    /**
     * Whether conditions (indexed as {@link CapacityStep#conditions}) match a reference: each mean current
     * within {@code stepCurrentFraction} of the reference's (above it only, if {@code easierAllowed}), both
     * end voltages within {@code stepEndVoltageFraction} of the reference's voltage window (a half cell's
     * lithiation ends a few mV above 0 V, so a fraction of the end voltage itself would be under the
     * noise), the temperature within {@code stepTemperatureK} of the reference's (below it only, if
     * {@code easierAllowed}).
     *
     * <p>Why a warmer cycle may be judged against a cooler level: at the same currents and voltage limits a
     * warmer cell runs further before its voltage limit, since its electrolyte's and interfaces'
     * resistances, its charge-transfer overpotential and its solid-state diffusion all ease with
     * temperature (Arrhenius), in liquid and solid electrolytes alike. A chamber step that warms the cell
     * therefore explains a gain, never a loss: a loss that arrives with a warming step is a loss, and is
     * seen at once against the cooler cycles before it instead of being learnt as the new chamber's level.
     * (A loss that comes with a cooling step still cannot be told from the cold until the chamber returns.)
     */
    static boolean sameConditions(
            double[] cycle, double[] reference, CapacityFadeSettings settings, boolean easierAllowed) {
        double window = Math.abs(reference[END_OF_CHARGE_V] - reference[END_OF_DISCHARGE_V]);
        for (int i : new int[] {CHARGE_A, DISCHARGE_A}) {
            double off = cycle[i] - reference[i];
            double limit = settings.stepCurrentFraction() * Math.abs(reference[i]);
            if (off > limit || (!easierAllowed && off < -limit)) {
                return false;
            }
        }
        for (int i : new int[] {END_OF_CHARGE_V, END_OF_DISCHARGE_V}) {
            if (Math.abs(cycle[i] - reference[i]) > settings.stepEndVoltageFraction() * window) {
                return false;
            }
        }
        double warmer = cycle[TEMPERATURE_C] - reference[TEMPERATURE_C];
        double limit = settings.stepTemperatureK();
        return warmer >= -limit && (easierAllowed || warmer <= limit);
    }

    /** Both capacities within {@code band} of the level. */
    boolean atLevel(double charge, double discharge, double band) {
        return Math.abs(charge / chargeAh - 1) <= band && Math.abs(discharge / dischargeAh - 1) <= band;
    }

    /** Both capacities more than {@code fraction} under the level. */
    boolean bothUnder(double charge, double discharge, double fraction) {
        return charge < chargeAh * (1 - fraction) && discharge < dischargeAh * (1 - fraction);
    }

    double temperatureC() {
        return conditions[TEMPERATURE_C];
    }

    double dischargeCurrentA() {
        return conditions[DISCHARGE_A];
    }
}

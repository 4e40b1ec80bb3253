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
 * chamber, whatever those conditions are: a loss after a chamber step or a rate change is seen against
 * the cycles at the new conditions, and a loss that came together with a change is seen when the
 * conditions return and the capacity does not. A level not seen for long is forgotten once the fade the
 * profile allows could have moved it by a step's worth.
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
                return null;
            }
            conditions[i] = known[i];
        }
        int index = cycle.cycleIndex();
        double charge = cycle.chargeAh();
        double discharge = cycle.dischargeAh();
        // Forget levels the allowed fade could have moved by a step's worth since they were last seen.
        remembered.removeIf(level -> fadePerCycleAllowed * (index - level.lastCycle) > protocol.shiftFraction());
        ConditionLevel basis = remembered.stream()
                .filter(level -> level.sameConditions(conditions, settings, true))
                .max(Comparator.comparingInt(level -> level.lastCycle))
                .orElse(null);
        if (basis != null) {
            double threshold = protocol.shiftFraction() + fadePerCycleAllowed * Math.max(1, index - basis.lastCycle);
            if (basis.bothUnder(charge, discharge, threshold)) {
                if (runBasis != basis.firstCycle) {
                    run = 0;
                    runBasis = basis.firstCycle;
                    runFirstCycle = index;
                }
                Loss loss = new Loss(basis, threshold, ++run, runFirstCycle);
                if (run >= settings.stepCycles()) {
                    // Reported: what the cell holds under these conditions is learnt afresh.
                    remembered.remove(basis);
                    endRun();
                }
                return loss;
            }
            if (basis.sameConditions(conditions, settings, false)) {
                endRun(); // back at the usual conditions and not down: whatever ran before was not a loss
            }
        }
        learn(index, charge, discharge, conditions, settings, protocol);
        return null;
    }

    private void learn(
            int index,
            double charge,
            double discharge,
            double[] conditions,
            CapacityFadeSettings settings,
            CapacityReference.Settings protocol) {
        for (ConditionLevel level : remembered) {
            if (level.sameConditions(conditions, settings, false)
                    && level.atLevel(charge, discharge, protocol.learnBand())) {
                level.fold(index, charge, discharge, conditions, protocol.alpha());
                forming = null; // a level is made of consecutive cycles alike
                return;
            }
        }
        if (forming != null
                && forming.sameConditions(conditions, settings, false)
                && forming.atLevel(charge, discharge, protocol.learnBand())) {
            forming.fold(index, charge, discharge, conditions, protocol.alpha());
        } else {
            forming = ConditionLevel.startedBy(index, charge, discharge, conditions);
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

    private void endRun() {
        run = 0;
        runBasis = -1;
    }
}

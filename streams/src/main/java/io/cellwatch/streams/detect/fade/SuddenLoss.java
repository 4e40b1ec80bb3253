package io.cellwatch.streams.detect.fade;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Severity;
import io.cellwatch.streams.detect.CapacityReference;
import io.cellwatch.streams.detect.Episode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The sudden-loss rule of {@link CapacityFadeDetector}: a step down in capacity that no protocol explains. */
final class SuddenLoss {
    private static final AlertKind KIND = AlertKind.CAPACITY_FADE;

    private SuddenLoss() {}

    /**
     * A cycle the protocol rules set aside with both capacities down: under the usual conditions
     * ({@link CapacityStep}), or down by more than a faster rate can take off beyond the protocol-cycle
     * limit (where the cycle says which step came first, either capacity down by more than its own step and
     * the step it followed can take off: {@link CapacityStep#lossEachStepExplains}), or, once a run has
     * begun, at a faster rate but no higher than the level the run's first cycle lost ({@link
     * #holdsTheLoss}), for {@link CapacityFadeSettings#stepCycles()} cycles running, it is the cell that lost
     * capacity, reported rather than relearnt silently as a new protocol.
     */
    static List<Alert> judge(
            CapacityFadeState state,
            CycleSummary cycle,
            double[] shifts,
            CapacityReference.Settings protocol,
            CapacityFadeSettings settings) {
        boolean bothDown = shifts[0] < -protocol.shiftFraction() && shifts[1] < -protocol.shiftFraction();
        if (!bothDown) {
            state.step.run = 0;
            return List.of();
        }
        double explained = state.step.lossTheConditionsExplain(cycle, settings, protocol.learnCycles());
        double[] eachExplains = state.step.lossEachStepExplains(cycle, explained, settings);
        boolean chargeBeyond = shifts[0] < -(eachExplains[0] + protocol.shiftFraction());
        boolean dischargeBeyond = shifts[1] < -(eachExplains[1] + protocol.shiftFraction());
        // Where the cycle says which step came first, each capacity is held to what its own step and the one it
        // followed explain, and either past that is the cell's loss (both are down already: a cell that took in
        // less gives out less). Without the order the cycle's faster step is taken for both, and both must be past.
        boolean stepsKnown = cycle.chargeFirst() != null;
        boolean unexplained = stepsKnown ? chargeBeyond || dischargeBeyond : chargeBeyond && dischargeBeyond;
        boolean heldAtAFasterRate = false;
        if (!unexplained) {
            heldAtAFasterRate = holdsTheLoss(state.step, cycle, explained, protocol);
            if (!heldAtAFasterRate) {
                // Another rate (a loss it can explain), a paused step, a diagnostic cycle, another chamber
                // temperature: it tells nothing either way about the cycles around it, so it neither counts
                // nor ends the run.
                return List.of();
            }
        }
        if (state.step.run++ == 0) {
            state.step.firstCycle = cycle.cycleIndex();
            state.step.lossChargeAh = cycle.chargeAh();
            state.step.lossDischargeAh = cycle.dischargeAh();
        }
        state.episode.signatureSeen();
        if (state.step.run < settings.stepCycles()) {
            return List.of();
        }
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("chargeShift", shifts[0]);
        evidence.put("dischargeShift", shifts[1]);
        evidence.put("thresholdShift", protocol.shiftFraction());
        evidence.put("usualDischargeAh", cycle.dischargeAh() / (1 + shifts[1]));
        evidence.put("usualDischargeCurrentA", state.step.dischargeCurrentA.mean());
        evidence.put("usualTemperatureC", state.step.temperatureC.mean());
        evidence.put("lossTheRateExplains", explained);
        if (stepsKnown) {
            evidence.put("chargeFirst", cycle.chargeFirst() ? 1.0 : 0.0);
            // (NaN, left out: the step before was not at the usual cut-off, or is not known)
            if (Double.isFinite(eachExplains[0])) {
                evidence.put("chargeLossTheRatesExplain", eachExplains[0]);
            }
            if (Double.isFinite(eachExplains[1])) {
                evidence.put("dischargeLossTheRatesExplain", eachExplains[1]);
            }
        }
        String at = heldAtAFasterRate
                ? String.format(
                        Locale.ROOT,
                        "the cycles from %d, then a current at most %.0f %% faster that reached no more than they"
                                + " had lost to (a rate change takes nothing off a step run before it): not a protocol"
                                + " change",
                        state.step.firstCycle,
                        percentFaster(explained))
                : stepsKnown
                        ? stepConditions(chargeBeyond, chargeBeyond ? eachExplains[0] : eachExplains[1])
                        : cycleConditions(explained);
        return fire(state, cycle, evidence, state.step.firstCycle, state.step.run, "the usual", at);
    }

    /** How much faster than usual a rate is that takes off {@code explained} at the very most (1 − 1/f), %. */
    private static double percentFaster(double explained) {
        return 100 * (1 / (1 - explained) - 1);
    }

    /** What a cycle past its explanation ran under, where the order of its steps is not known. */
    private static String cycleConditions(double explained) {
        if (explained <= 0) {
            return "the usual current, voltage limits and temperature: not a protocol change";
        }
        return String.format(
                Locale.ROOT,
                "the usual voltage limits and temperature and a current at most %.0f %% faster, which takes off"
                        + " %.0f %% at the very most: not a protocol change",
                percentFaster(explained),
                100 * explained);
    }

    /**
     * What a step past its explanation ran under: its own current and the step before it's, within the usual or
     * at most so much faster.
     */
    private static String stepConditions(boolean charge, double explained) {
        String step = charge ? "charge" : "discharge";
        String before = charge ? "discharge" : "charge";
        return explained > 0
                ? String.format(
                        Locale.ROOT,
                        "the usual voltage limits and temperature and a %s that, with the %s before it, ran at most"
                                + " %.0f %% faster than usual, which takes off %.0f %% at the very most: not a"
                                + " protocol change",
                        step,
                        before,
                        percentFaster(explained),
                        100 * explained)
                : String.format(
                        Locale.ROOT,
                        "the usual voltage limits and temperature and a %s at no more than the usual current after a %s"
                                + " at no more than the usual current to the usual cut-off (a faster step after it takes"
                                + " nothing off it): not a protocol change",
                        step,
                        before);
    }

    /**
     * Whether a cycle at a faster rate, down by no more than that rate may take off, still counts for a
     * loss run begun under the usual conditions: a rate change takes nothing off a cycle that ran
     * before it, so the run's first cycle is the cell's loss unless it was a glitch of hours; a glitch
     * passes, and the cell then reaches over the lost level again (such a cycle does not count; it does
     * not end the run either, as no cycle under other conditions does, here or against the levels), while
     * a cell that lost the capacity reaches no more than the lost level at a faster rate (within the
     * learning band). Without this a loss one or two cycles before a faster rate that stays is never
     * reported: every cycle after it is within what the faster rate may take off (up to half at twice
     * the current).
     */
    private static boolean holdsTheLoss(
            CapacityStep step, CycleSummary cycle, double explained, CapacityReference.Settings protocol) {
        return step.run > 0
                && explained > 0
                && step.lossChargeAh > 0
                && step.lossDischargeAh > 0
                && cycle.chargeAh() <= step.lossChargeAh * (1 + protocol.learnBand())
                && cycle.dischargeAh() <= step.lossDischargeAh * (1 + protocol.learnBand());
    }

    /**
     * A cycle down against the level the cell last held under the same conditions ({@link ConditionLevels}),
     * whatever those conditions are: for {@link CapacityFadeSettings#stepCycles()} cycles it is the cell
     * that lost capacity, not a rate or chamber change (those change the conditions the level is kept under).
     */
    static List<Alert> judgeAgainstLevel(
            CapacityFadeState state,
            CycleSummary cycle,
            CapacityReference.Settings protocol,
            CapacityFadeSettings settings,
            double fadePerCycleAllowed) {
        ConditionLevels.Loss loss = state.levels.observe(cycle, settings, protocol, fadePerCycleAllowed);
        if (loss == null) {
            return List.of();
        }
        state.episode.signatureSeen();
        if (loss.run() < settings.stepCycles()) {
            return List.of();
        }
        ConditionLevel basis = loss.basis();
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("chargeShift", cycle.chargeAh() / basis.chargeAh - 1);
        evidence.put("dischargeShift", cycle.dischargeAh() / basis.dischargeAh - 1);
        evidence.put("thresholdShift", loss.threshold());
        evidence.put("usualDischargeAh", basis.dischargeAh);
        evidence.put("usualDischargeCurrentA", basis.dischargeCurrentA());
        evidence.put("usualTemperatureC", basis.temperatureC());
        evidence.put("levelFromCycle", (double) basis.firstCycle);
        evidence.put("levelToCycle", (double) basis.lastCycle);
        String against = String.format(Locale.ROOT, "cycles %d–%d", basis.firstCycle, basis.lastCycle);
        return fire(
                state,
                cycle,
                evidence,
                loss.firstCycle(),
                loss.run(),
                against,
                "their current, voltage limits and temperature: not a protocol change");
    }

    /** Fires the warning; {@code conditions} says what the cycles ran under and why that is no protocol change. */
    private static List<Alert> fire(
            CapacityFadeState state,
            CycleSummary cycle,
            Map<String, Double> evidence,
            int firstCycle,
            int run,
            String against,
            String conditions) {
        evidence.put("cyclesRunning", (double) run);
        evidence.put("sinceCycle", (double) firstCycle);
        evidence.put("dischargeAh", cycle.dischargeAh());
        String message = String.format(
                Locale.ROOT,
                "Sudden capacity loss: charge %+.1f %% and discharge %+.1f %% against %s since cycle %d "
                        + "(%d cycles), at %s",
                100 * evidence.get("chargeShift"),
                100 * evidence.get("dischargeShift"),
                against,
                firstCycle,
                run,
                conditions);
        return state.episode.fire(KIND, Severity.WARNING, Episode.Evidence.of(cycle), message, evidence);
    }
}

package io.cellwatch.simulator.lab;

import java.util.Locale;

/**
 * Tells the truth of the benign schedule changes that begin with a cycle of a full or half cell:
 * formation, the conditioning ramp, C-rate changes, cut-off changes, temperature steps and diagnostic
 * cycles. They are the lab's doing, not the cell's, so a detector that fires on them raises a false alarm.
 */
final class ScheduleEvents {
    private ScheduleEvents() {}

    /** Tells truth, at channel second now, of every schedule change that begins with this cycle. */
    static void tell(CellPlan plan, int cycle, double now, TruthBuilder truth) {
        if (cycle == 1 && plan.formationCycles > 0 && plan.formationLoss > 0) {
            mark(truth, BenignCondition.FORMATION, now, "first-cycle CE %.1f %%", 100 * (1 - plan.lossOf(1)));
        }
        if (cycle == 1 && plan.isConditioning(1)) {
            mark(
                    truth,
                    BenignCondition.CONDITIONING_RAMP,
                    now,
                    "%d cycles at %.2fC",
                    plan.conditioningCycles,
                    plan.conditioningRate);
        }
        for (CellPlan.RateChange change : plan.rateChanges) {
            if (change.fromCycle() == cycle) {
                mark(
                        truth,
                        BenignCondition.C_RATE_CHANGE,
                        now,
                        "charge %.2fC, discharge %.2fC from cycle %d",
                        plan.chargeRate(cycle),
                        plan.dischargeRate(cycle),
                        cycle);
            }
        }
        for (CellPlan.CutoffChange change : plan.cutoffChanges) {
            if (change.fromCycle() == cycle) {
                mark(
                        truth,
                        BenignCondition.CUTOFF_CHANGE,
                        now,
                        "charge cut-off %.3f V, discharge cut-off %.3f V from cycle %d",
                        plan.chargeCutoffV(cycle),
                        plan.dischargeCutoffV(cycle),
                        cycle);
            }
        }
        for (CellPlan.TemperatureStep step : plan.temperatureSteps) {
            if (step.fromCycle() == cycle) {
                String last = step.toCycle() == Integer.MAX_VALUE ? "end" : Integer.toString(step.toCycle() - 1);
                mark(
                        truth,
                        BenignCondition.TEMPERATURE_STEP,
                        now,
                        "%+.0f K, capacity ×%.2f, cycles %d–%s",
                        step.deltaC(),
                        step.capacityFactor(),
                        step.fromCycle(),
                        last);
            }
        }
        if (plan.isDiagnostic(cycle)) {
            mark(truth, BenignCondition.DIAGNOSTIC_CYCLE, now, "C/%.0f cycle %d", 1 / plan.diagnosticRate, cycle);
        }
    }

    /** A change that takes effect at one moment, with its detail written in the lab's words. */
    private static void mark(TruthBuilder truth, BenignCondition condition, double now, String format, Object... args) {
        truth.event(condition, now, now, String.format(Locale.ROOT, format, args));
    }
}

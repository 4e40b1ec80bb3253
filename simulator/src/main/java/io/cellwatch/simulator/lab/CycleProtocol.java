package io.cellwatch.simulator.lab;

import io.cellwatch.model.StepType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The steps of one cycle of a full or half cell's schedule, with the plan's benign events put in:
 * a charge interrupted by a pause or an impedance scan, DCIR pulses, calendar pauses, diagnostic
 * cycles (steps numbered from 11, as schedules give diagnostic blocks steps of their own).
 *
 * <p>Step numbers: charge 1, CV 2, rest 3, discharge 4, rest 5, DCIR pulse 6 and its rest 7,
 * impedance scan 8, calendar pause 9. A cell that starts its cycle with the discharge (an anode
 * half cell lithiating its working electrode) runs discharge 1, rest 2, charge 3, rest 4.
 */
final class CycleProtocol {
    /** The cycler stops a charge or discharge that runs this many times its nominal duration. */
    static final double STEP_TIME_LIMIT_FACTOR = 4.5;

    private CycleProtocol() {}

    static List<PlannedStep> cycle(CellPlan plan, int cycle, SplittableRandom rng) {
        Chemistry chem = plan.chemistry;
        boolean diagnostic = plan.isDiagnostic(cycle);
        int base = diagnostic ? 10 : 0;
        double chargeRate = plan.chargeRate(cycle);
        double dischargeRate = plan.dischargeRate(cycle);
        double chargeA = chargeRate * plan.nominalAh;
        double dischargeA = -dischargeRate * plan.nominalAh;
        List<PlannedStep> charge = new ArrayList<>();
        int chargeStep = base + (chem.dischargeFirst ? 3 : 1);
        chargePart(plan, cycle, chargeStep, chargeA, chargeRate, charge);
        if (chem.cvMaxS > 0) {
            double cutoff = (diagnostic ? 0.02 : plan.cvCutoffRate) * plan.nominalAh;
            charge.add(PlannedStep.cv(base + 2, plan.chargeCutoffV(cycle), chargeA, cutoff, chem.cvMaxS));
        }
        PlannedStep discharge = PlannedStep.cc(
                base + (chem.dischargeFirst ? 1 : 4),
                StepType.DISCHARGE,
                dischargeA,
                plan.dischargeCutoffV(cycle),
                STEP_TIME_LIMIT_FACTOR * 3600 / dischargeRate,
                true);
        List<PlannedStep> steps = new ArrayList<>();
        if (chem.dischargeFirst) {
            steps.add(discharge);
            steps.add(PlannedStep.rest(base + 2, rest(plan, plan.restAfterDischargeS, rng)));
            calendarPause(plan, cycle, false, steps);
            steps.addAll(charge);
            steps.add(PlannedStep.rest(base + 4, rest(plan, plan.restAfterChargeS, rng)));
            afterChargeExtras(plan, cycle, dischargeRate, steps);
            calendarPause(plan, cycle, true, steps);
        } else {
            steps.addAll(charge);
            steps.add(PlannedStep.rest(base + 3, rest(plan, plan.restAfterChargeS, rng)));
            calendarPause(plan, cycle, true, steps);
            afterChargeExtras(plan, cycle, dischargeRate, steps);
            steps.add(discharge);
            steps.add(PlannedStep.rest(base + 5, rest(plan, plan.restAfterDischargeS, rng)));
            calendarPause(plan, cycle, false, steps);
        }
        return steps;
    }

    private static void chargePart(
            CellPlan plan, int cycle, int step, double chargeA, double chargeRate, List<PlannedStep> out) {
        double limit = STEP_TIME_LIMIT_FACTOR * 3600 / chargeRate;
        double vMax = plan.chargeCutoffV(cycle);
        CellPlan.MidChargePause pause = plan.midChargePauses.stream()
                .filter(p -> p.cycle() == cycle)
                .findFirst()
                .orElse(null);
        boolean eis = plan.eisMidCharge && plan.eisEvery > 0 && cycle % plan.eisEvery == 0;
        if (pause != null || eis) {
            double at = pause != null ? pause.atFraction() : 0.5;
            out.add(PlannedStep.cc(step, StepType.CHARGE, chargeA, vMax, at * 3600 / chargeRate, false));
            if (pause != null) {
                out.add(PlannedStep.pauseInside(step, StepType.CHARGE, pause.durationS())
                        .as(BenignCondition.PAUSE_MID_CHARGE, hours(pause.durationS()) + " without rows"));
            } else {
                out.add(PlannedStep.other(8, plan.eisS).as(BenignCondition.EIS_INTERRUPTION, "mid-charge scan"));
            }
        }
        out.add(PlannedStep.cc(step, StepType.CHARGE, chargeA, vMax, limit, true));
    }

    private static void afterChargeExtras(CellPlan plan, int cycle, double dischargeRate, List<PlannedStep> out) {
        if (plan.dcirEvery > 0 && cycle % plan.dcirEvery == 0) {
            out.add(PlannedStep.cc(
                            6,
                            StepType.DISCHARGE,
                            -plan.dcirRate * plan.nominalAh,
                            plan.chemistry.vMin,
                            plan.dcirS,
                            false)
                    .as(
                            BenignCondition.DCIR_PULSE,
                            String.format(Locale.ROOT, "%.0fC for %.0f s", plan.dcirRate, plan.dcirS)));
            out.add(PlannedStep.rest(7, 60));
        }
        if (!plan.eisMidCharge && plan.eisEvery > 0 && cycle % plan.eisEvery == 0) {
            out.add(PlannedStep.other(8, plan.eisS).as(BenignCondition.EIS_INTERRUPTION, "scan in the rest"));
        }
    }

    private static void calendarPause(CellPlan plan, int cycle, boolean afterCharge, List<PlannedStep> out) {
        for (CellPlan.CalendarPause pause : plan.calendarPauses) {
            if (pause.cycle() == cycle && pause.afterCharge() == afterCharge) {
                PlannedStep step = PlannedStep.rest(9, pause.durationS())
                        .as(
                                BenignCondition.CALENDAR_PAUSE,
                                String.format(
                                        Locale.ROOT,
                                        "%.1f days after the %s, %s",
                                        pause.durationS() / 86_400,
                                        afterCharge ? "charge" : "discharge",
                                        pause.logged() ? "rows every 10 min" : "no rows"));
                out.add(pause.logged() ? step.rowsAtMostEvery(600) : step.unlogged());
            }
        }
    }

    /**
     * The lab holding the channel inside a step (a clock-bound pause): no current, the step's number
     * and type kept, rows every 10 min or none.
     */
    static PlannedStep held(PlannedStep step, ClockEvents.LabPause pause) {
        PlannedStep held = PlannedStep.pauseInside(step.stepIndex(), step.type(), pause.durationS())
                .as(
                        BenignCondition.CALENDAR_PAUSE,
                        String.format(
                                Locale.ROOT,
                                "%.1f days, the lab holding the channel in its %s step, %s",
                                pause.durationS() / 86_400,
                                step.type().name().toLowerCase(Locale.ROOT),
                                pause.logged() ? "rows every 10 min" : "no rows"));
        return pause.logged() ? held.loggedEvery(600) : held;
    }

    private static double rest(CellPlan plan, double fixed, SplittableRandom rng) {
        if (plan.restRangeS == null) {
            return fixed;
        }
        double lo = Math.log(plan.restRangeS[0]);
        double hi = Math.log(plan.restRangeS[1]);
        return Math.rint(Math.exp(rng.nextDouble(lo, hi)));
    }

    private static String hours(double s) {
        return String.format(Locale.ROOT, "%.1f h", s / 3600);
    }
}

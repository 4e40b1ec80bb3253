package io.cellwatch.simulator.lab;

import java.util.List;
import java.util.Locale;

/**
 * Puts a benign condition into a drawn full or half cell, with its timing and size drawn from the
 * seed within the ranges below (the numbers where it gives them, lab practice otherwise):
 *
 * <ul>
 *   <li>formation: watched from cycle 1, first-cycle CE of the chemistry, 1–3 conditioning cycles at C/20–C/5;
 *   <li>current offset: ±0.2–1 % of the charge current, from the start or from a drawn moment;
 *   <li>calibration drift: gain ±0.5–1.5 % reached over half to all of the run;
 *   <li>temperature step: 1–2 steps, capacity ×0.75–0.9 (cold) or ×1.1–1.25 (warm) at 0.83 %/K (±25 % for
 *       ±30 K, the figure), for 5–40 cycles or for good (30 %); resistance follows Arrhenius;
 *   <li>C-rate change: 1–3 changes of the charge and discharge rates by ±10–50 %;
 *   <li>cut-off change: 1–2 moves of the charge's cut-off voltage, the discharge's or both, by ±0.05–0.15 V
 *       (a lab trying 4.1 V instead of 4.2 V, or 4.3 V; 2.8 V instead of 3.0 V), an electrode discharged
 *       towards 0 V against lithium only raised, by 0.01–0.05 V (under 0 V lithium plates on it); how much
 *       capacity follows is the chemistry's OCV curve's doing;
 *   <li>varying rests: every rest 1 min–2 h, log-uniform;
 *   <li>calendar pause: 1–3 pauses of 1–14 days after a charge or a discharge, rows every 10 min or none;
 *   <li>pause mid-charge: 1–4 pauses of 10 min–48 h (log-uniform) after 20–80 % of a charge, no rows;
 *   <li>contact glitch: 2–6 glitches of +20–300 % of the cell's resistance for 1 min–2 h (log-uniform);
 *   <li>voltage-triggered logging: a row per 1–10 mV or every 5–30 min;
 *   <li>logging interval: a row every 1–5 s or every 300–600 s;
 *   <li>DCIR pulses: every 5–20 cycles, 2–5C for 10–30 s; impedance scans every 5–20 cycles, 5–20 min,
 *       in the rest or in the middle of the charge;
 *   <li>diagnostic cycles: C/20 or C/10 every 20–100 cycles;
 *   <li>record-number restarts and counter resets: 1–3 of each at drawn moments.
 * </ul>
 */
final class Conditions {
    /** Capacity change per kelvin of a temperature step (±25 % for ±30 K). */
    static final double CAPACITY_PER_KELVIN = 0.0083;

    /** Conditions that fit any full-cell run (those a fault run may carry besides its fault). */
    static final List<BenignCondition> COMBINABLE = List.of(
            BenignCondition.VARYING_RESTS,
            BenignCondition.TEMPERATURE_STEP,
            BenignCondition.C_RATE_CHANGE,
            BenignCondition.CALENDAR_PAUSE,
            BenignCondition.PAUSE_MID_CHARGE,
            BenignCondition.CONTACT_GLITCH,
            BenignCondition.VOLTAGE_TRIGGERED_LOGGING,
            BenignCondition.DCIR_PULSE,
            BenignCondition.DIAGNOSTIC_CYCLE,
            BenignCondition.CALIBRATION_DRIFT);

    private Conditions() {}

    /**
     * Adds the condition to cell p, with events between cycles first and last (channel seconds
     * spanning [0, hours]).
     */
    static void apply(BenignCondition condition, CellDraw d, CellPlan p, int first, int last, double hours) {
        double runS = hours * 3600;
        switch (condition) {
            case FORMATION, CONDITIONING_RAMP -> {
                p.startCycle = 1;
                p.testTimeAtStartS = 0;
                p.conditioningCycles = d.between(1, 3);
                p.conditioningRate = d.pick(List.of(0.05, 0.1, 0.2));
            }
            case CURRENT_OFFSET -> {
                double offset = d.sign() * d.uniform(0.002, 0.01) * p.chargeRate * p.nominalAh;
                double from = d.chance(0.5) ? 0 : d.uniform(0.2, 0.7) * runS;
                d.quirks.currentOffsetA = offset;
                d.quirks.currentOffsetFromS = from;
                d.known.add(new BenignEvent(
                        condition,
                        from,
                        from,
                        String.format(
                                Locale.ROOT,
                                "%+.2f %% of the charge current",
                                100 * offset / (p.chargeRate * p.nominalAh))));
            }
            case CALIBRATION_DRIFT -> {
                d.quirks.gainDrift = d.sign() * d.uniform(0.005, 0.015);
                d.quirks.gainDriftOverS = d.uniform(0.5, 1.0) * runS;
                d.known.add(new BenignEvent(
                        condition,
                        0,
                        d.quirks.gainDriftOverS,
                        String.format(Locale.ROOT, "gain %+.2f %%", 100 * d.quirks.gainDrift)));
            }
            case TEMPERATURE_STEP -> {
                for (int k = d.between(1, 2); k > 0; k--) {
                    double factor = d.chance(0.5) ? d.uniform(0.75, 0.9) : d.uniform(1.1, 1.25);
                    int from = d.between(first, last);
                    int to = d.chance(0.3) ? Integer.MAX_VALUE : from + d.between(5, 40);
                    p.temperatureSteps.add(
                            new CellPlan.TemperatureStep(from, to, (factor - 1) / CAPACITY_PER_KELVIN, factor));
                }
            }
            case C_RATE_CHANGE -> {
                for (int k = d.between(1, 3); k > 0; k--) {
                    double charge = 1 + d.sign() * d.uniform(0.1, 0.5);
                    double discharge = d.chance(0.5) ? charge : 1 + d.sign() * d.uniform(0.1, 0.5);
                    p.rateChanges.add(new CellPlan.RateChange(d.between(first, last), charge, discharge));
                }
                p.rateChanges.sort(java.util.Comparator.comparingInt(CellPlan.RateChange::fromCycle));
            }
            case CUTOFF_CHANGE -> {
                for (int k = d.between(1, 2); k > 0; k--) {
                    int ends = d.between(0, 2); // the charge's, the discharge's, or both
                    double charge = ends != 1 ? d.sign() * d.uniform(0.05, 0.15) : 0;
                    double discharge = 0;
                    if (ends != 0) {
                        discharge = p.chemistry.vMin < 0.5 ? d.uniform(0.01, 0.05) : d.sign() * d.uniform(0.05, 0.15);
                    }
                    p.cutoffChanges.add(new CellPlan.CutoffChange(d.between(first, last), charge, discharge));
                }
                p.cutoffChanges.sort(java.util.Comparator.comparingInt(CellPlan.CutoffChange::fromCycle));
            }
            case VARYING_RESTS -> {
                p.restRangeS = new double[] {60, 7200};
                d.known.add(new BenignEvent(condition, 0, runS, "every rest 1 min–2 h"));
            }
            case CALENDAR_PAUSE -> {
                for (int k = d.between(1, 3); k > 0; k--) {
                    p.calendarPauses.add(new CellPlan.CalendarPause(
                            d.between(first, last), d.chance(0.5), d.uniform(1, 14) * 86_400, d.chance(0.5)));
                }
            }
            case PAUSE_MID_CHARGE -> {
                for (int k = d.between(1, 4); k > 0; k--) {
                    p.midChargePauses.add(new CellPlan.MidChargePause(
                            d.between(first, last), d.uniform(0.2, 0.8), d.logUniform(600, 48 * 3600)));
                }
            }
            case CONTACT_GLITCH -> {
                for (int k = d.between(2, 6); k > 0; k--) {
                    double start = d.uniform(0.05, 0.95) * runS;
                    double duration = d.logUniform(60, 7200);
                    double extra = d.uniform(0.2, 3.0) * p.resistanceOhm;
                    p.contactGlitches.add(new CellPlan.ContactGlitch(start, duration, extra));
                    d.known.add(new BenignEvent(
                            condition,
                            start,
                            start + duration,
                            String.format(
                                    Locale.ROOT,
                                    "+%.3g Ω (%.0f %% of the cell's)",
                                    extra,
                                    100 * extra / p.resistanceOhm)));
                }
            }
            case VOLTAGE_TRIGGERED_LOGGING -> {
                d.logging = LoggingPolicy.voltageTriggered(
                        d.between(1, 10) / 1000.0, d.pick(List.of(300.0, 600.0, 1200.0, 1800.0)));
                d.known.add(new BenignEvent(condition, 0, runS, d.logging.describe()));
            }
            case LOGGING_INTERVAL -> {
                d.logging = LoggingPolicy.every(d.chance(0.5) ? d.between(1, 5) : d.between(300, 600));
                d.known.add(new BenignEvent(condition, 0, runS, d.logging.describe()));
            }
            case DCIR_PULSE, EIS_INTERRUPTION -> {
                p.dcirEvery = d.between(5, 20);
                p.dcirRate = d.uniform(2, 5);
                p.dcirS = d.pick(List.of(10.0, 18.0, 30.0));
                p.eisEvery = d.between(5, 20);
                p.eisS = d.uniform(300, 1200);
                p.eisMidCharge = d.chance(0.5);
            }
            case DIAGNOSTIC_CYCLE -> {
                p.diagnosticEvery = d.between(20, 100);
                p.diagnosticRate = d.pick(List.of(0.05, 0.1));
            }
            case RECORD_NUMBER_RESTART, COUNTER_RESET -> {
                d.quirks.recordRestartsAtS = moments(d, d.between(1, 3), runS);
                d.quirks.counterResetsAtS = moments(d, d.between(1, 3), runS);
                for (double s : d.quirks.recordRestartsAtS) {
                    d.known.add(
                            new BenignEvent(BenignCondition.RECORD_NUMBER_RESTART, s, s, "record number back to 1"));
                }
                for (double s : d.quirks.counterResetsAtS) {
                    d.known.add(
                            new BenignEvent(BenignCondition.COUNTER_RESET, s, s, "capacity counters to 0 mid-step"));
                }
            }
            default -> throw new IllegalArgumentException(condition + " is not a full-cell condition");
        }
    }

    private static double[] moments(CellDraw d, int n, double runS) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = Math.rint(d.uniform(0.1, 0.9) * runS);
        }
        java.util.Arrays.sort(s);
        return s;
    }
}

package io.cellwatch.simulator.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Everything drawn for one full or half cell and its schedule: the cell's parameters, the protocol,
 * the benign events and the fault. Mutable only while a template fills it in; the run reads it.
 * Rates are C-rates against {@link #nominalAh}; cycles are the cycler's cycle indices.
 */
final class CellPlan {
    /** A change of the schedule's rates from a cycle on (multipliers of the base rates). */
    record RateChange(int fromCycle, double chargeFactor, double dischargeFactor) {}

    /**
     * The charge's and the discharge's cut-off voltages moved by these from a cycle on, from the chemistry's
     * (the lab's protocol change; 0 leaves that end where it is).
     */
    record CutoffChange(int fromCycle, double chargeDeltaV, double dischargeDeltaV) {}

    /** The chamber at another temperature for cycles [fromCycle, toCycle). */
    record TemperatureStep(int fromCycle, int toCycle, double deltaC, double capacityFactor) {}

    /** The test paused for durationS after the charge (or the discharge) of a cycle. */
    record CalendarPause(int cycle, boolean afterCharge, double durationS, boolean logged) {}

    /** The charge of a cycle stopped after a fraction of its usual duration, nothing logged, then resumed. */
    record MidChargePause(int cycle, double atFraction, double durationS) {}

    /** Extra contact resistance from channel second startS for durationS. */
    record ContactGlitch(double startS, double durationS, double extraOhm) {}

    Chemistry chemistry;
    boolean anodeFirstOrder;

    double nominalAh;
    /** Available capacity when monitoring joins (at startCycle). */
    double capacityAh;

    double resistanceOhm;
    double concentrationSocPerC;
    double relaxationS;

    double ceLoss;
    double ceLossScatterRel = 0.2;
    double capacityScatterRel = 0.001;
    /** Extra side-reaction loss of the first cycle, a third of it in the next, and so on. */
    double formationLoss;

    int formationCycles;
    double fadePerCycle;
    /** Anode-free: the capacity is the lithium inventory, which loses the CE loss every cycle. */
    boolean inventoryFade;

    double selfDischargePerMonth;

    double chargeRate;
    double dischargeRate;
    double cvMaxS;
    double cvCutoffRate;
    double restAfterChargeS;
    double restAfterDischargeS;
    /** Rests drawn per rest, log-uniform in [min, max] s; null: the fixed rests above. */
    double[] restRangeS;

    int startCycle = 1;
    double testTimeAtStartS;
    double temperatureC = 25;

    final List<RateChange> rateChanges = new ArrayList<>();
    final List<TemperatureStep> temperatureSteps = new ArrayList<>();
    final List<CutoffChange> cutoffChanges = new ArrayList<>();
    final List<CalendarPause> calendarPauses = new ArrayList<>();
    final List<MidChargePause> midChargePauses = new ArrayList<>();
    final List<ContactGlitch> contactGlitches = new ArrayList<>();
    /** Events bound to the wall clock (a replicate group's chamber steps and pauses). */
    final ClockEvents clock = new ClockEvents();

    int dcirEvery;
    double dcirRate;
    double dcirS;
    int eisEvery;
    double eisS;
    boolean eisMidCharge;
    int diagnosticEvery;
    double diagnosticRate;
    int conditioningCycles;
    double conditioningRate;

    LeakLaw leak;
    int leakOnsetCycle;
    int capacityLossCycle;
    double capacityLossFactor = 1;
    /** A hard short of hardShortOhm appears hardShortDelayS into cycle hardShortCycle (0: none). */
    int hardShortCycle;

    double hardShortDelayS;
    double hardShortOhm;

    /** The run ends after this cycle (or at maxHours, or soon after death). */
    int lastCycle = Integer.MAX_VALUE;

    /** Activation energy of the cell's resistance, J/mol (ionic conduction and charge transfer, 20–50 kJ/mol). */
    static final double RESISTANCE_ACTIVATION_J_PER_MOL = 25_000;

    boolean leaks(int cycle) {
        return leak != null && cycle >= leakOnsetCycle;
    }

    boolean isDiagnostic(int cycle) {
        return diagnosticEvery > 0 && cycle % diagnosticEvery == 0;
    }

    boolean isConditioning(int cycle) {
        return cycle < startCycle + conditioningCycles && startCycle == 1;
    }

    double chargeRate(int cycle) {
        return rateIn(cycle, chargeRate, RateChange::chargeFactor);
    }

    double dischargeRate(int cycle) {
        return rateIn(cycle, dischargeRate, RateChange::dischargeFactor);
    }

    /** The C-rate in this cycle: diagnostic or conditioning rate, else the planned one after its latest change. */
    private double rateIn(int cycle, double planned, ToDoubleFunction<RateChange> factor) {
        if (isDiagnostic(cycle)) {
            return diagnosticRate;
        }
        if (isConditioning(cycle)) {
            return conditioningRate;
        }
        double rate = planned;
        for (RateChange change : rateChanges) {
            if (cycle >= change.fromCycle()) {
                rate = planned * factor.applyAsDouble(change);
            }
        }
        return rate;
    }

    /** The charge's cut-off voltage in this cycle: the chemistry's, moved by the latest change before it. */
    double chargeCutoffV(int cycle) {
        return chemistry.vMax + latestCutoffChange(cycle, CutoffChange::chargeDeltaV);
    }

    /** The discharge's cut-off voltage in this cycle: the chemistry's, moved by the latest change before it. */
    double dischargeCutoffV(int cycle) {
        return chemistry.vMin + latestCutoffChange(cycle, CutoffChange::dischargeDeltaV);
    }

    private double latestCutoffChange(int cycle, ToDoubleFunction<CutoffChange> delta) {
        double moved = 0;
        for (CutoffChange change : cutoffChanges) {
            if (cycle >= change.fromCycle()) {
                moved = delta.applyAsDouble(change);
            }
        }
        return moved;
    }

    TemperatureStep temperatureStep(int cycle) {
        for (TemperatureStep step : temperatureSteps) {
            if (cycle >= step.fromCycle() && cycle < step.toCycle()) {
                return step;
            }
        }
        return null;
    }

    double chamberC(int cycle) {
        TemperatureStep step = temperatureStep(cycle);
        return temperatureC + (step == null ? 0 : step.deltaC());
    }

    /** The chamber's set temperature in this cycle at this channel second (cycle-bound and clock-bound steps). */
    double chamberC(int cycle, double channelS) {
        return chamberC(cycle) + clock.deltaC(channelS);
    }

    /** The lab ends a test whose cell has faded below this fraction of its capacity when watching began. */
    static final double END_OF_LIFE = 0.6;

    /**
     * True: the lab ends the test at end of life. Fault templates keep their cell on test (a lab
     * watches a failing cell to its end), so the fault always comes.
     */
    boolean stopAtEndOfLife = true;

    /** Capacity left after ageing alone (fade per cycle, compounding, from the first cycle watched), as a fraction. */
    double retained(int cycle) {
        int aged = Math.max(0, cycle - startCycle);
        return Math.pow(1 - (inventoryFade ? ceLoss : fadePerCycle), aged);
    }

    /**
     * Available capacity of a cycle before its scatter: fade (counted from the first cycle watched,
     * whose capacity was drawn), temperature, sudden loss.
     */
    double capacityAh(int cycle) {
        double fade = retained(cycle);
        TemperatureStep step = temperatureStep(cycle);
        double thermal = step == null ? 1 : step.capacityFactor();
        double lost = capacityLossCycle > 0 && cycle >= capacityLossCycle ? capacityLossFactor : 1;
        return capacityAh * fade * thermal * lost;
    }

    /**
     * Available capacity of a cycle that begins at this channel second. The model draws a cycle's
     * capacity when the cycle begins, so a chamber step that comes mid-cycle reaches the capacity
     * from the cell's next cycle on (and its resistance at once).
     */
    double capacityAh(int cycle, double cycleStartS) {
        return capacityAh(cycle) * clock.capacityFactor(cycleStartS);
    }

    /** Ohmic resistance at the chamber's temperature in this cycle at this channel second (Arrhenius). */
    double resistanceOhm(int cycle, double channelS) {
        double t = 273.15 + chamberC(cycle, channelS);
        double t0 = 273.15 + temperatureC;
        return resistanceOhm * Math.exp(RESISTANCE_ACTIVATION_J_PER_MOL / 8.314462618 * (1 / t - 1 / t0));
    }

    /** Side-reaction loss of a cycle before its scatter. */
    double lossOf(int cycle) {
        int k = cycle - 1;
        double formation = k < formationCycles ? formationLoss * Math.pow(1 / 3.0, k) : 0;
        return ceLoss + formation;
    }

    /** Extra contact resistance at a channel second. */
    double contactOhmAt(double channelS) {
        double extra = 0;
        for (ContactGlitch glitch : contactGlitches) {
            if (channelS >= glitch.startS() && channelS < glitch.startS() + glitch.durationS()) {
                extra += glitch.extraOhm();
            }
        }
        return extra;
    }

    /**
     * The next channel second after s at which the resistance the cycler sees changes (a contact
     * glitch begins or ends, a chamber step begins or ends), or infinity.
     */
    double nextResistanceChangeS(double s) {
        double next = clock.nextChamberChangeS(s);
        for (ContactGlitch glitch : contactGlitches) {
            next = Math.min(next, edgeAfter(s, glitch.startS(), glitch.startS() + glitch.durationS()));
        }
        return next;
    }

    /** The first of a window's two edges after channel second s, or infinity. */
    static double edgeAfter(double s, double start, double end) {
        if (start > s + 1e-6) {
            return start;
        }
        return end > s + 1e-6 ? end : Double.POSITIVE_INFINITY;
    }

    /** The chemistry as declared, in this lab's electrode order. */
    String writtenChemistry() {
        return chemistry.written(anodeFirstOrder);
    }
}

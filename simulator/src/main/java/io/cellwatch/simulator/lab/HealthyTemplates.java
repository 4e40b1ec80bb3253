package io.cellwatch.simulator.lab;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.TestProtocol;
import io.cellwatch.simulator.lab.ScenarioLibrary.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The healthy templates: each chemistry cycling plainly, then each benign condition on a cell of a
 * chemistry drawn per seed from all nine full and half cells (so every condition meets every
 * chemistry across seeds), and the symmetric cells' own conditions. Nothing here is a fault: any
 * alert on these channels is a false alarm.
 */
final class HealthyTemplates {
    private static final double HOUR = 3600;
    private static final List<Chemistry> ALL_CELLS = List.of(Chemistry.values());

    /**
     * The share of {@link CellDraw#roughCycleS}'s cycle count within which a condition's events are
     * drawn by cycle index. That count leaves out the constant-voltage hold, and the condition itself
     * can slow the cycling (a rate lowered by half, days of pause): over 40 seeds of each scheduled
     * template the runs reached 35–118 % of it, a tenth of them under 58–73 %, and an event drawn past
     * a run's end never happens, leaving a plain channel (1–2 seeds of 20 per template before).
     */
    private static final double REACHED_SHARE = 0.6;

    static final List<Template> ALL = build();

    private HealthyTemplates() {}

    private static List<Template> build() {
        List<Template> t = new ArrayList<>();
        t.add(plain(
                "healthy-li-ion",
                "NCM|graphite or LFP|graphite",
                List.of(Chemistry.LI_ION_NCM_GRAPHITE, Chemistry.LI_ION_LFP_GRAPHITE)));
        t.add(plain(
                "healthy-li-metal",
                "NCM|Li6PS5Cl|Li or LFP|QCPE|Li",
                List.of(Chemistry.LI_METAL_NCM, Chemistry.LI_METAL_LFP)));
        t.add(plain("healthy-anode-free", "NCM|Cu, fading by its CE loss", List.of(Chemistry.ANODE_FREE)));
        t.add(plain("healthy-li-in", "NCM622|Li6PS5Cl|Li-In (seed 004)", List.of(Chemistry.LI_IN)));
        t.add(plain(
                "healthy-anode-half-cell",
                "Si or graphite vs Li, CE = Qc/Qd",
                List.of(Chemistry.ANODE_HALF_SI, Chemistry.ANODE_HALF_GRAPHITE)));
        t.add(plain("healthy-cathode-half-cell", "NCM vs Li", List.of(Chemistry.CATHODE_HALF_NCM)));
        t.add(new Template(
                "healthy-symmetric",
                FaultFamily.NONE,
                "Li|Li cycling at 0.05–1 mA/cm², stable interphase",
                (seed, days) -> symmetric("healthy-symmetric", seed, days, null)));
        t.add(condition(
                "formation",
                BenignCondition.FORMATION,
                "a new cell from cycle 1: formation CE, 1–3 conditioning cycles"));
        t.add(condition(
                "current-offset",
                BenignCondition.CURRENT_OFFSET,
                "current sensor offset ±0.2–1 % of the charge current"));
        t.add(condition("calibration-drift", BenignCondition.CALIBRATION_DRIFT, "current gain drifting ±0.5–1.5 %"));
        t.add(condition(
                "temperature-step", BenignCondition.TEMPERATURE_STEP, "chamber steps changing capacity ±10–25 %"));
        t.add(condition("c-rate-change", BenignCondition.C_RATE_CHANGE, "1–3 rate changes of ±10–50 %"));
        t.add(condition(
                "cutoff-change",
                BenignCondition.CUTOFF_CHANGE,
                "1–2 moves of the charge and/or discharge cut-off by ±0.05–0.15 V"));
        t.add(condition("varying-rests", BenignCondition.VARYING_RESTS, "rests of 1 min–2 h"));
        t.add(condition("calendar-pause", BenignCondition.CALENDAR_PAUSE, "1–3 pauses of 1–14 days"));
        t.add(condition(
                "pause-mid-charge", BenignCondition.PAUSE_MID_CHARGE, "1–4 charges paused 10 min–48 h with no rows"));
        t.add(condition(
                "contact-glitch", BenignCondition.CONTACT_GLITCH, "2–6 contact-resistance glitches of +20–300 %"));
        t.add(condition(
                "voltage-triggered-logging",
                BenignCondition.VOLTAGE_TRIGGERED_LOGGING,
                "a row per 1–10 mV or 5–30 min"));
        t.add(condition("logging-interval", BenignCondition.LOGGING_INTERVAL, "a row every 1–5 s or 300–600 s"));
        t.add(condition("dcir-eis", BenignCondition.DCIR_PULSE, "DCIR pulses and impedance scans every 5–20 cycles"));
        t.add(condition(
                "diagnostic-cycles", BenignCondition.DIAGNOSTIC_CYCLE, "a C/20 or C/10 cycle every 20–100 cycles"));
        t.add(condition(
                "record-restart",
                BenignCondition.RECORD_NUMBER_RESTART,
                "record numbers restarting and counters resetting inside the file"));
        t.add(new Template(
                "new-cell-on-channel",
                FaultFamily.NONE,
                "a cell, then a new cell (any chemistry) on the same channel, re-declared or not",
                HealthyTemplates::newCellOnChannel));
        t.add(new Template(
                "symmetric-no-area",
                FaultFamily.NONE,
                "Li|Li without declared area, impedance scans between cycles, ±5–10 mV pickup in half the seeds",
                (seed, days) -> symmetric("symmetric-no-area", seed, days, BenignCondition.NO_ELECTRODE_AREA)));
        t.add(new Template(
                "symmetric-conditioning-ramp",
                FaultFamily.NONE,
                "Li|Li starting at 10–50 % of its current density, ramping over 3–10 cycles",
                (seed, days) ->
                        symmetric("symmetric-conditioning-ramp", seed, days, BenignCondition.CONDITIONING_RAMP)));
        t.add(new Template(
                "symmetric-step-up-undeclared",
                FaultFamily.NONE,
                "Li|Li step-up not declared, 1–4 cycles per level, no short",
                (seed, days) -> stepUpWithoutShort("symmetric-step-up-undeclared", seed, false)));
        t.add(new Template(
                "symmetric-step-up-no-short",
                FaultFamily.NONE,
                "Li|Li step-up declared, 0.5 mAh/cm² per half-step to 9 mA/cm² without a short (seed 003)",
                (seed, days) -> stepUpWithoutShort("symmetric-step-up-no-short", seed, true)));
        return List.copyOf(t);
    }

    private static Template plain(String name, String what, List<Chemistry> chemistries) {
        return new Template(name, FaultFamily.NONE, what + ", cycling plainly", (seed, days) -> {
            CellDraw d = new CellDraw(name, seed);
            CellPlan p = d.fullCell(d.pick(chemistries));
            return d.scenario(FaultFamily.NONE, p, "healthy " + p.chemistry.label, days * 24);
        });
    }

    private static Template condition(String name, BenignCondition condition, String what) {
        return new Template(name, FaultFamily.NONE, what + "; any full or half cell", (seed, days) -> {
            CellDraw d = new CellDraw(name, seed);
            CellPlan p = d.fullCell(d.pick(ALL_CELLS));
            // Logging faster than every 10 s is a short test's (and ten times the rows): its run ends
            // at 10 days, so its events are drawn inside those days, not past its end.
            double hours = shortTest(d) ? Math.min(days * 24, 10 * 24) : days * 24;
            int cycles = Math.max(6, (int) (hours * HOUR / CellDraw.roughCycleS(p)));
            int reached = Math.max(6, (int) (REACHED_SHARE * cycles));
            Conditions.apply(condition, d, p, p.startCycle + 2, p.startCycle + reached - 2, hours);
            if (p.diagnosticEvery > 0) {
                // At least two diagnostic cycles where the run has room for them (a fault's extras keep theirs).
                p.diagnosticEvery = Math.min(p.diagnosticEvery, Math.max(20, (reached - 4) / 2));
            }
            if (shortTest(d)) { // the condition itself may have set the logging
                hours = Math.min(hours, 10 * 24);
            }
            return d.scenario(
                    FaultFamily.NONE, p, "healthy " + p.chemistry.label + " with " + condition.label(), hours);
        });
    }

    private static boolean shortTest(CellDraw d) {
        return d.logging.intervalS() > 0 && d.logging.intervalS() < 10;
    }

    private static LabScenario newCellOnChannel(long seed, double days) {
        CellDraw d = new CellDraw("new-cell-on-channel", seed);
        CellPlan first = d.fullCell(d.pick(ALL_CELLS));
        CellPlan second = d.newCell(d.pick(ALL_CELLS));
        double split = d.uniform(0.2, 0.6);
        boolean redeclared = d.chance(0.5);
        ChannelInfo firstInfo = d.info(first);
        CyclerQuirks newFile = new CyclerQuirks();
        newFile.countersResetPerStep = d.quirks.countersResetPerStep;
        newFile.voltageNoiseV = d.quirks.voltageNoiseV;
        List<LabScenario.Cell> cells = List.of(
                new LabScenario.Cell(
                        firstInfo, first, null, d.logging, d.quirks, split * days * 24, first.testTimeAtStartS),
                new LabScenario.Cell(
                        redeclared ? d.info(second) : firstInfo,
                        second,
                        null,
                        d.logging,
                        newFile,
                        (1 - split) * days * 24,
                        0));
        return new LabScenario(
                "new-cell-on-channel",
                seed,
                FaultFamily.NONE,
                CellDraw.words(first) + ", then " + CellDraw.words(second),
                String.format(
                        Locale.ROOT,
                        "%s for %.1f days, then a new %s (%s)",
                        first.chemistry.label,
                        split * days,
                        second.chemistry.label,
                        redeclared ? "re-declared" : "metadata left as before"),
                cells,
                List.of(),
                LabScenario.START_EPOCH_MS);
    }

    private static LabScenario symmetric(String name, long seed, double days, BenignCondition condition) {
        CellDraw d = new CellDraw(name, seed);
        SymmetricPlan p = d.symmetricCell();
        p.asrDriftOverS = days * 24 * HOUR;
        String what = "healthy " + p.chemistry + String.format(Locale.ROOT, " at %.2f mA/cm²", p.currentDensity);
        if (condition == BenignCondition.NO_ELECTRODE_AREA) {
            p.areaDeclared = false;
            p.eisEvery = 1;
            p.eisS = d.uniform(300, 900);
            if (d.chance(0.5)) {
                d.quirks.pickupV = d.uniform(0.005, 0.01);
                d.known.add(new BenignEvent(
                        BenignCondition.VOLTAGE_PICKUP,
                        0,
                        days * 86_400,
                        String.format(Locale.ROOT, "±%.0f mV", 1000 * d.quirks.pickupV)));
            }
            d.known.add(new BenignEvent(condition, 0, 0, "area not declared"));
            what += ", no declared area";
        } else if (condition == BenignCondition.CONDITIONING_RAMP) {
            p.rampCycles = d.between(3, 10);
            p.rampStartFraction = d.uniform(0.1, 0.5);
            d.known.add(new BenignEvent(
                    condition,
                    0,
                    0,
                    String.format(
                            Locale.ROOT, "from %.0f %% over %d cycles", 100 * p.rampStartFraction, p.rampCycles)));
            what += ", conditioning ramp";
        }
        return d.scenario(FaultFamily.NONE, p, what, days * 24);
    }

    private static LabScenario stepUpWithoutShort(String name, long seed, boolean declared) {
        CellDraw d = new CellDraw(name, seed);
        SymmetricPlan p = d.symmetricCell();
        if (declared) {
            // Seed 003: UVEA-LVO-UVEA, 0.5 mAh/cm² per half-step from 0.5 by 0.5 to 9 mA/cm², no short.
            p.exchangeCurrentDensity = d.uniform(0.4, 0.6);
            p.asrOhmCm2 = d.uniform(10, 30);
            p.currentDensity = 0.5;
            p.levelStep = 0.5;
            p.arealCapacityMahPerCm2 = 0.5;
            p.lastCycle = 18;
        } else {
            p.currentDensity = d.pick(List.of(0.05, 0.1, 0.2));
            p.levelStep = d.pick(List.of(0.05, 0.1, 0.2));
            p.cyclesPerLevel = d.between(1, 4);
            p.halfCycleS = d.pick(List.of(0.5, 1.0)) * HOUR;
            p.lastCycle = d.between(5, 10) * p.cyclesPerLevel;
            p.areaDeclared = d.chance(0.5);
            d.known.add(new BenignEvent(BenignCondition.UNDECLARED_STEP_UP, 0, 0, "declared as cycling"));
            if (p.cyclesPerLevel > 1) {
                d.known.add(new BenignEvent(
                        BenignCondition.CYCLES_PER_LEVEL, 0, 0, p.cyclesPerLevel + " cycles per level"));
            }
        }
        p.declaredProtocol = declared ? TestProtocol.STEP_UP : TestProtocol.CYCLING;
        return d.scenario(
                FaultFamily.NONE,
                p,
                String.format(
                        Locale.ROOT,
                        "step-up from %.2f by %.2f mA/cm² to %.2f, %d cycle(s) per level, no short",
                        p.currentDensity,
                        p.levelStep,
                        p.currentDensity(p.lastCycle),
                        p.cyclesPerLevel),
                10_000);
    }
}

package io.cellwatch.simulator.lab;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.simulator.lab.ScenarioLibrary.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fault templates of full and half cells. Every one joins its cell's test past formation,
 * puts the onset 15–60 cycles after monitoring began, and may add up to two benign conditions
 * ({@link Conditions#COMBINABLE}) before or around the onset. Leak laws and their ranges:
 *
 * <ul>
 *   <li>slow: CE falling 0.05–0.2 points per cycle (the issue's ~0.1) for 30–120 cycles, then ×1.3–2.0 per cycle;
 *   <li>mid-range: leak 35–65 % of the charge current (the charge runs 1.5–2.9× its usual length) after a
 *       2–8-cycle ramp, for 5–30 cycles, then ×1.3–2.0 per cycle;
 *   <li>fast: from 2–8 % ×1.4–2.2 per cycle (seed 004: Li-In 4 % → 93 % in seven cycles);
 *   <li>intermittent: filaments for 15–50 cycles, then permanent ×1.3–2.0 (seed 001: CE fluctuation ~cycle 300);
 *   <li>resistive: a fixed short taking 5–60 % of the charge current, for 20–60 cycles;
 *   <li>hard: a short passing 20–200× the 1C current at mid voltage (resistance comparable to the cell's own
 *       or below), appearing at a drawn moment of its cycle;
 *   <li>sudden capacity loss: both capacities ×0.65–0.75 from the onset cycle (the issue's −30 %), 30–60 cycles on.
 * </ul>
 *
 * <p>Why this file is long: its first half is the declaration table of the library's fault
 * templates (a row of the evaluation's table each), and the rest is each row's draw, kept beside
 * the table so a template's ranges and its description are read and changed together.
 */
final class FaultTemplates {
    private static final double CAP_HOURS = 50_000;
    private static final List<Chemistry> FULL = Chemistry.fullCells();

    enum Law {
        SLOW,
        MID,
        FAST,
        INTERMITTENT
    }

    static final List<Template> ALL = List.of(
            new Template(
                    "soft-short-slow",
                    FaultFamily.SOFT_SHORT,
                    "full cells, CE falling 0.05–0.2 points/cycle, then running away",
                    (seed, days) -> leak("soft-short-slow", seed, FULL, Law.SLOW)),
            new Template(
                    "soft-short-mid-range",
                    FaultFamily.SOFT_SHORT,
                    "full cells, leak 35–65 % of the charge current for 5–30 cycles",
                    (seed, days) -> leak("soft-short-mid-range", seed, FULL, Law.MID)),
            new Template(
                    "soft-short-fast",
                    FaultFamily.SOFT_SHORT,
                    "full cells, leak from 2–8 % growing ×1.4–2.2 per cycle (seed 004)",
                    (seed, days) -> leak("soft-short-fast", seed, FULL, Law.FAST)),
            new Template(
                    "soft-short-intermittent",
                    FaultFamily.SOFT_SHORT,
                    "full cells, filaments forming and burning out for 15–50 cycles (seed 001)",
                    (seed, days) -> leak("soft-short-intermittent", seed, FULL, Law.INTERMITTENT)),
            new Template(
                    "soft-short-anode-half-cell",
                    FaultFamily.SOFT_SHORT,
                    "Si or graphite vs Li, CE = Qc/Qd: a leak pushes CE above 1; slow, mid-range or fast",
                    (seed, days) -> leak(
                            "soft-short-anode-half-cell",
                            seed,
                            List.of(Chemistry.ANODE_HALF_SI, Chemistry.ANODE_HALF_GRAPHITE),
                            null)),
            new Template(
                    "soft-short-cathode-half-cell",
                    FaultFamily.SOFT_SHORT,
                    "NCM vs Li, CE = Qd/Qc; slow, mid-range or fast",
                    (seed, days) ->
                            leak("soft-short-cathode-half-cell", seed, List.of(Chemistry.CATHODE_HALF_NCM), null)),
            new Template(
                    "soft-short-reused-channel",
                    FaultFamily.SOFT_SHORT,
                    "a healthy cell for 5–20 days, then a new cell on the same channel that develops a fast or mid-range leak",
                    (seed, days) -> reusedChannel(seed)),
            new Template(
                    "resistive-short-full-cell",
                    FaultFamily.SOFT_SHORT,
                    "full cells, a fixed short taking 5–60 % of the charge current (truth carries R)",
                    (seed, days) -> resistive(seed)),
            new Template(
                    "hard-short-full-cell",
                    FaultFamily.HARD_SHORT,
                    "full cells, a short of 20–200× the 1C current appearing mid-cycle: the voltage collapses",
                    (seed, days) -> hard(seed)),
            new Template(
                    "sudden-capacity-loss",
                    FaultFamily.CAPACITY_LOSS,
                    "full and half cells, both capacities ×0.65–0.75 from one cycle on",
                    (seed, days) -> capacityLoss(seed)),
            new Template(
                    "symmetric-soft-short",
                    FaultFamily.SOFT_SHORT,
                    "Li|Li, overpotential rising 0–30 %, then a flickering filament (collapse, noise) and a hard short (seed 001)",
                    (seed, days) -> SymmetricFaults.flicker(seed)),
            new Template(
                    "symmetric-resistive-short",
                    FaultFamily.SOFT_SHORT,
                    "Li|Li, a fixed short: the voltage drops to 20–80 % with no rise in noise (truth carries R)",
                    (seed, days) -> SymmetricFaults.resistive(seed)),
            new Template(
                    "symmetric-hard-short",
                    FaultFamily.HARD_SHORT,
                    "Li|Li, a short 20–200× below the cell's η/I at once: pinned at I·R (truth carries R)",
                    (seed, days) -> SymmetricFaults.hard(seed)),
            new Template(
                    "ccd-step-up",
                    FaultFamily.CRITICAL_CURRENT_DENSITY,
                    "Li|Li step-up declared, one cycle per level, true CCD drawn (seed 001: 2.4 mA/cm²)",
                    (seed, days) -> SymmetricFaults.stepUp("ccd-step-up", seed, true)),
            new Template(
                    "ccd-step-up-undeclared",
                    FaultFamily.CRITICAL_CURRENT_DENSITY,
                    "Li|Li step-up not declared, 2–4 cycles per level, area declared or not",
                    (seed, days) -> SymmetricFaults.stepUp("ccd-step-up-undeclared", seed, false)),
            new Template(
                    "overpotential-rise",
                    FaultFamily.OVERPOTENTIAL,
                    "Li|Li, interphase growth: the overpotential rises by 50–300 % (seed 002: bare Li|LATP)",
                    (seed, days) -> SymmetricFaults.rise(seed)));

    private FaultTemplates() {}

    private static LabScenario leak(String name, long seed, List<Chemistry> chemistries, Law law) {
        CellDraw d = new CellDraw(name, seed);
        CellPlan p = faultCell(d, d.pick(chemistries));
        int onset = p.startCycle + d.between(15, 60);
        LeakLaw leak = drawLaw(d, law != null ? law : d.pick(List.of(Law.SLOW, Law.MID, Law.FAST)));
        p.leak = leak;
        p.leakOnsetCycle = onset;
        p.lastCycle = onset + 400;
        String extras = extras(d, p, onset);
        return d.scenario(
                FaultFamily.SOFT_SHORT,
                p,
                String.format(Locale.ROOT, "%s from cycle %d%s", leak.describe(), onset, extras),
                CAP_HOURS);
    }

    /** A cell for a fault: kept on test to its end (see {@link CellPlan#stopAtEndOfLife}). */
    private static CellPlan faultCell(CellDraw d, Chemistry chemistry) {
        CellPlan p = d.fullCell(chemistry);
        p.stopAtEndOfLife = false;
        return p;
    }

    static LeakLaw drawLaw(CellDraw d, Law law) {
        return switch (law) {
            case SLOW -> new LeakLaw.Linear(d.uniform(0.05, 0.2), d.between(30, 120), d.uniform(1.3, 2.0));
            case MID ->
                new LeakLaw.Plateau(d.uniform(0.35, 0.65), d.between(2, 8), d.between(5, 30), d.uniform(1.3, 2.0));
            case FAST -> new LeakLaw.Geometric(d.uniform(0.02, 0.08), d.uniform(1.4, 2.2));
            case INTERMITTENT -> new LeakLaw.Intermittent(d.between(15, 50), d.uniform(1.3, 2.0));
        };
    }

    /** Up to two benign conditions between monitoring's start and shortly after the onset; their names. */
    private static String extras(CellDraw d, CellPlan p, int onset) {
        List<BenignCondition> added = new ArrayList<>();
        for (int k = d.between(0, 2); k > 0; k--) {
            BenignCondition c = d.pick(Conditions.COMBINABLE);
            if (!added.contains(c)) {
                int first = p.startCycle + 3;
                int last = onset + 10;
                double hours = (last - p.startCycle) * CellDraw.roughCycleS(p) / 3600;
                Conditions.apply(c, d, p, first, last, hours);
                added.add(c);
            }
        }
        return added.isEmpty()
                ? ""
                : "; with "
                        + String.join(
                                ", ", added.stream().map(BenignCondition::label).toList());
    }

    private static LabScenario resistive(long seed) {
        CellDraw d = new CellDraw("resistive-short-full-cell", seed);
        CellPlan p = faultCell(d, d.pick(FULL));
        int onset = p.startCycle + d.between(15, 60);
        LeakLaw leak = new LeakLaw.Constant(d.uniform(0.05, 0.6));
        p.leak = leak;
        p.leakOnsetCycle = onset;
        p.lastCycle = onset + d.between(20, 60);
        String extras = extras(d, p, onset);
        return d.scenario(
                FaultFamily.SOFT_SHORT,
                p,
                String.format(Locale.ROOT, "%s from cycle %d%s", leak.describe(), onset, extras),
                CAP_HOURS);
    }

    private static LabScenario hard(long seed) {
        CellDraw d = new CellDraw("hard-short-full-cell", seed);
        CellPlan p = faultCell(d, d.pick(FULL));
        int onset = p.startCycle + d.between(15, 60);
        double multiple = d.logUniform(20, 200);
        p.hardShortCycle = onset;
        p.hardShortDelayS = d.uniform(0, 0.9) * CellDraw.roughCycleS(p);
        p.hardShortOhm = p.chemistry.ocv.volts(0.5) / (multiple * p.nominalAh);
        p.lastCycle = onset + 5;
        String extras = extras(d, p, onset);
        return d.scenario(
                FaultFamily.HARD_SHORT,
                p,
                String.format(
                        Locale.ROOT,
                        "hard short of %.3g Ω (%.0f× the 1C current) %.1f h into cycle %d%s",
                        p.hardShortOhm,
                        multiple,
                        p.hardShortDelayS / 3600,
                        onset,
                        extras),
                CAP_HOURS);
    }

    private static LabScenario capacityLoss(long seed) {
        CellDraw d = new CellDraw("sudden-capacity-loss", seed);
        CellPlan p = faultCell(d, d.pick(List.of(Chemistry.values())));
        int onset = p.startCycle + d.between(15, 60);
        p.capacityLossCycle = onset;
        p.capacityLossFactor = d.uniform(0.65, 0.75);
        p.lastCycle = onset + d.between(30, 60);
        String extras = extras(d, p, onset);
        return d.scenario(
                FaultFamily.CAPACITY_LOSS,
                p,
                String.format(Locale.ROOT, "capacity ×%.2f from cycle %d%s", p.capacityLossFactor, onset, extras),
                CAP_HOURS);
    }

    /** A healthy cell, then a new one on the same channel that leaks; the lab re-declared it or not. */
    private static LabScenario reusedChannel(long seed) {
        CellDraw d = new CellDraw("soft-short-reused-channel", seed);
        CellPlan first = d.fullCell(d.pick(FULL));
        double firstHours = d.uniform(5, 20) * 24;
        CellPlan second = d.newCell(d.pick(FULL));
        second.stopAtEndOfLife = false;
        int onset = second.formationCycles + d.between(15, 60);
        LeakLaw leak = drawLaw(d, d.pick(List.of(Law.MID, Law.FAST)));
        second.leak = leak;
        second.leakOnsetCycle = onset;
        second.lastCycle = onset + 400;
        boolean redeclared = d.chance(0.5);
        ChannelInfo firstInfo = d.info(first);
        ChannelInfo secondInfo = redeclared ? d.info(second) : firstInfo;
        CyclerQuirks newFile = new CyclerQuirks();
        newFile.countersResetPerStep = d.quirks.countersResetPerStep;
        newFile.voltageNoiseV = d.quirks.voltageNoiseV;
        List<LabScenario.Cell> cells = List.of(
                new LabScenario.Cell(firstInfo, first, null, d.logging, d.quirks, firstHours, first.testTimeAtStartS),
                new LabScenario.Cell(secondInfo, second, null, d.logging, newFile, CAP_HOURS, 0));
        String description = String.format(
                Locale.ROOT,
                "%s for %.1f days, then a new %s (%s) with %s from its cycle %d",
                first.chemistry.label,
                firstHours / 24,
                second.chemistry.label,
                redeclared ? "re-declared" : "metadata left as before",
                leak.describe(),
                onset);
        return new LabScenario(
                "soft-short-reused-channel",
                seed,
                FaultFamily.SOFT_SHORT,
                CellDraw.words(second),
                description,
                cells,
                List.of(),
                LabScenario.START_EPOCH_MS);
    }
}

package io.cellwatch.simulator.lab;

import io.cellwatch.model.TestProtocol;
import java.util.List;
import java.util.Locale;

/**
 * The fault templates of symmetric Li|electrolyte|Li cells, with their ranges:
 *
 * <ul>
 *   <li>hard shorts: a filament 20–200× below the cell's own η/I (it carries 95–99.5 % of the current;
 *       seed 001's QCPE cell reads I·R of a few ohms at 0.5 mA/cm², against its ~500 Ω η/I);
 *   <li>flickering soft short at 30–300 h (seed 001: 60 h at 0.5 mA/cm²), the filament taking 30–70 % of the
 *       current at its onset, hard 0.5–6 h later; the overpotential rises 0–30 % before
 *       (seed 001's QCPE cell climbs before it shorts);
 *   <li>resistive short at 20–200 h that lowers the voltage to 20–80 % of its value, no noise; in half the
 *       seeds it turns hard 10–100 h later, otherwise the run ends 20–100 h after its onset;
 *   <li>hard short at 20–300 h;
 *   <li>step-up: from 0.1–0.5 mA/cm² by 0.1–0.5 per level, 0.5 or 1 h per half-cycle (seed 001) or
 *       0.25–1 mAh/cm² per half-cycle (seed 003); the true CCD 2–4 levels or more above the start, up to
 *       3 mA/cm² (seed 001: 2.4); the dendrite connects 5–80 % into the plating half of the first level
 *       above it and shorts hard 1–20 min later;
 *   <li>overpotential rise from 20–300 h: the area-specific resistance grows by 50–300 % over 50–300 h
 *       (as (t/τ)^0.7–1.5) (seed 002: rising polarisation of bare Li|LATP).
 * </ul>
 */
final class SymmetricFaults {
    private static final double HOUR = 3600;

    private SymmetricFaults() {}

    /**
     * A hard short's resistance: 20–200 times below the cell's own η/I at its current density
     * (log-uniform), so the filament carries 95–99.5 % of the current: hard for this cell, whatever
     * its area and interface.
     */
    static double hardShortOhm(CellDraw d, SymmetricPlan p, double currentDensity) {
        SymmetricModel model = new SymmetricModel(p.areaCm2, p.exchangeCurrentDensity, p.temperatureC);
        double currentA = currentDensity * p.areaCm2 * 1e-3;
        double cellOhm = model.overpotentialV(currentA, p.asrOhmCm2, 1) / currentA;
        return cellOhm / d.logUniform(20, 200);
    }

    static LabScenario flicker(long seed) {
        CellDraw d = new CellDraw("symmetric-soft-short", seed);
        SymmetricPlan p = d.symmetricCell();
        p.asrDrift = d.uniform(0, 0.3);
        p.softShortAtS = d.uniform(30, 300) * HOUR;
        p.asrDriftOverS = p.softShortAtS;
        p.softShortShare = d.uniform(0.3, 0.7);
        p.hardShortAtS = p.softShortAtS + d.uniform(0.5, 6) * HOUR;
        p.hardShortOhm = hardShortOhm(d, p, p.currentDensity);
        String drawn = String.format(
                Locale.ROOT,
                "%.2f mA/cm², overpotential +%.0f %% by %.0f h, filament at %.1f h, hard short (%.2g Ω) at %.1f h",
                p.currentDensity,
                100 * p.asrDrift,
                p.softShortAtS / HOUR,
                p.softShortAtS / HOUR,
                p.hardShortOhm,
                p.hardShortAtS / HOUR);
        return untilAfterHardShort(d, FaultFamily.SOFT_SHORT, p, drawn);
    }

    static LabScenario resistive(long seed) {
        CellDraw d = new CellDraw("symmetric-resistive-short", seed);
        SymmetricPlan p = d.symmetricCell();
        p.resistiveAtS = d.uniform(20, 200) * HOUR;
        double drop = d.uniform(0.2, 0.8);
        p.resistiveOhm = resistanceFor(p, drop);
        boolean turnsHard = d.chance(0.5);
        double hours;
        if (turnsHard) {
            p.hardShortAtS = p.resistiveAtS + d.uniform(10, 100) * HOUR;
            p.hardShortOhm = hardShortOhm(d, p, p.currentDensity);
            hours = p.hardShortAtS / HOUR + 3;
        } else {
            hours = p.resistiveAtS / HOUR + d.uniform(20, 100);
        }
        return d.scenario(
                FaultFamily.SOFT_SHORT,
                p,
                String.format(
                        Locale.ROOT,
                        "%.2f mA/cm², resistive short of %.0f Ω at %.1f h (voltage to %.0f %%)%s",
                        p.currentDensity,
                        p.resistiveOhm,
                        p.resistiveAtS / HOUR,
                        100 * drop,
                        turnsHard
                                ? String.format(
                                        Locale.ROOT, ", hard (%.2g Ω) at %.1f h", p.hardShortOhm, p.hardShortAtS / HOUR)
                                : ""),
                hours);
    }

    /** The short resistance that lowers the plateau voltage to this fraction of its value at the short's onset. */
    static double resistanceFor(SymmetricPlan p, double fraction) {
        SymmetricModel model = new SymmetricModel(p.areaCm2, p.exchangeCurrentDensity, p.temperatureC);
        double currentA = p.currentDensity * p.areaCm2 * 1e-3;
        double asr = p.asrAt(p.resistiveAtS);
        double target = fraction * model.overpotentialV(currentA, asr, 1);
        double lo = 0;
        double hi = currentA;
        for (int k = 0; k < 100; k++) {
            double mid = 0.5 * (lo + hi);
            if (model.overpotentialV(mid, asr, 1) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double ionic = 0.5 * (lo + hi);
        return target / (currentA - ionic);
    }

    static LabScenario hard(long seed) {
        CellDraw d = new CellDraw("symmetric-hard-short", seed);
        SymmetricPlan p = d.symmetricCell();
        p.hardShortAtS = d.uniform(20, 300) * HOUR;
        p.hardShortOhm = hardShortOhm(d, p, p.currentDensity);
        String drawn = String.format(
                Locale.ROOT,
                "%.2f mA/cm², hard short of %.2g Ω at %.1f h",
                p.currentDensity,
                p.hardShortOhm,
                p.hardShortAtS / HOUR);
        return untilAfterHardShort(d, FaultFamily.HARD_SHORT, p, drawn);
    }

    /** The scenario runs until three hours after the hard short: the lab has not stopped the test yet. */
    private static LabScenario untilAfterHardShort(CellDraw d, FaultFamily family, SymmetricPlan p, String drawn) {
        return d.scenario(family, p, drawn, p.hardShortAtS / HOUR + 3);
    }

    static LabScenario stepUp(String name, long seed, boolean declared) {
        CellDraw d = new CellDraw(name, seed);
        SymmetricPlan p = d.symmetricCell();
        p.currentDensity = d.pick(List.of(0.1, 0.2, 0.25, 0.5));
        p.levelStep = d.pick(List.of(0.1, 0.2, 0.25, 0.5));
        p.cyclesPerLevel = declared ? 1 : d.between(2, 4);
        if (d.chance(0.5)) {
            p.halfCycleS = d.pick(List.of(0.5, 1.0)) * HOUR;
        } else {
            p.arealCapacityMahPerCm2 = d.pick(List.of(0.25, 0.5, 1.0));
        }
        double lowest = p.currentDensity + 2 * p.levelStep;
        p.criticalCurrentDensity = d.uniform(lowest, Math.max(3.0, p.currentDensity + 4 * p.levelStep));
        int levels = (int) Math.ceil((p.criticalCurrentDensity - p.currentDensity) / p.levelStep) + 3;
        p.lastCycle = levels * p.cyclesPerLevel;
        p.ccdShortAtFraction = d.uniform(0.05, 0.8);
        p.ccdSoftS = d.uniform(60, 1200);
        p.hardShortOhm = hardShortOhm(d, p, p.criticalCurrentDensity + p.levelStep);
        p.declaredProtocol = declared ? TestProtocol.STEP_UP : TestProtocol.CYCLING;
        p.areaDeclared = declared || d.chance(0.5);
        return d.scenario(
                FaultFamily.CRITICAL_CURRENT_DENSITY,
                p,
                String.format(
                        Locale.ROOT,
                        "step-up from %.2f by %.2f mA/cm², %d cycle(s) per level, %s per half; shorts above %.2f mA/cm²"
                                + "%s%s",
                        p.currentDensity,
                        p.levelStep,
                        p.cyclesPerLevel,
                        p.arealCapacityMahPerCm2 > 0
                                ? String.format(Locale.ROOT, "%.2f mAh/cm²", p.arealCapacityMahPerCm2)
                                : String.format(Locale.ROOT, "%.1f h", p.halfCycleS / HOUR),
                        p.criticalCurrentDensity,
                        declared ? "" : "; not declared as step-up",
                        p.areaDeclared ? "" : "; no electrode area"),
                10_000);
    }

    static LabScenario rise(long seed) {
        CellDraw d = new CellDraw("overpotential-rise", seed);
        SymmetricPlan p = d.symmetricCell();
        p.riseAtS = d.uniform(20, 300) * HOUR;
        p.riseFactor = d.uniform(0.5, 3);
        p.riseOverS = d.uniform(50, 300) * HOUR;
        p.riseExponent = d.uniform(0.7, 1.5);
        return d.scenario(
                FaultFamily.OVERPOTENTIAL,
                p,
                String.format(
                        Locale.ROOT,
                        "%.2f mA/cm², ASR +%.0f %% over %.0f h from %.1f h",
                        p.currentDensity,
                        100 * p.riseFactor,
                        p.riseOverS / HOUR,
                        p.riseAtS / HOUR),
                (p.riseAtS + p.riseOverS * d.uniform(1, 1.5)) / HOUR);
    }
}

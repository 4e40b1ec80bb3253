package io.cellwatch.simulator.lab;

import io.cellwatch.model.CeConvention;
import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.TestProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The per-seed draws of a template: a cell of a chemistry with everything a lab's cell and
 * schedule vary in, a symmetric cell, a logging policy and a cycler. One generator per template and
 * seed, so a scenario is a function of (template, seed) alone. The ranges drawn here are the
 * library's baseline (the README lists them with the template ranges):
 *
 * <ul>
 *   <li>cell: {@link Chemistry} ranges; declared nominal capacity within ±5 % of the real one;
 *       concentration polarisation 2–6 % of the state of charge per C (seed 001: 138 against 166 mAh/g
 *       at 2C against 0.2C is ~8 %/C for its polymer cell; liquid cells less); relaxation 1–10 min;
 *       self-discharge 1–5 %/month; capacity scatter 0.05–0.2 % and CE-loss scatter 10–30 % per cycle
 *       (independent: charge and discharge capacity do not move in lock step);
 *   <li>schedule: discharge at the charge rate or another drawn from the chemistry's range; rests
 *       5–30 min; CV cut-off C/50, C/20 or C/10; chamber at 22–30 °C; monitoring joins at cycle 20–800
 *       (past formation);
 *   <li>logging: a row every 10–300 s (log-uniform); counters reset per cycle or per step
 *       (half each); voltage noise 0.5–2 mV;
 *   <li>electrode order: the chemistry written cathode-first or anode-first (half each).
 * </ul>
 */
final class CellDraw {
    final SplittableRandom rng;
    private final String template;
    private final long seed;
    /** How the scenario's cycler logs and measures: the baseline, changed by benign conditions. */
    LoggingPolicy logging;

    final CyclerQuirks quirks;
    /** Benign events whose time is known before the run (sensor errors, restarts, glitches). */
    final List<BenignEvent> known = new ArrayList<>();

    CellDraw(String template, long seed) {
        this.template = template;
        this.seed = seed;
        this.rng = new SplittableRandom(seed * 0xD1B54A32D192ED03L ^ (long) template.hashCode() << 17);
        this.logging = LoggingPolicy.every(Math.rint(logUniform(10, 300)));
        this.quirks = new CyclerQuirks();
        quirks.countersResetPerStep = chance(0.5);
        quirks.voltageNoiseV = uniform(0.0005, 0.002);
        quirks.firstRecordNumber = between(1, 2_000_000);
    }

    double uniform(double lo, double hi) {
        return lo == hi ? lo : rng.nextDouble(lo, hi);
    }

    double uniform(double[] range) {
        return uniform(range[0], range[1]);
    }

    double logUniform(double lo, double hi) {
        return Math.exp(uniform(Math.log(lo), Math.log(hi)));
    }

    int between(int lo, int hiInclusive) {
        return lo + rng.nextInt(hiInclusive - lo + 1);
    }

    boolean chance(double p) {
        return rng.nextDouble() < p;
    }

    <T> T pick(List<T> options) {
        return options.get(rng.nextInt(options.size()));
    }

    double sign() {
        return chance(0.5) ? 1 : -1;
    }

    String channelId() {
        return "lab-" + template + "-" + seed;
    }

    /** A full or half cell of this chemistry with the baseline draws, joining its test past formation. */
    CellPlan fullCell(Chemistry c) {
        CellPlan p = new CellPlan();
        p.chemistry = c;
        p.anodeFirstOrder = chance(0.5);
        p.capacityAh = logUniform(c.capacityAh[0], c.capacityAh[1]);
        p.nominalAh = significant(p.capacityAh * uniform(0.95, 1.05));
        p.resistanceOhm = uniform(c.rq) / p.capacityAh;
        p.concentrationSocPerC = uniform(0.02, 0.06);
        p.relaxationS = uniform(60, 600);
        p.ceLoss = 1 - uniform(c.cePercent) / 100;
        p.formationLoss = Math.max(0, 1 - uniform(c.formationCePercent) / 100 - p.ceLoss);
        p.formationCycles = 3;
        p.inventoryFade = c.fadePercentPerCycle == null;
        p.fadePerCycle = p.inventoryFade ? 0 : uniform(c.fadePercentPerCycle) / 100;
        p.selfDischargePerMonth = uniform(0.01, 0.05);
        p.capacityScatterRel = uniform(0.0005, 0.002);
        p.ceLossScatterRel = uniform(0.1, 0.3);
        p.chargeRate = roundRate(uniform(c.chargeRate));
        p.dischargeRate = chance(0.5) ? p.chargeRate : roundRate(uniform(c.chargeRate));
        p.cvCutoffRate = pick(List.of(0.02, 0.05, 0.1));
        p.restAfterChargeS = pick(List.of(300.0, 600.0, 900.0, 1800.0));
        p.restAfterDischargeS = pick(List.of(300.0, 600.0, 900.0, 1800.0));
        p.temperatureC = Math.rint(uniform(22, 30) * 10) / 10;
        p.startCycle = between(20, 800);
        p.testTimeAtStartS = (p.startCycle - 1) * roughCycleS(p);
        return p;
    }

    /** A cell watched from its very first cycle (formation included). */
    CellPlan newCell(Chemistry c) {
        CellPlan p = fullCell(c);
        p.startCycle = 1;
        p.testTimeAtStartS = 0;
        return p;
    }

    /**
     * A Li|electrolyte|Li symmetric cell: exchange current density 0.1–0.5 mA/cm² (seed 001 Tafel:
     * 0.133 and 0.171), area-specific resistance 20–1000 Ω·cm² log-uniform (seed 001: ~250 for 80 mV at
     * 0.2 mA/cm²; seed 002: ~750 for 50 mV at 0.05), area 0.785–2 cm², 0.05–1 mA/cm² (seeds 001, 002),
     * half-cycles of 0.5–2 h, healthy interphase drift −5 % to +10 % over the run (seed 001: stable for
     * 2100 h), nucleation peak 2–10 %, concentration rise 1–5 % across a half-cycle.
     */
    SymmetricPlan symmetricCell() {
        SymmetricPlan p = new SymmetricPlan();
        p.chemistry = pick(
                List.of("Li|QCPE@P-DOL|Li", "Li|LLZTO|Li", "Li|Li6PS5Cl|Li", "Li|LMA@LATP|Li", "Li|PEO-LiTFSI|Li"));
        p.areaCm2 = pick(List.of(0.785, 1.0, 1.13, 2.0));
        p.temperatureC = Math.rint(uniform(22, 30) * 10) / 10;
        p.exchangeCurrentDensity = uniform(0.1, 0.5);
        p.asrOhmCm2 = logUniform(20, 1000);
        p.currentDensity = Math.rint(logUniform(0.05, 1.0) * 100) / 100;
        p.halfCycleS = pick(List.of(1800.0, 3600.0, 7200.0));
        p.asrDrift = uniform(-0.05, 0.10);
        p.nucleationPeak = uniform(0.02, 0.10);
        p.concentrationRise = uniform(0.01, 0.05);
        return p;
    }

    /** What the lab declares about a full or half cell. */
    ChannelInfo info(CellPlan p) {
        Chemistry c = p.chemistry;
        return new ChannelInfo(
                ChannelInfo.SCHEMA_VERSION,
                channelId(),
                c.cellType,
                p.writtenChemistry(),
                p.capacityAh >= 0.01 ? null : c == Chemistry.LI_IN || c == Chemistry.LI_METAL_NCM ? 0.785 : 1.13,
                null,
                p.nominalAh,
                TestProtocol.CYCLING,
                c.ceConvention);
    }

    /** What the lab declares about a symmetric cell. */
    ChannelInfo info(SymmetricPlan p) {
        return new ChannelInfo(
                ChannelInfo.SCHEMA_VERSION,
                channelId(),
                CellType.SYMMETRIC,
                p.chemistry,
                p.areaDeclared ? p.areaCm2 : null,
                null,
                null,
                p.declaredProtocol,
                CeConvention.DISCHARGE_OVER_CHARGE);
    }

    /** A scenario of one full or half cell. */
    LabScenario scenario(FaultFamily family, CellPlan p, String description, double hours) {
        LabScenario.Cell cell = new LabScenario.Cell(info(p), p, null, logging, quirks, hours, p.testTimeAtStartS);
        return new LabScenario(
                template, seed, family, words(p), description, List.of(cell), known, LabScenario.START_EPOCH_MS);
    }

    /** A scenario of one symmetric cell. */
    LabScenario scenario(FaultFamily family, SymmetricPlan p, String description, double hours) {
        LabScenario.Cell cell = new LabScenario.Cell(info(p), null, p, logging, quirks, hours, 0);
        return new LabScenario(
                template,
                seed,
                family,
                p.chemistry + " symmetric",
                description,
                List.of(cell),
                known,
                LabScenario.START_EPOCH_MS);
    }

    static String words(CellPlan p) {
        return p.chemistry.label + " written " + p.writtenChemistry();
    }

    /** Test time of one ordinary cycle, roughly: for a channel that joined its test late. */
    static double roughCycleS(CellPlan p) {
        return 3600 * (0.9 / p.chargeRate + 0.9 / p.dischargeRate) + p.restAfterChargeS + p.restAfterDischargeS;
    }

    private static double roundRate(double rate) {
        return Math.max(0.05, Math.rint(rate * 20) / 20);
    }

    private static double significant(double value) {
        double scale = Math.pow(10, 3 - Math.ceil(Math.log10(value)));
        return Math.rint(value * scale) / scale;
    }
}

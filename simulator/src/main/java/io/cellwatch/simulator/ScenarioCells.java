package io.cellwatch.simulator;

import io.cellwatch.model.TestProtocol;
import java.util.SplittableRandom;

/**
 * The cells of the simulator's scenarios, each written from its seed paper: chemistry, geometry,
 * protocol, fade, and for the failures the leak or the short.
 *
 * <p>A declaration table, one case per scenario: it is as long as the scenarios are many, and a
 * scenario's numbers read best together with the paper they cite, so it stays one file.
 */
final class ScenarioCells {
    private static final double HOUR = 3600;

    private ScenarioCells() {}

    /** The full or half cell of this scenario; healthy scenarios draw their spread from rng. */
    static FullCellSpec fullCell(Scenario scenario, SplittableRandom rng) {
        FullCellSpec s = new FullCellSpec();
        switch (scenario) {
            case LI_IN_SOFT_SHORT -> {
                // Seed 004: 0.785 cm² × 4 mAh/cm², 1C, CC to 3.68 V + CV 15 min, 1C to 2.1 V (vs Li-In).
                s.chemistry = "LNO@NCM622|Li6PS5Cl|Li-In";
                s.ocv = OcvCurve.NCM622_VS_LI_IN;
                s.areaCm2 = 0.785;
                s.nominalAh = round(0.785 * 4e-3, 1e9);
                s.activeMassG = round(s.nominalAh / 0.170, 1e6); // ~170 mAh/g for NCM622
                s.vMax = 3.68;
                s.vMin = 2.1;
                s.chargeCRate = 1;
                s.dischargeCRate = 1;
                s.cvMaxS = 15 * 60;
                s.restS = 10 * 60;
                // A thick sulfide separator: ~40 Ω gives ~0.13 V polarisation at 1C (3.14 mA).
                s.resistanceOhm = 40;
                s.concentrationSocPerC = 0.05; // 4 mAh/cm² composite cathode: slow solid-state diffusion
                s.initialCapacityFraction = 0.96;
                s.fadePerCycle = 0.00005;
                s.ceLoss = 0.001; // CE ~99.9 %, "near 100 %"
                // Monitoring joined at cycle 860 of a long test; the short starts at 891.
                s.startCycle = 860;
                s.leak = LeakSchedule.growing(891, 0.04, 0.08, 0.13, 0.19, 0.27, 0.38, 0.93);
            }
            case LI_METAL_SOFT_SHORT -> {
                // Seed 004, Li-metal anode at 0.3 mA/cm²: with 0.6 mAh/cm² that is C/2.
                s.chemistry = "LNO@NCM622|Li6PS5Cl|Li";
                s.ocv = OcvCurve.NCM622_VS_LI;
                s.areaCm2 = 0.785;
                s.nominalAh = round(0.785 * 0.6e-3, 1e9);
                s.activeMassG = round(s.nominalAh / 0.170, 1e6);
                s.vMax = 4.3;
                s.vMin = 2.72;
                s.chargeCRate = 0.5;
                s.dischargeCRate = 0.5;
                s.cvMaxS = 15 * 60;
                s.restS = 5 * 60;
                s.resistanceOhm = 150;
                s.concentrationSocPerC = 0.05;
                s.initialCapacityFraction = 0.95;
                s.fadePerCycle = 0.002;
                s.ceLoss = 0.004; // Li metal against a sulfide: more side reactions
                s.formationLoss = 0.12;
                s.startCycle = 1;
                s.leak = LeakSchedule.growing(13, 0.05, 0.12, 0.25, 0.45, 0.95);
            }
            case CE_FLUCTUATION_SOFT_SHORT -> {
                // Seed 001: LFP|QCPE1|Li, 5C at 30 °C; ~105 mAh/g at 5C of 170 mAh/g.
                s.chemistry = "LFP|QCPE1|Li";
                s.ocv = OcvCurve.LFP_VS_LI;
                s.areaCm2 = 1.13;
                s.activeMassG = 0.002;
                s.nominalAh = round(0.002 * 0.170, 1e9);
                s.vMax = 3.8;
                s.vMin = 2.5;
                s.chargeCRate = 5;
                s.dischargeCRate = 5;
                s.cvMaxS = 10 * 60;
                s.cvCutoffCRate = 0.5;
                s.restS = 5 * 60;
                s.resistanceOhm = 70;
                s.concentrationSocPerC = 0.05; // ~105 mAh/g at 5C against ~150 at 0.2C
                s.initialCapacityFraction = 0.83; // low-rate capacity; ~100 mAh/g measured at 5C
                s.fadePerCycle = 0.0002;
                s.ceLoss = 0.002;
                s.temperatureC = 30;
                s.startCycle = 270;
                s.leak = LeakSchedule.intermittent(300, 340);
            }
            case HEALTHY_LFP -> {
                // Seed 001: LFP|QCPE@P-DOL|Li, 2C, 2.5–3.8 V, 30 °C; 128.6 → 105.1 mAh/g over 1300 cycles
                // (81.7 %), i.e. a linear fade of 0.0141 %/cycle.
                s.chemistry = "LFP|QCPE@P-DOL|Li";
                s.ocv = OcvCurve.LFP_VS_LI;
                s.areaCm2 = 1.13;
                s.activeMassG = round(rng.nextDouble(0.0015, 0.003), 1e6);
                s.nominalAh = round(s.activeMassG * 0.170, 1e9);
                s.vMax = 3.8;
                s.vMin = 2.5;
                s.chargeCRate = 2;
                s.dischargeCRate = 2;
                s.cvMaxS = 30 * 60;
                s.cvCutoffCRate = 0.05;
                s.restS = 5 * 60;
                s.resistanceOhm = 0.06 / (2 * s.nominalAh);
                s.concentrationSocPerC = 0.08; // 138 mAh/g at 2C against 166 at 0.2C
                s.initialCapacityFraction = 0.88 * (1 + 0.02 * rng.nextGaussian()); // low-rate; ~128.6 mAh/g at 2C
                s.fadePerCycle = 0.183 / 1300;
                s.ceLoss = 0.002;
                s.temperatureC = 30;
                s.startCycle = 1 + rng.nextInt(1200);
                // Real long tests carry slow diagnostic cycles; detectors must not call them faults.
                s.diagnosticEvery = 100;
                s.diagnosticCRate = 0.1;
                s.diagnosticCvCutoffCRate = 0.02;
            }
            case HEALTHY_NCM -> {
                s.ocv = OcvCurve.NCM_GRAPHITE;
                s.vMax = 4.2;
                s.vMin = 3.0;
                if (rng.nextBoolean()) {
                    // Cylindrical cell, 1–3 Ah, tens of mΩ.
                    s.chemistry = rng.nextBoolean() ? "NCM811|graphite" : "NCM622|graphite";
                    s.nominalAh = round(rng.nextDouble(1.0, 3.0), 20);
                    s.resistanceOhm = 0.035 * 2.5 / s.nominalAh;
                    s.ceLoss = 0.0004;
                } else {
                    // Coin cell, a few mAh on 1.54 cm².
                    s.chemistry = "NCM622|graphite";
                    s.areaCm2 = 1.54;
                    s.nominalAh = round(rng.nextDouble(0.0015, 0.005), 1e5);
                    s.resistanceOhm = 12;
                    s.ceLoss = 0.0015;
                }
                s.concentrationSocPerC = 0.02;
                s.chargeCRate = rng.nextBoolean() ? 0.5 : 1.0;
                s.dischargeCRate = rng.nextBoolean() ? s.chargeCRate : 1.0;
                s.cvMaxS = 2 * HOUR;
                s.cvCutoffCRate = 0.05;
                s.restS = 10 * 60;
                s.initialCapacityFraction = 1 + 0.01 * rng.nextGaussian();
                s.fadePerCycle = 0.0002 * (1 + 0.2 * rng.nextGaussian());
                s.formationLoss = 0.08;
                s.startCycle = 1 + rng.nextInt(500);
                s.temperatureC = 25 + rng.nextDouble(-0.5, 0.5);
            }
            default -> throw new IllegalArgumentException(scenario + " is not a full cell");
        }
        return s;
    }

    /** The symmetric Li|Li cell of this scenario; healthy scenarios draw their spread from rng. */
    static SymmetricSpec symmetric(Scenario scenario, SplittableRandom rng) {
        SymmetricSpec s = new SymmetricSpec();
        switch (scenario) {
            case HEALTHY_SYMMETRIC -> {
                // Seed 001: 80 mV at 0.2 mA/cm², stable for 2100 h.
                s.chemistry = "Li|QCPE@P-DOL|Li";
                s.areaCm2 = new double[] {0.785, 1.0, 1.13}[rng.nextInt(3)];
                s.temperatureC = 30;
                s.firstCurrentDensity = 0.2;
                s.halfCycleS = HOUR;
                s.eta0V = 0.080 * (1 + 0.05 * rng.nextGaussian());
                s.riseFraction = 0.03;
                s.riseOverS = 2100 * HOUR;
            }
            case SYMMETRIC_DRIFT_SHORT -> {
                // Seed 001: Li|QCPE|Li at 0.5 mA/cm² shorts after 60 h. The overpotential starts near
                // 270 mV and climbs as the interphase grows; soft short at 60 h, hard short 2.5 h later,
                // the lab stops the test at 66 h.
                s.chemistry = "Li|QCPE|Li";
                s.areaCm2 = 1.0;
                s.temperatureC = 30;
                s.firstCurrentDensity = 0.5;
                s.halfCycleS = HOUR;
                s.eta0V = 0.270;
                s.riseFraction = 0.25;
                s.riseOverS = 60 * HOUR;
                s.riseExponent = 1.5;
                s.softShortAtS = 60 * HOUR;
                s.hardShortAtS = 62.5 * HOUR;
                s.testEndAtS = 66 * HOUR;
            }
            case CCD_STEP_UP -> {
                // Seed 001: step-up from 0.2 mA/cm² by 0.2 each hour (0.5 h each way), exchange current
                // density 0.171 mA/cm²; completes 2.4 mA/cm² (CCD) and shorts 12 min into 2.6.
                s.chemistry = "Li|QCPE@P-DOL|Li";
                s.areaCm2 = 1.0;
                s.protocol = TestProtocol.STEP_UP;
                s.temperatureC = 30;
                s.firstCurrentDensity = 0.2;
                s.currentDensityStep = 0.2;
                s.halfCycleS = 0.5 * HOUR;
                s.exchangeCurrentDensity = 0.171;
                s.asrOhmCm2 = 300;
                s.concentrationRise = 0.05;
                s.softShortAtS = 12 * HOUR + 12 * 60;
                s.hardShortAtS = s.softShortAtS + 6 * 60;
                s.testEndAtS = 13 * HOUR;
            }
            case CCD_STEP_UP_NO_SHORT -> {
                // Seed 003: step-up at constant 0.5 mAh/cm² per half-step, no short up to 9 mA/cm².
                s.chemistry = "Li|UVEA-LVO-UVEA|Li";
                s.areaCm2 = 1.0;
                s.protocol = TestProtocol.STEP_UP;
                s.temperatureC = 22;
                s.firstCurrentDensity = 0.5;
                s.currentDensityStep = 0.5;
                s.arealCapacityPerHalfMahPerCm2 = 0.5;
                s.lastCycle = 18;
                s.exchangeCurrentDensity = 0.5;
                s.asrOhmCm2 = 20;
            }
            default -> throw new IllegalArgumentException(scenario + " is not a symmetric cell");
        }
        return s;
    }

    private static double round(double value, double scale) {
        return Math.rint(value * scale) / scale;
    }
}

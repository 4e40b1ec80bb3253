package io.cellwatch.simulator;

/**
 * What a simulated channel does over its life. Each failure scenario reproduces one reference
 * behaviour from the project's domain guide (seed papers 001, 003, 004), with its numbers; the
 * healthy ones are the background a detector must stay quiet on.
 */
public enum Scenario {
    /** NCM/graphite full cell (18650 or coin), slow fade (~0.02 %/cycle), CC-CV to C/20. */
    HEALTHY_NCM(false),
    /** LFP|QCPE@P-DOL|Li at 2C, 30 °C: 81.7 % after 1300 cycles, a C/10 diagnostic cycle every 100th cycle. */
    HEALTHY_LFP(false),
    /** Li|QCPE@P-DOL|Li at 0.2 mA/cm², 1 h half-cycles: ~80 mV overpotential, stable. */
    HEALTHY_SYMMETRIC(false),
    /** Seed 004: LNO@NCM622|Li6PS5Cl|Li-In, stable to cycle 890, diverging capacities 891–896, endless charge at 897. */
    LI_IN_SOFT_SHORT(true),
    /** Seed 004, Li-metal anode at 0.3 mA/cm²: the same death in 17 cycles. */
    LI_METAL_SOFT_SHORT(true),
    /** Seed 001: LFP|QCPE1|Li at 5C, 30 °C; intermittent leak from cycle 300 shows as CE fluctuation. */
    CE_FLUCTUATION_SOFT_SHORT(true),
    /** Seed 001: Li|QCPE|Li at 0.5 mA/cm²; rising overpotential, soft short at 60 h, hard short hours later. */
    SYMMETRIC_DRIFT_SHORT(true),
    /** Seed 001: Li|QCPE@P-DOL|Li step-up by 0.2 mA/cm² per 1 h step; CCD 2.4 mA/cm², shorts in the 2.6 step. */
    CCD_STEP_UP(true),
    /** Seed 003 like: step-up at constant 0.5 mAh/cm² per half-step, no short up to 9 mA/cm², then the test ends. */
    CCD_STEP_UP_NO_SHORT(false);

    private final boolean shorts;

    Scenario(boolean shorts) {
        this.shorts = shorts;
    }

    /** True for the three healthy background scenarios. */
    public boolean isHealthy() {
        return name().startsWith("HEALTHY_");
    }

    /** True when the cell develops an internal short during the simulation. */
    public boolean shorts() {
        return shorts;
    }

    /**
     * The critical current density the scenario is built to show, in mA/cm²: the last step-up level
     * completed without a short (for {@link #CCD_STEP_UP_NO_SHORT}, the last level of the test, with no
     * short at all), or null for scenarios that are not step-up tests.
     */
    public Double criticalCurrentDensityMaPerCm2() {
        return switch (this) {
            case CCD_STEP_UP -> 2.4;
            case CCD_STEP_UP_NO_SHORT -> 9.0;
            default -> null;
        };
    }
}

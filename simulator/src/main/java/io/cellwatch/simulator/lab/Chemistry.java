package io.cellwatch.simulator.lab;

import io.cellwatch.model.CeConvention;
import io.cellwatch.model.CellType;
import io.cellwatch.simulator.OcvCurve;

/**
 * The full and half cells of the lab library, with the ranges each cell's parameters are drawn
 * from. Every range is written here with where it comes from: the seed papers
 * ({@code shared/seeds}), the shared real exports ({@code shared/data/real}) or common lab
 * practice for that cell format. Ranges are physical, never placed against a detector's threshold.
 *
 * <ul>
 *   <li>{@code capacity}: available capacity at the test rate, Ah (coin cells: a few mAh; the Li-ion
 *       range reaches 18650/21700 cells of 1–5 Ah, the beep and Battery Data Hub exports).
 *   <li>{@code rq}: ohmic resistance × capacity, Ω·Ah, so that a coin cell of the same chemistry has
 *       a proportionally higher resistance than a large one (NCM|graphite: 12 Ω at 3 mAh, 30 mΩ at 3 Ah;
 *       Li-In seed 004: ~40 Ω at 3.14 mAh gives the ~0.13 V polarisation of its 1C profiles).
 *   <li>{@code ce}: steady coulombic efficiency (1 − side-reaction loss), percent: beep PreDiag
 *       99.8–99.9 %; seed 004 "near 100 %"; Si half cell 97.2–98.3 % in cycles 2–3 (cellpy Neware file).
 *   <li>{@code formation}: first-cycle CE, percent: graphite 85–92 %; Si 75–88 % (cellpy: 83.5 %).
 *   <li>{@code fade}: capacity fade per cycle, percent: seed 001 LFP 0.014 %/cycle (81.7 % after
 *       1300 cycles) to 0.123 %/cycle (high loading); seed 004 Li-metal dead in 17 cycles at ~0.2 %.
 *       Anode-free cells lose their lithium inventory, so their fade is their CE loss.
 *   <li>{@code rate}: the test's charge C-rate range (seed 004: 1C Li-In, 0.3 mA/cm² ≈ C/2 Li-metal;
 *       seed 001: 2C–5C LFP|Li).
 * </ul>
 *
 * <p>Why this file is long: it is a declaration table, one constant per chemistry with its sixteen
 * parameters, and a chemistry's numbers read best beside the sources above; it holds no logic.
 */
public enum Chemistry {
    LI_ION_NCM_GRAPHITE(
            "Li-ion NCM|graphite",
            CellType.FULL,
            CeConvention.DISCHARGE_OVER_CHARGE,
            OcvCurve.NCM_GRAPHITE,
            3.0,
            4.2,
            false,
            "NCM622|LP57|graphite",
            "graphite|LP57|NCM622",
            new double[] {0.0015, 3.0},
            new double[] {0.03, 0.09},
            new double[] {99.85, 99.97},
            new double[] {85, 92},
            new double[] {0.01, 0.05},
            new double[] {0.3, 1.0},
            7200),
    LI_ION_LFP_GRAPHITE(
            "Li-ion LFP|graphite",
            CellType.FULL,
            CeConvention.DISCHARGE_OVER_CHARGE,
            OcvCurve.LFP_GRAPHITE,
            2.5,
            3.65,
            false,
            "LFP|LP30|graphite",
            "graphite|LP30|LFP",
            new double[] {0.0015, 2.5},
            new double[] {0.02, 0.06},
            new double[] {99.9, 99.98},
            new double[] {88, 94},
            new double[] {0.005, 0.03},
            new double[] {0.5, 2.0},
            3600),
    LI_METAL_NCM(
            "Li-metal NCM622|Li6PS5Cl|Li",
            CellType.FULL,
            CeConvention.DISCHARGE_OVER_CHARGE,
            OcvCurve.NCM622_VS_LI,
            3.0,
            4.3,
            false,
            "LNO@NCM622|Li6PS5Cl|Li",
            "Li|Li6PS5Cl|LNO@NCM622",
            new double[] {0.0004, 0.003},
            new double[] {0.05, 0.1},
            new double[] {99.5, 99.8},
            new double[] {85, 90},
            new double[] {0.05, 0.3},
            new double[] {0.2, 0.5},
            900),
    LI_METAL_LFP(
            "Li-metal LFP|QCPE@P-DOL|Li",
            CellType.FULL,
            CeConvention.DISCHARGE_OVER_CHARGE,
            OcvCurve.LFP_VS_LI,
            2.5,
            3.8,
            false,
            "LFP|QCPE@P-DOL|Li",
            "Li|QCPE@P-DOL|LFP",
            new double[] {0.00025, 0.001},
            new double[] {0.02, 0.05},
            new double[] {99.7, 99.9},
            new double[] {90, 95},
            new double[] {0.014, 0.12},
            new double[] {1.0, 5.0},
            1800),
    ANODE_FREE(
            "anode-free NCM|Cu",
            CellType.FULL,
            CeConvention.DISCHARGE_OVER_CHARGE,
            OcvCurve.NCM622_VS_LI,
            3.0,
            4.3,
            false,
            "NCM811|LHCE|Cu",
            "Cu|LHCE|NCM811",
            new double[] {0.001, 0.005},
            new double[] {0.02, 0.06},
            new double[] {99.0, 99.8},
            new double[] {80, 90},
            null,
            new double[] {0.2, 0.5},
            1800),
    LI_IN(
            "Li-In NCM622|Li6PS5Cl|Li-In",
            CellType.FULL,
            CeConvention.DISCHARGE_OVER_CHARGE,
            OcvCurve.NCM622_VS_LI_IN,
            2.1,
            3.68,
            false,
            "LNO@NCM622|Li6PS5Cl|Li-In",
            "Li-In|Li6PS5Cl|LNO@NCM622",
            new double[] {0.0025, 0.0035},
            new double[] {0.09, 0.19},
            new double[] {99.8, 99.95},
            new double[] {85, 90},
            new double[] {0.003, 0.02},
            new double[] {0.5, 1.0},
            900),
    ANODE_HALF_SI(
            "Si|Li anode half cell",
            CellType.HALF,
            CeConvention.CHARGE_OVER_DISCHARGE,
            OcvCurve.SI_VS_LI,
            0.005,
            1.0,
            true,
            "Si|LP30|Li",
            "Li|LP30|Si",
            new double[] {0.0005, 0.003},
            new double[] {0.005, 0.02},
            new double[] {98.5, 99.7},
            new double[] {75, 88},
            new double[] {0.1, 0.5},
            new double[] {0.1, 0.5},
            0),
    ANODE_HALF_GRAPHITE(
            "graphite|Li anode half cell",
            CellType.HALF,
            CeConvention.CHARGE_OVER_DISCHARGE,
            OcvCurve.GRAPHITE_VS_LI,
            0.005,
            1.5,
            true,
            "graphite|LP30|Li",
            "Li|LP30|graphite",
            new double[] {0.001, 0.004},
            new double[] {0.005, 0.02},
            new double[] {99.5, 99.9},
            new double[] {85, 93},
            new double[] {0.01, 0.05},
            new double[] {0.1, 0.5},
            0),
    CATHODE_HALF_NCM(
            "NCM|Li cathode half cell",
            CellType.HALF,
            CeConvention.DISCHARGE_OVER_CHARGE,
            OcvCurve.NCM622_VS_LI,
            3.0,
            4.3,
            false,
            "NCM622|LP30|Li",
            "Li|LP30|NCM622",
            new double[] {0.0015, 0.005},
            new double[] {0.02, 0.06},
            new double[] {99.5, 99.9},
            new double[] {85, 92},
            new double[] {0.02, 0.1},
            new double[] {0.1, 1.0},
            3600);

    /** Words for reports. */
    public final String label;

    public final CellType cellType;
    public final CeConvention ceConvention;
    /** Open-circuit voltage against the state of charge in the voltage-raising direction. */
    public final OcvCurve ocv;

    public final double vMin;
    public final double vMax;
    /**
     * Anode half cells start each cycle by lithiating the working electrode (a discharge, voltage
     * falling) and their irreversible loss happens then; every other cell starts with its charge.
     */
    public final boolean dischargeFirst;

    final String cathodeFirst;
    final String anodeFirst;
    final double[] capacityAh;
    final double[] rq;
    final double[] cePercent;
    final double[] formationCePercent;
    /** Null: the fade is the lithium inventory loss (1 − CE per cycle). */
    final double[] fadePercentPerCycle;

    final double[] chargeRate;
    /** Longest constant-voltage hold after the charge, s (0: no CV step). */
    final double cvMaxS;

    Chemistry(
            String label,
            CellType cellType,
            CeConvention ceConvention,
            OcvCurve ocv,
            double vMin,
            double vMax,
            boolean dischargeFirst,
            String cathodeFirst,
            String anodeFirst,
            double[] capacityAh,
            double[] rq,
            double[] cePercent,
            double[] formationCePercent,
            double[] fadePercentPerCycle,
            double[] chargeRate,
            double cvMaxS) {
        this.label = label;
        this.cellType = cellType;
        this.ceConvention = ceConvention;
        this.ocv = ocv;
        this.vMin = vMin;
        this.vMax = vMax;
        this.dischargeFirst = dischargeFirst;
        this.cathodeFirst = cathodeFirst;
        this.anodeFirst = anodeFirst;
        this.capacityAh = capacityAh;
        this.rq = rq;
        this.cePercent = cePercent;
        this.formationCePercent = formationCePercent;
        this.fadePercentPerCycle = fadePercentPerCycle;
        this.chargeRate = chargeRate;
        this.cvMaxS = cvMaxS;
    }

    /** Voltage the open-circuit voltage sinks to when a short has emptied the cell past its table. */
    double collapseFloorV() {
        return cellType == CellType.HALF && dischargeFirst ? ocv.lowestVolts() - 0.02 : 0.0;
    }

    /** The chemistry as the lab writes it, in the electrode order it uses. */
    public String written(boolean anodeFirstOrder) {
        return anodeFirstOrder ? anodeFirst : cathodeFirst;
    }

    /** A metal or alloy anode (or none at all): the cells the dendrite-short papers are about. */
    public boolean lithiumMetalLike() {
        return this == LI_METAL_NCM || this == LI_METAL_LFP || this == ANODE_FREE || this == LI_IN;
    }

    /** Every full cell. */
    public static java.util.List<Chemistry> fullCells() {
        return java.util.Arrays.stream(values())
                .filter(c -> c.cellType == CellType.FULL)
                .toList();
    }
}

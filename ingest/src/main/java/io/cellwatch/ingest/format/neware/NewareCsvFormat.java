package io.cellwatch.ingest.format.neware;

import static io.cellwatch.ingest.format.layout.Quantity.CHARGE_CAPACITY;
import static io.cellwatch.ingest.format.layout.Quantity.CHARGE_ENERGY;
import static io.cellwatch.ingest.format.layout.Quantity.CURRENT;
import static io.cellwatch.ingest.format.layout.Quantity.CYCLE;
import static io.cellwatch.ingest.format.layout.Quantity.DATA_POINT;
import static io.cellwatch.ingest.format.layout.Quantity.DISCHARGE_CAPACITY;
import static io.cellwatch.ingest.format.layout.Quantity.DISCHARGE_ENERGY;
import static io.cellwatch.ingest.format.layout.Quantity.STEP;
import static io.cellwatch.ingest.format.layout.Quantity.STEP_TYPE;
import static io.cellwatch.ingest.format.layout.Quantity.TEMPERATURE;
import static io.cellwatch.ingest.format.layout.Quantity.TEST_TIME;
import static io.cellwatch.ingest.format.layout.Quantity.VOLTAGE;
import static io.cellwatch.ingest.format.layout.Quantity.WALL_TIME;

import io.cellwatch.ingest.format.layout.ColumnLayout;
import io.cellwatch.ingest.format.layout.LayoutFormat;
import io.cellwatch.ingest.format.row.StepTypes;

/**
 * Neware's flat CSV export (BTS / BTSDA "record" sheet saved as CSV): one row per record with
 * {@code Cycle Index}, {@code Step Index}, {@code Step Type}, {@code Current(A)},
 * {@code Voltage(V)}, {@code Chg. Cap.(Ah)}, {@code DChg. Cap.(Ah)} and energies, in A/Ah/Wh,
 * mA/mAh/mWh or µA/mAs/mWs. Its capacity columns restart at every step; the summarizer adds the
 * steps up. Test time is {@code Cumulative Time} or {@code Total Time} as {@code hh:mm:ss} (hours
 * past 24), or counts from the first {@code Date} when neither is there.
 *
 * <p>BTS 7.x's record sheet (as BEEP documents it) names the step's counters {@code Capacitance_Chg(mAh)},
 * {@code Capacitance_DChg(mAh)}, {@code Engy_Chg(mWh)} and {@code Engy_DChg(mWh)}, has no step type (the
 * current's sign gives the direction) and no test time: its {@code Time(h:min:s.ms)} is the step's, so the
 * test time counts from the first {@code Realtime}, to that stamp's resolution.
 */
public final class NewareCsvFormat extends LayoutFormat {
    public static final String NAME = "neware";

    /** The step's charge: BTS 8 and BTSDA's name, and BTS 7.x's. */
    private static final String[] CHARGE_CAPACITY_NAMES = {"Chg. Cap.", "Capacitance_Chg"};

    private static final String[] DISCHARGE_CAPACITY_NAMES = {"DChg. Cap.", "Capacitance_DChg"};

    static final ColumnLayout LAYOUT = ColumnLayout.builder()
            .optional(DATA_POINT, "DataPoint", "Record Index", "Record ID", "Record Number")
            .required(CYCLE, "Cycle Index", "Cycle ID")
            .optional(STEP, "Step Index", "Step ID")
            // BTS 7.x's record sheet has no step type: the current's sign gives the direction there.
            .optional(STEP_TYPE, "Step Type")
            // Never Time(h:min:s.ms): BTS 7.x's is the step's own time. Without a test time, it counts from the
            // first wall clock.
            .optional(TEST_TIME, "Cumulative Time", "Total Time")
            .optional(WALL_TIME, "Date", "Realtime", "Absolute Time")
            .required(CURRENT, "Current")
            .required(VOLTAGE, "Voltage")
            .required(CHARGE_CAPACITY, CHARGE_CAPACITY_NAMES)
            .required(DISCHARGE_CAPACITY, DISCHARGE_CAPACITY_NAMES)
            .optional(CHARGE_ENERGY, "Chg. Energy", "Engy_Chg")
            .optional(DISCHARGE_ENERGY, "DChg. Energy", "Engy_DChg")
            .optional(TEMPERATURE, "T1", "Temperature")
            .stepTypes(StepTypes::neware)
            .build();

    public NewareCsvFormat() {
        super(
                NAME,
                "Neware flat CSV: Cycle Index, Step Index, Step Type, Current(A), Voltage(V), Chg. Cap.(Ah), DChg. Cap.(Ah), ...",
                // An empty first cell is the hierarchical BTSDA export's step row, not this format.
                h -> !h.name(0).isEmpty()
                        && h.has("Cycle Index", "Cycle ID")
                        && (h.has("Step Type") || h.has("Record ID") && h.has("Realtime"))
                        && h.has(CHARGE_CAPACITY_NAMES)
                        && h.has(DISCHARGE_CAPACITY_NAMES)
                        && h.has("Voltage"),
                LAYOUT);
    }
}

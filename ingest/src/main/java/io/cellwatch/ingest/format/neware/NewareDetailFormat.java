package io.cellwatch.ingest.format.neware;

import static io.cellwatch.ingest.format.layout.Quantity.CAPACITY;
import static io.cellwatch.ingest.format.layout.Quantity.CURRENT;
import static io.cellwatch.ingest.format.layout.Quantity.CYCLE;
import static io.cellwatch.ingest.format.layout.Quantity.DATA_POINT;
import static io.cellwatch.ingest.format.layout.Quantity.ENERGY;
import static io.cellwatch.ingest.format.layout.Quantity.STEP;
import static io.cellwatch.ingest.format.layout.Quantity.STEP_TYPE;
import static io.cellwatch.ingest.format.layout.Quantity.VOLTAGE;
import static io.cellwatch.ingest.format.layout.Quantity.WALL_TIME;

import io.cellwatch.ingest.format.layout.ColumnLayout;
import io.cellwatch.ingest.format.layout.CounterRule;
import io.cellwatch.ingest.format.layout.LayoutFormat;
import io.cellwatch.ingest.format.row.StepTypes;

/**
 * Neware BTS 7.x's {@code Detail} sheet, as its Excel export writes it (or saved as CSV): {@code Record Index},
 * {@code Status} (the step type: {@code CC_Chg}, {@code CC_DChg}, {@code Rest}, or the Chinese names),
 * {@code JumpTo}, {@code Cycle}, {@code Step}, {@code Cur(mA)}, {@code Voltage(V)}, {@code CapaCity(mAh)} (the
 * step's charge, restarting at each step, in either direction), {@code Energy(mWh)}, {@code Relative
 * Time(h:min:s.ms)} (the step's own time) and {@code Absolute Time}. There is no test time: it counts from the
 * first {@code Absolute Time}, to that stamp's second. The same sheet with Chinese names is {@link
 * NewareChineseFormat}'s. Written from public lab scripts' descriptions of the sheet, not from a real export.
 */
public final class NewareDetailFormat extends LayoutFormat {
    public static final String NAME = "neware-detail";

    static final ColumnLayout LAYOUT = ColumnLayout.builder()
            .required(DATA_POINT, "Record Index")
            .required(STEP_TYPE, "Status")
            .required(CYCLE, "Cycle")
            .optional(STEP, "Step")
            .required(CURRENT, "Cur", "Current")
            .required(VOLTAGE, "Voltage")
            .required(CAPACITY, "CapaCity", "Capacity")
            .optional(ENERGY, "Energy")
            .required(WALL_TIME, "Absolute Time")
            .counters(CounterRule.SPLIT_BY_DIRECTION)
            .stepTypes(StepTypes::neware)
            .build();

    public NewareDetailFormat() {
        super(
                NAME,
                "Neware BTS 7.x Detail sheet: Record Index, Status, JumpTo, Cycle, Step, Cur(mA), Voltage(V),"
                        + " CapaCity(mAh), Energy(mWh), Relative Time(h:min:s.ms), Absolute Time",
                h -> h.has("Record Index")
                        && h.has("Status")
                        && h.has("Cur", "Current")
                        && h.has("CapaCity", "Capacity")
                        && h.has("Relative Time")
                        && h.has("Absolute Time"),
                LAYOUT);
    }
}

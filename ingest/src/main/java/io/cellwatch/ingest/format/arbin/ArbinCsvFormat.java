package io.cellwatch.ingest.format.arbin;

import static io.cellwatch.ingest.format.layout.Quantity.CHARGE_CAPACITY;
import static io.cellwatch.ingest.format.layout.Quantity.CHARGE_ENERGY;
import static io.cellwatch.ingest.format.layout.Quantity.CURRENT;
import static io.cellwatch.ingest.format.layout.Quantity.CYCLE;
import static io.cellwatch.ingest.format.layout.Quantity.DATA_POINT;
import static io.cellwatch.ingest.format.layout.Quantity.DISCHARGE_CAPACITY;
import static io.cellwatch.ingest.format.layout.Quantity.DISCHARGE_ENERGY;
import static io.cellwatch.ingest.format.layout.Quantity.STEP;
import static io.cellwatch.ingest.format.layout.Quantity.TEMPERATURE;
import static io.cellwatch.ingest.format.layout.Quantity.TEST_TIME;
import static io.cellwatch.ingest.format.layout.Quantity.VOLTAGE;
import static io.cellwatch.ingest.format.layout.Quantity.WALL_TIME;

import io.cellwatch.ingest.format.layout.ColumnLayout;
import io.cellwatch.ingest.format.layout.LayoutFormat;

/**
 * Arbin CSV exports (MITS Pro / Data Watcher), headers with unit suffixes
 * ({@code Current(A)}, {@code Charge_Capacity(Ah)}, {@code Test_Time(s)}) or without them
 * ({@code Current}, {@code Charge_Capacity}: then A, Ah, Wh, s), including the lower-case column
 * names cellpy stores Arbin {@code .res} rows under.
 *
 * <p>Arbin's {@code Charge_Capacity} and {@code Discharge_Capacity} accumulate through a cycle and
 * reset when the next cycle starts; they go to the summarizer as they are. Arbin writes no step
 * type: it follows from the sign of the current.
 */
public final class ArbinCsvFormat extends LayoutFormat {
    public static final String NAME = "arbin";

    static final ColumnLayout LAYOUT = ColumnLayout.builder()
            .required(DATA_POINT, "Data_Point")
            .required(TEST_TIME, "Test_Time")
            .required(CYCLE, "Cycle_Index")
            .optional(STEP, "Step_Index")
            .required(CURRENT, "Current")
            .required(VOLTAGE, "Voltage")
            .optional(WALL_TIME, "Date_Time", "DateTime")
            .optional(CHARGE_CAPACITY, "Charge_Capacity")
            .optional(DISCHARGE_CAPACITY, "Discharge_Capacity")
            .optional(CHARGE_ENERGY, "Charge_Energy")
            .optional(DISCHARGE_ENERGY, "Discharge_Energy")
            .optional(TEMPERATURE, "Temperature", "Aux_Temperature_1", "Aux_Temperature(C)_1", "Aux_Temperature")
            .build();

    public ArbinCsvFormat() {
        super(
                NAME,
                "Arbin CSV: Data_Point, Test_Time, Cycle_Index, Current, Voltage, Charge_Capacity, ... (units optional)",
                h -> h.has("Data_Point") && h.has("Cycle_Index") && h.has("Current") && h.has("Voltage"),
                LAYOUT);
    }
}

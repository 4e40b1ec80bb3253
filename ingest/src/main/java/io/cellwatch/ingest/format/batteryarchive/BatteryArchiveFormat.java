package io.cellwatch.ingest.format.batteryarchive;

import static io.cellwatch.ingest.format.layout.Quantity.CHARGE_CAPACITY;
import static io.cellwatch.ingest.format.layout.Quantity.CHARGE_ENERGY;
import static io.cellwatch.ingest.format.layout.Quantity.CURRENT;
import static io.cellwatch.ingest.format.layout.Quantity.CYCLE;
import static io.cellwatch.ingest.format.layout.Quantity.DISCHARGE_CAPACITY;
import static io.cellwatch.ingest.format.layout.Quantity.DISCHARGE_ENERGY;
import static io.cellwatch.ingest.format.layout.Quantity.STEP;
import static io.cellwatch.ingest.format.layout.Quantity.TEMPERATURE;
import static io.cellwatch.ingest.format.layout.Quantity.TEST_TIME;
import static io.cellwatch.ingest.format.layout.Quantity.VOLTAGE;
import static io.cellwatch.ingest.format.layout.Quantity.WALL_TIME;
import static io.cellwatch.ingest.format.layout.Quantity.WALL_TIME_DATENUM;

import io.cellwatch.ingest.format.layout.ColumnLayout;
import io.cellwatch.ingest.format.layout.CounterRule;
import io.cellwatch.ingest.format.layout.LayoutFormat;
import io.cellwatch.ingest.format.row.PerCycleMaximum;

/**
 * Time series in the DOE Battery Data Hub layout ({@code Cycle_Index, Step, Time_s, Current_A,
 * Voltage_V, Charge_Capacity_Ah, Discharge_Capacity_Ah, Charge_Energy_Wh, ...}) and Battery
 * Archive's ({@code Date_Time, Test_Time (s), Cycle_Index, Current (A), Voltage (V),
 * Charge_Capacity (Ah), ...}). Neither writes a record number: rows are numbered in file order.
 *
 * <p>Both define {@code Charge_Capacity} as the charge passed in the cycle so far, and the
 * providers summarize a cycle by the column's maximum; {@link PerCycleMaximum} reads it the same
 * way, so cellwatch's per-cycle numbers equal the provider's summary file. An empty or NaN counter
 * (impedance rows) leaves the counter where it was.
 */
public final class BatteryArchiveFormat extends LayoutFormat {
    public static final String NAME = "battery-archive";

    static final ColumnLayout LAYOUT = ColumnLayout.builder()
            .required(CYCLE, "Cycle_Index")
            .optional(STEP, "Step", "Step_Index")
            .required(TEST_TIME, "Time_s", "Test_Time")
            .required(CURRENT, "Current_A", "Current")
            .required(VOLTAGE, "Voltage_V", "Voltage")
            .columnRequired(CHARGE_CAPACITY, "Charge_Capacity_Ah", "Charge_Capacity")
            .columnRequired(DISCHARGE_CAPACITY, "Discharge_Capacity_Ah", "Discharge_Capacity")
            .optional(CHARGE_ENERGY, "Charge_Energy_Wh", "Charge_Energy")
            .optional(DISCHARGE_ENERGY, "Discharge_Energy_Wh", "Discharge_Energy")
            .optional(TEMPERATURE, "Cell_Temperature_C", "Cell_Temperature", "Environment_Temperature")
            .optional(WALL_TIME, "Date_Time")
            .optional(WALL_TIME_DATENUM, "Datenum_d")
            .counters(CounterRule.PER_CYCLE_MAXIMUM)
            .build();

    public BatteryArchiveFormat() {
        super(
                NAME,
                "DOE Battery Data Hub / Battery Archive time series CSV: Cycle_Index, Time_s or Test_Time (s), "
                        + "Current_A, Voltage_V, Charge_Capacity_Ah, ... (no Data_Point)",
                h -> h.has("Cycle_Index")
                        && h.has("Charge_Capacity_Ah", "Charge_Capacity")
                        && h.has("Voltage_V", "Voltage")
                        && h.has("Current_A", "Current")
                        && !h.has("Data_Point"),
                LAYOUT);
    }
}

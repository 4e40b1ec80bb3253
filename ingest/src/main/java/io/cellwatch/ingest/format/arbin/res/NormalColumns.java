package io.cellwatch.ingest.format.arbin.res;

import com.healthmarketscience.jackcess.Row;
import com.healthmarketscience.jackcess.Table;
import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.binary.BinaryFormatException;
import io.cellwatch.ingest.format.row.SampleRow;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

/**
 * The columns of {@code Channel_Normal_Table} (one row per data point) and how a row becomes a
 * {@link SampleRow}. MITS Pro stores SI units: A, V, Ah, Wh, seconds; current is positive on charge
 * (a silicon half cell's lithiation steps are negative, its delithiation positive), so no sign flip.
 * Capacities and energies are the cycler's counters, which reset at each new cycle, as in Arbin's CSV
 * export; they go on as written, made non-negative as every reader does ({@link SampleRow#counter}).
 */
final class NormalColumns {
    static final String TABLE = "Channel_Normal_Table";
    static final String TEST_ID = "Test_ID";
    static final String DATA_POINT = "Data_Point";
    private static final String TEST_TIME = "Test_Time";
    private static final String DATE_TIME = "DateTime";
    private static final String STEP = "Step_Index";
    private static final String CYCLE = "Cycle_Index";
    private static final String CURRENT = "Current";
    private static final String VOLTAGE = "Voltage";
    private static final String CHARGE = "Charge_Capacity";
    private static final String DISCHARGE = "Discharge_Capacity";
    private static final String CHARGE_ENERGY = "Charge_Energy";
    private static final String DISCHARGE_ENERGY = "Discharge_Energy";

    /** Only these are decoded: the table has a dozen more (dV/dt, impedance, ...) cellwatch does not use. */
    static final List<String> READ = List.of(
            TEST_ID,
            DATA_POINT,
            TEST_TIME,
            DATE_TIME,
            STEP,
            CYCLE,
            CURRENT,
            VOLTAGE,
            CHARGE,
            DISCHARGE,
            CHARGE_ENERGY,
            DISCHARGE_ENERGY);

    private NormalColumns() {}

    /** Fails naming the column when the table lacks one the reader needs, or holds it as text. */
    static void check(ResDatabase db, Table table) throws BinaryFormatException {
        db.requireNumeric(table, READ.toArray(String[]::new));
    }

    /**
     * Fills the row from one database row.
     *
     * @throws MalformedRowException naming the data point (as the "line") and the column when a
     *                               value the sample needs is empty or not a date
     */
    static void fill(Row row, SampleRow r, ZoneId zone, Path file) throws MalformedRowException {
        long dataPoint = required(row, DATA_POINT, 0, file).longValue();
        r.dataPoint = dataPoint;
        r.testTimeS = required(row, TEST_TIME, dataPoint, file).doubleValue();
        r.stepIndex = required(row, STEP, dataPoint, file).intValue();
        r.cycleIndex = required(row, CYCLE, dataPoint, file).intValue();
        r.currentA = required(row, CURRENT, dataPoint, file).doubleValue();
        r.voltageV = required(row, VOLTAGE, dataPoint, file).doubleValue();
        r.chargeAh = SampleRow.counter(optional(row, CHARGE), 1);
        r.dischargeAh = SampleRow.counter(optional(row, DISCHARGE), 1);
        r.chargeWh = SampleRow.counter(optional(row, CHARGE_ENERGY), 1);
        r.dischargeWh = SampleRow.counter(optional(row, DISCHARGE_ENERGY), 1);
        Double days = optional(row, DATE_TIME);
        if (days != null) {
            try {
                r.wallTimeMs = OleDays.toEpochMillis(days, zone);
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                throw new MalformedRowException(file, dataPoint, DATE_TIME, e.getMessage(), e);
            }
        }
    }

    private static Number required(Row row, String column, long dataPoint, Path file) throws MalformedRowException {
        Number value = ResTest.number(row, column);
        if (value == null) {
            throw new MalformedRowException(
                    file,
                    dataPoint,
                    column,
                    "expected a value in " + TABLE + " at this data point, found an empty cell");
        }
        return value;
    }

    private static Double optional(Row row, String column) {
        Number value = ResTest.number(row, column);
        return value == null ? null : value.doubleValue();
    }
}

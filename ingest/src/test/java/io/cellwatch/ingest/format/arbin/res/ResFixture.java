package io.cellwatch.ingest.format.arbin.res;

import com.healthmarketscience.jackcess.ColumnBuilder;
import com.healthmarketscience.jackcess.DataType;
import com.healthmarketscience.jackcess.Database;
import com.healthmarketscience.jackcess.DatabaseBuilder;
import com.healthmarketscience.jackcess.IndexBuilder;
import com.healthmarketscience.jackcess.Table;
import com.healthmarketscience.jackcess.TableBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@code .res}-shaped Access database the way MITS Pro does during a test: the tables with
 * Arbin's columns and keys (galvani's {@code res2sqlite} schema; the real files' column types), then
 * data points, their auxiliary values and events as the test goes. The values follow a simple
 * charge/discharge pattern so every column differs from row to row.
 */
final class ResFixture implements AutoCloseable {
    static final int TEST_ID = 1;

    private final Database db;
    private final Table normal;
    private final Table aux;
    private final Table events;
    private final int auxInputs;
    private final int voltages;

    /** A new result file with {@code voltages} aux voltage inputs and {@code temperatures} thermocouples. */
    static ResFixture create(Path file, int voltages, int temperatures) throws IOException {
        return new ResFixture(file, Database.FileFormat.V2003, voltages, temperatures);
    }

    /**
     * The same in Access 2000's layout, also Jet 4 with the same signature but half the size (no
     * Access 2003 system tables): the fuzz test's seed.
     */
    static ResFixture createCompact(Path file, int voltages, int temperatures) throws IOException {
        return new ResFixture(file, Database.FileFormat.V2000, voltages, temperatures);
    }

    private ResFixture(Path file, Database.FileFormat fileFormat, int voltages, int temperatures) throws IOException {
        // No fsync per insert: other readers see the writes through the OS either way, and the tests
        // write thousands of rows.
        db = new DatabaseBuilder(file.toFile())
                .setFileFormat(fileFormat)
                .setAutoSync(false)
                .create();
        Table global = new TableBuilder("Global_Table")
                .addColumn(col("Test_ID", DataType.LONG))
                .addColumn(col("Test_Name", DataType.TEXT))
                .addColumn(col("Channel_Index", DataType.INT))
                .addColumn(col("Start_DateTime", DataType.DOUBLE))
                .addColumn(col("Creator", DataType.TEXT))
                .addColumn(col("Schedule_File_Name", DataType.TEXT))
                .addColumn(col("MASS", DataType.FLOAT))
                .addColumn(col("Capacity", DataType.FLOAT))
                .addIndex(new IndexBuilder(IndexBuilder.PRIMARY_KEY_NAME)
                        .addColumns("Test_ID")
                        .setPrimaryKey())
                .toTable(db);
        global.addRow(TEST_ID, "fixture", 4, 42587.5, "cellwatch", "fixture.sdu", 8.5e-4f, 0f);
        Table auxGlobal = new TableBuilder("Aux_Global_Data_Table")
                .addColumn(col("Channel_Index", DataType.INT))
                .addColumn(col("Auxiliary_Index", DataType.INT))
                .addColumn(col("Data_Type", DataType.INT))
                .addColumn(col("Nickname", DataType.TEXT))
                .addColumn(col("Unit", DataType.TEXT))
                .toTable(db);
        for (int i = 0; i < voltages; i++) {
            auxGlobal.addRow(3, i, AuxChannels.VOLTAGE, "", "V");
        }
        for (int i = 0; i < temperatures; i++) {
            auxGlobal.addRow(3, i, AuxChannels.TEMPERATURE, "", "C");
        }
        auxInputs = voltages + temperatures;
        this.voltages = voltages;
        normal = normalTable(db, true);
        aux = new TableBuilder(AuxRows.TABLE)
                .addColumn(col("Test_ID", DataType.LONG))
                .addColumn(col("Data_Point", DataType.LONG))
                .addColumn(col("Auxiliary_Index", DataType.INT))
                .addColumn(col("Data_Type", DataType.INT))
                .addColumn(col("X", DataType.FLOAT))
                .addIndex(new IndexBuilder(IndexBuilder.PRIMARY_KEY_NAME)
                        .addColumns("Test_ID", "Data_Point", "Auxiliary_Index", "Data_Type")
                        .setPrimaryKey())
                .addIndex(
                        new IndexBuilder("Channel_Normal_Table_To_Auxiliary_Table").addColumns("Test_ID", "Data_Point"))
                .toTable(db);
        events = new TableBuilder("Event_Table")
                .addColumn(col("Test_ID", DataType.LONG))
                .addColumn(col("DateTime", DataType.DOUBLE))
                .addColumn(col("Test_Time", DataType.DOUBLE))
                .addColumn(col("Event_Type", DataType.INT))
                .addColumn(col("Event_Describe", DataType.TEXT))
                .toTable(db);
        events.addRow(TEST_ID, 42587.5, 0.0, 0, "Test start");
    }

    /**
     * {@code Channel_Normal_Table} with Arbin's columns, or without {@code Voltage} (a damaged schema).
     */
    static Table normalTable(Database db, boolean withVoltage) throws IOException {
        TableBuilder b = new TableBuilder(NormalColumns.TABLE)
                .addColumn(col("Test_ID", DataType.LONG))
                .addColumn(col("Data_Point", DataType.LONG))
                .addColumn(col("Test_Time", DataType.DOUBLE))
                .addColumn(col("Step_Time", DataType.DOUBLE))
                .addColumn(col("DateTime", DataType.DOUBLE))
                .addColumn(col("Step_Index", DataType.INT))
                .addColumn(col("Cycle_Index", DataType.INT))
                .addColumn(col("Is_FC_Data", DataType.BYTE))
                .addColumn(col("Current", DataType.FLOAT));
        if (withVoltage) {
            b.addColumn(col("Voltage", DataType.FLOAT));
        }
        return b.addColumn(col("Charge_Capacity", DataType.DOUBLE))
                .addColumn(col("Discharge_Capacity", DataType.DOUBLE))
                .addColumn(col("Charge_Energy", DataType.DOUBLE))
                .addColumn(col("Discharge_Energy", DataType.DOUBLE))
                .addColumn(col("dV/dt", DataType.FLOAT))
                .addColumn(col("Internal_Resistance", DataType.FLOAT))
                .addColumn(col("AC_Impedance", DataType.FLOAT))
                .addColumn(col("ACI_Phase_Angle", DataType.FLOAT))
                .addIndex(new IndexBuilder(IndexBuilder.PRIMARY_KEY_NAME)
                        .addColumns("Test_ID", "Data_Point")
                        .setPrimaryKey())
                .toTable(db);
    }

    /** Data points {@code from}..{@code to} in {@code Channel_Normal_Table}, one insert each. */
    void points(int from, int to) throws IOException {
        for (int p = from; p <= to; p++) {
            normal.addRow(normalRow(p));
        }
    }

    /** The auxiliary values of data points {@code from}..{@code to}. */
    void auxValues(int from, int to) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        for (int p = from; p <= to; p++) {
            for (int i = 0; i < auxInputs; i++) {
                boolean voltage = i < voltages;
                int index = voltage ? i : i - voltages;
                float x = voltage ? 3.0f + 0.001f * p + 0.1f * index : 25.0f + 0.01f * p + index;
                rows.add(new Object[] {TEST_ID, p, index, voltage ? AuxChannels.VOLTAGE : AuxChannels.TEMPERATURE, x});
            }
        }
        aux.addRows(rows);
    }

    /** Data points with their aux values, point by point as MITS Pro logs them. */
    void logged(int from, int to) throws IOException {
        for (int p = from; p <= to; p++) {
            points(p, p);
            auxValues(p, p);
        }
    }

    /** MITS Pro's "Test end" event: no more rows will come. */
    void endTest(double testTimeS) throws IOException {
        events.addRow(TEST_ID, 42588.0, testTimeS, 1, "Test end");
    }

    Database database() {
        return db;
    }

    /** A row of the pattern: 30 points per half cycle, charge then discharge, counters reset per cycle. */
    static Object[] normalRow(int p) {
        int cycle = 1 + (p - 1) / 60;
        int inCycle = (p - 1) % 60;
        boolean charging = inCycle < 30;
        float current = charging ? 0.002f : -0.002f;
        double chargeAh = 1e-4 * Math.min(inCycle, 30);
        double dischargeAh = charging ? 0 : 1e-4 * (inCycle - 30);
        double testTime = 10.0 * p + 0.125;
        return new Object[] {
            TEST_ID,
            p,
            testTime,
            10.0 * inCycle,
            42587.5 + testTime / 86400,
            charging ? 2 : 3,
            cycle,
            0,
            current,
            3.5f + 0.01f * inCycle,
            chargeAh,
            dischargeAh,
            3.7 * chargeAh,
            3.6 * dischargeAh,
            0f,
            0f,
            0f,
            0f
        };
    }

    static ColumnBuilder col(String name, DataType type) {
        return new ColumnBuilder(name, type);
    }

    @Override
    public void close() throws IOException {
        db.close();
    }
}

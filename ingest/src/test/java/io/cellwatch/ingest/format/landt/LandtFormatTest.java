package io.cellwatch.ingest.format.landt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cellwatch.ingest.format.Collected;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.xlsx.Workbooks;
import io.cellwatch.ingest.format.xlsx.XlsxFormat;
import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Landt's record sheet in the layouts public parsers describe: LANDdt's (hours, milliamps, a step state of
 * {@code R}/{@code RateC}/{@code RateD}, a spacer column, an unplugged auxiliary channel written {@code -}),
 * and LANHE's (microamps, a test time written {@code d hh:mm:ss.fff}, metadata rows above the header, no step
 * state), as CSV and as the workbook the software writes.
 */
class LandtFormatTest {
    @TempDir
    Path dir;

    /** LANDdt: a slice of a longer run (record and time do not start at 0), a rest, a charge, a discharge. */
    private static final String LANDDT = """
            Record,TestTime/h,StepTime/h,Current/mA,Capacity/mAh,SpeCap/mAh/g,SOC|DOD/%,Voltage/V,Energy/mWh,SpeEnergy/Wh/kg,AuxTemp/dC.,AuxVolt/V,SysTime,,Cycle-Index,Step-Index,Step-State
            1201,3.50,0.00,0.000,0.000,0.0,0.0,3.4100,0.000,0.0,-,-,2026-01-15 09:00:00,,4,16,R
            1202,3.51,0.01,0.500,0.005,0.8,0.4,3.6200,0.018,2.9,-,-,2026-01-15 09:00:36,,4,17,RateC
            1203,3.52,0.02,0.500,0.010,1.6,0.8,3.6500,0.036,5.8,-,-,2026-01-15 09:01:12,,4,17,RateC
            1204,3.53,0.01,-0.500,0.005,0.8,0.4,3.4000,0.017,2.7,-,-,2026-01-15 09:01:48,,4,18,RateD
            """;

    @Test
    void aLanddtRecordSheetIsDetectedAndReadInItsUnits() throws IOException {
        Path csv = Files.writeString(dir.resolve("landt.csv"), LANDDT);
        assertThat(CyclerFormats.detect(csv).name()).isEqualTo(LandtFormat.NAME);
        Collected c = Collected.read(new LandtFormat(), csv);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples).extracting(Sample::dataPoint).containsExactly(1201L, 1202L, 1203L, 1204L);
        assertThat(c.samples).extracting(Sample::cycleIndex).containsOnly(4);
        assertThat(c.samples).extracting(Sample::stepIndex).containsExactly(16, 17, 17, 18);
        assertThat(c.samples)
                .extracting(Sample::stepType)
                .containsExactly(StepType.REST, StepType.CHARGE, StepType.CHARGE, StepType.DISCHARGE);
        assertThat(c.samples.get(0).testTimeS()).as("TestTime/h").isCloseTo(3.5 * 3600, within(1e-6));
        assertThat(c.samples.get(1).currentA()).as("Current/mA").isCloseTo(0.0005, within(1e-12));
        assertThat(c.samples.get(3).currentA()).isCloseTo(-0.0005, within(1e-12));
        assertThat(c.samples.get(2).voltageV()).isEqualTo(3.65);
        assertThat(c.samples.get(2).chargeCapacityAh())
                .as("Capacity/mAh of a charge step")
                .isCloseTo(1.0e-5, within(1e-12));
        assertThat(c.samples.get(3).dischargeCapacityAh())
                .as("the discharge step's own capacity")
                .isCloseTo(5.0e-6, within(1e-12));
        assertThat(c.samples.get(1).wallTimeMs())
                .as("SysTime, local (UTC here)")
                .isEqualTo(Instant.parse("2026-01-15T09:00:36Z").toEpochMilli());
    }

    /** LANHE: metadata rows, then the header; microamps; no step state, the current's sign says the direction. */
    private static Object[][] lanheRows() {
        return new Object[][] {
            {"Test name", "Li-In 004 ch 12"},
            {"Start time", "2026-01-15 09:00:00"},
            {},
            {"Record", "SysTime", "Cycle", "Step", "TestTime", "Voltage/V", "Current/uA", "Capacity/uAh", "SpeCap/mAh/g"
            },
            {1, "2026-01-15 09:00:00.000", 1, 1, "0 00:00:00.000", 3.41, 0.0, 0.0, 0.0},
            {2, "2026-01-15 09:00:10.000", 1, 2, "0 00:00:10.000", 3.60, 250.0, 0.694, 0.1},
            {3, "2026-01-16 09:00:20.000", 1, 2, "1 00:00:20.000", 4.20, 250.0, 1.389, 0.2},
            {4, "2026-01-16 09:00:30.000", 1, 3, "1 00:00:30.000", 3.90, -250.0, 0.694, 0.1}
        };
    }

    @Test
    void aLanheWorkbookWithMetadataAboveItsHeaderIsReadThroughTheXlsxReader() throws IOException {
        Path xlsx = Workbooks.write(dir.resolve("lanhe.xlsx"), wb -> {
            Worksheet info = wb.newWorksheet("Test information");
            info.value(0, 0, "Test name");
            info.value(0, 1, "Start time");
            info.value(1, 0, "Li-In 004 ch 12");
            info.value(1, 1, "2026-01-15 09:00:00");
            Worksheet data = wb.newWorksheet("Ch12_DefaultGroup");
            Object[][] rows = lanheRows();
            for (int r = 0; r < rows.length; r++) {
                Workbooks.values(data, r, rows[r]);
            }
        });
        assertThat(CyclerFormats.detect(xlsx).name()).isEqualTo(XlsxFormat.NAME);
        Collected c = Collected.read(new XlsxFormat(), xlsx);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples).extracting(Sample::dataPoint).containsExactly(1L, 2L, 3L, 4L);
        assertThat(c.samples)
                .extracting(Sample::testTimeS)
                .as("d hh:mm:ss.fff")
                .containsExactly(0.0, 10.0, 86_420.0, 86_430.0);
        assertThat(c.samples.get(1).currentA()).as("Current/uA").isCloseTo(2.5e-4, within(1e-15));
        assertThat(c.samples.get(2).chargeCapacityAh()).as("Capacity/uAh").isCloseTo(1.389e-6, within(1e-15));
        assertThat(c.samples.get(3).dischargeCapacityAh()).isCloseTo(0.694e-6, within(1e-15));
        assertThat(c.samples)
                .extracting(Sample::stepType)
                .as("by the current's sign")
                .containsExactly(StepType.REST, StepType.CHARGE, StepType.CHARGE, StepType.DISCHARGE);
        assertThat(c.samples.get(3).wallTimeMs())
                .isEqualTo(Instant.parse("2026-01-16T09:00:30Z").toEpochMilli());
    }

    @Test
    void aRecordSheetSplitOverSheetsWithoutRepeatingItsHeaderIsReadWhole() throws IOException {
        // Landt's older software splits a long record sheet into Record, Record1, Record2, ..., the later ones
        // without a header; a Cycle sheet of summaries follows.
        String[] header = {"Index", "TestTime/s", "Current/mA", "Voltage/V", "Capacity/mAh", "CycleNo"};
        Path xlsx = Workbooks.write(dir.resolve("old-landt.xlsx"), wb -> {
            Worksheet record = wb.newWorksheet("Record");
            Workbooks.values(record, 0, header);
            for (int k = 1; k <= 3; k++) {
                Workbooks.values(record, k, landtRow(k));
            }
            Worksheet record1 = wb.newWorksheet("Record1");
            Workbooks.values(record1, 0, landtRow(4));
            Workbooks.values(record1, 1, landtRow(5));
            Worksheet record2 = wb.newWorksheet("Record2");
            Workbooks.values(record2, 0, landtRow(6));
            Worksheet cycle = wb.newWorksheet("Cycle");
            Workbooks.values(cycle, 0, new Object[] {"CycleNo", "Capacity-Chg/mAh", "Capacity-DChg/mAh"});
            Workbooks.values(cycle, 1, new Object[] {1, 0.05, 0.049});
        });
        Collected c = Collected.read(new XlsxFormat(), xlsx);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples).extracting(Sample::dataPoint).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(c.cycles).as("the Cycle sheet is not a sequel").isEmpty();
    }

    /** Record {@code k} of a cell charged for 3 records, then discharged, a minute apart. */
    private static Object[] landtRow(int k) {
        boolean charge = k <= 3;
        return new Object[] {k, (k - 1) * 60, charge ? 1.0 : -1.0, charge ? 3.5 + 0.05 * k : 3.6 - 0.05 * k, 0.017, 1};
    }

    @Test
    void aSheetWithoutACycleColumnHasItsCyclesCountedFromTheDirection() throws IOException {
        Path csv = Files.writeString(dir.resolve("no-cycle.csv"), """
                Index,TestTime/s,Current/mA,Voltage/V,Capacity/mAh
                1,0,1.0,3.50,0.000
                2,60,1.0,3.60,0.017
                3,120,-1.0,3.40,0.017
                4,180,1.0,3.60,0.017
                5,240,-1.0,3.40,0.017
                """);
        assertThat(CyclerFormats.detect(csv).name()).isEqualTo(LandtFormat.NAME);
        Collected c = Collected.read(new LandtFormat(), csv);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples).extracting(Sample::cycleIndex).containsExactly(1, 1, 1, 2, 2);
    }

    /**
     * LAND's software in Chinese: the record number, test time, voltage, current, capacity and state named in
     * Chinese, the test time written {@code d-hh:mm:ss} without a unit, the states {@code C_CC}, {@code C_CV},
     * {@code R}, {@code D_CC}.
     */
    private static final String LAND_CHINESE = """
            记录序号,测试时间,电压/V,电流/mA,容量/mAh,状态
            1,0-23:59:50,3.4100,0.000,0.000,R
            2,1-00:00:00,3.6200,0.500,0.001,C_CC
            3,1-00:00:10,4.2000,0.000,0.003,C_CV
            4,1-00:00:20,3.9000,-0.500,0.001,D_CC
            """;

    @Test
    void aLandSheetWithChineseColumnNamesAndDaysBeforeAHyphenIsRead() throws IOException {
        Path csv = Files.writeString(dir.resolve("land-cn.csv"), LAND_CHINESE);
        assertThat(CyclerFormats.detect(csv).name()).isEqualTo(LandtFormat.NAME);
        Collected c = Collected.read(new LandtFormat(), csv);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples).extracting(Sample::dataPoint).containsExactly(1L, 2L, 3L, 4L);
        assertThat(c.samples)
                .extracting(Sample::testTimeS)
                .as("d-hh:mm:ss: a day is 86,400 s, not a date")
                .containsExactly(86_390.0, 86_400.0, 86_410.0, 86_420.0);
        assertThat(c.samples)
                .extracting(Sample::stepType)
                .containsExactly(StepType.REST, StepType.CHARGE, StepType.CHARGE, StepType.DISCHARGE);
        assertThat(c.samples.get(2).voltageV()).isEqualTo(4.2);
        assertThat(c.samples.get(3).currentA()).isCloseTo(-0.0005, within(1e-12));
        assertThat(c.samples.get(2).chargeCapacityAh()).isCloseTo(3.0e-6, within(1e-12));
    }

    @Test
    void otherVendorsSlashedOrParenthesisedHeadersAreNotTakenForLandt() {
        assertThat(LandtFormat.isHeaderLine("mode\tox/red\terror\ttime/s\tEwe/V\tI/mA\tQ charge/discharge/mA.h"))
                .as("EC-Lab")
                .isFalse();
        assertThat(LandtFormat.isHeaderLine(
                        "Data_Point,Test_Time(s),Current(A),Voltage(V),Charge_Capacity(Ah),Discharge_Capacity(Ah)"))
                .as("Arbin")
                .isFalse();
        assertThat(LandtFormat.isHeaderLine("Record,Voltage/V,Current/mA"))
                .as("no capacity")
                .isFalse();
    }
}

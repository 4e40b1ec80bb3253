package io.cellwatch.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cellwatch.ingest.format.text.TimeValues;
import io.cellwatch.model.CeConvention;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each reader on small hand-written files: units, vendor quirks, and errors that name file, line and field. */
class ReadersTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private Collected read(String formatName, Path file) throws IOException {
        CyclerFormat format = CyclerFormats.detect(file);
        assertThat(format.name())
                .as("detected format of %s", file.getFileName())
                .isEqualTo(formatName);
        return Collected.read(format, file);
    }

    @Test
    void arbinWithMilliUnitsIsNormalisedAndABadCellNamesItsColumn() throws IOException {
        Path file = write("ch12.csv", """
                Data_Point,Test_Time(s),Date_Time,Step_Time(s),Step_Index,Cycle_Index,Current(mA),Voltage(V),Charge_Capacity(mAh),Discharge_Capacity(mAh),Charge_Energy(mWh),Discharge_Energy(mWh)
                1,0,2017-07-02 10:39:13,0,1,1,500,3.30,0,0,0,0
                2,60,2017-07-02 10:40:13,60,1,1,500,3.35,8.3,0,27.6,0
                3,120,2017-07-02 10:41:13,120,1,1,5OO,3.36,16.6,0,55.4,0
                4,180,2017-07-02 10:42:13,0,2,1,-500,3.20,16.6,8.3,55.4,26.4
                """);
        Collected c = read("arbin", file);

        assertThat(c.samples).hasSize(3);
        Sample s = c.samples.get(1);
        assertThat(s.channelId()).isEqualTo("ch12");
        assertThat(s.currentA()).isEqualTo(0.5);
        assertThat(s.chargeCapacityAh()).isCloseTo(0.0083, within(1e-15));
        assertThat(s.chargeEnergyWh()).isCloseTo(0.0276, within(1e-15));
        assertThat(s.stepType()).isEqualTo(StepType.CHARGE);
        assertThat(s.wallTimeMs())
                .isEqualTo(java.time.Instant.parse("2017-07-02T10:40:13Z").toEpochMilli());
        assertThat(c.last().stepType()).isEqualTo(StepType.DISCHARGE);
        assertThat(c.errors).singleElement().satisfies(e -> {
            assertThat(e.getMessage()).isEqualTo(file + ":4: field 'Current(mA)': not a number: '5OO'");
            assertThat(e.line()).isEqualTo(4);
        });
    }

    @Test
    void anArbinExportFromAUkLocaleReadsItsDatesDayFirstWhenToldAndNamesTheFlagWhenNot() throws IOException {
        Path file = write("uk.csv", """
                Data_Point,Test_Time(s),Date_Time,Step_Index,Cycle_Index,Current(A),Voltage(V),Charge_Capacity(Ah),Discharge_Capacity(Ah)
                1,0,12/08/2021 23:59:00,1,1,0.5,3.30,0,0
                2,120,13/08/2021 00:01:00,1,1,0.5,3.35,0.01,0
                """);
        SourceFile ukLocale = new SourceFile(
                file, ChannelInfo.defaultsFor("uk"), false, ZoneOffset.UTC, TimeValues.DateOrder.DAY_FIRST);
        Collected dayFirst = Collected.read(CyclerFormats.detect(file), ukLocale);
        assertThat(dayFirst.errors).isEmpty();
        assertThat(dayFirst.samples)
                .extracting(Sample::wallTimeMs)
                .containsExactly(
                        java.time.Instant.parse("2021-08-12T23:59:00Z").toEpochMilli(),
                        java.time.Instant.parse("2021-08-13T00:01:00Z").toEpochMilli());
        // Month first, the 12th of August is read as the 8th of December and the 13th is refused, naming the flag.
        Collected monthFirst = read("arbin", file);
        assertThat(monthFirst.samples.get(0).wallTimeMs())
                .isEqualTo(java.time.Instant.parse("2021-12-08T23:59:00Z").toEpochMilli());
        assertThat(monthFirst.errors)
                .singleElement()
                .satisfies(e -> assertThat(e.getMessage())
                        .startsWith(file + ":3: field 'Date_Time': not a date and time")
                        .contains("--date-order day-first"));
    }

    @Test
    void aWallClockOfTheLabsOwnFormIsReadWithClockFormatAndNamesTheFlagWithoutIt() throws IOException {
        Path file = write("compact.csv", """
                Data_Point,Test_Time(s),Date_Time,Step_Index,Cycle_Index,Current(A),Voltage(V),Charge_Capacity(Ah),Discharge_Capacity(Ah)
                1,0,20210812 235900,1,1,0.5,3.30,0,0
                2,120,2021-08-13 00:01:00,1,1,0.5,3.35,0.01,0
                """);
        SourceFile withForm = new SourceFile(
                file,
                ChannelInfo.defaultsFor("compact"),
                false,
                ZoneOffset.UTC,
                TimeValues.DateOrder.MONTH_FIRST,
                "yyyyMMdd HHmmss");
        Collected read = Collected.read(CyclerFormats.detect(file), withForm);
        assertThat(read.errors).isEmpty();
        assertThat(read.samples)
                .extracting(Sample::wallTimeMs)
                .as("the lab's form, and a common form where a row is in it")
                .containsExactly(
                        java.time.Instant.parse("2021-08-12T23:59:00Z").toEpochMilli(),
                        java.time.Instant.parse("2021-08-13T00:01:00Z").toEpochMilli());

        Collected without = read("arbin", file);
        assertThat(without.errors)
                .singleElement()
                .satisfies(e -> assertThat(e.getMessage())
                        .startsWith(file + ":2: field 'Date_Time': not a date and time: '20210812 235900'")
                        .contains("--clock-format PATTERN"));

        // A file of another form in the same run reads as usual, its first stamp not in the lab's form.
        Path iso = write("iso.csv", """
                Data_Point,Test_Time(s),Date_Time,Step_Index,Cycle_Index,Current(A),Voltage(V),Charge_Capacity(Ah),Discharge_Capacity(Ah)
                1,0,2021-08-12 23:59:00,1,1,0.5,3.30,0,0
                2,120,2021-08-13 00:01:00,1,1,0.5,3.35,0.01,0
                """);
        Collected other = Collected.read(CyclerFormats.detect(iso), withForm.at(iso));
        assertThat(other.errors).isEmpty();
        assertThat(other.samples.get(1).wallTimeMs())
                .isEqualTo(java.time.Instant.parse("2021-08-13T00:01:00Z").toEpochMilli());

        SourceFile notAForm = new SourceFile(
                file,
                ChannelInfo.defaultsFor("compact"),
                false,
                ZoneOffset.UTC,
                TimeValues.DateOrder.MONTH_FIRST,
                "yyyyMMdd");
        assertThatThrownBy(() -> Collected.read(CyclerFormats.detect(file), notAForm))
                .isInstanceOf(io.cellwatch.ingest.format.text.FileFormatException.class)
                .hasMessageContaining(file + ":1:")
                .hasMessageContaining("--clock-format 'yyyyMMdd' does not give a date and a time of day");

        SourceFile wrongForm = new SourceFile(
                file,
                ChannelInfo.defaultsFor("compact"),
                false,
                ZoneOffset.UTC,
                TimeValues.DateOrder.MONTH_FIRST,
                "dd-MM-yyyy HH.mm.ss");
        assertThat(Collected.read(CyclerFormats.detect(file), wrongForm).errors)
                .singleElement()
                .satisfies(e -> assertThat(e.getMessage()).contains("(nor in --clock-format 'dd-MM-yyyy HH.mm.ss')"));
    }

    @Test
    void aEuropeanPcsSemicolonExportWithDecimalCommasReadsAsItsCommaSeparatedTwin() throws IOException {
        // Excel or MITS Pro on a German-locale PC: semicolons between cells, decimal commas, dotted dates.
        Path european = write("eu.csv", """
                Data_Point;Test_Time(s);Date_Time;Step_Index;Cycle_Index;Current(A);Voltage(V);Charge_Capacity(Ah);Discharge_Capacity(Ah)
                1;0;12.08.2021 23:59:00,25;1;1;0,5;3,301;0;0
                2;120,5;13.08.2021 00:01:00,75;1;1;0,5;3,352;0,0167;0
                3;180;13.08.2021 00:02:00;2;1;-0,5;3,2;0,0167;0,0083
                """);
        Path usual = write("us.csv", """
                Data_Point,Test_Time(s),Date_Time,Step_Index,Cycle_Index,Current(A),Voltage(V),Charge_Capacity(Ah),Discharge_Capacity(Ah)
                1,0,2021-08-12 23:59:00.25,1,1,0.5,3.301,0,0
                2,120.5,2021-08-13 00:01:00.75,1,1,0.5,3.352,0.0167,0
                3,180,2021-08-13 00:02:00,2,1,-0.5,3.2,0.0167,0.0083
                """);
        Collected eu = read("arbin", european);
        Collected us = read("arbin", usual);

        assertThat(eu.errors).isEmpty();
        assertThat(eu.samples).hasSize(3);
        assertThat(eu.samples)
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("channelId", "sourceFile")
                .isEqualTo(us.samples);
        assertThat(eu.samples.get(1).voltageV()).isEqualTo(3.352);
        assertThat(eu.samples.get(1).wallTimeMs())
                .isEqualTo(java.time.Instant.parse("2021-08-13T00:01:00.75Z").toEpochMilli());
    }

    @Test
    void aTabSeparatedNewareExportWithDecimalCommasIsRead() throws IOException {
        // A Neware flat export copied out of a spreadsheet on a French-locale PC.
        Path file = write(
                "nw.txt",
                String.join(
                        "\n",
                        "DataPoint\tCycle Index\tStep Index\tStep Type\tTotal Time\tCurrent(A)\tVoltage(V)\tChg. Cap.(Ah)"
                                + "\tDChg. Cap.(Ah)",
                        "1\t1\t1\tCC Chg\t00:00:00\t0,5\t3,301\t0\t0",
                        "2\t1\t1\tCC Chg\t00:01:00,5\t0,5\t3,352\t0,0083\t0",
                        "3\t1\t2\tCC DChg\t00:02:00\t-0,5\t3,2\t0\t0,0042",
                        ""));
        Collected c = read("neware", file);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples).extracting(Sample::voltageV).containsExactly(3.301, 3.352, 3.2);
        assertThat(c.samples).extracting(Sample::testTimeS).containsExactly(0.0, 60.5, 120.0);
        assertThat(c.samples.get(1).chargeCapacityAh()).isEqualTo(0.0083);
        assertThat(c.last().stepType()).isEqualTo(StepType.DISCHARGE);
    }

    @Test
    void aCommaDecimalRowInACommaSeparatedFileIsRefusedNotReadIntoTheWrongColumns() throws IOException {
        // A European PC's export: '3,30' splits in two, and every value after it moves one column right.
        Path file = write("ch13.csv", """
                Data_Point,Test_Time(s),Step_Index,Cycle_Index,Current(A),Voltage(V),Charge_Capacity(Ah),Discharge_Capacity(Ah)
                1,0,1,1,0.5,3.30,0,0,
                2,60,1,1,0,5,3,35,0,0083,0
                """);
        Collected c = read("arbin", file);

        assertThat(c.samples).as("the row with a trailing comma is read").hasSize(1);
        assertThat(c.errors)
                .singleElement()
                .satisfies(e -> assertThat(e.getMessage())
                        .isEqualTo(file + ":3: field 'row': 11 values where the header names 8 columns"
                                + " (a decimal comma in a file separated by commas?)"));
    }

    @Test
    void textThatCannotBeSplitIntoLinesIsRefusedSayingHowToSaveIt() throws IOException {
        String arbin = "Data_Point,Test_Time(s),Step_Index,Cycle_Index,Current(A),Voltage(V),Charge_Capacity(Ah),"
                + "Discharge_Capacity(Ah)\n1,0,1,1,0.5,3.30,0,0\n2,60,1,1,0.5,3.35,0.0083,0\n";
        // Excel for Mac's "CSV (Macintosh)": read by line feeds it was one line, a header with no rows, no error.
        Path classicMac = write("ch14.csv", arbin.replace('\n', '\r'));
        assertThatThrownBy(() -> CyclerFormats.detect(classicMac))
                .hasMessageContaining(classicMac + ":1:")
                .hasMessageContaining("carriage return alone");
        Path utf16 = dir.resolve("ch15.csv");
        byte[] text = arbin.getBytes(StandardCharsets.UTF_16LE);
        byte[] withMark = new byte[text.length + 2];
        withMark[0] = (byte) 0xFF;
        withMark[1] = (byte) 0xFE;
        System.arraycopy(text, 0, withMark, 2, text.length);
        Files.write(utf16, withMark);
        assertThatThrownBy(() -> CyclerFormats.detect(utf16)).hasMessageContaining("UTF-16 text");
        // CRLF is read as before.
        assertThat(read("arbin", write("ch16.csv", arbin.replace("\n", "\r\n"))).samples)
                .hasSize(2);
    }

    @Test
    void anArchivedExportIsRefusedSayingHowToGetTheTextOut() throws IOException {
        String bdf = "Test Time / s,Voltage / V,Current / A\n0,3.7,0.1\n1,3.71,0.1\n";
        Path gz = dir.resolve("cell7.bdf.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(bdf.getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> CyclerFormats.detect(gz))
                .hasMessageContaining(gz + ":1:")
                .hasMessageContaining("gzip-compressed")
                .hasMessageContaining("gunzip");
        Path zip = dir.resolve("cell7.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("cell7.bdf.csv"));
            out.write(bdf.getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> CyclerFormats.detect(zip)).hasMessageContaining("a ZIP archive");
    }

    @Test
    void maccorUnsignedAmpsTakeTheirDirectionFromTheState() throws IOException {
        // MIMS Client's export: Amps a magnitude, the direction in State alone.
        Path file = write(
                "unsigned.txt",
                "Today's Date\t03/28/2022 12:50:27 PM\n"
                        + "Rec#\tCyc#\tStep\tTest (Sec)\tStep (Sec)\tAmp-hr\tWatt-hr\tAmps\tVolts\tState\tES\n"
                        + "1\t1\t1\t0.0\t0.0\t0.0\t0.0\t0.0\t3.40\tR\t0\n"
                        + "2\t1\t2\t3600.0\t3600.0\t1.0\t3.9\t1.0\t4.10\tC\t0\n"
                        + "3\t1\t3\t7200.0\t3600.0\t0.95\t3.5\t1.0\t3.00\tD\t0\n"
                        + "4\t1\t3\t7260.0\t3660.0\t0.96\t3.5\t-1.0\t2.99\tD\t0\n");
        Collected c = read("maccor", file);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples)
                .extracting(Sample::currentA)
                .as("charge positive, discharge negative, whether written unsigned or signed")
                .containsExactly(0.0, 1.0, -1.0, -1.0);
    }

    @Test
    void maccorMilliProfileReadsMillivoltsAndSplitsTheSingleCounterByState() throws IOException {
        Path file = write(
                "na-ion.txt",
                "Today''s Date\t03/28/2022 12:50:27 PM\n\nDate of Test:\t08/23/2021 6:04:18 PM\n\n"
                        + "Rec#\tCyc#\tStep\tTestTime\tStepTime\tmAmp-hr\tmWatt-hr\tmAmps\tVolts\tState\tES\tDPt Time\n"
                        + "1\t0\t1\t  0d 00:00:00.00\t  0d 00:00:00.00\t0.0\t0.0\t0.0\t1853.8186\tR\t0\t08/23/2021 6:04:18 PM\n"
                        + "2\t0\t4\t  0d 01:00:00.00\t  0d 01:00:00.00\t180.0\t540.0\t180.0\t3500.0\tC\t0\t08/23/2021 7:04:18 PM\n"
                        + "3\t0\t5\t  0d 01:10:00.00\t  0d 00:10:00.00\t190.0\t575.0\t20.0\t3800.0\tC\t0\t08/23/2021 7:14:18 PM\n"
                        + "4\t0\t6\t  0d 02:10:00.00\t  0d 01:00:00.00\t170.0\t480.0\t-170.0\t3000.0\tD\t0\t08/23/2021 8:14:18 PM\n"
                        + "5\t0\t6\t  0d 02:11:00.00\t  0d 01:01:00.00\t172.0\t485.0\t0.0\t3000.0\tS\t192\t08/23/2021 8:15:18 PM\n");
        Collected c = read("maccor", file);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples).hasSize(5);
        assertThat(c.samples.get(0).voltageV()).isCloseTo(1.8538186, within(1e-12));
        assertThat(c.samples.get(1).currentA()).isCloseTo(0.18, within(1e-12));
        assertThat(c.samples.get(2).testTimeS()).isEqualTo(4200);
        // CC then CV charge run on (0.190 Ah in all, not 0.370); the discharge restarts the counter.
        assertThat(c.samples.get(2).chargeCapacityAh()).isCloseTo(0.190, within(1e-12));
        assertThat(c.samples.get(3).dischargeCapacityAh()).isCloseTo(0.170, within(1e-12));
        assertThat(c.samples.get(3).chargeCapacityAh()).isCloseTo(0.190, within(1e-12));
        assertThat(c.samples.get(3).dischargeEnergyWh()).isCloseTo(0.480, within(1e-12));
        // The stop row's counter step is not discharge.
        assertThat(c.last().stepType()).isEqualTo(StepType.OTHER);
        assertThat(c.last().dischargeCapacityAh()).isCloseTo(0.170, within(1e-12));
        assertThat(c.samples.get(1).wallTimeMs())
                .isEqualTo(java.time.Instant.parse("2021-08-23T19:04:18Z").toEpochMilli());
    }

    @Test
    void ecLabTextWithPreambleDecimalCommaLatin1AndNegativeDischargeEnergy() throws IOException {
        String text = "EC-Lab ASCII FILE\nNb header lines : 4\n\nmode\tox/red\ttime/s\tEwe/V\t<I>/mA\t"
                + "Q charge/mA.h\tQ discharge/mA.h\tEnergy charge/W.h\tEnergy discharge/W.h\tcycle number\tNs\t"
                + "Temperature/\u00B0C\n"
                + "1\t1\t0,0\t3,60\t0,5\t0,0\t0,0\t0,0\t0,0\t0,000000E+000\t0\t25,0\n"
                + "1\t1\t3600,0\t4,10\t0,5\t0,5\t0,0\t0,0019\t0,0\t0,000000E+000\t0\t25,5\n"
                + "1\t0\t7200,0\t3,40\t-0,5\t0,0\t0,49\t0,0019\t-0,0017\t0,000000E+000\t1\t25,1\n"
                + "1\t1\t7260,0\t3,50\t0,5\t0,01\t0,0\t0,00004\t-0,0017\t1,000000E+000\t0\t25,0\n";
        Path file = dir.resolve("cell.mpt");
        Files.write(file, text.getBytes(StandardCharsets.ISO_8859_1));
        Collected c = read("biologic", file);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples).hasSize(4);
        Sample discharge = c.samples.get(2);
        assertThat(discharge.voltageV()).isEqualTo(3.4);
        assertThat(discharge.currentA()).isCloseTo(-0.0005, within(1e-15));
        assertThat(discharge.dischargeCapacityAh()).isCloseTo(0.00049, within(1e-15));
        assertThat(discharge.dischargeEnergyWh()).isCloseTo(0.0017, within(1e-15));
        assertThat(discharge.temperatureC()).isEqualTo(25.1);
        assertThat(discharge.dataPoint()).isEqualTo(3);
        assertThat(c.last().cycleIndex()).isEqualTo(1);
    }

    @Test
    void ecLabLinkedTechniquesWithMoreThan200HeaderLinesAreRead() throws IOException {
        // A sequence of linked techniques writes each one's settings: the column row is line 230.
        StringBuilder text = new StringBuilder("EC-Lab ASCII FILE\nNb header lines : 230\n\n");
        text.append("Galvanostatic Cycling with Potential Limitation\n");
        for (int line = 5; line < 230; line++) {
            text.append("setting ").append(line).append(" : 1.0\n");
        }
        text.append("mode\ttime/s\tEwe/V\t<I>/mA\tcycle number\n");
        text.append("1\t0\t3.60\t0.5\t0\n1\t10\t3.61\t0.5\t0\n");
        Path file = Files.writeString(dir.resolve("linked.mpt"), text);
        Collected c = read("biologic", file);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples).extracting(Sample::voltageV).containsExactly(3.60, 3.61);
    }

    /**
     * EC-Lab exports the columns the user ticks: without {@code cycle number}, each charge and discharge pair is a
     * cycle of its own (half its {@code half cycle}), not one cycle holding the whole file.
     */
    @Test
    void ecLabWithoutACycleNumberColumnCountsItsCyclesFromTheDirection() throws IOException {
        StringBuilder rows = new StringBuilder("time/s\tEwe/V\tI/mA\tQ charge/discharge/mA.h\thalf cycle\n");
        double t = 0;
        for (int half = 0; half < 6; half++) {
            boolean charge = half % 2 == 0;
            for (int k = 1; k <= 5; k++) {
                t += 720;
                double q = charge ? 0.2 * k : -0.19 * k;
                rows.append(String.format(
                        java.util.Locale.ROOT,
                        "%.1f\t%.3f\t%.1f\t%.3f\t%d%n",
                        t,
                        charge ? 3.5 + 0.1 * k : 4.0 - 0.1 * k,
                        charge ? 1.0 : -1.0,
                        q,
                        half));
            }
        }
        Path file = write("gcpl-no-cycle.txt", rows.toString());
        Collected c = read("biologic", file);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples)
                .extracting(Sample::cycleIndex)
                .as("half the half cycle, as EC-Lab numbers its cycles from 0")
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 30)
                        .mapToObj(i -> i / 10)
                        .toList());
        assertThat(c.samples.get(4).chargeCapacityAh()).isEqualTo(1.0e-3, within(1e-12));
        assertThat(c.samples.get(9).dischargeCapacityAh()).isEqualTo(0.95e-3, within(1e-12));
    }

    /**
     * Without {@code cycle number} or {@code half cycle}, cycles come from the direction, counted from 0 as EC-Lab
     * counts; a row at open circuit (mode 3, which a Modulo Bat sequence writes with a current) changes none.
     */
    @Test
    void ecLabWithoutCycleNumberOrHalfCycleCountsItsCyclesFromTheDirectionPastOpenCircuitRows() throws IOException {
        Path file = write("mb-no-cycle.txt", """
                mode\ttime/s\tEwe/V\tI/mA\t(Q-Qo)/mA.h
                1\t0\t3.60\t1.0\t0.0
                1\t3600\t4.10\t1.0\t1.0
                1\t3601\t4.00\t-1.0\t1.0
                1\t7200\t3.40\t-1.0\t0.05
                3\t7300\t3.50\t0.6\t0.06
                1\t7400\t3.45\t-1.0\t0.03
                1\t7500\t3.60\t1.0\t0.06
                """);
        Collected c = read("biologic", file);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples).extracting(Sample::cycleIndex).containsExactly(0, 0, 0, 0, 0, 0, 1);

        // A mode cell left blank or garbled is no open circuit, and the row is still read; a half cycle count no
        // test reaches is a row without its cycle.
        Path odd = write("odd-mode.txt", """
                mode\ttime/s\tEwe/V\tI/mA\t(Q-Qo)/mA.h
                1\t0\t3.60\t1.0\t0.0
                \t3601\t4.00\t-1.0\t1.0
                x\t7300\t3.50\t1.0\t0.06
                """);
        assertThat(read("biologic", odd).samples).extracting(Sample::cycleIndex).containsExactly(0, 0, 1);
        Path garbled = write("garbled-half-cycle.txt", """
                time/s\tEwe/V\tI/mA\tQ charge/discharge/mA.h\thalf cycle
                0\t3.60\t1.0\t0.0\t0
                60\t3.70\t1.0\t0.02\t99999999999
                """);
        Collected halves = read("biologic", garbled);
        assertThat(halves.samples).extracting(Sample::cycleIndex).containsExactly(0);
        assertThat(halves.errors)
                .singleElement()
                .satisfies(e -> assertThat(e.getMessage()).contains("not a half cycle count"));
    }

    @Test
    void ecLabWithoutACurrentColumnSaysHowToReadIt() throws IOException {
        Path file = write("lili.txt", "time/s\tEwe/V\t\n9.0763E+002\t2.43E-002\t\n");
        assertThatThrownBy(() -> read("biologic", file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file + ":1: no current column")
                .hasMessageContaining("--format generic");
    }

    @Test
    void newareFlatInMilliUnitsWithStepTypes() throws IOException {
        Path file = write("nw-flat.csv", """
                DataPoint,Cycle Index,Step Index,Step Type,Time,Total Time,Current(mA),Voltage(V),Capacity(mAh),Chg. Cap.(mAh),DChg. Cap.(mAh),Energy(mWh),Chg. Energy(mWh),DChg. Energy(mWh),Date
                1,1,1,Rest,00:00:00,00:00:00,0.0,2.9170,0,0,0,0,0,0,2022-05-18 16:27:52
                2,1,2,CCCV Chg,00:01:00,00:01:00,0.25,3.1,0.0042,0.0042,0,0.013,0.013,0,2022-05-18 16:28:52
                3,1,3,CC DChg,00:01:00,25:00:00,-0.25,2.9,0.0041,0,0.0041,0.012,0,0.012,2022-05-19 17:27:52
                """);
        Collected c = read("neware", file);

        assertThat(c.samples)
                .extracting(Sample::stepType)
                .containsExactly(StepType.REST, StepType.CHARGE, StepType.DISCHARGE);
        assertThat(c.samples.get(1).chargeCapacityAh()).isCloseTo(4.2e-6, within(1e-18));
        assertThat(c.samples.get(1).currentA()).isCloseTo(2.5e-4, within(1e-18));
        assertThat(c.last().testTimeS()).isEqualTo(90000);
        assertThat(c.last().dischargeEnergyWh()).isCloseTo(1.2e-5, within(1e-18));
    }

    /**
     * BTS 7.x's record sheet, as BEEP documents it: no step type and no test time, only the step's own
     * {@code Time(h:min:s.ms)} and the wall clock; the step's charge and discharge in {@code Capacitance_Chg} and
     * {@code Capacitance_DChg}, energies in {@code Engy_Chg} and {@code Engy_DChg}.
     */
    @Test
    void newareBts7RecordSheetWithoutAStepTypeReadsItsCountersAndTimesFromTheWallClock() throws IOException {
        Path file = write("bts7-record.csv", """
                Record ID,Realtime,Time(h:min:s.ms),Step ID,Cycle ID,Current(mA),Voltage(V),Capacitance_Chg(mAh),Capacitance_DChg(mAh),Engy_Chg(mWh),Engy_DChg(mWh),DCIR(O),Capacity(mAh),Capacity Density(mAh/g),Energy(mWh),CmpEng(mWh/g),Min-T(C),Max-T(C),Avg-T(C),Power(mW),dQ/dV(mAh/V),dQm/dV(mAh/V.g)
                1,2019-06-13 15:04:53,0:00:00.000,1,1,0.0000,3.2100,0.0000,0.0000,0.0000,0.0000,0,0.0000,0,0,0,25,25,25,0,0,0
                2,2019-06-13 15:05:53,0:00:00.000,2,1,500.0000,3.6000,0.0000,0.0000,0.0000,0.0000,0,0.0000,0,0,0,25,25,25,1800,0,0
                3,2019-06-13 15:06:53,0:01:00.000,2,1,500.0000,3.6500,8.3333,0.0000,30.2000,0.0000,0,8.3333,0,0,0,25,25,25,1825,0,0
                4,2019-06-13 15:07:53,0:00:00.000,3,1,-500.0000,3.5000,0.0000,0.0000,0.0000,0.0000,0,0.0000,0,0,0,25,25,25,-1750,0,0
                5,2019-06-13 15:08:53,0:01:00.000,3,1,-500.0000,3.4500,0.0000,8.3000,0.0000,28.9000,0,8.3000,0,0,0,25,25,25,-1725,0,0
                """);
        assertThat(CyclerFormats.detect(file).name()).isEqualTo("neware");
        Collected c = read("neware", file);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples).extracting(Sample::dataPoint).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(c.samples)
                .extracting(Sample::testTimeS)
                .as("from the first Realtime, not the step's own time")
                .containsExactly(0.0, 60.0, 120.0, 180.0, 240.0);
        assertThat(c.samples)
                .extracting(Sample::stepType)
                .as("by the current's sign")
                .containsExactly(
                        StepType.REST, StepType.CHARGE, StepType.CHARGE, StepType.DISCHARGE, StepType.DISCHARGE);
        assertThat(c.samples.get(2).chargeCapacityAh()).isCloseTo(8.3333e-3, within(1e-12));
        assertThat(c.samples.get(4).dischargeCapacityAh()).isCloseTo(8.3e-3, within(1e-12));
        assertThat(c.samples.get(4).dischargeEnergyWh()).isCloseTo(28.9e-3, within(1e-12));
        assertThat(c.samples.get(4).currentA()).isCloseTo(-0.5, within(1e-12));
    }

    /**
     * BTS 7.x's Detail sheet, as lab scripts read it: one capacity counter per step whichever its direction, the
     * step's own relative time, the wall clock, the step type in {@code Status}.
     */
    @Test
    void newareBts7DetailSheetSplitsItsStepCounterByStatusAndTimesFromTheWallClock() throws IOException {
        Path file = write("detail.csv", """
                Record Index,Status,JumpTo,Cycle,Step,Cur(mA),Voltage(V),CapaCity(mAh),Energy(mWh),Relative Time(h:min:s.ms),Absolute Time
                1,Rest,1,1,1,0.0000,3.2100,0.0000,0.0000,0:00:00.000,2017-04-04 14:16:13
                2,CCCV_Chg,1,1,2,500.0000,3.6000,0.0000,0.0000,0:00:00.000,2017-04-04 14:17:13
                3,CCCV_Chg,1,1,2,0.0000,4.2000,8.3333,30.2000,0:01:00.000,2017-04-04 14:18:13
                4,CC_DChg,1,1,3,-500.0000,3.5000,0.0000,0.0000,0:00:00.000,2017-04-04 14:19:13
                5,CC_DChg,1,1,3,-500.0000,3.4500,8.3000,28.9000,0:01:00.000,2017-04-04 14:20:13
                6,恒流充电,1,2,4,500.0000,3.6000,0.1000,0.3600,0:00:00.720,2017-04-04 14:21:13
                """);
        assertThat(CyclerFormats.detect(file).name()).isEqualTo("neware-detail");
        Collected c = read("neware-detail", file);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples).extracting(Sample::dataPoint).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(c.samples)
                .extracting(Sample::testTimeS)
                .as("from the first Absolute Time, not the step's relative time")
                .containsExactly(0.0, 60.0, 120.0, 180.0, 240.0, 300.0);
        assertThat(c.samples)
                .extracting(Sample::stepType)
                .as("the constant-voltage end of the charge at a logged zero current is still the charge")
                .containsExactly(
                        StepType.REST,
                        StepType.CHARGE,
                        StepType.CHARGE,
                        StepType.DISCHARGE,
                        StepType.DISCHARGE,
                        StepType.CHARGE);
        assertThat(c.samples.get(2).chargeCapacityAh()).isCloseTo(8.3333e-3, within(1e-12));
        assertThat(c.samples.get(4).dischargeCapacityAh()).isCloseTo(8.3e-3, within(1e-12));
        assertThat(c.samples.get(4).dischargeEnergyWh()).isCloseTo(28.9e-3, within(1e-12));
        assertThat(c.samples.get(4).currentA()).isCloseTo(-0.5, within(1e-12));
        assertThat(c.samples.get(5).cycleIndex()).isEqualTo(2);
    }

    /**
     * BEEP's Arbin test export leaves {@code Step_Time}, {@code Step_Index} and {@code Cycle_Index} blank on every
     * row: the cycles come from the direction, as for a file without the column. A blank cycle on a later row of a
     * file that numbers its cycles is still a row without its cycle.
     */
    @Test
    void anArbinExportWhoseCycleIndexIsBlankCountsItsCyclesFromTheDirection() throws IOException {
        Path blank = write("beep-arbin.csv", """
                Data_Point,Test_Time,DateTime,Step_Time,Step_Index,Cycle_Index,Current,Voltage,Charge_Capacity,Discharge_Capacity,Charge_Energy,Discharge_Energy,dV/dt,Internal_Resistance,Temperature
                0,0.0,1494377253.17,,,,1.1,3.30,0.0,0.0,0.0,0.0,0.0,0.0,25.1
                1,1800.0,1494379053.17,,,,1.1,3.60,0.55,0.0,1.9,0.0,0.0,0.0,25.5
                2,1801.0,1494379054.17,,,,-1.1,3.50,0.55,0.0003,1.9,0.001,0.0,0.0,25.5
                3,3600.0,1494380853.17,,,,-1.1,3.20,0.55,0.54,1.9,1.8,0.0,0.0,25.6
                4,3601.0,1494380854.17,,,,1.1,3.30,0.5503,0.54,1.901,1.8,0.0,0.0,25.6
                """);
        Collected c = read("arbin", blank);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples).extracting(Sample::cycleIndex).containsExactly(1, 1, 1, 1, 2);
        assertThat(c.samples.get(3).dischargeCapacityAh()).isEqualTo(0.54);

        Path oneBlank = write("arbin-one-blank.csv", """
                Data_Point,Test_Time,Cycle_Index,Current,Voltage,Charge_Capacity,Discharge_Capacity
                1,0.0,1,1.1,3.30,0.0,0.0
                2,60.0,,1.1,3.40,0.018,0.0
                3,120.0,1,1.1,3.50,0.036,0.0
                """);
        Collected numbered = read("arbin", oneBlank);
        assertThat(numbered.samples).extracting(Sample::dataPoint).containsExactly(1L, 3L);
        assertThat(numbered.errors)
                .singleElement()
                .satisfies(e -> assertThat(e.line()).isEqualTo(3));

        // Blank only on the first row: the file's own cycles from the first numbered row on (here Arbin's cycle 1
        // is a discharge alone, which direction counting would have paired with the next charge).
        Path firstBlank = write("arbin-first-blank.csv", """
                Data_Point,Test_Time,Cycle_Index,Current,Voltage,Charge_Capacity,Discharge_Capacity
                1,0.0,,-1.0,3.50,0.0,0.001
                2,60.0,1,-1.0,3.40,0.0,0.018
                3,120.0,2,1.0,3.50,0.018,0.0
                4,180.0,2,-1.0,3.40,0.018,0.018
                5,240.0,3,1.0,3.50,0.018,0.0
                """);
        Collected lateNumbers = read("arbin", firstBlank);
        assertThat(lateNumbers.errors).isEmpty();
        assertThat(lateNumbers.samples).extracting(Sample::cycleIndex).containsExactly(1, 1, 2, 2, 3);

        // Counted up to cycle 2 before the file's numbers start at 1: they go on from 2, never back to 1; a step
        // column getting its first value does not start the count again.
        Path laterStill = write("arbin-numbers-after-two.csv", """
                Data_Point,Test_Time,Step_Index,Cycle_Index,Current,Voltage,Charge_Capacity,Discharge_Capacity
                1,0.0,,,1.0,3.50,0.001,0.0
                2,60.0,,,-1.0,3.40,0.018,0.001
                3,120.0,1,,1.0,3.50,0.001,0.0
                4,180.0,2,1,-1.0,3.40,0.018,0.001
                5,240.0,1,2,1.0,3.50,0.001,0.0
                """);
        Collected after = read("arbin", laterStill);
        assertThat(after.errors).isEmpty();
        assertThat(after.samples).extracting(Sample::cycleIndex).containsExactly(1, 1, 2, 2, 3);

        // Numbers that start on a fresh charge after a whole counted cycle: that charge is the next cycle, not more
        // of the counted one.
        Path onACharge = write("arbin-numbers-on-a-charge.csv", """
                Data_Point,Test_Time,Cycle_Index,Current,Voltage,Charge_Capacity,Discharge_Capacity
                1,0,,1.0,3.5,0.000,0
                2,60,,-1.0,3.0,0.018,0.017
                3,120,1,1.0,3.5,0.000,0
                4,180,1,-1.0,3.0,0.018,0.017
                5,240,2,1.0,3.5,0.000,0
                """);
        assertThat(read("arbin", onACharge).samples)
                .extracting(Sample::cycleIndex)
                .containsExactly(1, 1, 2, 2, 3);
    }

    /**
     * BTSDA 7.4's "general report" {@code .txt}: the hierarchical export tab-separated, its names padded with
     * spaces before the tab, and the record columns' short names ({@code Vol(mV)}, {@code Cur(mA)},
     * {@code Cap(mAh)}) some versions write.
     */
    @Test
    void newareGeneralReportTabSeparatedWithPaddedNamesIsReadAsTheHierarchicalExport() throws IOException {
        Path file = write("general-report.txt", """
                Cycle ID  \tCap_Chg(mAh)  \tCap_DChg(mAh)  \tEngy_Chg(mWh)  \tEngy_DChg(mWh)
                  \tStep ID  \tStep Name  \tTime of step(h:min:s.ms)  \tCapacity(mAh)
                  \t  \tRecord ID  \tTime(h:min:s.ms)  \tVol(mV)  \tCur(mA)  \tCap(mAh)  \tRealtime
                1  \t2.0000  \t1.9000  \t7.8000  \t7.0300
                  \t1  \tCC_Chg  \t2:00:00.000  \t2.0000
                  \t  \t1  \t0:00:00.000  \t3500.0  \t1.0000  \t0.0000  \t2021-03-01 10:00:00
                  \t  \t2  \t2:00:00.000  \t4200.0  \t1.0000  \t2.0000  \t2021-03-01 12:00:00
                  \t2  \tCC_DChg  \t1:54:00.000  \t1.9000
                  \t  \t3  \t0:00:00.000  \t4100.0  \t-1.0000  \t0.0000  \t2021-03-01 12:00:01
                  \t  \t4  \t1:54:00.000  \t3000.0  \t-1.0000  \t1.9000  \t2021-03-01 13:54:01
                """);
        assertThat(CyclerFormats.detect(file).name()).isEqualTo("neware-btsda");
        Collected c = read("neware-btsda", file);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples).extracting(Sample::dataPoint).containsExactly(1L, 2L, 3L, 4L);
        assertThat(c.samples)
                .extracting(Sample::stepType)
                .containsExactly(StepType.CHARGE, StepType.CHARGE, StepType.DISCHARGE, StepType.DISCHARGE);
        assertThat(c.samples.get(1).voltageV()).as("Vol(mV)").isEqualTo(4.2, within(1e-12));
        assertThat(c.samples.get(1).chargeCapacityAh()).as("Cap(mAh)").isEqualTo(2.0e-3, within(1e-12));
        assertThat(c.samples.get(3).dischargeCapacityAh()).isEqualTo(1.9e-3, within(1e-12));
        assertThat(c.samples.get(3).currentA()).isEqualTo(-1.0e-3, within(1e-12));
        assertThat(c.samples.get(3).testTimeS()).as("from the first Realtime").isEqualTo(14_041.0);

        Path ambiguous =
                write("general-report-comma.txt", Files.readString(file).replace("3500.0", "3,500"));
        Collected commas = read("neware-btsda", ambiguous);
        assertThat(commas.samples)
                .as("3,500 may be 3.5 or 3500: refused, not guessed at")
                .extracting(Sample::dataPoint)
                .containsExactly(2L, 3L, 4L);
        assertThat(commas.errors)
                .singleElement()
                .satisfies(e -> assertThat(e.line()).isEqualTo(6));
    }

    @Test
    void batteryArchiveCountsACyclesLargestReadingLikeTheProviderAndHoldsOverNaN() throws IOException {
        Path file = write("ba.csv", """
                Date_Time,Test_Time (s),Cycle_Index,Current (A),Voltage (V),Charge_Capacity (Ah),Discharge_Capacity (Ah),Charge_Energy (Wh),Discharge_Energy (Wh),Cell_Temperature (C)
                2020-01-01 00:00:00,0,1,1.0,3.5,0.0,0.0,0.0,0.0,25
                2020-01-01 00:30:00,1800,1,1.0,4.0,0.5,0.0,1.9,0.0,26
                2020-01-01 00:40:00,2400,1,0.0,4.0,NaN,0.0,NaN,0.0,26
                2020-01-01 00:50:00,3000,1,1.0,4.1,0.2,0.0,0.8,0.0,26
                2020-01-01 01:30:00,5400,1,-1.0,3.0,0.0,0.45,0.0,1.5,27
                2020-01-01 01:31:00,5460,2,1.0,3.4,0.01,0.0,0.03,0.0,25
                """);
        Collected c = read("battery-archive", file);

        assertThat(c.errors).isEmpty();
        // Cycle 1's charge is its largest reading, 0.5 Ah (the 0.2 Ah second charge is a restart within it).
        assertThat(c.samples.get(4).chargeCapacityAh()).isEqualTo(0.5);
        assertThat(c.samples.get(2).chargeCapacityAh()).isEqualTo(0.5);
        assertThat(c.samples.get(4).dischargeCapacityAh()).isEqualTo(0.45);
        // The counter never resets: cycle 2 continues from cycle 1's total.
        assertThat(c.last().chargeCapacityAh()).isCloseTo(0.51, within(1e-12));
        assertThat(c.samples).extracting(Sample::dataPoint).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(c.last().temperatureC()).isEqualTo(25.0);
    }

    @Test
    void aCycleSummaryFileGivesCyclesInTheChannelsConvention() throws IOException {
        Path file = write("half-cell-summary.csv", """
                cycle_index,charge_capacity(mAh),discharge_capacity(mAh),charge_energy(mWh),discharge_energy(mWh),test_time
                1,4.24934,5.08628,1.7,0.9,195267
                2,NaN,4.36841,,0.85,334015
                3,4.2,4.x,1.7,0.8,400000
                """);
        ChannelInfo anode = new ChannelInfo(
                ChannelInfo.SCHEMA_VERSION,
                "si-07",
                io.cellwatch.model.CellType.HALF,
                null,
                null,
                null,
                null,
                io.cellwatch.model.TestProtocol.CYCLING,
                CeConvention.CHARGE_OVER_DISCHARGE);
        assertThat(CyclerFormats.detect(file).name()).isEqualTo("cycle-summary");
        Collected c = Collected.read(
                CyclerFormats.byName("cycle-summary"), new SourceFile(file, anode, true, ZoneOffset.UTC));

        assertThat(c.cycles).hasSize(2);
        CycleSummary first = c.cycles.get(0);
        assertThat(first.channelId()).isEqualTo("si-07");
        assertThat(first.chargeAh()).isCloseTo(0.00424934, within(1e-15));
        assertThat(first.coulombicEfficiency()).isCloseTo(4.24934 / 5.08628, within(1e-12));
        assertThat(first.endTestTimeS()).isEqualTo(195267);
        assertThat(c.cycles.get(1).chargeAh()).isZero();
        assertThat(c.errors)
                .singleElement()
                .satisfies(e -> assertThat(e.getMessage())
                        .isEqualTo(file + ":4: field 'discharge_capacity(mAh)': not a number: '4.x'"));
    }

    /**
     * Cycle summaries as labs keep them: cellpy's, semicolon-separated with a leading index column and {@code
     * cycle_num} (a real export in cellpy's documentation), and Neware BTS 7's cycle sheet saved as CSV.
     */
    @Test
    void cellpysSemicolonSummaryAndNewaresCycleSheetAreReadAsCycleSummaries() throws IOException {
        Path cellpy = write("fc_01_stats.csv", """
                ;test_id;cycle_num;datapoint_num_last;last_test_time;charge_capacity;discharge_capacity;coulombic_efficiency
                0;0;1;5797;174328.60135347804;0.003818559568538;0.003324035819317;87.04946877625018
                1;0;2;7188;317161.77341605903;0.003422235171518;0.003234381354196;94.51078584880905
                """);
        assertThat(CyclerFormats.detect(cellpy).name()).isEqualTo("cycle-summary");
        Collected c = read("cycle-summary", cellpy);
        assertThat(c.errors).isEmpty();
        assertThat(c.cycles).extracting(CycleSummary::cycleIndex).containsExactly(1, 2);
        assertThat(c.cycles.get(0).chargeAh()).isEqualTo(0.003818559568538);
        assertThat(c.cycles.get(1).dischargeAh()).isEqualTo(0.003234381354196);

        Path neware = write("cycle_67_1_1.csv", """
                Cycle ID,Cap_Chg(mAh),Cap_DChg(mAh),Specific Capacity-Chg(mAh/g),Chg/DChg Efficiency(%),Engy_Chg(mWh),Engy_DChg(mWh)
                1,6.3758,5.7762,212.5,90.595,24.23,21.37
                """);
        assertThat(CyclerFormats.detect(neware).name()).isEqualTo("cycle-summary");
        CycleSummary first = read("cycle-summary", neware).cycles.get(0);
        assertThat(first.chargeAh()).isEqualTo(6.3758e-3, within(1e-12));
        assertThat(first.dischargeAh()).isEqualTo(5.7762e-3, within(1e-12));
        assertThat(first.dischargeWh()).isEqualTo(21.37e-3, within(1e-12));
        assertThat(first.coulombicEfficiency()).isEqualTo(0.90595, within(1e-4));
    }

    @Test
    void newareBtsda7HierarchicalRecordsWithoutATotalTimeCountTheTestFromTheirWallClock() throws IOException {
        // BTSDA 7.x: the records carry the step's time and Realtime, no total time.
        Path file = write(
                "btsda7.csv",
                "Cycle ID,Cap_Chg(mAh),Cap_DChg(mAh)\n"
                        + ",Step ID,Status,Capacity(mAh)\n"
                        + ",,Record ID,Time(h:min:s.ms),Voltage(V),Current(mA),Capacity(mAh),Energy(mWh),Realtime\n"
                        + "1,2.0,0.0\n"
                        + ",1,CC_Chg,2.0\n"
                        + ",,1,0:00:30.000,3.50,1000,0.0,0.0,2026-04-02 10:00:00\n"
                        + ",,2,0:01:30.000,3.60,1000,1.0,3.5,2026-04-02 10:01:00\n"
                        + ",,3,0:02:30.000,3.70,1000,2.0,7.1,2026-04-02 10:02:00\n");
        Collected c = read("neware-btsda", file);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples).extracting(Sample::testTimeS).containsExactly(0.0, 60.0, 120.0);
        assertThat(c.samples.get(2).chargeCapacityAh()).isCloseTo(0.002, within(1e-12));
    }

    @Test
    void newareBtsda7CellsQuotedWithALeadingTabAreThatFormatNotACycleSummary() throws IOException {
        // BTSDA 7.x's comma-separated export wraps every cell after the first as "<tab>value" (BEEP's
        // neware_test.csv): its first line alone looks like a cycle summary's, whose reader refused every record.
        Path file = write(
                "btsda7-quoted.csv",
                "Cycle ID,\"\tCap_Chg(mAh)\",\"\tCap_DChg(mAh)\"\n"
                        + ",\"\tStep ID\",\"\tStep Name\",\"\tCapacity(mAh)\"\n"
                        + ",,\"\tRecord ID\",\"\tTime(h:min:s.ms)\",\"\tVoltage(V)\",\"\tCurrent(mA)\","
                        + "\"\tCapacity(mAh)\",\"\tRealtime\"\n"
                        + "1,\"\t2.0\",\"\t0.0\"\n"
                        + ",\"\t1\",\"\tCC_Chg\",\"\t2.0\"\n"
                        + ",,\"\t1\",\"\t00:00:30.000\",\"\t3.50\",\"\t1000.0\",\"\t0.0\",\"\t2026-04-02 10:00:00\"\n"
                        + ",,\"\t2\",\"\t00:01:30.000\",\"\t3.60\",\"\t1000.0\",\"\t1.0\",\"\t2026-04-02 10:01:00\"\n");
        assertThat(CyclerFormats.detect(file).name()).isEqualTo("neware-btsda");
        Collected c = read("neware-btsda", file);
        assertThat(c.errors).isEmpty();
        assertThat(c.samples).hasSize(2);
        assertThat(c.last().chargeCapacityAh()).isCloseTo(0.001, within(1e-12));
    }

    @Test
    void anUnrecognisedFileListsEveryFormatTried() throws IOException {
        Path junk = write("notes.txt", "cell 7 looked odd today\n");
        assertThatThrownBy(() -> CyclerFormats.detect(junk))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("unrecognised file format")
                .hasMessageContaining("arbin")
                .hasMessageContaining("maccor")
                .hasMessageContaining("neware-btsda")
                .hasMessageContaining("biologic")
                .hasMessageContaining("battery-archive")
                .hasMessageContaining("cycle-summary")
                .hasMessageContaining("--format generic --mapping");
        assertThatThrownBy(() -> CyclerFormats.byName("gamry"))
                .hasMessageContaining("known formats: ")
                .hasMessageContaining("cellwatch-sim");
        assertThatThrownBy(() -> CyclerFormats.byName("generic")).hasMessageContaining("--mapping");
    }

    @Test
    void aForcedFormatThatDoesNotFitFailsOnItsHeaderNamingWhatIsMissing() throws IOException {
        Path file = write("ch1.csv", "time,volts\n1,3.3\n");
        assertThatThrownBy(() -> Collected.read(CyclerFormats.byName("arbin"), file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(file + ":1: no record number column");
    }

    @Test
    void ecLabChargeFlowingBackInsideAHalfCycleIsNotAReset() throws IOException {
        // Modulo Bat as EC-Lab 11.36 writes it: Q discharge is the half cycle's net charge and falls
        // while a little charge flows back (rows 4-5), which the summarizer must not take for a reset.
        String text = "EC-Lab ASCII FILE\nNb header lines : 4\n\nmode\ttime/s\tEwe/V\tI/mA\tdq/mA.h\t"
                + "(Q-Qo)/mA.h\tQ charge/discharge/mA.h\thalf cycle\tQ charge/mA.h\tQ discharge/mA.h\tcycle number\n"
                + "1\t0\t3.0\t1.0\t0.0\t0.0\t0.0\t0\t0.0\t0.0\t0\n"
                + "1\t3600\t4.1\t1.0\t1.0\t1.0\t1.0\t0\t1.0\t0.0\t0\n"
                + "1\t7200\t3.5\t-1.0\t-0.9\t0.1\t-0.9\t1\t0.0\t0.9\t0\n"
                + "3\t7300\t3.5\t0.5\t0.01\t0.11\t-0.89\t1\t0.0\t0.89\t0\n"
                + "3\t7400\t3.5\t0.5\t0.01\t0.12\t-0.88\t1\t0.0\t0.88\t0\n"
                + "1\t7500\t3.4\t-1.0\t-0.05\t0.07\t-0.93\t1\t0.0\t0.93\t0\n"
                + "1\t7600\t3.9\t1.0\t0.2\t0.27\t0.2\t2\t0.2\t0.0\t1\n";
        Path file = Files.writeString(dir.resolve("mb.mpt"), text);
        Collected c = read("biologic", file);

        assertThat(c.errors).isEmpty();
        // EC-Lab's own values, except that the falls are held at the half cycle's largest count.
        double[] charged = {0, 0.001, 0, 0, 0, 0, 0.0002};
        double[] discharged = {0, 0, 0.0009, 0.0009, 0.0009, 0.00093, 0};
        for (int i = 0; i < charged.length; i++) {
            assertThat(c.samples.get(i).chargeCapacityAh()).as("row %d", i + 1).isCloseTo(charged[i], within(1e-15));
            assertThat(c.samples.get(i).dischargeCapacityAh())
                    .as("row %d", i + 1)
                    .isCloseTo(discharged[i], within(1e-15));
        }
    }

    @Test
    void ecLabWithoutItsHalfCycleCountsTakesChargeFromDqElseFromQMinusQo() throws IOException {
        Path cp = write(
                "cp.mpt",
                "mode\ttime/s\tEwe/V\tI/mA\tdq/mA.h\tcycle number\n1\t0\t3.0\t1.0\t0.0\t0\n"
                        + "1\t10\t3.1\t1.0\t0.5\t0\n1\t20\t3.0\t-1.0\t-0.2\t0\n1\t30\t3.0\t1.0\t0.1\t0\n");
        Collected dq = read("biologic", cp);
        assertThat(dq.last().chargeCapacityAh()).isCloseTo(0.0006, within(1e-15));
        assertThat(dq.last().dischargeCapacityAh()).isCloseTo(0.0002, within(1e-15));

        Path ca = write(
                "ca.mpt",
                "mode\ttime/s\tEwe/V\t<I>/mA\t(Q-Qo)/C\tcycle number\n2\t0\t3.0\t1.0\t0.0\t0\n"
                        + "2\t10\t3.1\t1.0\t3.6\t0\n2\t20\t3.0\t-1.0\t1.8\t0\n");
        Collected net = read("biologic", ca);
        assertThat(net.samples.get(1).chargeCapacityAh()).isCloseTo(0.001, within(1e-15)); // 3.6 C
        assertThat(net.last().chargeCapacityAh()).isCloseTo(0.001, within(1e-15));
        assertThat(net.last().dischargeCapacityAh()).isCloseTo(0.0005, within(1e-15));
    }

    @Test
    void ecLabOpenCircuitExportsReadAtZeroCurrentAndOtherModesWithoutCurrentAreMalformed() throws IOException {
        Path file = write(
                "ocv.mpt",
                "EC-Lab ASCII FILE\nNb header lines : 5\n\nOpen Circuit Voltage\n"
                        + "mode\terror\ttime/s\t<Ewe/V>\n"
                        + "3\t0\t1,0\t3,42\n"
                        + "3\t0\t2,0\t3,43\n"
                        + "1\t0\t3,0\t3,50\n");
        Collected c = read("biologic", file);

        assertThat(c.samples).hasSize(2);
        assertThat(c.samples).extracting(Sample::currentA).containsOnly(0.0);
        assertThat(c.samples.get(1).voltageV()).isEqualTo(3.43);
        assertThat(c.errors)
                .singleElement()
                .satisfies(
                        e -> assertThat(e.getMessage())
                                .startsWith(
                                        file
                                                + ":8: field 'mode': the file has no current column, and this row is in control mode 1"));
    }

    @Test
    void ecLabExportsOfTechniquesThatRecordNoCyclingAreRefusedSayingWhy() throws IOException {
        Path peis = write(
                "peis.mpt",
                "EC-Lab ASCII FILE\nNb header lines : 5\n\n"
                        + "Potentio Electrochemical Impedance Spectroscopy\nfreq/Hz\ttime/s\t<Ewe>/V\t<I>/mA\n1000\t0\t3\t0\n");
        assertThatThrownBy(() -> read("biologic", peis))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(peis + ":4: not battery-cycling data: EC-Lab technique "
                        + "'Potentio Electrochemical Impedance Spectroscopy' measures impedance");
        Path bare = write("vsp.mpt", "freq/Hz\ttime/s\t<Ewe>/V\t<I>/mA\n1000\t0\t3\t0\n");
        assertThatThrownBy(() -> read("biologic", bare))
                .hasMessageContaining(bare + ":1: not battery-cycling data: an impedance spectroscopy export");
        Path settings = write("run.mps", "EC-LAB SETTING FILE\n\nNumber of linked techniques : 4\n");
        assertThatThrownBy(() -> read("biologic", settings))
                .hasMessageContaining(settings + ":1: not cycler data: an EC-Lab settings file");
        Path gcpl = write(
                "gcpl.mpt",
                "EC-Lab ASCII FILE\nNb header lines : 5\n\n"
                        + "Galvanostatic Cycling with Potential Limitation\ntime/s\tEwe/V\tI/mA\n0\t3\t1\n");
        assertThat(read("biologic", gcpl).samples).hasSize(1);
    }

    @Test
    void newareBtsda8ExportInWindows1252WithMicroampsAndMilliampSeconds() throws IOException {
        String header = "DataPoint,Cycle Index,Step Index,Step Type,Time,Total Time,Current(\u00B5A),Voltage(mV),"
                + "Chg. Cap.(mAs),DChg. Cap.(mAs),Chg. Energy(mWs),DChg. Energy(mWs),Date\n";
        String rows = "1,1,1,CC Chg,00:00:00.000,00:00:00.000,500,3600.5,0,0,0,0,2025-06-17 09:26:39.383\n"
                + "2,1,1,CC Chg,00:00:03.000,00:00:03.000,500,3601.5,1.5,0,5.4,0,2025-06-17 09:26:42.383\n";
        Path file = dir.resolve("interp.csv");
        Files.write(file, (header + rows).getBytes(java.nio.charset.Charset.forName("windows-1252")));
        Collected c = read("neware", file);

        assertThat(c.errors).isEmpty();
        Sample s = c.last();
        assertThat(s.currentA()).isCloseTo(5e-4, within(1e-15));
        assertThat(s.voltageV()).isCloseTo(3.6015, within(1e-12));
        assertThat(s.chargeCapacityAh()).isCloseTo(1.5e-3 / 3600, within(1e-18));
        assertThat(s.chargeEnergyWh()).isCloseTo(5.4e-3 / 3600, within(1e-18));
        assertThat(s.testTimeS()).isEqualTo(3);
    }
}

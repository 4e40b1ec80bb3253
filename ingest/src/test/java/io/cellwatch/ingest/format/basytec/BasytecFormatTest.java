package io.cellwatch.ingest.format.basytec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cellwatch.ingest.format.Collected;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BaSyTec result files as the test system writes them: {@code ~} metadata, a {@code ~} column row, tabs, a
 * German PC's decimal commas and dotted dates, the plan's commands, capacities per step or per plan cycle.
 */
class BasytecFormatTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void aResultFileWithDecimalCommasIsReadWithItsCommandsHoursAndStepCapacities() throws IOException {
        Path res = file("cell7.txt", """
                ~Resultfile from BaSyTec Battery Test System
                ~Name of Test: cell7 formation
                ~Battery: LFP 18650
                ~
                ~Time[h]\tDataSet\tDateTime\tt-Step[h]\tLine\tCommand\tU[V]\tI[A]\tAh[Ah]\tAh-Step\tWh[Wh]\tWh-Step\tT1[°C]\tCyc-Count\tCount\tState
                0\t1\t05.05.2025 14:36:06\t0\t2\tPause\t3,301\t0\t0\t0\t0\t0\t25,0\t0\t1\t0
                0,5\t2\t05.05.2025 15:06:06\t0\t4\tCharge\t3,45\t1\t0\t0\t0\t0\t25,1\t1\t1\t0
                1\t3\t05.05.2025 15:36:06\t0,5\t4\tCharge\t3,55\t1\t0,5\t0,5\t1,7\t1,7\t25,3\t1\t1\t1
                1,5\t4\t05.05.2025 16:06:06\t0\t5\tPause\t3,40\t0\t0,5\t0\t1,7\t0\t25,2\t1\t1\t0
                2\t5\t05.05.2025 16:36:06\t0\t6\tDischarge\t3,20\t-1\t0,5\t0\t1,7\t0\t25,2\t1\t1\t0
                2,5\t6\t05.05.2025 17:06:06\t0,5\t6\tDischarge\t3,10\t-1\t0\t-0,49\t0,1\t-1,6\t25,4\t1\t1\t1
                3\t7\t05.05.2025 17:36:06\t0\t4\tCharge\t3,45\t1\t0\t0\t0,1\t0\t25,2\t2\t1\t0
                """);
        assertThat(CyclerFormats.detect(res).name()).isEqualTo("basytec");
        Collected c = Collected.read(new BasytecFormat(), res);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples)
                .extracting(Sample::testTimeS)
                .containsExactly(0.0, 1800.0, 3600.0, 5400.0, 7200.0, 9000.0, 10_800.0);
        assertThat(c.samples.get(1).wallTimeMs() - c.samples.get(0).wallTimeMs())
                .as("dotted dates, day first")
                .isEqualTo(1_800_000L);
        assertThat(c.samples)
                .extracting(Sample::stepType)
                .containsExactly(
                        StepType.REST,
                        StepType.CHARGE,
                        StepType.CHARGE,
                        StepType.REST,
                        StepType.DISCHARGE,
                        StepType.DISCHARGE,
                        StepType.CHARGE);
        assertThat(c.samples.get(2).voltageV()).isEqualTo(3.55);
        assertThat(c.samples.get(5).currentA())
                .as("negative on discharge, as cellwatch has it")
                .isEqualTo(-1.0);
        assertThat(c.samples.get(2).chargeCapacityAh()).isEqualTo(0.5, within(1e-12));
        assertThat(c.samples.get(5).dischargeCapacityAh())
                .as("the step's charge, written negative on discharge")
                .isEqualTo(0.49, within(1e-12));
        assertThat(c.samples.get(5).chargeCapacityAh())
                .as("the balance Ah[Ah] falling is not charge")
                .isEqualTo(0.5);
        assertThat(c.samples.get(2).temperatureC()).isEqualTo(25.3);
        assertThat(c.samples)
                .extracting(Sample::cycleIndex)
                .as("from the direction, not the plan's loop counter: charge and discharge, then the next charge")
                .containsExactly(1, 1, 1, 1, 1, 1, 2);
        assertThat(c.samples).extracting(Sample::stepIndex).containsExactly(2, 4, 4, 5, 6, 6, 4);
    }

    @Test
    void thePlanCyclesCountersServeWhereTheStepsAreNotExportedAndAnUnknownCommandReadsByItsSign() throws IOException {
        Path res = file("cell8.txt", """
                ~Resultfile from BaSyTec Battery Test System
                ~Time[h]\tCommand\tU[V]\tI[A]\tAh-Cyc-Charge-0\tAh-Cyc-Discharge-0
                0\tCharge\t3.40\t0.5\t0\t0
                1\tCharge\t3.60\t0.5\t0.5\t0
                2\tPulse\t3.50\t-2.0\t0.5\t0.01
                3\tDischarge\t3.20\t-0.5\t0.5\t0.51
                """);
        Collected c = Collected.read(new BasytecFormat(), res);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples.get(1).chargeCapacityAh()).isEqualTo(0.5);
        assertThat(c.samples.get(3).dischargeCapacityAh()).isEqualTo(0.51);
        assertThat(c.samples.get(2).stepType())
                .as("a pulse the plan named itself: its current's sign")
                .isEqualTo(StepType.DISCHARGE);
        assertThat(c.samples.get(2).currentA()).isEqualTo(-2.0);
    }

    @Test
    void aResultFileSavedInWindowsLatin1IsReadAndABadValueNamesItsLineAndColumn() throws IOException {
        Path res = dir.resolve("cell9.txt");
        Files.writeString(res, """
                ~Resultfile from BaSyTec Battery Test System
                ~Time[h]\tCommand\tU[V]\tI[A]\tT1[°C]
                0\tCharge\t3,40\t0,5\t25,0
                0,1\tCharge\tdrei\t0,5\t25,0
                0,2\tCharge\t3,42\t0,5\t25,1
                """, Charset.forName("windows-1252"));
        assertThat(CyclerFormats.detect(res).name()).isEqualTo("basytec");
        Collected c = Collected.read(new BasytecFormat(), res);

        assertThat(c.samples).hasSize(2);
        assertThat(c.samples.get(1).temperatureC()).isEqualTo(25.1);
        assertThat(c.errors)
                .singleElement()
                .satisfies(
                        e -> assertThat(e.getMessage()).contains("cell9.txt:4:").contains("'U[V]'"));
    }

    @Test
    void aLongMetadataBlockIsReadPastAndALineWithoutTheMarkBeforeTheColumnsIsRefusedByName() throws IOException {
        String metadata = "~Resultfile from BaSyTec Battery Test System\n" + "~Plan line\n".repeat(240);
        Path res = file("long.txt", metadata + "~Time[h]\tU[V]\tI[A]\n0\t3.4\t0.5\n1\t3.5\t0.5\n");
        assertThat(CyclerFormats.detect(res).name()).isEqualTo("basytec");
        assertThat(Collected.read(new BasytecFormat(), res).samples).hasSize(2);

        Path cut =
                file("cut.txt", "~Resultfile from BaSyTec Battery Test System\nnot metadata\n~Time[h]\tU[V]\tI[A]\n");
        assertThatThrownBy(() -> Collected.read(new BasytecFormat(), cut))
                .hasMessageContaining("cut.txt:2")
                .hasMessageContaining("not a BaSyTec result file");
    }

    @Test
    void aTestTimeWrittenAsHoursMinutesAndSecondsAndMillivoltsAreRead() throws IOException {
        Path res = file("hms.txt", """
                ~Resultfile from BaSyTec Battery Test System
                ~Time[h:min:s]\tU[mV]\tI[mA]
                0:00:00\t3400\t500
                1:00:00,5\t3550\t500
                """);
        Collected c = Collected.read(new BasytecFormat(), res);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples).extracting(Sample::testTimeS).containsExactly(0.0, 3600.5);
        assertThat(c.samples.get(1).voltageV()).isEqualTo(3.55, within(1e-12));
        assertThat(c.samples.get(1).currentA()).isEqualTo(0.5, within(1e-12));
    }

    @Test
    void onlyAFileBegunWithTheMarkIsBasytec() {
        assertThat(new BasytecFormat().recognises(Path.of("x.txt"), java.util.List.of("Time[h]\tU[V]\tI[A]")))
                .isFalse();
        assertThat(BasytecFormat.isHeaderLine("~Time[h]\tDataSet\tU[V]\tI[A]")).isTrue();
    }
}

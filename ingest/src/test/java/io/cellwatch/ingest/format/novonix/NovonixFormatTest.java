package io.cellwatch.ingest.format.novonix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cellwatch.ingest.format.Collected;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Novonix UHPC file as its software writes it: summary and protocol blocks, then the data after {@code [Data]}. */
class NovonixFormatTest {
    /** The blocks before the data, as Novonix's HPC software 2.3 writes them (its protocol block abridged). */
    private static final String PREAMBLE = """
            [Summary]
            Novonix HPC data file
            Novonix
            Channel: 01
            Cell: cell-12.csv
            Serial Number:\s
            Protocol: formation.pro1
            Mass (g): 1.000
            Capacity (Ah): 1.000
            Area (cm2): 1.000
            Started: 2023-06-14 5:22:45 PM
            Version: 2.3.0
            [End Summary]
            [Protocol]
            Protocol: formation.pro1
            [0: Open_circuit_storage:]
               [End step when step time > 10 seconds]
            [3: CC-CV_charge: 20 C/xx to 4.2 V]
               [During CV, Save data when Δt > 600 seconds]
            [End Protocol]
            [Data]
            """;

    /** Its header: 15 names, while every row carries 20 values. */
    private static final String HEADER = "Date and Time,Cycle Number,Step Type,Run Time (h),Step Time (h),Current (A),"
            + "Potential (V),Capacity (Ah),Temperature (°C),Circuit Temperature (°C),Energy (Wh),dVdt (I/h),dIdt (V/h),"
            + "Step Number,Step position\n";

    @TempDir
    Path dir;

    @Test
    void chargeRestAndDischargeAreReadWithTheSingleCounterSplitByTheCurrentsSign() throws IOException {
        // Rest (type 0), the CC then CV part of a CC-CV charge (7, 8), rest, and a discharge written with type 1,
        // as some Novonix files write it: its current says discharge. Unnamed values trail every row.
        Path file = Files.writeString(dir.resolve("cell-12.csv"), PREAMBLE + HEADER + """
                        2023-06-14 5:22:45 PM,1,0,0.0000000,0.0000000,0.0000000000,3.40,0.0000000000,25.0,22.3,0.0,0,0,1,0,0,0,,0,0
                        2023-06-14 5:22:56 PM,1,7,0.0030083,0.0000000,0.5000000000,3.45,0.0000000000,25.0,22.3,0.0,0,0,2,1,0,0,,0,0
                        2023-06-14 5:52:56 PM,1,7,0.5030083,0.5000000,0.5000000000,4.20,0.2500000000,25.1,22.3,0.98,0,0,2,0,0,0,,0.01,5.6
                        2023-06-14 6:22:56 PM,1,8,1.0030083,1.0000000,0.0500000000,4.20,0.2800000000,25.1,22.3,1.10,0,0,2,0,0,0,,0.01,5.6
                        2023-06-14 6:32:56 PM,1,0,1.1696750,0.1666667,0.0000000000,4.15,0.0000000000,25.0,22.3,0.0,0,0,3,0,0,0,,0,0
                        2023-06-14 7:02:56 PM,1,1,1.6696750,0.5000000,-0.5000000000,3.80,0.2500000000,24.9,22.3,0.95,0,0,4,0,0,0,,0,0
                        2023-06-14 7:32:56 PM,1,1,2.1696750,1.0000000,-0.5000000000,3.60,0.2750000000,24.9,22.3,1.02,0,0,4,2,0,0,,0,0
                        """);
        assertThat(CyclerFormats.detect(file).name()).isEqualTo("novonix");
        Collected c = Collected.read(new NovonixFormat(), file);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples).hasSize(7);
        assertThat(c.samples)
                .extracting(Sample::stepType)
                .containsExactly(
                        StepType.REST,
                        StepType.CHARGE,
                        StepType.CHARGE,
                        StepType.CHARGE,
                        StepType.REST,
                        StepType.DISCHARGE,
                        StepType.DISCHARGE);
        assertThat(c.samples)
                .as("hours, as the header says")
                .extracting(s -> Math.round(s.testTimeS()))
                .containsExactly(0L, 11L, 1811L, 3611L, 4211L, 6011L, 7811L);
        assertThat(c.samples.get(3).chargeCapacityAh())
                .as("the CV part counts on")
                .isEqualTo(0.28, within(1e-12));
        assertThat(c.samples.get(2).temperatureC()).isEqualTo(25.1);
        assertThat(c.samples.get(0).wallTimeMs())
                .as("a 12-hour clock after an ISO date, in the file's zone (UTC unless told)")
                .isEqualTo(Instant.parse("2023-06-14T17:22:45Z").toEpochMilli());
        assertThat(c.last().dischargeCapacityAh()).isEqualTo(0.275, within(1e-12));
        assertThat(c.last().currentA()).isEqualTo(-0.5);
        assertThat(c.samples).extracting(Sample::stepIndex).containsExactly(1, 2, 2, 2, 3, 4, 4);
    }

    @Test
    void anOlderFileWithoutStepTypeHasItsTypeCodeUnderStepNumber() throws IOException {
        Path file = Files.writeString(dir.resolve("older.csv"), PREAMBLE + """
                        Date and Time,Cycle Number,Step Number,Run Time (h),Step Time (h),Current (A),Potential (V),Capacity (Ah),Temperature (°C),Energy (Wh)
                        2019-02-01 9:00:00 AM,1,0,0.0,0.0,0.0,3.40,0.0,25.0,0.0
                        2019-02-01 9:30:00 AM,1,1,0.5,0.5,0.5,3.90,0.25,25.0,0.95
                        2019-02-01 10:00:00 AM,1,0,1.0,0.5,0.0,3.88,0.0,25.0,0.0
                        2019-02-01 10:30:00 AM,1,2,1.5,0.5,-0.5,3.60,0.25,25.0,0.90
                        """);
        Collected c = Collected.read(new NovonixFormat(), file);
        assertThat(c.errors).isEmpty();
        assertThat(c.samples)
                .extracting(Sample::stepType)
                .containsExactly(StepType.REST, StepType.CHARGE, StepType.REST, StepType.DISCHARGE);
        assertThat(c.last().dischargeCapacityAh()).isEqualTo(0.25, within(1e-12));
    }

    @Test
    void onlyAFileWhoseSummaryNamesNovonixIsThisFormat() {
        NovonixFormat format = new NovonixFormat();
        assertThat(format.recognises(Path.of("x.csv"), PREAMBLE.lines().toList()))
                .isTrue();
        assertThat(format.recognises(Path.of("x.csv"), java.util.List.of("[Summary]", "Some other cycler", "x")))
                .isFalse();
    }
}

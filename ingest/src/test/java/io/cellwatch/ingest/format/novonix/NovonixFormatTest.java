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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Novonix UHPC file as its software writes it: summary and protocol blocks, then the data after {@code [Data]}. */
class NovonixFormatTest {
    private static final String PREAMBLE = """
            [Summary]
            Novonix UHPC data file
            Novonix
            Channel: 01
            Cell: cell-12.csv
            Mass (g): 1.000
            Capacity (Ah): 5
            Area (cm2): 1.000
            Started: 2025-07-19 15:26:20
            Version: 2.13.0
            [End Summary]
            [Protocol]
            Constant_current_charge
            Open_circuit_storage
            Constant_current_discharge
            [End Protocol]
            [Data]
            Date and Time,Cycle Number,Step Type,Run Time (h),Step Time (h),Current (A),Potential (V),Capacity (Ah),\
            Temperature (°C),Circuit Temperature (°C),Energy (Wh),dVdt (V/h),dIdt (A/h),Step Number,Step position,Power(W)
            """;

    @TempDir
    Path dir;

    @Test
    void chargeRestAndDischargeAreReadWithTheSingleCounterSplitByTheCurrentsSign() throws IOException {
        // The discharge is written with step type 1, as some Novonix files write it: its current says discharge.
        Path file = Files.writeString(dir.resolve("cell-12.csv"), PREAMBLE + """
                        2025-07-19 15:26:20,1,7,0.0000000,0.0000000,0.50000000,3.84,0.00000000,24.6,25.2,0.0,0,0,1,1,0
                        2025-07-19 15:56:20,1,7,0.5000000,0.5000000,0.50000000,3.95,0.25000000,24.7,25.3,0.98,0,0,1,0,1.9
                        2025-07-19 16:26:20,1,7,1.0000000,1.0000000,0.50000000,4.05,0.50000000,24.7,25.3,2.00,0,0,1,2,2.0
                        2025-07-19 16:36:20,1,0,1.1666667,0.1666667,0.00000000,3.98,0.00000000,24.6,25.2,0.0,0,0,2,1,0
                        2025-07-19 17:06:20,1,1,1.6666667,0.5000000,-0.50000000,3.80,0.25000000,24.5,25.2,0.95,0,0,3,0,-1.9
                        2025-07-19 17:36:20,1,1,2.1666667,1.0000000,-0.50000000,3.60,0.49500000,24.5,25.2,1.85,0,0,3,2,-1.8
                        """);
        assertThat(CyclerFormats.detect(file).name()).isEqualTo("novonix");
        Collected c = Collected.read(new NovonixFormat(), file);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples).hasSize(6);
        assertThat(c.samples)
                .extracting(Sample::stepType)
                .containsExactly(
                        StepType.CHARGE,
                        StepType.CHARGE,
                        StepType.CHARGE,
                        StepType.REST,
                        StepType.DISCHARGE,
                        StepType.DISCHARGE);
        assertThat(c.samples)
                .as("hours, as the header says")
                .extracting(s -> Math.round(s.testTimeS()))
                .containsExactly(0L, 1800L, 3600L, 4200L, 6000L, 7800L);
        Sample charged = c.samples.get(2);
        assertThat(charged.chargeCapacityAh()).isEqualTo(0.5, within(1e-12));
        assertThat(charged.temperatureC()).isEqualTo(24.7);
        assertThat(charged.wallTimeMs()).isNotNull();
        Sample discharged = c.last();
        assertThat(discharged.dischargeCapacityAh()).isEqualTo(0.495, within(1e-12));
        assertThat(discharged.currentA()).isEqualTo(-0.5);
        assertThat(c.samples).extracting(Sample::stepIndex).containsExactly(1, 1, 1, 2, 3, 3);
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

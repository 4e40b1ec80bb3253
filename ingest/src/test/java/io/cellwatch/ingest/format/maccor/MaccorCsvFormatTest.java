package io.cellwatch.ingest.format.maccor;

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

/** Maccor's comma-separated export: no State column, the current's sign gives the single counter's direction. */
class MaccorCsvFormatTest {
    @TempDir
    Path dir;

    @Test
    void restChargeAndDischargeAreSplitByTheCurrentsSign() throws IOException {
        Path file = Files.writeString(dir.resolve("M50_cell3.csv"), """
                Today's Date ,28-Nov-23
                Date of Test:,23-Nov-23 3:56:08 PM
                Rec,Cycle C,Step,Test Time (sec),Step Time (sec),Capacity,Energy,Current,Voltage,DPT Time,Temp 1
                1,1,1,0.0000,0.0000,0,0,0,3.668,23-Nov-23 3:56:11 PM,22.2591
                2,1,1,10.0000,10.0000,0,0,0,3.668,23-Nov-23 3:56:21 PM,22.2591
                3,1,2,10.0600,0.0600,0.000,0.002,28.844,3.709,23-Nov-23 3:56:21 PM,22.2591
                4,1,2,1810.0600,1800.0600,14.400,53.3,28.798,4.100,23-Nov-23 4:26:21 PM,23.0
                5,1,3,1820.0000,10.0000,0,0,0,4.050,23-Nov-23 4:26:31 PM,23.0
                6,1,4,3620.0000,1800.0000,14.300,51.0,-28.800,3.400,23-Nov-23 4:56:31 PM,23.5
                """);
        assertThat(CyclerFormats.detect(file).name()).isEqualTo("maccor-csv");
        Collected c = Collected.read(new MaccorCsvFormat(), file);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples)
                .extracting(Sample::stepType)
                .containsExactly(
                        StepType.REST,
                        StepType.REST,
                        StepType.CHARGE,
                        StepType.CHARGE,
                        StepType.REST,
                        StepType.DISCHARGE);
        assertThat(c.samples.get(3).chargeCapacityAh()).isEqualTo(14.4, within(1e-9));
        assertThat(c.last().dischargeCapacityAh()).isEqualTo(14.3, within(1e-9));
        assertThat(c.last().currentA()).isEqualTo(-28.8);
        assertThat(c.last().testTimeS()).isEqualTo(3620.0);
        assertThat(c.last().temperatureC()).isEqualTo(23.5);
        assertThat(c.samples.get(0).wallTimeMs())
                .as("DPT Time, in the file's zone (UTC unless told)")
                .isEqualTo(Instant.parse("2023-11-23T15:56:11Z").toEpochMilli());
    }

    @Test
    void theTabSeparatedExportStaysMaccorsTextFormat() {
        assertThat(new MaccorCsvFormat()
                        .recognises(
                                Path.of("x.txt"), java.util.List.of("Today's Date:\t14 December 2020", "Rec#\tCyc#")))
                .isFalse();
    }
}

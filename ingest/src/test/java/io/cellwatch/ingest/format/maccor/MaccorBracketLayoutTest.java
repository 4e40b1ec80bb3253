package io.cellwatch.ingest.format.maccor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cellwatch.ingest.format.Collected;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maccor's text export in the bracket layout some labs' MIMS templates write (KIT's, SIMBA project): comment
 * lines, units in brackets, {@code Md} for the state, the current a magnitude, decimal commas, Latin-1.
 */
class MaccorBracketLayoutTest {
    @TempDir
    Path dir;

    @Test
    void theBracketLayoutIsReadWithItsStateUnsignedCurrentAndDecimalCommas() throws IOException {
        String comments = "Comment line\n".repeat(12);
        Path file = dir.resolve("KIT_cell4.txt");
        Files.writeString(
                file,
                comments
                        + "Rec\tCycle P\tCycle C\tStep\tTestTime\tStepTime\tCap. [Ah]\tEner. [Wh]\tCurrent [A]\t"
                        + "Voltage [V]\tMd\tDPT Time\n"
                        + "1\t0\t1\t1\t0\t0\t0\t0\t0\t3,412\tR\t06.05.2024 10:00:00\n"
                        + "2\t0\t1\t2\t60\t60\t0,05\t0,185\t3\t3,701\tC\t06.05.2024 10:01:00\n"
                        + "3\t0\t1\t2\t120\t120\t0,1\t0,372\t3\t3,752\tC\t06.05.2024 10:02:00\n"
                        + "4\t0\t1\t3\t180\t60\t0,049\t0,18\t3\t3,601\tD\t06.05.2024 10:03:00\n",
                StandardCharsets.ISO_8859_1);
        assertThat(CyclerFormats.detect(file).name()).isEqualTo("maccor");
        Collected c = Collected.read(new MaccorTextFormat(), file);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples)
                .extracting(Sample::stepType)
                .containsExactly(StepType.REST, StepType.CHARGE, StepType.CHARGE, StepType.DISCHARGE);
        assertThat(c.samples.get(2).voltageV()).isEqualTo(3.752, within(1e-12));
        assertThat(c.samples.get(2).chargeCapacityAh()).isEqualTo(0.1, within(1e-12));
        assertThat(c.samples.get(3).currentA())
                .as("a magnitude, negative on discharge")
                .isEqualTo(-3.0);
        assertThat(c.samples.get(3).dischargeCapacityAh()).isEqualTo(0.049, within(1e-12));
        assertThat(c.samples.get(3).wallTimeMs() - c.samples.get(0).wallTimeMs())
                .isEqualTo(180_000L);
        assertThat(c.samples).extracting(Sample::testTimeS).containsExactly(0.0, 60.0, 120.0, 180.0);
    }
}

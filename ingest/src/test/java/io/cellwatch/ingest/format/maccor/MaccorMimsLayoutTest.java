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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maccor's text export as MIMS Client writes it (a public sodium pouch cell's export, 2024): the metadata line,
 * then {@code Rec#  Cycle P  Cycle C  Step  Test Time (sec)  Step Time (sec)  Capacity (AHr)  Energy (WHr)
 * Current (A)  Voltage (V)  MD  ES  DPT}, tab-separated; {@code MD} the state, the capacity and energy the step's,
 * the current a magnitude.
 */
class MaccorMimsLayoutTest {
    @TempDir
    Path dir;

    @Test
    void theMimsLayoutIsReadWithItsStateStepCountersAndUnsignedCurrent() throws IOException {
        Path file = dir.resolve("240430_pouch.063");
        Files.writeString(
                file,
                "Today's Date 04/30/2024  Date of Test:\t04/30/2024\t Filename:\tC:\\Data\\240430_pouch.063"
                        + " Procedure: Pouch 15-38.000\tComment/Barcode: \n"
                        + "Rec#\tCycle P\tCycle C\tStep\tTest Time (sec)\tStep Time (sec)\tCapacity (AHr)\t"
                        + "Energy (WHr)\tCurrent (A)\tVoltage (V)\tMD\tES\tDPT\n"
                        + "1\t0\t1\t1\t0.0\t0.0\t0.0\t0.0\t0.0\t3.0288\tR\t0\t04/30/2024 11:25:26\n"
                        + "2\t0\t1\t3\t5.08\t0.08\t0.0\t0.0\t0.0001953\t3.0277\tC\t0\t04/30/2024 11:25:31\n"
                        + "3\t0\t1\t3\t3600.0\t3594.92\t0.338\t1.10\t0.3384386\t3.6530\tC\t5\t04/30/2024 12:25:26\n"
                        + "4\t0\t1\t4\t3600.01\t0.01\t0.0\t0.0\t0.0\t3.6400\tR\t0\t04/30/2024 12:25:26\n"
                        + "5\t0\t1\t5\t3700.0\t99.99\t0.0094\t0.034\t0.3385379\t3.6000\tD\t5\t04/30/2024 12:27:06\n");
        assertThat(CyclerFormats.detect(file).name()).isEqualTo("maccor");
        Collected c = Collected.read(new MaccorTextFormat(), file);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples)
                .extracting(Sample::stepType)
                .containsExactly(StepType.REST, StepType.CHARGE, StepType.CHARGE, StepType.REST, StepType.DISCHARGE);
        assertThat(c.samples).extracting(Sample::cycleIndex).as("Cycle C").containsOnly(1);
        assertThat(c.samples.get(2).chargeCapacityAh()).as("AHr").isEqualTo(0.338, within(1e-12));
        assertThat(c.samples.get(2).chargeEnergyWh()).as("WHr").isEqualTo(1.10, within(1e-12));
        assertThat(c.samples.get(4).dischargeCapacityAh()).isEqualTo(0.0094, within(1e-12));
        assertThat(c.samples.get(4).currentA())
                .as("a magnitude, negative on discharge")
                .isEqualTo(-0.3385379);
        assertThat(c.samples).extracting(Sample::testTimeS).containsExactly(0.0, 5.08, 3600.0, 3600.01, 3700.0);
        assertThat(c.samples.get(4).wallTimeMs() - c.samples.get(0).wallTimeMs())
                .as("DPT")
                .isEqualTo(3_700_000L);
    }

    @Test
    void aCycleColumnThatGoesBackInsideAChargeIsCountedFromTheDirectionFromThere() throws IOException {
        // As the public export writes Cycle C: 1 through the first cycle, 2 as the next charge begins, back to 1
        // in the middle of that charge (step, step time and counter running on), 2 again at the next charge.
        Path file = dir.resolve("240430_pouch.063");
        String header = "Today's Date 04/30/2024  Date of Test:\t04/30/2024\t Filename:\tC:\\Data\\240430_pouch.063"
                + " Procedure: Pouch 15-38.000\tComment/Barcode: \n"
                + "Rec#\tCycle P\tCycle C\tStep\tTest Time (sec)\tStep Time (sec)\tCapacity (AHr)\t"
                + "Energy (WHr)\tCurrent (A)\tVoltage (V)\tMD\tES\tDPT\n";
        String rows = String.join(
                "\n",
                "1\t0\t1\t3\t0.0\t0.0\t0.0\t0.0\t0.34\t3.00\tC\t0\t04/30/2024 11:00:00",
                "2\t0\t1\t3\t3600.0\t3600.0\t0.34\t1.1\t0.34\t3.70\tC\t5\t04/30/2024 12:00:00",
                "3\t0\t1\t5\t7200.0\t3600.0\t0.33\t1.1\t0.34\t3.00\tD\t5\t04/30/2024 13:00:00",
                "4\t0\t2\t3\t7200.1\t0.1\t0.0\t0.0\t0.34\t3.00\tC\t0\t04/30/2024 13:00:00",
                "5\t0\t2\t3\t9000.0\t1800.0\t0.17\t0.6\t0.34\t3.60\tC\t5\t04/30/2024 13:30:00",
                "6\t0\t1\t3\t10800.0\t3600.0\t0.34\t1.2\t0.34\t3.70\tC\t5\t04/30/2024 14:00:00",
                "7\t0\t1\t5\t14400.0\t3600.0\t0.335\t1.1\t0.34\t3.00\tD\t5\t04/30/2024 15:00:00",
                "8\t0\t2\t3\t14400.1\t0.1\t0.0\t0.0\t0.34\t3.00\tC\t0\t04/30/2024 15:00:00",
                "9\t0\t2\t3\t16200.0\t1800.0\t0.17\t0.6\t0.34\t3.60\tC\t5\t04/30/2024 15:30:00",
                "10\t0\t1\t3\t18000.0\t3600.0\t0.34\t1.2\t0.34\t3.70\tC\t5\t04/30/2024 16:00:00");
        Files.writeString(file, header + rows + "\n");
        Collected c = Collected.read(new MaccorTextFormat(), file);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples)
                .extracting(Sample::cycleIndex)
                .as("the file's numbers until they went back, then counted on from them")
                .containsExactly(1, 1, 1, 2, 2, 2, 2, 3, 3, 3);
    }

    @Test
    void afterTheFilesCycleWentBackADischargeFirstFileStillPairsEachDischargeWithTheChargeAfterIt() throws IOException {
        // The file's own numbers go up on each discharge; once they went back inside a charge, the count from the
        // direction starts its cycles on discharges too, and the row keeps the number of the rows above it.
        Path file = dir.resolve("dfirst.063");
        String header = "Today's Date 04/30/2024  Date of Test:\t04/30/2024\t Filename:\tC:\\Data\\dfirst.063"
                + " Procedure: Pouch 15-38.000\tComment/Barcode: \n"
                + "Rec#\tCycle P\tCycle C\tStep\tTest Time (sec)\tStep Time (sec)\tCapacity (AHr)\t"
                + "Energy (WHr)\tCurrent (A)\tVoltage (V)\tMD\tES\tDPT\n";
        String rows = String.join(
                "\n",
                "1\t0\t1\t5\t0.0\t0.0\t0.0\t0.0\t0.34\t3.70\tD\t0\t04/30/2024 11:00:00",
                "2\t0\t1\t5\t3600.0\t3600.0\t0.34\t1.1\t0.34\t3.00\tD\t5\t04/30/2024 12:00:00",
                "3\t0\t1\t3\t3600.1\t0.1\t0.0\t0.0\t0.34\t3.00\tC\t0\t04/30/2024 12:00:00",
                "4\t0\t1\t3\t7200.0\t3600.0\t0.34\t1.2\t0.34\t3.70\tC\t5\t04/30/2024 13:00:00",
                "5\t0\t2\t5\t7200.1\t0.1\t0.0\t0.0\t0.34\t3.70\tD\t0\t04/30/2024 13:00:00",
                "6\t0\t2\t5\t10800.0\t3600.0\t0.33\t1.1\t0.34\t3.00\tD\t5\t04/30/2024 14:00:00",
                "7\t0\t2\t3\t10800.1\t0.1\t0.0\t0.0\t0.34\t3.00\tC\t0\t04/30/2024 14:00:00",
                "8\t0\t1\t3\t12600.0\t1800.0\t0.17\t0.6\t0.34\t3.60\tC\t5\t04/30/2024 14:30:00",
                "9\t0\t1\t3\t14400.0\t3600.0\t0.34\t1.2\t0.34\t3.70\tC\t5\t04/30/2024 15:00:00",
                "10\t0\t2\t5\t14400.1\t0.1\t0.0\t0.0\t0.34\t3.70\tD\t0\t04/30/2024 15:00:00",
                "11\t0\t2\t5\t18000.0\t3600.0\t0.33\t1.1\t0.34\t3.00\tD\t5\t04/30/2024 16:00:00");
        Files.writeString(file, header + rows + "\n");
        Collected c = Collected.read(new MaccorTextFormat(), file);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples).extracting(Sample::cycleIndex).containsExactly(1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3);
    }
}

package io.cellwatch.ingest.format.bdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
 * Battery Data Format files as converters and live collectors write them: preferred labels with units, or
 * machine-readable names; the three required quantities alone, or with cycle counts, capacities and Unix time.
 */
class BdfFormatTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void preferredLabelsWithCyclesCapacitiesAndUnixTimeAreReadAsWritten() throws IOException {
        Path bdf = file("LAB__cell7__20260101_001.bdf.csv", """
                Test Time / s,Voltage / V,Current / A,Unix Time / s,Cycle Count / 1,Step Count / 1,\
                Charging Capacity / Ah,Discharging Capacity / Ah,Surface Temperature T1 / degC
                0,3.40,0.5,1767225600.0,1,1,0,0,25.0
                60,3.55,0.5,1767225660.5,1,1,0.00833,0,25.1
                120,3.40,0,1767225720.0,1,2,0.00833,0,25.1
                180,3.30,-0.5,1767225780.0,1,3,0.00833,0.00833,25.2
                240,3.45,0.5,1767225840.0,2,4,0.00833,0.00833,25.2
                """);
        assertThat(CyclerFormats.detect(bdf).name()).isEqualTo("bdf");
        Collected c = Collected.read(new BdfFormat(), bdf);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples).hasSize(5);
        Sample second = c.samples.get(1);
        assertThat(second.testTimeS()).isEqualTo(60);
        assertThat(second.wallTimeMs()).isEqualTo(1_767_225_660_500L);
        assertThat(second.voltageV()).isEqualTo(3.55);
        assertThat(second.currentA())
                .as("positive on charge, as BDF and cellwatch have it")
                .isEqualTo(0.5);
        assertThat(second.stepType()).isEqualTo(StepType.CHARGE);
        assertThat(second.chargeCapacityAh()).isEqualTo(0.00833, within(1e-12));
        assertThat(second.temperatureC()).isEqualTo(25.1);
        assertThat(c.samples.get(2).stepType()).isEqualTo(StepType.REST);
        assertThat(c.samples.get(3).stepType()).isEqualTo(StepType.DISCHARGE);
        assertThat(c.samples.get(3).dischargeCapacityAh()).isEqualTo(0.00833, within(1e-12));
        assertThat(c.samples).extracting(Sample::cycleIndex).containsExactly(1, 1, 1, 1, 2);
        assertThat(c.samples).extracting(Sample::stepIndex).containsExactly(1, 1, 2, 3, 4);
    }

    @Test
    void machineReadableNamesWithTheRequiredQuantitiesAloneGetCyclesFromTheCurrentsDirection() throws IOException {
        // As a live collector writes it: time, voltage and current (discharge negative), nothing else.
        Path bdf = file("LOCAL__DemoCell__20260811_001.bdf.csv", """
                test_time_second,voltage_volt,current_ampere,surface_temperature_celsius
                0.0,4.10,-0.002,25.0
                10.0,3.90,-0.002,25.0
                20.0,3.95,0.0,25.0
                30.0,4.05,0.002,25.0
                40.0,4.15,0.002,25.0
                50.0,4.00,-0.002,25.0
                60.0,3.85,-0.002,25.0
                """);
        assertThat(CyclerFormats.detect(bdf).name()).isEqualTo("bdf");
        Collected c = Collected.read(new BdfFormat(), bdf);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples)
                .extracting(Sample::currentA)
                .containsExactly(-0.002, -0.002, 0.0, 0.002, 0.002, -0.002, -0.002);
        assertThat(c.samples)
                .as("a discharge-first file: discharge then charge is a cycle")
                .extracting(Sample::cycleIndex)
                .containsExactly(1, 1, 1, 1, 1, 2, 2);
        assertThat(c.samples)
                .as("no counters: the summarizer integrates the current")
                .allSatisfy(s -> assertThat(s.chargeCapacityAh()).isNull());
    }

    @Test
    void aLabelInAnotherUnitThanTheFixedOneIsReadInItsOwn() throws IOException {
        // A converter's file (cellpy's BDF example) with its test time in hours and its capacities labelled otherwise.
        Path bdf = file("converted.csv", """
                Test Time / h,Current / A,Voltage / V,Step Type / 1,Cycle Count / 1,Charge Capacity / Ah,Discharge Capacity / Ah
                0.5,0.006,3.31,charge,1,0.003,0
                1.0,0.006,3.35,charge,1,0.006,0
                """);
        assertThat(CyclerFormats.detect(bdf).name()).isEqualTo("bdf");
        Collected c = Collected.read(new BdfFormat(), bdf);
        assertThat(c.errors).isEmpty();
        assertThat(c.samples).extracting(Sample::testTimeS).containsExactly(1800.0, 3600.0);
        assertThat(c.samples).extracting(Sample::chargeCapacityAh).containsExactly(0.003, 0.006);
    }

    @Test
    void unixTimeInMillisecondsAndTheSurfaceTemperatureOverTheChambersAreReadAsLabelled() throws IOException {
        Path bdf = file("ms.bdf.csv", """
                Test Time / ms,Voltage / V,Current / A,Unix Time / ms,Ambient Temperature / degC,Surface Temperature / degC
                0,3.7,0.1,1767225600000,25.0,27.5
                1500,3.71,0.1,1767225601500,25.0,27.6
                """);
        Collected c = Collected.read(new BdfFormat(), bdf);
        assertThat(c.errors).isEmpty();
        assertThat(c.samples).extracting(Sample::testTimeS).containsExactly(0.0, 1.5);
        assertThat(c.samples).extracting(Sample::wallTimeMs).containsExactly(1_767_225_600_000L, 1_767_225_601_500L);
        assertThat(c.samples).extracting(Sample::temperatureC).containsExactly(27.5, 27.6);
    }

    @Test
    void aRestsOffsetCurrentOfEitherSignDoesNotStartACycle() throws IOException {
        Path bdf = file("offset.bdf.csv", """
                test_time_second,voltage_volt,current_ampere
                0,3.60,0.5
                10,3.70,0.5
                20,3.68,0.000002
                30,3.68,-0.000001
                40,3.68,0.000002
                50,3.50,-0.5
                60,3.40,-0.5
                70,3.42,0.000001
                80,3.42,-0.000002
                90,3.60,0.5
                """);
        Collected c = Collected.read(new BdfFormat(), bdf);
        assertThat(c.samples)
                .extracting(Sample::cycleIndex)
                .as("charge, rest, discharge, rest: one cycle; the next charge begins the second")
                .containsExactly(1, 1, 1, 1, 1, 1, 1, 1, 1, 2);
    }

    @Test
    void aFileThatBeginsWithARestsOffsetTakesItsDirectionFromTheFirstStep() throws IOException {
        // A lithiation-first half cell: an open-circuit rest logged at +2 µA, then discharge, charge, discharge.
        Path bdf = file("rest-first.bdf.csv", """
                test_time_second,voltage_volt,current_ampere
                0,2.90,0.000002
                10,2.90,0.000002
                20,0.50,-0.001
                30,0.05,-0.001
                40,0.60,0.001
                50,1.50,0.001
                60,0.50,-0.001
                """);
        Collected c = Collected.read(new BdfFormat(), bdf);
        assertThat(c.samples)
                .extracting(Sample::cycleIndex)
                .as("rest and discharge, then the charge: one cycle; the next discharge begins the second")
                .containsExactly(1, 1, 1, 1, 1, 1, 2);
    }

    @Test
    void aBadCellNamesItsLineAndColumnAndTheRowsAroundItAreRead() throws IOException {
        Path bdf = file("bad.bdf.csv", """
                Test Time / s,Voltage / V,Current / A
                0,3.7,0.1
                1,three point six,0.1
                2,3.5,0.1
                """);
        Collected c = Collected.read(new BdfFormat(), bdf);
        assertThat(c.samples).hasSize(2);
        assertThat(c.errors)
                .singleElement()
                .satisfies(e ->
                        assertThat(e.getMessage()).contains("bad.bdf.csv:3:").contains("field 'Voltage / V'"));
    }

    @Test
    void aHeaderWithoutTheRequiredQuantitiesIsNotThisFormat() throws IOException {
        assertThat(BdfFormat.isHeaderLine("Test Time / s,Voltage / V,Power / W"))
                .isFalse();
        assertThat(BdfFormat.isHeaderLine("test_time_second,voltage_volt,current_ampere"))
                .isTrue();
        Path missing = file("missing.bdf.csv", "Test Time / s,Current / A,Cycle Count / 1\n0,0.1,1\n");
        assertThatThrownBy(() -> Collected.read(new BdfFormat(), missing))
                .hasMessageContaining("missing.bdf.csv")
                .hasMessageContaining("no voltage column");
    }
}

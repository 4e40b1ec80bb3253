package io.cellwatch.ingest.format.digatron;

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
 * Digatron CSV exports: units after {@code #} in either case, time from the ISO timestamps (not the program
 * duration, written in milliseconds under a seconds header), status codes, counters as written.
 */
class DigatronFormatTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void anExportIsReadFromItsTimestampsWithItsStatusCountersAndCellTemperature() throws IOException {
        Path csv = file("digatron.csv", """
                Timestamp,Step,Cycle,Status,Program Duration#s,Voltage#V,Current#A,AhCha#AH,AhDch#Ah,WhCha#Wh,WhDch#Wh,T1#degC,Tenv#degC
                2025-06-06 09:10:07+00:00,1,1,PAU,0,3.300,0,0,0,0,0,25.0,24.0
                2025-06-06 09:11:07.500000+00:00,2,1,CHA,60500,3.450,1.0,0.0168,0,0.057,0,25.1,24.0
                2025-06-06 09:12:07+00:00,2,1,CHA,120000,3.500,1.0,0.0333,0,0.115,0,25.2,24.0
                2025-06-06 09:13:07+00:00,3,1,DCH,180000,3.250,-1.0,0.0333,0.0167,0.115,0.054,25.3,24.1
                2025-06-06 09:14:07+00:00,4,2,CHA,240000,3.450,1.0,0.0167,0.0167,0.057,0.054,25.2,24.1
                """);
        assertThat(CyclerFormats.detect(csv).name()).isEqualTo("digatron");
        Collected c = Collected.read(new DigatronFormat(), csv);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples)
                .extracting(Sample::testTimeS)
                .as("from the timestamps, not the duration's milliseconds")
                .containsExactly(0.0, 60.5, 120.0, 180.0, 240.0);
        assertThat(c.samples.get(0).wallTimeMs()).isEqualTo(1_749_201_007_000L);
        assertThat(c.samples)
                .extracting(Sample::stepType)
                .containsExactly(StepType.REST, StepType.CHARGE, StepType.CHARGE, StepType.DISCHARGE, StepType.CHARGE);
        assertThat(c.samples.get(2).chargeCapacityAh()).as("'AH' is Ah").isEqualTo(0.0333, within(1e-12));
        assertThat(c.samples.get(3).dischargeCapacityAh()).isEqualTo(0.0167, within(1e-12));
        assertThat(c.samples.get(3).currentA()).isEqualTo(-1.0);
        assertThat(c.samples.get(3).temperatureC())
                .as("the cell's T1, not the chamber")
                .isEqualTo(25.3);
        assertThat(c.samples).extracting(Sample::cycleIndex).containsExactly(1, 1, 1, 1, 2);
        assertThat(c.samples).extracting(Sample::stepIndex).containsExactly(1, 2, 2, 3, 4);
    }

    @Test
    void withoutACycleColumnCyclesComeFromTheDirectionAndTheChamberTemperatureServes() throws IOException {
        Path csv = file("digatron-bare.csv", """
                Timestamp,Voltage#V,Current#A,Tenv#degC
                2025-06-06 09:10:07+00:00,3.40,1.0,24.0
                2025-06-06 09:11:07+00:00,3.30,-1.0,24.0
                2025-06-06 09:12:07+00:00,3.45,1.0,24.1
                """);
        Collected c = Collected.read(new DigatronFormat(), csv);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples).extracting(Sample::cycleIndex).containsExactly(1, 1, 2);
        assertThat(c.samples.get(2).temperatureC()).isEqualTo(24.1);
    }

    @Test
    void aGermanPcsExportWithSemicolonsDecimalCommasAndATimeStampColumnIsRead() throws IOException {
        Path csv = file("digatron-de.csv", """
                Time Stamp;Status;Voltage#V;Current#A;AhCha#Ah;AhDch#Ah
                2025-06-06 09:10:07+02:00;CHA;3,401;1,5;0;0
                2025-06-06 09:11:07+02:00;CHA;3,452;1,5;0,025;0
                """);
        assertThat(CyclerFormats.detect(csv).name()).isEqualTo("digatron");
        Collected c = Collected.read(new DigatronFormat(), csv);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples).extracting(Sample::testTimeS).containsExactly(0.0, 60.0);
        assertThat(c.samples.get(1).voltageV()).isEqualTo(3.452);
        assertThat(c.samples.get(1).chargeCapacityAh()).isEqualTo(0.025);
        assertThat(c.samples.get(0).wallTimeMs()).isEqualTo(1_749_193_807_000L);
    }

    @Test
    void anOlderExportWithItsRowOfUnitsAndTheProgramTimeIsRead() throws IOException {
        Path csv = file("digatron-old.csv", """
                Step,Status,Step Time,Prog Time,Voltage,Current,AhCha,AhDch,LogTemp001
                ,,hh:mm:ss,hh:mm:ss,V,A,Ah,Ah,degC
                1,PAU,00:00:00,00:00:00,3.30,0,0,0,25.0
                2,CHA,00:01:00,00:01:00,3.45,1.0,0.0167,0,25.2
                3,DCH,00:00:30,00:01:30,3.25,-1.0,0.0167,0.0083,25.3
                """);
        assertThat(CyclerFormats.detect(csv).name()).isEqualTo("digatron");
        Collected c = Collected.read(new DigatronFormat(), csv);

        assertThat(c.errors).as("the units row is no dead letter").isEmpty();
        assertThat(c.samples).extracting(Sample::testTimeS).containsExactly(0.0, 60.0, 90.0);
        assertThat(c.samples)
                .extracting(Sample::stepType)
                .containsExactly(StepType.REST, StepType.CHARGE, StepType.DISCHARGE);
        assertThat(c.samples.get(2).dischargeCapacityAh()).isEqualTo(0.0083);
        assertThat(c.samples.get(2).temperatureC()).isEqualTo(25.3);
    }

    @Test
    void theRowOfUnitsSaysTheColumnsUnitsAndAnUnknownOneRefusesTheFile() throws IOException {
        Path milli = file("digatron-milli.csv", """
                Step,Status,Step Time,Prog Time,Voltage,Current,AhCha,AhDch
                ,,hh:mm:ss,hh:mm:ss,mV,mA,mAh,mAh
                1,CHA,00:00:00,00:00:00,3300,500,0,0
                1,CHA,00:01:00,00:01:00,3350,500,8.3,0
                """);
        Collected c = Collected.read(new DigatronFormat(), milli);
        assertThat(c.errors).isEmpty();
        assertThat(c.samples.get(1).voltageV()).isEqualTo(3.35, within(1e-12));
        assertThat(c.samples.get(1).currentA()).isEqualTo(0.5, within(1e-12));
        assertThat(c.samples.get(1).chargeCapacityAh()).isEqualTo(0.0083, within(1e-12));
        assertThat(c.samples.get(1).testTimeS()).isEqualTo(60.0);

        Path odd = file("digatron-odd.csv", """
                Step,Status,Prog Time,Voltage,Current
                ,,hh:mm:ss,V,kA
                1,CHA,00:00:00,3.3,0.001
                """);
        assertThatThrownBy(() -> Collected.read(new DigatronFormat(), odd))
                .hasMessageContaining("digatron-odd.csv:2")
                .hasMessageContaining("kA");
    }

    /**
     * BTS-600's export as two public readers describe it: rows of metadata above the header ({@code Version},
     * {@code Start of Test} with its date and time in two cells) and the units in brackets ({@code [mA]}), the
     * lines ending in a comma, rows of delimiters alone (above the units row too). Read as bare amperes, the
     * milliamperes would be a thousand times the current. A metadata row naming a voltage and a current limit is
     * not the header.
     */
    @Test
    void metadataRowsAboveTheHeaderAndUnitsInBracketsAreRead() throws IOException {
        Path csv = file("bts600.csv", """
                Digatron BTS-600 Export,,,,,,,,,,
                Version,V 1.600.386,,,,,,,,,
                Start of Test,19.04.2021,10:12:13,,,,,,,,
                ,,,,,,,,,,
                Voltage Limit [V],4.2,Current Limit [A],2.5,,,,,,,
                Step,Status,Step Time,Prog Time,Cycle,Voltage,Current,AhAccu,AhCha,AhDch,LogTemp001,
                ,,,,,,,,,,,
                ,,hh:mm:ss,hh:mm:ss,,[V],[mA],[mAh],[mAh],[mAh],[°C],
                1,PAU,00:00:00,00:00:00,1,3.4000,0.0,0.00,0.00,0.00,25.1,
                2,CHA,00:30:00,00:30:00,1,3.9000,2500.0,1250.00,1250.00,0.00,25.6,
                ,,,,,,,,,,,
                3,DCH,00:30:00,01:00:00,1,3.6000,-2500.0,-1250.00,0.00,1187.50,26.4,
                """);
        assertThat(CyclerFormats.detect(csv).name()).isEqualTo("digatron");
        Collected c = Collected.read(new DigatronFormat(), csv);

        assertThat(c.errors)
                .as("neither the metadata nor the units row is a dead letter")
                .isEmpty();
        assertThat(c.samples).extracting(Sample::testTimeS).containsExactly(0.0, 1800.0, 3600.0);
        assertThat(c.samples.get(1).currentA()).as("[mA]").isEqualTo(2.5, within(1e-12));
        assertThat(c.samples.get(1).chargeCapacityAh()).as("[mAh]").isEqualTo(1.25, within(1e-12));
        assertThat(c.samples.get(2).dischargeCapacityAh()).isEqualTo(1.1875, within(1e-12));
        assertThat(c.samples.get(2).temperatureC()).isEqualTo(26.4);
    }

    @Test
    void aBadTimestampNamesItsLineAndColumn() throws IOException {
        Path csv = file("digatron-bad.csv", """
                Timestamp,Voltage#V,Current#A
                2025-06-06 09:10:07+00:00,3.40,1.0
                yesterday,3.41,1.0
                2025-06-06 09:12:07+00:00,3.42,1.0
                """);
        Collected c = Collected.read(new DigatronFormat(), csv);

        assertThat(c.samples).hasSize(2);
        assertThat(c.errors)
                .singleElement()
                .satisfies(e -> assertThat(e.getMessage())
                        .contains("digatron-bad.csv:3:")
                        .contains("'Timestamp'"));
    }
}

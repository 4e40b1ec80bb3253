package io.cellwatch.ingest.format.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cellwatch.ingest.format.Collected;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import io.cellwatch.testing.RealData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenericCsvFormatTest {
    @TempDir
    Path dir;

    private GenericCsvFormat format(String yaml) throws IOException {
        return new GenericCsvFormat(ColumnMapping.read(Files.writeString(dir.resolve("mapping.yaml"), yaml)));
    }

    @Test
    void aSymmetricCellWithoutCurrentColumnReadsAtTheMappedConstantCurrent() throws IOException {
        Path export = RealData.require(
                "datalab-insitu/jr862_11_08_23_insitu-impedance-LiLi_1MLiTFSI_TEGDME-1mA_03_GCPL_C05.txt");
        GenericCsvFormat format = format("""
                delimiter: "\\t"
                columns:
                  testTime: time/s
                  voltage: Ewe/V
                constantCurrent: {value: 0.4, unit: mA}
                """);
        Collected c = Collected.read(format, export);

        assertThat(c.errors).isEmpty();
        long dataRows;
        try (var lines = Files.lines(export)) {
            dataRows = lines.count() - 1; // every line but the header, the last one has no newline
        }
        assertThat(c.samples.size()).isEqualTo(dataRows).isGreaterThan(76_000);
        Sample first = c.samples.get(0);
        assertThat(first.testTimeS()).isCloseTo(907.6301776229229, within(1e-9));
        assertThat(first.voltageV()).isCloseTo(0.024352197, within(1e-12));
        assertThat(first.currentA()).isCloseTo(4e-4, within(1e-15));
        assertThat(first.hasCapacityCounters()).isFalse(); // the summarizer integrates the current
        assertThat(c.samples).allSatisfy(s -> assertThat(s.cycleIndex()).isEqualTo(1));
    }

    @Test
    void eachLoopOfEcLabsLoopFileIsACycle() throws IOException {
        // Two loops of one-direction plating: a 7 s gap between them is shorter than the logging
        // interval, and only the loop file says where the second begins (row 3, 0-based).
        Path export = Files.writeString(dir.resolve("lili_GCPL_C05.txt"), """
                time/s\tEwe/V\t
                0\t0.020\t
                10\t0.080\t
                3600\t0.085\t
                3607\t0.021\t
                3617\t0.090\t
                7207\t0.094\t
                """);
        Files.writeString(dir.resolve("lili_GCPL_C05_LOOP.txt"), "VMP EXPERIMENT LOOP INDEXES\r\n0\r\n3\r\n");
        GenericCsvFormat format = format("""
                columns:
                  testTime: time/s
                  voltage: Ewe/V
                constantCurrent: {value: 0.4, unit: mA}
                loopFile: "{stem}_LOOP.txt"
                """);
        Collected c = Collected.read(format, export);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples).extracting(Sample::cycleIndex).containsExactly(1, 1, 1, 2, 2, 2);
    }

    @Test
    void aMissingLoopFileNamesTheDataFileAndTheLoopFile() throws IOException {
        Path export = Files.writeString(dir.resolve("plating.txt"), "time/s\tEwe/V\n0\t0.02\n");
        GenericCsvFormat format = format("""
                columns:
                  testTime: time/s
                  voltage: Ewe/V
                constantCurrent: 0.0004
                loopFile: "{stem}_LOOP.txt"
                """);

        assertThatThrownBy(() -> Collected.read(format, export))
                .hasMessageStartingWith(export + ":1: mapping: loopFile: ")
                .hasMessageContaining(dir.resolve("plating_LOOP.txt") + ": no such loop file");
    }

    @Test
    void aLoopFileAndACycleColumnAreRefusedTogether() throws IOException {
        Path mapping = Files.writeString(dir.resolve("both.yaml"), """
                columns:
                  testTime: t
                  voltage: v
                  cycle: c
                constantCurrent: 0.001
                loopFile: "{stem}_LOOP.txt"
                """);

        assertThatThrownBy(() -> ColumnMapping.read(mapping))
                .hasMessage(mapping + ": give either a 'cycle' column or a 'loopFile', not both");
    }

    @Test
    void aHeaderLineTheMappingPutsPastTwoHundredLinesIsRead() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int line = 1; line < 250; line++) {
            text.append("# instrument setting ").append(line).append('\n');
        }
        text.append("Record,Seconds,Volts,Amps\n1,0,3.60,0.5\n2,10,3.61,0.5\n");
        Path file = Files.writeString(dir.resolve("long-preamble.csv"), text);
        GenericCsvFormat format = format("""
                headerLine: 250
                columns:
                  dataPoint: Record
                  testTime: Seconds
                  voltage: Volts
                  current: Amps
                """);
        Collected c = Collected.read(format, file);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples).extracting(Sample::voltageV).containsExactly(3.60, 3.61);
    }

    @Test
    void mappedColumnsUnitsDurationsSignAndDerivedCycles() throws IOException {
        Path file = Files.writeString(dir.resolve("landt-export.csv"), """
                # exported by a LANDT tester
                Record;TestTime;Voltage/mV;Current/uA;Cap/uAh;Status;Stamp
                1;00:00:00;3600;-500;0;CCC;01.02.2024 10:00:00
                2;01:00:00;4100;-500;500;CCC;01.02.2024 11:00:00
                3;01:00:30;4100;0;0;R;01.02.2024 11:00:30
                4;02:00:00;3400;500;480;CCD;01.02.2024 12:00:00
                5;02:00:30;3500;-500;2;CCC;01.02.2024 12:00:30
                """);
        GenericCsvFormat format = format("""
                headerLine: 2
                columns:
                  dataPoint: Record
                  testTime: {name: TestTime, format: duration}
                  wallTime: {name: Stamp, format: "dd.MM.yyyy HH:mm:ss"}
                  voltage: {name: Voltage/mV, unit: mV}
                  current: {name: Current/uA, unit: uA}
                  capacity: {name: Cap/uAh, unit: uAh}
                  stepType: Status
                stepTypes: {CCC: charge, CCD: discharge, R: rest}
                currentSign: discharge-positive
                """);
        Collected c = Collected.read(format, file);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples)
                .extracting(Sample::stepType)
                .containsExactly(StepType.CHARGE, StepType.CHARGE, StepType.REST, StepType.DISCHARGE, StepType.CHARGE);
        assertThat(c.samples.get(1).currentA()).isCloseTo(5e-4, within(1e-15));
        assertThat(c.samples.get(1).voltageV()).isEqualTo(4.1);
        assertThat(c.samples.get(1).testTimeS()).isEqualTo(3600);
        assertThat(c.samples.get(1).chargeCapacityAh()).isCloseTo(5e-4, within(1e-15));
        assertThat(c.samples.get(3).dischargeCapacityAh()).isCloseTo(4.8e-4, within(1e-15));
        assertThat(c.samples).extracting(Sample::cycleIndex).containsExactly(1, 1, 1, 1, 2);
        assertThat(c.samples.get(0).wallTimeMs())
                .isEqualTo(java.time.Instant.parse("2024-02-01T10:00:00Z").toEpochMilli());
    }

    @Test
    void aMappingMistakeIsNamedWithTheMappingFile() throws IOException {
        assertThatThrownBy(() -> format("columns:\n  voltage: V\n  tempurature: T\n"))
                .hasMessageContaining("mapping.yaml: columns: unknown quantity [tempurature]");
        assertThatThrownBy(() -> format("columns:\n  testTime: t\n  current: I\n"))
                .hasMessageContaining("'voltage' is required");
        assertThatThrownBy(() -> format("columns:\n  testTime: t\n  voltage: V\n"))
                .hasMessageContaining("give a 'current' column or a 'constantCurrent'");
        assertThatThrownBy(() -> format("columns:\n  testTime: t\n  voltage: V\n  current: I\ncurrentSign: up\n"))
                .hasMessageContaining("currentSign: 'up'");
        GenericCsvFormat missingColumn = format("columns:\n  testTime: t\n  voltage: Ewe\n  current: I\n");
        Path file = Files.writeString(dir.resolve("x.csv"), "t,V,I\n0,3.3,0.1\n");
        assertThatThrownBy(() -> Collected.read(missingColumn, file))
                .hasMessageContaining(file + ":1: mapping: voltage: no column 'Ewe' in the header");
    }

    @Test
    void genericIsNeverDetectedAndNeedsItsMapping() throws IOException {
        Path file = Files.writeString(dir.resolve("plain.csv"), "t,V,I\n0,3.3,0.1\n");
        assertThatThrownBy(() -> CyclerFormats.detect(file)).hasMessageContaining("unrecognised");
        assertThat(format("columns:\n  testTime: t\n  voltage: V\n  current: I\n")
                        .recognises(file, java.util.List.of("t,V,I")))
                .isFalse();
    }
}

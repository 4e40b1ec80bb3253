package io.cellwatch.ingest.format.neware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.neware.nda.NdaFormat;
import io.cellwatch.ingest.format.neware.ndax.NdaxFormat;
import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Files written from scratch ({@link SyntheticNeware}) read back as the values they were written with. */
class NewareSyntheticTest {
    private static final int RECORDS = 9;

    @TempDir
    Path dir;

    @Test
    void ndaVersion29RecordsWithTheirAuxiliaryRecords() throws IOException {
        NewareRead read = readBack("ch01.nda", SyntheticNeware.nda29(RECORDS), NdaFormat.NAME);
        for (int k = 1; k <= RECORDS; k++) {
            Sample s = read.samples.get(k - 1);
            expectRecord(s, k);
            assertThat(s.auxiliary()).containsEntry("T1", 25.0).containsEntry("V1", 1.2345);
            assertThat(s.temperatureC()).isEqualTo(25.0);
        }
    }

    @Test
    void bts91RecordsWithTheirTemperature() throws IOException {
        NewareRead read = readBack("ch02.nda", SyntheticNeware.bts91(RECORDS), NdaFormat.NAME);
        for (int k = 1; k <= RECORDS; k++) {
            Sample s = read.samples.get(k - 1);
            expectRecord(s, k);
            assertThat(read.stepTime(k - 1)).isEqualTo(SyntheticNeware.stepTime(k, RECORDS), within(1e-9));
            assertThat(s.auxiliary()).containsEntry("T1", 25.0);
        }
    }

    @ParameterizedTest
    @CsvSource({"11, 1", "14, 1", "14, 3", "16, 1", "16, 4", "17, 1", "17, 3"})
    void ndaxRecordsJoinedWithRunInfoStepsAndAuxiliaryTables(int version, int coverEvery) throws IOException {
        NewareRead read = readBack("ch03.ndax", SyntheticNeware.ndax(version, RECORDS, coverEvery), NdaxFormat.NAME);
        for (int k = 1; k <= RECORDS; k++) {
            // Uncovered records are filled from the last covered one: at constant current, exactly.
            expectRecord(read.samples.get(k - 1), k);
            assertThat(read.samples.get(k - 1).auxiliary()).containsEntry("T1", 25.0);
        }
    }

    @Test
    void ndaxOfNdcVersion5WholeRecords() throws IOException {
        NewareRead read = readBack("ch04.ndax", SyntheticNeware.ndax5(RECORDS), NdaxFormat.NAME);
        for (int k = 1; k <= RECORDS; k++) {
            expectRecord(read.samples.get(k - 1), k);
        }
    }

    private static void expectRecord(Sample s, int k) {
        int step = SyntheticNeware.step(k, RECORDS);
        assertThat(s.dataPoint()).isEqualTo(k);
        assertThat(s.cycleIndex()).isEqualTo(1);
        assertThat(s.stepIndex()).isEqualTo(step);
        assertThat(s.stepType()).isEqualTo(step == 1 ? StepType.CHARGE : StepType.DISCHARGE);
        assertThat(s.wallTimeMs()).isEqualTo((SyntheticNeware.START_EPOCH_S + k - 1) * 1000);
        assertThat(s.testTimeS()).isEqualTo(SyntheticNeware.totalTime(k, RECORDS), within(1e-6));
        assertThat(s.voltageV()).isEqualTo(SyntheticNeware.voltage(k), within(1e-6));
        assertThat(s.currentA()).isEqualTo(SyntheticNeware.currentMa(k, RECORDS) / 1000, within(1e-9));
        double counterAh = SyntheticNeware.counterMah(k, RECORDS) / 1000;
        assertThat(s.chargeCapacityAh()).isEqualTo(step == 1 ? counterAh : 0, within(1e-9));
        assertThat(s.dischargeCapacityAh()).isEqualTo(step == 2 ? counterAh : 0, within(1e-9));
    }

    /** Writes the file, checks it is recognised as {@code format}, and reads it: every record, none unreadable. */
    private NewareRead readBack(String name, byte[] bytes, String format) throws IOException {
        Path file = Files.write(dir.resolve(name), bytes);
        assertThat(CyclerFormats.detect(file).name()).isEqualTo(format);
        NewareRead read = NewareRead.of(file);
        assertThat(read.errors).isEmpty();
        assertThat(read.samples).hasSize(RECORDS);
        return read;
    }
}

package io.cellwatch.ingest.format.biologic.mpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cellwatch.ingest.format.Collected;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reader on small files written from the format description: every data-module version, flags, modules. */
class MprSyntheticTest {
    @TempDir
    Path dir;

    private Collected read(String name, byte[] bytes, ZoneId zone) throws IOException {
        Path file = Files.write(dir.resolve(name), bytes);
        assertThat(CyclerFormats.detect(file).name()).isEqualTo(EcLabMprFormat.NAME);
        Collected c = new Collected();
        CyclerFormats.detect(file).read(new SourceFile(file, SourceFile.of(file).channel(), false, zone), c);
        return c;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 3, 10, 11})
    void everyDataModuleVersionGivesTheSameSamples(int version) throws IOException {
        MprBuilder builder = MprBuilder.threeRecordGcpl().version(version);
        if (version == 0) {
            builder.columns(1, 2, 3, 21, 31, 65, 131, 4, 7, 13, 5, 6, 39, 211, 212); // one-byte IDs
        }
        Collected c = read("ch01.mpr", builder.build(), ZoneId.of("Europe/Berlin"));

        assertThat(c.errors).isEmpty();
        assertThat(c.samples).hasSize(3);
        Sample rest = c.samples.get(0);
        Sample charge = c.samples.get(1);
        Sample discharge = c.samples.get(2);
        assertThat(rest.stepType()).isEqualTo(StepType.REST);
        assertThat(rest.currentA()).isZero();
        assertThat(charge.channelId()).isEqualTo("ch01");
        assertThat(charge.dataPoint()).isEqualTo(2);
        assertThat(charge.stepType()).isEqualTo(StepType.CHARGE);
        assertThat(charge.voltageV()).isEqualTo((double) 3.60f);
        assertThat(charge.currentA()).isCloseTo(0.05 * 3600 / 10 / 1000, within(1e-15));
        assertThat(charge.chargeCapacityAh()).isCloseTo(0.05e-3, within(1e-18));
        assertThat(charge.dischargeCapacityAh()).isZero();
        assertThat(charge.stepIndex()).isEqualTo(1);
        assertThat(discharge.stepType()).isEqualTo(StepType.DISCHARGE);
        assertThat(discharge.currentA()).isNegative();
        assertThat(discharge.chargeCapacityAh()).isZero();
        assertThat(discharge.dischargeCapacityAh()).isCloseTo(0.02e-3, within(1e-18));
        assertThat(discharge.cycleIndex()).isZero(); // half cycle 1 is still cycle 0
        long start = LocalDateTime.of(2023, 3, 15, 6, 0)
                .atZone(ZoneId.of("Europe/Berlin"))
                .toInstant()
                .toEpochMilli();
        assertThat(discharge.wallTimeMs()).isEqualTo(start + 20_000);
    }

    @Test
    void flagsArePackedIntoOneByteWhereTheFirstFlagIdStands() throws IOException {
        // Flags after other columns, not contiguous: still one byte, at the first flag's place.
        int[] ids = {4, 1, 6, 2, 3, 8, 65};
        byte[] bytes = new MprBuilder()
                .columns(ids)
                .record(1.5, 2, 3.7, 1, 1, 4.0, 1)
                .record(2.5, 3, 3.6, 0, 0, -4.0, 0)
                .build();
        Path file = Files.write(dir.resolve("flags.mpr"), bytes);
        MprColumns decoded = MprColumns.read(file);
        assertThat(decoded.structure().layout().recordBytes()).isEqualTo(8 + 1 + 4 + 4);
        assertThat(decoded.rows().get(0)).containsExactly(1.5, 2, (double) 3.7f, 1, 1, 4.0, 1);
        assertThat(decoded.rows().get(1)).containsExactly(2.5, 3, (double) 3.6f, 0, 0, -4.0, 0);
        Collected c = read("flags2.mpr", bytes, ZoneId.of("UTC"));
        assertThat(c.samples.get(0).stepType()).isEqualTo(StepType.CHARGE); // mode 2 (CV): the current's sign
        assertThat(c.samples.get(1).stepType()).isEqualTo(StepType.REST); // mode 3
        assertThat(c.samples.get(0).currentA()).isEqualTo(0.004);
    }

    @Test
    void externalDeviceAndLoopModulesAreReadAroundTheData() throws IOException {
        byte[] bytes = MprBuilder.threeRecordGcpl().externalDevice().loops(0, 2).build();
        Collected c = read("ext.mpr", bytes, ZoneId.of("UTC"));
        assertThat(c.errors).isEmpty();
        assertThat(c.samples).hasSize(3);
        assertThat(c.samples.get(2).wallTimeMs()).isNotNull();
    }

    @Test
    void withoutALogModuleThereIsNoWallTime() throws IOException {
        Collected c = read("nolog.mpr", MprBuilder.threeRecordGcpl().log(null).build(), ZoneId.of("UTC"));
        assertThat(c.samples)
                .hasSize(3)
                .allSatisfy(s -> assertThat(s.wallTimeMs()).isNull());
    }

    @Test
    void impedanceRecordsAreOther() throws IOException {
        byte[] bytes = new MprBuilder()
                .technique(29)
                .columns(32, 37, 38, 4, 77, 76, 24)
                .record(1000, 1.5, 0.2, 5.0, 3.7, 0.001, 1)
                .build();
        Path file = Files.write(dir.resolve("peis.mpr"), bytes);
        Collected c = new Collected();
        EcLabMprFormat.readAnyTechnique(SourceFile.of(file), c); // replay refuses PEIS: MprTechniquesTest
        Sample s = c.samples.get(0);
        assertThat(s.stepType()).isEqualTo(StepType.OTHER);
        assertThat(s.cycleIndex()).isEqualTo(1);
        assertThat(s.currentA()).isCloseTo(1e-6, within(1e-12));
        assertThat(s.chargeCapacityAh()).isNull();
    }

    @Test
    void aThreeElectrodeRunsColumnsAreRead() throws IOException {
        // Ewe-Ece (27) and Rapp (26) between the working electrode's columns: without them no row is read.
        byte[] bytes = new MprBuilder()
                .columns(4, 6, 27, 26, 8)
                .record(1.5, 3.7, 3.65, 2.5, 4.0)
                .build();
        Path file = Files.write(dir.resolve("three-electrode.mpr"), bytes);
        MprColumns decoded = MprColumns.read(file);
        assertThat(decoded.structure().layout().recordBytes()).isEqualTo(8 + 4 + 4 + 4 + 4);
        assertThat(decoded.columns().get(2).label()).isEqualTo("Ewe-Ece/V");
        assertThat(decoded.rows().get(0)).containsExactly(1.5, (double) 3.7f, (double) 3.65f, 2.5, 4.0);
    }

    @Test
    void oneUnknownColumnIdTakesTheWidthTheClosedModuleLeavesIt() throws IOException {
        // ID 150 is in no table; the data module, closed by the LOG module after it, says a record is 20 bytes.
        byte[] bytes = new MprBuilder()
                .columns(4, 6, 150, 8)
                .record(1.5, 3.7, 0.25, 4.0)
                .record(2.5, 3.6, 0.5, -4.0)
                .build();
        Path file = Files.write(dir.resolve("unknown-id.mpr"), bytes);
        MprColumns decoded = MprColumns.read(file);
        assertThat(decoded.structure().layout().recordBytes()).isEqualTo(8 + 4 + 4 + 4);
        assertThat(decoded.columns().get(2).label()).startsWith("unknown column 150");
        assertThat(decoded.rows().get(1)[3])
                .as("the current after the unknown column")
                .isEqualTo(-4.0);
    }

    @Test
    void anUnknownColumnIdWaitsForTheDataModuleToClose() throws IOException {
        // Still being written (no module after the data): the record length is not known yet.
        byte[] bytes = new MprBuilder()
                .columns(4, 6, 150, 8)
                .record(1.5, 3.7, 0.25, 4.0)
                .log(null)
                .build();
        Path file = Files.write(dir.resolve("unknown-id-open.mpr"), bytes);
        assertThatThrownBy(() -> MprColumns.read(file))
                .hasMessageContaining("found 150")
                .hasMessageContaining("once the data module is closed");
    }

    @Test
    void theBcdTechniqueCallsIdSixEcell() throws IOException {
        byte[] bytes = new MprBuilder()
                .technique(ColumnIds.TECHNIQUE_BCD)
                .columns(4, 6, 8)
                .record(1, 3.3, 2)
                .build();
        Path file = Files.write(dir.resolve("bcd.mpr"), bytes);
        assertThat(MprColumns.read(file).columns().get(1).label()).isEqualTo("Ecell/V");
    }
}

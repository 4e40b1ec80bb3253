package io.cellwatch.ingest.format.biologic.mpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cellwatch.ingest.format.Collected;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryRowSource;
import io.cellwatch.ingest.format.binary.NotCyclingDataException;
import io.cellwatch.ingest.format.biologic.EcLabTechniques;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The technique byte decides whether an {@code .mpr} is read: impedance, voltammetry and Wait are
 * refused before any row, with the reason EC-Lab's text export of the same technique gets; every
 * battery technique and any id not known is read.
 */
class MprTechniquesTest {
    @TempDir
    Path dir;

    private Path write(int technique) throws IOException {
        return Files.write(dir.resolve("t" + technique + ".mpr"), SyntheticMpr.threeRecords(technique));
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 28, 29, 30, 50, 51, 108})
    void aTechniqueThatRecordsNoCyclingIsRefusedWithTheTextReadersReason(int technique) throws IOException {
        Path file = write(technique);
        String name = MprTechniques.name(technique).orElseThrow();
        String reason = EcLabTechniques.notCycling(name).orElseThrow();
        Collected c = new Collected();

        assertThatThrownBy(() -> CyclerFormats.detect(file).read(SourceFile.of(file), c))
                .isInstanceOf(NotCyclingDataException.class)
                .hasMessageStartingWith(
                        file + ": technique " + technique + " (first byte of the VMP Set module) at offset ")
                .hasMessageEndingWith(": " + EcLabTechniques.refusal(name, reason))
                .satisfies(e ->
                        assertThat(((NotCyclingDataException) e).technique()).isEqualTo(name));
        assertThat(c.samples).isEmpty();
        assertThat(c.errors).isEmpty();
    }

    @Test
    void theOffsetNamedIsTheTechniqueByte() throws IOException {
        Path file = write(SyntheticMpr.PEIS);
        String message = "";
        try {
            new EcLabMprFormat().read(SourceFile.of(file), new Collected());
        } catch (NotCyclingDataException e) {
            message = e.getMessage();
        }
        long offset = Long.parseLong(message.replaceFirst("^.* at offset (\\d+): .*$", "$1"));
        assertThat(Files.readAllBytes(file)[(int) offset]).isEqualTo((byte) SyntheticMpr.PEIS);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 11, 24, 25, 117, 118, 119, 127, 136, 200})
    void batteryTechniquesAndUnknownIdsAreRead(int technique) throws IOException {
        Path file = write(technique);
        Collected c = new Collected();
        new EcLabMprFormat().read(SourceFile.of(file), c);
        assertThat(c.samples).hasSize(3);
        assertThat(c.errors).isEmpty();
    }

    @Test
    void aGrowingFileIsRefusedAsSoonAsItsTopIsThereBeforeAnyRow() throws IOException {
        MprBuilder peis = MprBuilder.threeRecordGcpl().technique(SyntheticMpr.PEIS);
        byte[] top = peis.top();
        Path file = dir.resolve("growing.mpr");
        Files.write(file, java.util.Arrays.copyOf(top, 40)); // the file header, cut short
        try (BinaryRowSource rows = new EcLabMprFormat().openBinary(SourceFile.of(file))) {
            assertThat(rows.readNew(new Collected())).as("nothing to judge yet").isZero();
            Files.write(file, MprBuilder.concat(top, peis.recordBytes(0, 1)));
            Collected c = new Collected();
            assertThatThrownBy(() -> rows.readNew(c))
                    .isInstanceOf(NotCyclingDataException.class)
                    .hasMessageContaining("Potentio Electrochemical Impedance Spectroscopy");
            assertThat(c.samples).isEmpty();
        }
    }

    @Test
    void theDecodingCheckReadsAnyTechnique() throws IOException {
        Path file = write(SyntheticMpr.PEIS);
        Collected c = new Collected();
        EcLabMprFormat.readAnyTechnique(SourceFile.of(file), c);
        assertThat(c.samples).hasSize(3);
    }
}

package io.cellwatch.ingest.format.arbin.res;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.healthmarketscience.jackcess.Database;
import com.healthmarketscience.jackcess.DatabaseBuilder;
import io.cellwatch.ingest.format.Collected;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import io.cellwatch.testing.RealData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The real MITS Pro files under {@code binary/}: every {@code .res} present reads whole, and the ones
 * cellpy's tests describe give what those tests say (row counts, auxiliary channels). The golden-frame
 * comparison of the first file is in {@link ArbinResGoldenTest}.
 */
class ArbinResRealFilesTest {
    private final ArbinResFormat format = new ArbinResFormat();

    @TestFactory
    Stream<DynamicTest> everyResultFilePresentReadsWhole() throws IOException {
        Path root = RealData.root().resolve("binary");
        List<Path> files;
        try (Stream<Path> walk = Files.exists(root) ? Files.walk(root) : Stream.empty()) {
            files = walk.filter(p -> p.toString().endsWith(".res")).sorted().toList();
        }
        assumeFalse(files.isEmpty(), () -> "no .res files under " + root + " (shared real data absent)");
        return files.stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    assertThat(CyclerFormats.detect(file)).isInstanceOf(ArbinResFormat.class);
                    Collected read = Collected.read(format, file);
                    assertThat(read.errors).isEmpty();
                    assertThat(read.samples).hasSize(rowCount(file, NormalColumns.TABLE));
                    for (int i = 1; i < read.samples.size(); i++) {
                        assertThat(read.samples.get(i).dataPoint())
                                .isGreaterThan(read.samples.get(i - 1).dataPoint());
                    }
                    assertThat(read.samples)
                            .allSatisfy(s -> assertThat(s.stepType()).isEqualTo(StepType.fromCurrent(s.currentA(), 0)));
                }));
    }

    /** cellpy {@code test_load_arbin_res_aux_single}: 7,235 rows with one temperature input. */
    @Test
    void oneThermocoupleBecomesT1AndTheCellTemperature() throws Exception {
        Path file = RealData.require("binary/cellpy/aux_one_x_dx.res");
        Collected read = Collected.read(format, file);
        assertThat(read.samples).hasSize(7235);
        assertThat(read.samples).allSatisfy(s -> {
            assertThat(s.auxiliary()).containsOnlyKeys("T1");
            assertThat(s.temperatureC()).isEqualTo(s.auxiliary().get("T1"));
        });
        // Auxiliary_Table, data point 1, input 0, type 1: X = 24.406582 (a float in the file).
        assertThat(read.samples.get(0).temperatureC()).isEqualTo((double) 24.406582f);
        assertThat(read.samples)
                .extracting(Sample::temperatureC)
                .allSatisfy(t -> assertThat(t).isBetween(15.0, 40.0));
    }

    /** cellpy {@code test_load_arbin_res_aux_multiple}: 3,552 rows with aux potentials 0 to 11 (and 8 thermocouples). */
    @Test
    void twelveAuxVoltagesAndEightThermocouplesKeepTheirNumbers() throws Exception {
        Path file = RealData.require("binary/cellpy/aux_multi_x.res");
        Collected read = Collected.read(format, file);
        assertThat(read.samples).hasSize(3552);
        String[] names = Stream.concat(
                        Stream.iterate(1, i -> i + 1).limit(12).map(i -> "V" + i),
                        Stream.iterate(1, i -> i + 1).limit(8).map(i -> "T" + i))
                .toArray(String[]::new);
        assertThat(read.samples).allSatisfy(s -> assertThat(s.auxiliary()).containsOnlyKeys(names));
        Sample first = read.samples.get(0);
        assertThat(first.auxiliary().get("V1")).isEqualTo((double) 2.9547594f);
        assertThat(first.auxiliary().get("V12")).isEqualTo((double) 2.8250418f);
        assertThat(first.auxiliary().get("T1")).isEqualTo((double) 26.968594f);
        assertThat(first.temperatureC()).isEqualTo((double) 26.968594f);
        assertThat(read.samples)
                .allSatisfy(s -> assertThat(s.auxiliary().get("V7")).isCloseTo(2.9, within(0.5)));
    }

    static int rowCount(Path file, String table) throws IOException {
        try (Database db = new DatabaseBuilder(file.toFile()).setReadOnly(true).open()) {
            return db.getTable(table).getRowCount();
        }
    }
}

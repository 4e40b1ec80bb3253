package io.cellwatch.ingest.format.biologic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cellwatch.testing.RealData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EcLabLoopIndexesTest {
    @TempDir
    Path dir;

    @Test
    void eachRowIsInTheLoopWhoseIndexIsTheLastAtOrBeforeIt() throws IOException {
        EcLabLoopIndexes loops = EcLabLoopIndexes.read(
                Files.writeString(dir.resolve("a_LOOP.txt"), "VMP EXPERIMENT LOOP INDEXES\r\n0\r\n709\r\n1104\r\n"));

        assertThat(loops.loops()).isEqualTo(3);
        assertThat(loops.loopOf(0)).isZero();
        assertThat(loops.loopOf(708)).isZero();
        assertThat(loops.loopOf(709)).isEqualTo(1);
        assertThat(loops.loopOf(1103)).isEqualTo(1);
        assertThat(loops.loopOf(1104)).isEqualTo(2);
        assertThat(loops.loopOf(50_000)).isEqualTo(2); // after the last index: the last loop
    }

    @Test
    void theRealLiLiExportsLoopFileHas45Loops() throws IOException {
        Path file = RealData.require(
                "datalab-insitu/jr862_11_08_23_insitu-impedance-LiLi_1MLiTFSI_TEGDME-1mA_03_GCPL_C05_LOOP.txt");
        EcLabLoopIndexes loops = EcLabLoopIndexes.read(file);

        assertThat(loops.loops()).isEqualTo(45);
        // the data README's segment table: segment 43 begins at row 75,964
        assertThat(loops.loopOf(75_963)).isEqualTo(42);
        assertThat(loops.loopOf(75_964)).isEqualTo(43);
    }

    @Test
    void errorsNameTheFileAndLine() throws IOException {
        Path noTitle = Files.writeString(dir.resolve("b_LOOP.txt"), "0\n10\n");
        Path notARow = Files.writeString(dir.resolve("c_LOOP.txt"), "VMP EXPERIMENT LOOP INDEXES\n0\nten\n");
        Path backwards = Files.writeString(dir.resolve("d_LOOP.txt"), "VMP EXPERIMENT LOOP INDEXES\n0\n20\n10\n");
        Path empty = Files.writeString(dir.resolve("e_LOOP.txt"), "VMP EXPERIMENT LOOP INDEXES\n");

        assertThatThrownBy(() -> EcLabLoopIndexes.read(noTitle))
                .hasMessage(noTitle + ":1: expected 'VMP EXPERIMENT LOOP INDEXES'");
        assertThatThrownBy(() -> EcLabLoopIndexes.read(notARow)).hasMessage(notARow + ":3: 'ten' is not a row index");
        assertThatThrownBy(() -> EcLabLoopIndexes.read(backwards))
                .hasMessage(backwards + ":4: row index 10 does not follow 20 (indexes are ascending, from 0)");
        assertThatThrownBy(() -> EcLabLoopIndexes.read(empty))
                .hasMessage(empty + ": no loop indexes after its title line");
        assertThatThrownBy(() -> EcLabLoopIndexes.read(dir.resolve("none_LOOP.txt")))
                .hasMessageEndingWith("none_LOOP.txt: no such loop file");
    }
}

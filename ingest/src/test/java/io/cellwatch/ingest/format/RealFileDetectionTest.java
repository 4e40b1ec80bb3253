package io.cellwatch.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cellwatch.ingest.format.text.FileFormatException;
import io.cellwatch.testing.RealData;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every shared real export is detected as the format it is, and reads without a malformed row. */
class RealFileDetectionTest {

    @ParameterizedTest
    @CsvSource({
        "beep/PredictionDiagnostics_000109_tztest.010, maccor, 2165",
        "beep/xTESLADIAG_000038.078, maccor, 10714",
        "cellpy/maccor_three.txt, maccor, 4009",
        "beep/test_loopsnewoutput_MB_CE1_short10k.csv, biologic, 9999",
        "cellpy/neware_uio.csv, neware, 9065",
        "cellpy/nw_regular_export_ife_example.csv, neware-btsda, 9295",
        "battery-data-toolkit/p492-13-raw.csv, battery-archive, 2021",
        "battery-data-toolkit/arbin_example.csv, arbin, 2142",
        "cellpy/20160805_test001_45_cc.raw-from-cellpy-h5.csv, arbin, 0",
        "battery-data-toolkit/p492-13-summary.csv, cycle-summary, 0",
        "beep/PreDiag_000233_00021F.beep-summary.csv, cycle-summary, 0"
    })
    void detectsAndReadsEveryRow(String relative, String format, long rows) throws IOException {
        Path file = RealData.require(relative);
        CyclerFormat detected = CyclerFormats.detect(file);
        assertThat(detected.name()).isEqualTo(format);
        Collected c = Collected.read(detected, file);
        assertThat(c.errors).as("malformed rows").isEmpty();
        if (rows > 0) {
            assertThat(c.samples).hasSize((int) rows);
        } else {
            assertThat(c.samples.size() + c.cycles.size()).isPositive();
        }
        assertThat(c.samples).allSatisfy(s -> assertThat(s.channelId()).isEqualTo(SourceFile.stem(file)));
    }

    @ParameterizedTest
    @CsvSource({
        "binary/cellpy/aux_one_x_dx.res, arbin-res",
        "binary/yadg/cp.mpr, biologic-mpr",
        "binary/NewareNDA/TestFile.nda, neware-nda"
    })
    void aTextFormatForcedOnABinaryCyclerFileIsRefusedSayingWhatToDo(String relative, String binary)
            throws IOException {
        Path file = RealData.require(relative);
        CyclerFormat forced = CyclerFormats.byName("arbin");
        assertThatThrownBy(() -> CyclerFormats.forced(forced, file))
                .isInstanceOf(FileFormatException.class)
                .hasMessageContaining(file + ":")
                .hasMessageContaining("--format arbin reads text files")
                .hasMessageContaining(
                        "it is read as " + CyclerFormats.detect(file).name());
        assertThat(CyclerFormats.detect(file).name()).isEqualTo(binary);
    }
}

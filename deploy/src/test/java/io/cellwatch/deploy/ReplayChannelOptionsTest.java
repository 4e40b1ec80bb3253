package io.cellwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.cellwatch.testing.RealData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay} with channel metadata (flags, channels file), forced formats and column mappings. */
class ReplayChannelOptionsTest {
    private static final String HEADER = "Data_Point,Test_Time(s),Cycle_Index,Step_Index,Current(A),Voltage(V),"
            + "Charge_Capacity(Ah),Discharge_Capacity(Ah)\n";

    /** The real Li‖Li GCPL export: time and voltage only, at a constant 0.4 mA. */
    private static final String LILI =
            "datalab-insitu/jr862_11_08_23_insitu-impedance-LiLi_1MLiTFSI_TEGDME-1mA_03_GCPL_C05.txt";

    @TempDir
    Path dir;

    /** The README's mapping for {@link #LILI}, with {@code more} lines appended. */
    private Path liliMapping(String more) throws IOException {
        return Files.writeString(dir.resolve("lili.yaml"), """
                delimiter: "\\t"
                columns:
                  testTime: time/s
                  voltage: Ewe/V
                constantCurrent: {value: 0.4, unit: mA}
                """ + more);
    }

    private record Run(int exit, List<JsonNode> cycles, List<JsonNode> alerts, String stderr) {}

    private static Run replay(String... args) throws IOException {
        ReplayRun run = ReplayRun.of(args);
        return new Run(run.exit(), run.cycles(), run.alerts(), run.stderr());
    }

    /** An Arbin export of cycles {@code first..last}: 1.0 Ah charge, 0.8 Ah discharge each, record numbers from 1. */
    private Path arbin(String name, int first, int last) throws IOException {
        StringBuilder b = new StringBuilder(HEADER);
        int record = 0;
        for (int cycle = first; cycle <= last; cycle++) {
            for (int i = 1; i <= 10; i++) {
                record++;
                b.append(String.format(
                        Locale.ROOT,
                        "%d,%d,%d,1,1.0,%.2f,%.2f,0.0%n",
                        record,
                        record * 360,
                        cycle,
                        3.5 + i * 0.05,
                        i * 0.1));
            }
            for (int i = 1; i <= 10; i++) {
                record++;
                b.append(String.format(
                        Locale.ROOT,
                        "%d,%d,%d,2,-1.0,%.2f,1.0,%.2f%n",
                        record,
                        record * 360,
                        cycle,
                        4.0 - i * 0.05,
                        i * 0.08));
            }
        }
        return Files.writeString(dir.resolve(name), b.toString());
    }

    @Test
    void aChannelsFileMapsFilesToOneChannelWhoseCyclesContinueAcrossThem() throws IOException {
        Path january = arbin("ch07-2024-01.csv", 1, 3);
        Path february = arbin("ch07-2024-02.csv", 4, 6);
        Path channels = Files.writeString(
                dir.resolve("channels.csv"),
                "file,channel,cell_type,ce_convention\nch07-*.csv,rack2-ch07,half,anode\n");

        Run run = replay(january.toString(), february.toString(), "--channels-file", channels.toString());

        assertThat(run.exit()).isZero();
        // February's record numbers restart at 1; they are continued, not ignored as redeliveries.
        assertThat(run.cycles()).extracting(c -> c.get("cycle").asInt()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(run.cycles()).allSatisfy(c -> {
            assertThat(c.get("channel").asText()).isEqualTo("rack2-ch07");
            assertThat(c.get("coulombicEfficiency").asDouble()).isCloseTo(1.0 / 0.8, within(1e-9)); // anode: Qc/Qd
        });
    }

    @Test
    void flagsSetTheConventionForEveryFileAndTheChannelIdIsTheFileStem() throws IOException {
        Path file = arbin("cell-42.csv", 1, 2);
        Run cathode = replay(file.toString());
        Run anode = replay(
                file.toString(),
                "--ce-convention",
                "charge-over-discharge",
                "--cell-type",
                "half",
                "--area-cm2",
                "1.13",
                "--mass-g",
                "0.0021",
                "--nominal-ah",
                "0.005");

        assertThat(cathode.cycles().get(0).get("channel").asText()).isEqualTo("cell-42");
        assertThat(cathode.cycles().get(0).get("coulombicEfficiency").asDouble())
                .isCloseTo(0.8, within(1e-9));
        assertThat(anode.cycles().get(0).get("coulombicEfficiency").asDouble()).isCloseTo(1.25, within(1e-9));
    }

    @Test
    void badMetadataIsRefusedBeforeAnythingIsRead() throws IOException {
        Path file = arbin("cell-43.csv", 1, 1);
        Run badType = replay(file.toString(), "--cell-type", "pouch");
        assertThat(badType.exit()).isEqualTo(2);
        assertThat(badType.stderr()).contains("'pouch' is not a cell type (full, half, symmetric)");
        Run badArea = replay(file.toString(), "--area-cm2", "-1");
        assertThat(badArea.exit()).isEqualTo(2);
        assertThat(badArea.stderr()).contains("--area-cm2 must be a positive number");
        assertThat(badArea.cycles()).isEmpty();
    }

    @Test
    void aForcedFormatThatDoesNotFitIsAnErrorNamingTheFile() throws IOException {
        Path file = arbin("cell-44.csv", 1, 1);
        Run run = replay(file.toString(), "--format", "maccor");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr())
                .contains("error: " + file + ":21: no Maccor header row")
                .contains("the file ended after 21 line(s)");
        Run unknown = replay(file.toString(), "--format", "gamry");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("unknown format 'gamry'");
    }

    @Test
    void aMappingReadsTheSymmetricCellRecordedWithoutCurrent() throws IOException {
        Path export = RealData.require(LILI);
        Path mapping = liliMapping("");
        Run run = replay(export.toString(), "--mapping", mapping.toString(), "--cell-type", "symmetric");

        assertThat(run.exit()).isZero();
        assertThat(run.cycles()).singleElement().satisfies(c -> {
            assertThat(c.get("capacitySource").asText()).isEqualTo("integrated_current");
            double hours =
                    (c.get("endTestTimeS").asDouble() - c.get("startTestTimeS").asDouble()) / 3600;
            // 0.4 mA one way for the whole record, pauses over an hour between rows excepted.
            assertThat(c.get("chargeAh").asDouble())
                    .isBetween(0.0, 0.4e-3 * hours + 1e-9)
                    .isGreaterThan(0.0);
        });
        Run wrong = replay(export.toString(), "--mapping", mapping.toString(), "--format", "arbin");
        assertThat(wrong.exit()).isEqualTo(2);
        assertThat(wrong.stderr()).contains("--mapping goes with --format generic");
    }

    /** The README's mapping with EC-Lab's loop file: one cycle per loop, and the overpotential's rise judged. */
    @Test
    void theReadmesMappingWithTheLoopFileReadsEachLoopAsACycle() throws IOException {
        Path export = RealData.require(LILI);
        Path mapping = liliMapping("loopFile: \"{stem}_LOOP.txt\"\n");
        Run run = replay(export.toString(), "--mapping", mapping.toString(), "--cell-type", "symmetric");

        assertThat(run.exit()).isZero();
        assertThat(run.cycles()).hasSize(45);
        // each loop is an hour of plating at 0.4 mA: 0.4 mAh, less the first rows' interval
        assertThat(run.cycles().get(1).get("chargeAh").asDouble()).isBetween(0.39e-3, 0.401e-3);
        assertThat(run.alerts()).anySatisfy(a -> {
            assertThat(a.get("kind").asText()).isEqualTo("overpotential_drift");
            assertThat(a.get("cycle").asInt()).isBetween(10, 20);
        });
    }
}

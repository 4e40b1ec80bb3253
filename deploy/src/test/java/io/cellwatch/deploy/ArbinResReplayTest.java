package io.cellwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.cellwatch.testing.RealData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * {@code cellwatch replay} on an Arbin MITS Pro {@code .res} database gives cellpy's own per-cycle
 * summary of the same file ({@code pipeline_smoke/summary.parquet}): the format is detected from the
 * Jet signature, and cellwatch's summarizer over the reader's samples reaches the same capacities,
 * coulombic efficiency (a silicon half cell: cellpy's anode mode, charge over discharge) and cycle
 * end times. Skips when the shared data is absent.
 */
class ArbinResReplayTest {
    private static final double AH = 1e-9;

    @Test
    void replayOfTheResultDatabaseGivesCellpysCycleSummary() throws IOException {
        Path res = RealData.require("binary/cellpy/20160805_test001_45_cc_01.res");
        List<Map<String, String>> cellpy =
                gzippedCsv(RealData.require("binary/cellpy/goldens/pipeline_smoke/summary.parquet.csv.gz"));

        ReplayRun run = ReplayRun.of("--cell-type", "half", "--ce-convention", "anode", res.toString());

        assertThat(run.exit()).as(run.stderr()).isZero();
        List<JsonNode> cycles = run.cycles();
        assertThat(cycles).hasSize(cellpy.size()).hasSize(18);
        for (int i = 0; i < cycles.size(); i++) {
            JsonNode ours = cycles.get(i);
            Map<String, String> theirs = cellpy.get(i);
            String cycle = "cycle " + theirs.get("cycle_num");
            assertThat(ours.get("cycle").asInt()).as(cycle).isEqualTo(Integer.parseInt(theirs.get("cycle_num")));
            assertThat(ours.get("chargeAh").asDouble())
                    .as(cycle + " charge")
                    .isCloseTo(Double.parseDouble(theirs.get("charge_capacity")), within(AH));
            assertThat(ours.get("dischargeAh").asDouble())
                    .as(cycle + " discharge")
                    .isCloseTo(Double.parseDouble(theirs.get("discharge_capacity")), within(AH));
            assertThat(ours.get("endTestTimeS").asDouble())
                    .as(cycle + " end")
                    .isCloseTo(Double.parseDouble(theirs.get("last_test_time")), within(1e-6));
            assertThat(ours.get("coulombicEfficiency").asDouble() * 100)
                    .as(cycle + " CE %")
                    .isCloseTo(Double.parseDouble(theirs.get("coulombic_efficiency")), within(1e-7));
        }
    }

    private static List<Map<String, String>> gzippedCsv(Path file) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file));
                MappingIterator<Map<String, String>> it = new CsvMapper()
                        .readerFor(Map.class)
                        .with(CsvSchema.emptySchema().withHeader())
                        .readValues(in)) {
            while (it.hasNext()) {
                rows.add(it.next());
            }
        }
        return rows;
    }
}

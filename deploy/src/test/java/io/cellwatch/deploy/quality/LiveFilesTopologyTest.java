package io.cellwatch.deploy.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cellwatch.deploy.ReplayRun;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.testing.TopologyHarness;
import io.cellwatch.streams.topology.TopologySettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real-format files through the ingest readers into the live topology: the two things only the
 * live topology does with them (a stall needs the wall clock; summary files reach it on their own
 * topic), shown with files in a vendor's and in the cycle-summary format.
 */
class LiveFilesTopologyTest {
    @TempDir
    Path dir;

    private TopologyHarness harness;

    @BeforeEach
    void start() {
        harness = new TopologyHarness(dir.resolve("state"), TopologySettings.defaults(), null);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void anExportThatStopsGrowingInTheMiddleOfAChargeIsStalled() throws IOException {
        CellLog log = CellLog.cycling(2, 7200, 60);
        int midCharge = log.rows.indexOf(log.step(2, 1).get(50));
        log.rows.subList(midCharge + 1, log.rows.size()).clear(); // the cycler stopped writing here
        Records read = read(VendorExport.ARBIN.write(log, dir, "rack1-ch03"));
        read.samples.forEach(sample -> harness.samples.pipeInput(sample.channelId(), sample));

        harness.driver.advanceWallClockTime(Duration.ofMinutes(31));

        List<Alert> stalled = alerts(AlertKind.DATA_QUALITY_STALLED);
        assertThat(stalled).singleElement().satisfies(alert -> {
            assertThat(alert.channelId()).isEqualTo("rack1-ch03");
            assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
            assertThat(alert.cycleIndex()).isEqualTo(2);
            assertThat(alert.message())
                    .contains("while step 1 of cycle 2 (charge) was under way")
                    .contains("blinds soft-short-capacity-divergence, soft-short-ce-fluctuation, capacity-fade, "
                            + "imminent-short, voltage-drop, full-cell-hard-short until data arrives again");
        });
    }

    @Test
    void aSummaryFileGoesThroughTheLiveCycleDetectorsAsReplayJudgesIt() throws IOException {
        Path file = summaryFile("li-in-summary");
        Records read = read(file);
        assertThat(read.cycles).hasSize(15);
        read.cycles.forEach(cycle -> harness.externalCycles.pipeInput(cycle.channelId(), cycle));

        assertThat(harness.cycles.readValuesToList()).containsExactlyElementsOf(read.cycles);
        List<Alert> live = harness.alerts.readValuesToList();
        List<JsonNode> replayed = ReplayRun.of(file.toString()).alerts();
        assertThat(live).isNotEmpty();
        assertThat(live)
                .extracting(a -> a.kind().wireName() + " " + a.severity().wireName() + " "
                        + a.status().wireName() + " @" + a.cycleIndex())
                .containsExactlyElementsOf(replayed.stream()
                        .map(a ->
                                a.get("kind").asText() + " " + a.get("severity").asText() + " "
                                        + a.get("status").asText() + " @"
                                        + a.get("cycle").asInt())
                        .toList());
        assertThat(live.get(0).kind()).isEqualTo(AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE);
        assertThat(live.get(0).cycleIndex()).isEqualTo(892);
    }

    /** Seed 004's Li-In cell as a cycler's per-cycle summary export: stable, then charge up and discharge down from 891. */
    private Path summaryFile(String channelId) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("cycle_index,charge_capacity(mAh),discharge_capacity(mAh),charge_energy(mWh),discharge_energy(mWh),"
                + "test_time");
        SplittableRandom noise = new SplittableRandom(42);
        for (int c = 880; c <= 894; c++) {
            double q = 3.14 * (1 + 0.001 * (noise.nextDouble() - 0.5));
            double leak = c < 891 ? 0 : 0.04 * (c - 890);
            double charge = q * 1.001 / (1 - leak);
            double discharge = q / (1 + leak);
            lines.add(String.format(
                    Locale.ROOT,
                    "%d,%.6f,%.6f,%.6f,%.6f,%d",
                    c,
                    charge,
                    discharge,
                    charge * 3.7,
                    discharge * 3.6,
                    c * 36_000));
        }
        return Files.write(dir.resolve(channelId + ".csv"), lines);
    }

    private List<Alert> alerts(AlertKind kind) {
        return harness.alerts.readValuesToList().stream()
                .filter(alert -> alert.kind() == kind)
                .toList();
    }

    /** What the file's format reader makes of it, as ingest hands it on. */
    private static Records read(Path file) throws IOException {
        Records records = new Records();
        CyclerFormats.detect(file).read(SourceFile.of(file), records);
        assertThat(records.errors).isEmpty();
        return records;
    }

    private static final class Records implements RecordSink {
        final List<Sample> samples = new ArrayList<>();
        final List<CycleSummary> cycles = new ArrayList<>();
        final List<MalformedRowException> errors = new ArrayList<>();

        @Override
        public void channel(ChannelInfo info) {}

        @Override
        public void sample(Sample sample) {
            samples.add(sample);
        }

        @Override
        public void cycle(CycleSummary cycle) {
            cycles.add(cycle);
        }

        @Override
        public void malformed(MalformedRowException error) {
            errors.add(error);
        }
    }
}

package io.cellwatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.metrics.PipelineTelemetry;
import io.cellwatch.streams.replay.OfflinePipeline;
import io.cellwatch.streams.testing.ScriptedCell;
import io.cellwatch.streams.testing.TopologyHarness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replicate group live and replayed: its cycles re-keyed by group through a named repartition
 * topic into the group stage and its alerts back by channel, the same alerts as {@code replay}
 * (which reads the files one after another and orders the group's cycles by when they ended).
 */
class ReplicateGroupTopologyTest {
    private static final String GROUP = "pack-3";

    @TempDir
    Path stateDir;

    /** Five cells alike; pack3-ch4 loses 2 % of its discharge to a leak from cycle 15 on (and more each cycle). */
    private static List<List<Sample>> cells() {
        List<List<Sample>> cells = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            SplittableRandom noise = new SplittableRandom(i);
            double capacity = 0.003 * (1 + 0.02 * noise.nextGaussian());
            ScriptedCell cell = new ScriptedCell("pack3-ch" + i, 3, 3600);
            for (int c = 1; c <= 30; c++) {
                double q = capacity * (1 - 0.001 * c) * (1 + 0.0005 * noise.nextGaussian());
                double leak = i == 4 && c >= 15 ? 0.02 + 0.002 * (c - 15) : 0;
                cell.cycle(c, q * 1.0005, q * (1 - leak));
            }
            cells.add(cell.samples());
        }
        return cells;
    }

    private static ChannelInfo grouped(String channelId) {
        return ChannelInfo.defaultsFor(channelId).withGroup(GROUP);
    }

    @Test
    void aCellLeavingItsGroupAlertsLiveAsReplayed() {
        List<List<Sample>> cells = cells();
        // Replay reads one file after another.
        List<Alert> replayed = new ArrayList<>();
        OfflinePipeline replay =
                new OfflinePipeline(TopologySettings.defaultDetectors(), new OfflinePipeline.Listener() {
                    @Override
                    public void onCycle(CycleSummary cycle) {}

                    @Override
                    public void onAlert(Alert alert) {
                        replayed.add(alert);
                    }
                });
        for (List<Sample> cell : cells) {
            replay.describe(grouped(cell.get(0).channelId()));
            cell.forEach(replay::accept);
        }
        replay.judgeGroups();

        // Live, the cells' samples arrive side by side as they are written.
        List<Sample> live = new ArrayList<>();
        cells.forEach(live::addAll);
        live.sort(Comparator.comparingLong(Sample::wallTimeMs).thenComparing(Sample::channelId));
        List<Alert> alerts;
        try (TopologyHarness topology = new TopologyHarness(
                stateDir, TopologySettings.defaults().withInMemoryStores(), PipelineTelemetry.NONE)) {
            cells.forEach(cell -> topology.channels.pipeInput(
                    cell.get(0).channelId(), grouped(cell.get(0).channelId())));
            alerts = new ArrayList<>();
            for (int i = 0; i < live.size(); i += 500) {
                topology.pipe(live.subList(i, Math.min(live.size(), i + 500)));
                alerts.addAll(topology.alerts.readValuesToList());
                topology.cycles.readValuesToList();
                topology.discardChangelogs(); // the driver keeps what it produced until read
            }
        }

        Predicate<Alert> replicate = a -> a.kind() == AlertKind.REPLICATE_OUTLIER;
        List<Alert> groupAlerts = alerts.stream().filter(replicate).toList();
        assertThat(groupAlerts)
                .isNotEmpty()
                .allSatisfy(a -> assertThat(a.channelId()).isEqualTo("pack3-ch4"));
        assertThat(groupAlerts.get(0).cycleIndex()).isBetween(15, 17);
        assertThat(groupAlerts).isEqualTo(replayed.stream().filter(replicate).toList());
        assertThat(alerts.stream().filter(replicate.negate()).toList())
                .containsExactlyInAnyOrderElementsOf(
                        replayed.stream().filter(replicate.negate()).toList());
    }

    @Test
    void aCellTakenOutOfItsGroupHasItsOutlierEpisodeResolved() {
        List<Sample> live = new ArrayList<>();
        cells().forEach(live::addAll);
        live.sort(Comparator.comparingLong(Sample::wallTimeMs).thenComparing(Sample::channelId));
        List<Alert> beforeTheMove = new ArrayList<>();
        List<Alert> afterTheMove = new ArrayList<>();
        try (TopologyHarness topology = new TopologyHarness(
                stateDir, TopologySettings.defaults().withInMemoryStores(), PipelineTelemetry.NONE)) {
            for (int i = 1; i <= 5; i++) {
                topology.channels.pipeInput("pack3-ch" + i, grouped("pack3-ch" + i));
            }
            int i = 0;
            while (i < live.size() && beforeTheMove.stream().noneMatch(a -> a.kind() == AlertKind.REPLICATE_OUTLIER)) {
                topology.pipe(live.subList(i, i + 1));
                beforeTheMove.addAll(topology.alerts.readValuesToList());
                i++;
            }
            assertThat(beforeTheMove)
                    .filteredOn(a -> a.kind() == AlertKind.REPLICATE_OUTLIER)
                    .singleElement()
                    .satisfies(a -> assertThat(a.status()).isEqualTo(AlertStatus.FIRING));
            // The lab takes the leaking cell out of the group's metadata; its test goes on.
            topology.channels.pipeInput("pack3-ch4", ChannelInfo.defaultsFor("pack3-ch4"));
            topology.pipe(live.subList(i, live.size()));
            afterTheMove.addAll(topology.alerts.readValuesToList());
        }
        assertThat(afterTheMove)
                .filteredOn(a -> a.kind() == AlertKind.REPLICATE_OUTLIER)
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.channelId()).isEqualTo("pack3-ch4");
                    assertThat(a.status()).isEqualTo(AlertStatus.RESOLVED);
                    assertThat(a.message()).contains("left its group");
                });
    }

    @Test
    void everyGroupNodeStoreAndTopicIsNamed() {
        TopologyDescription description = CellwatchTopology.build(TopologySettings.defaults(), PipelineTelemetry.NONE)
                .describe();
        String text = description.toString();
        assertThat(text)
                .contains("grouped-cycles", "key-by-group", CellwatchTopology.REPLICATE_GROUPS)
                .contains(CellwatchTopology.REPLICATE_GROUP_STORE)
                .contains(CellwatchTopology.GROUP_CYCLES + "-repartition")
                .contains(CellwatchTopology.REPLICATE_ALERTS + "-repartition")
                .contains("all-alerts")
                .doesNotContain("KSTREAM-", "KTABLE-");
    }
}

package io.cellwatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.metrics.MicrometerPipelineTelemetry;
import io.cellwatch.streams.pipeline.SequenceEvent;
import io.cellwatch.streams.replay.OfflinePipeline;
import io.cellwatch.streams.testing.HeardOutput;
import io.cellwatch.streams.testing.SampleCopies;
import io.cellwatch.streams.testing.ScriptedCell;
import io.cellwatch.streams.testing.TopologyHarness;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A channel reused for a new cell, live and replayed: the same cycles and alerts on both sides, the
 * new test's detectors starting from nothing (the leaking first cell's alert does not carry over to
 * the healthy second one), and the restart visible in the metrics.
 */
class ChannelReuseTopologyTest {
    private static final String CHANNEL = "rack2-ch05";

    @TempDir
    Path stateDir;

    /** A leaking Li-In-like cell (cycles 1-14, leaking from 9), then a healthy new cell from cycle 1 on. */
    private static List<Sample> twoTests() {
        List<Sample> first =
                ScriptedCell.liInLike(CHANNEL, 1, 9, 14, 0.003, 0.05).samples();
        Sample last = first.get(first.size() - 1);
        ScriptedCell second = new ScriptedCell(CHANNEL, 6, 3600);
        for (int c = 1; c <= 12; c++) {
            second.cycle(c, 0.0021, 0.0021 * 0.999);
        }
        List<Sample> all = new ArrayList<>(first);
        for (Sample s : second.samples()) {
            // ingest numbers a channel's records on
            all.add(SampleCopies.with(
                    s,
                    s.dataPoint() + last.dataPoint(),
                    s.testTimeS(),
                    s.wallTimeMs() + last.wallTimeMs() + 3_600_000L,
                    s.cycleIndex()));
        }
        return all;
    }

    /** The leaking cell's test, then a test the same again, its records numbered on; wall clock moved on, or none. */
    private static List<Sample> sameTestTwice(boolean wallClock) {
        List<Sample> first =
                ScriptedCell.liInLike(CHANNEL, 1, 9, 14, 0.003, 0.05).samples();
        Sample last = first.get(first.size() - 1);
        List<Sample> all = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            for (Sample s : first) {
                long dataPoint = s.dataPoint() + pass * last.dataPoint();
                Long wall = wallClock ? s.wallTimeMs() + pass * (last.wallTimeMs() + 3_600_000L) : null;
                all.add(SampleCopies.with(s, dataPoint, s.testTimeS(), wall, s.cycleIndex()));
            }
        }
        return all;
    }

    private static List<Alert> physicsAlerts(List<Sample> samples) {
        HeardOutput replayed = new HeardOutput();
        OfflinePipeline replay = new OfflinePipeline(TopologySettings.defaultDetectors(), replayed);
        samples.forEach(replay::accept);
        return replayed.alerts.stream().filter(a -> !a.kind().dataQuality()).toList();
    }

    @Test
    void aNewCellShortingAtTheSameCycleGetsEpisodesOfItsOwn() {
        // A new cell on the reused channel leaks from the same cycle as the old one did: its episodes must not
        // take the old ones' ids, or the alert service, which pauses a channel once per episode, would not
        // pause it.
        List<Alert> alerts = physicsAlerts(sameTestTwice(true));
        List<String> firstTest = alerts.stream()
                .filter(a -> a.status() == AlertStatus.FIRING && !a.alertId().contains("/test-"))
                .map(Alert::alertId)
                .distinct()
                .toList();
        List<String> secondTest = alerts.stream()
                .filter(a -> a.status() == AlertStatus.FIRING && a.alertId().contains("/test-"))
                .map(Alert::alertId)
                .distinct()
                .toList();
        assertThat(firstTest).isNotEmpty();
        assertThat(secondTest)
                .as("the second cell's episodes: the first cell's, each under an id of its own")
                .hasSameSizeAs(firstTest)
                .doesNotContainAnyElementsOf(firstTest);
        assertThat(secondTest.stream().map(id -> id.substring(0, id.indexOf("/test-"))))
                .containsExactlyInAnyOrderElementsOf(firstTest);
    }

    @Test
    void aTestDeliveredAgainWithoutAWallClockKeepsItsIds() {
        // Without a wall clock a whole file delivered twice reads as a new test; it starts as the first did,
        // so its episodes are the same ones, not new pages.
        List<Alert> alerts = physicsAlerts(sameTestTwice(false));
        assertThat(alerts).isNotEmpty().noneMatch(a -> a.alertId().contains("/test-"));
    }

    @Test
    void aNewTestOnAReusedChannelRestartsItsDetectorsLiveAsInReplay() {
        List<Sample> samples = twoTests();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        HeardOutput replayed = new HeardOutput();
        OfflinePipeline replay = new OfflinePipeline(TopologySettings.defaultDetectors(), replayed);
        samples.forEach(replay::accept);

        try (TopologyHarness live = new TopologyHarness(
                stateDir,
                TopologySettings.defaults().withInMemoryStores(),
                new MicrometerPipelineTelemetry(registry, Clock.systemUTC()))) {
            live.pipe(samples);
            assertThat(live.cycles.readValuesToList()).isEqualTo(replayed.cycles);
            assertThat(live.alerts.readValuesToList()).isEqualTo(replayed.alerts);
        }

        assertThat(replayed.sequenceEvents)
                .extracting(SequenceEvent::kind)
                .containsExactly(SequenceEvent.Kind.NEW_TEST);
        assertThat(registry.get("cellwatch.channel.sequence.events")
                        .tag("kind", "new_test")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        // The first cell's short was reported and its episode ends with its test; the second cell is
        // judged from scratch and stays quiet.
        assertThat(replayed.alerts)
                .filteredOn(a -> a.kind() == AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE)
                .isNotEmpty();
        // The detectors' alerts; the data-quality watch's (these cells are logged coarsely) are its own
        // tests' subject, and restart with the test like every detector's.
        List<Alert> physics =
                replayed.alerts.stream().filter(a -> !a.kind().dataQuality()).toList();
        int ended = physics.size();
        while (ended > 0 && physics.get(ended - 1).message().contains("test ended")) {
            ended--;
        }
        java.util.Set<String> firing = new java.util.LinkedHashSet<>();
        for (Alert a : physics.subList(0, ended)) {
            assertThat(a.cycleIndex()).as("alerts of the first cell only").isBetween(9, 14);
            if (a.status() == AlertStatus.FIRING) {
                firing.add(a.alertId());
            } else {
                firing.remove(a.alertId());
            }
        }
        assertThat(firing).isNotEmpty();
        assertThat(physics.subList(ended, physics.size()))
                .allSatisfy(a -> {
                    assertThat(a.status()).isEqualTo(AlertStatus.RESOLVED);
                    assertThat(a.cycleIndex()).isEqualTo(14);
                })
                .extracting(Alert::alertId)
                .containsExactlyElementsOf(firing);
        assertThat(replayed.cycles)
                .filteredOn(c -> !c.complete())
                .singleElement()
                .satisfies(c -> assertThat(c.cycleIndex()).isEqualTo(14));
        assertThat(replayed.cycles).filteredOn(CycleSummary::complete).hasSize(13 + 11);
    }
}

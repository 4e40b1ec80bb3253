package io.cellwatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import io.cellwatch.model.TestEndedHeader;
import io.cellwatch.streams.pipeline.PipelineState;
import io.cellwatch.streams.query.QueryStores;
import io.cellwatch.streams.state.LivePipelineStates;
import io.cellwatch.streams.testing.SampleCopies;
import io.cellwatch.streams.testing.ScriptedCell;
import io.cellwatch.streams.testing.TopologyHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator ends a channel's test ({@code cellwatch end-test}): its firing alerts resolve, a stall
 * warning of a test aborted mid-charge included, and the channel leaves every store, so a lab whose
 * channel ids turn over keeps bounded state. A sample that comes later starts the channel afresh.
 */
class EndTestTopologyTest {
    private static final String CHANNEL = "rack4-ch11";

    @TempDir
    Path stateDir;

    private static TestRecord<String, Sample> endOfTest(String channelId, String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader(TestEndedHeader.NAME, TestEndedHeader.encode(reason)));
        return new TestRecord<>(channelId, null, headers);
    }

    private TopologyHarness harness() {
        return new TopologyHarness(stateDir, TopologySettings.defaults().withInMemoryStores(), null);
    }

    @Test
    void aLeakingCellsTestEndedByTheOperatorResolvesItsAlertsAndLeavesNoState() {
        try (TopologyHarness live = harness()) {
            live.pipe(ScriptedCell.liInLike(CHANNEL, 1, 9, 14, 0.003, 0.05).samples());
            List<Alert> before = live.alerts.readValuesToList();
            Set<String> firing = stillFiring(before);
            assertThat(firing).as("the leaking cell has alerts firing").isNotEmpty();
            assertThat(entries(live, QueryStores.CYCLE_HISTORY_STORE)).isPositive();

            live.samples.pipeInput(endOfTest(CHANNEL, "cell removed for post-mortem"));

            List<Alert> atTheEnd = live.alerts.readValuesToList();
            assertThat(atTheEnd)
                    .filteredOn(a -> a.status() == AlertStatus.RESOLVED)
                    .extracting(Alert::alertId)
                    .containsExactlyInAnyOrderElementsOf(firing);
            assertThat(atTheEnd)
                    .allSatisfy(a ->
                            assertThat(a.message()).contains("ended by the operator: cell removed for post-mortem"));
            assertEnded(pipelineState(live));
            assertThat(entries(live, QueryStores.CYCLE_HISTORY_STORE)).isZero();
            assertThat(entries(live, QueryStores.ALERT_HISTORY_STORE)).isZero();
            assertThat(entries(live, QueryStores.ACTIVE_ALERTS_STORE)).isZero();

            // A new cell on the channel later starts from nothing but its count of tests: no alert carried over.
            ScriptedCell next = new ScriptedCell(CHANNEL, 20, 3600);
            for (int c = 1; c <= 5; c++) {
                next.cycle(c, 0.0021, 0.0021 * 0.999);
            }
            live.pipe(next.samples());
            assertThat(live.alerts.readValuesToList()).isEmpty();
            assertThat(pipelineState(live).sequence().tests()).isEqualTo(2);
            assertThat(pipelineState(live).sequence().ended()).isFalse();
            assertThat(entries(live, QueryStores.CYCLE_HISTORY_STORE)).isEqualTo(4); // cycles 1-4 closed
        }
    }

    @Test
    void aTestAbortedMidChargeHasItsStallWarningResolvedWhenTheOperatorEndsIt() {
        ScriptedCell cell = new ScriptedCell(CHANNEL, 20, 3600);
        for (int c = 1; c <= 3; c++) {
            cell.cycle(c, 0.0021, 0.0021 * 0.999);
        }
        List<Sample> all = cell.samples();
        // The cycler stops in the middle of cycle 3's charge: nothing more is written.
        int cut = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).cycleIndex() == 3 && all.get(i).stepType() == StepType.CHARGE) {
                cut = i + 10;
                break;
            }
        }
        try (TopologyHarness live = harness()) {
            live.pipe(all.subList(0, cut));
            live.driver.advanceWallClockTime(Duration.ofHours(2));
            assertThat(live.alerts.readValuesToList()).singleElement().satisfies(a -> {
                assertThat(a.kind()).isEqualTo(AlertKind.DATA_QUALITY_STALLED);
                assertThat(a.status()).isEqualTo(AlertStatus.FIRING);
            });

            live.samples.pipeInput(endOfTest(CHANNEL, "test aborted"));

            assertThat(live.alerts.readValuesToList()).singleElement().satisfies(a -> {
                assertThat(a.kind()).isEqualTo(AlertKind.DATA_QUALITY_STALLED);
                assertThat(a.status()).isEqualTo(AlertStatus.RESOLVED);
                assertThat(a.message()).contains("test aborted");
            });
            assertThat(entries(live, StallPunctuation.STORE)).isZero();
            assertEnded(pipelineState(live));
            // The open cycle was summarized, incomplete, before the channel was forgotten.
            assertThat(live.cycles.readValuesToList()).last().satisfies(c -> {
                assertThat(c.cycleIndex()).isEqualTo(3);
                assertThat(c.complete()).isFalse();
            });
            live.driver.advanceWallClockTime(Duration.ofHours(2));
            assertThat(live.alerts.readValuesToList())
                    .as("no stall warning comes back")
                    .isEmpty();
        }
    }

    private TopologyHarness endingTestsSilentFor14Days() {
        return new TopologyHarness(
                stateDir,
                TopologySettings.defaults().withInMemoryStores().withEndTestsSilentFor(Duration.ofDays(14)),
                null);
    }

    /** Three cycles of a cell on {@code channelId}; ends resting after cycle 3's discharge (no stall warning). */
    private static List<Sample> threeCycles(String channelId) {
        ScriptedCell cell = new ScriptedCell(channelId, 20, 3600);
        for (int c = 1; c <= 3; c++) {
            cell.cycle(c, 0.0021, 0.0021 * 0.999);
        }
        return cell.samples();
    }

    /** A day of the lab: a channel still running sends a sample every half hour of it. */
    private static void aDayGoesBy(TopologyHarness live, Sample stillRunning, int day) {
        for (int halfHour = 0; halfHour < 48; halfHour++) {
            long sinceMs = day * 86_400_000L + halfHour * 1_800_000L;
            live.samples.pipeInput(
                    stillRunning.channelId(),
                    SampleCopies.with(
                            stillRunning,
                            stillRunning.dataPoint() + day * 48L + halfHour,
                            stillRunning.testTimeS() + sinceMs / 1000.0,
                            stillRunning.wallTimeMs() + sinceMs,
                            stillRunning.cycleIndex()));
            live.driver.advanceWallClockTime(Duration.ofMinutes(30));
        }
    }

    @Test
    void aChannelSilentLongerThanTheLabsLimitWhileOthersRunHasItsTestEndedByItself() {
        List<Sample> running = threeCycles("rack4-ch12");
        try (TopologyHarness live = endingTestsSilentFor14Days()) {
            live.pipe(threeCycles(CHANNEL));
            live.pipe(running);
            Sample last = running.get(running.size() - 1);
            for (int day = 1; day <= 13; day++) {
                aDayGoesBy(live, last, day);
            }
            assertThat(pipelineState(live).sequence().ended())
                    .as("13 days: still the running test")
                    .isFalse();
            aDayGoesBy(live, last, 14);
            aDayGoesBy(live, last, 15);
            assertEnded(pipelineState(live));
            assertThat(entries(live, QueryStores.CYCLE_HISTORY_STORE))
                    .as("the running channel's closed cycles (1 and 2) alone")
                    .isEqualTo(2);
            assertThat(entries(live, StallPunctuation.STORE)).isEqualTo(1);
            assertThat(live.cycles.readValuesToList())
                    .filteredOn(c -> c.channelId().equals(CHANNEL))
                    .as("the open cycle summarized at the end")
                    .last()
                    .satisfies(c -> assertThat(c.complete()).isFalse());
        }
    }

    @Test
    void whenNothingArrivesOnAnyChannelNoTestEndsAndSilenceCountsFromWhenDataComesAgain() {
        // The ingest, the cyclers' computer or the whole lab stopped over the holidays: the tests go on after.
        try (TopologyHarness live = endingTestsSilentFor14Days()) {
            live.pipe(threeCycles(CHANNEL));
            live.pipe(threeCycles("rack4-ch12"));
            live.driver.advanceWallClockTime(Duration.ofDays(30));
            assertThat(pipelineState(live).sequence().ended()).isFalse();
            assertThat(entries(live, StallPunctuation.STORE)).isEqualTo(2);

            // The lab comes back one channel at a time: rack4-ch12 first. CHANNEL's 30 days without data were the
            // outage's; its silence counts from when data came again.
            List<Sample> other = threeCycles("rack4-ch12");
            Sample back = other.get(other.size() - 1);
            for (int day = 30; day <= 43; day++) {
                aDayGoesBy(live, back, day);
            }
            assertThat(pipelineState(live).sequence().ended())
                    .as("13 days after the lab came back: still its test")
                    .isFalse();
            aDayGoesBy(live, back, 44);
            aDayGoesBy(live, back, 45);
            assertEnded(pipelineState(live));
        }
    }

    @Test
    void aChannelKnownByItsCycleSummariesAloneEndsWhenTheyStop() {
        List<Sample> running = threeCycles("rack4-ch12");
        try (TopologyHarness live = endingTestsSilentFor14Days()) {
            List<CycleSummary> summaries = new ArrayList<>();
            try (TopologyHarness summarizing = new TopologyHarness(
                    stateDir.resolve("summaries"), TopologySettings.defaults().withInMemoryStores(), null)) {
                summarizing.pipe(threeCycles("rack5-ch01"));
                summaries.addAll(summarizing.cycles.readValuesToList());
            }
            summaries.forEach(cycle -> live.externalCycles.pipeInput(cycle.channelId(), cycle));
            live.pipe(running);
            Sample last = running.get(running.size() - 1);
            for (int day = 1; day <= 13; day++) {
                aDayGoesBy(live, last, day);
            }
            assertThat(entries(live, StallPunctuation.STORE))
                    .as("both channels are watched")
                    .isEqualTo(2);
            aDayGoesBy(live, last, 14);
            aDayGoesBy(live, last, 15);
            assertThat(entries(live, StallPunctuation.STORE))
                    .as("the summaries' channel was silent 15 days while the other ran")
                    .isEqualTo(1);
        }
    }

    @Test
    void silenceWhileCellwatchWasNotListeningDoesNotCount() {
        long day = Duration.ofDays(1).toMillis();
        Duration limit = Duration.ofDays(14);
        // The channel's last sample came 20 days ago, but this task started listening a day ago (cellwatch was
        // down, the backlog may not have reached the channel yet): not silent yet.
        assertThat(StallPunctuation.silentLongEnough(0, 19 * day, 20 * day, limit))
                .isFalse();
        assertThat(StallPunctuation.silentLongEnough(1, 19 * day, 20 * day, limit))
                .isFalse();
        assertThat(StallPunctuation.silentLongEnough(1, 19 * day, 33 * day, limit))
                .isTrue();
        assertThat(StallPunctuation.silentLongEnough(5 * day, 0, 19 * day - 1, limit))
                .isFalse();
        assertThat(StallPunctuation.silentLongEnough(5 * day, 0, 19 * day, limit))
                .isTrue();
    }

    @Test
    void endingTheTestOfAChannelNeverSeenLeavesNothingBehind() {
        try (TopologyHarness live = harness()) {
            live.samples.pipeInput(endOfTest("rack9-ch99-typo", "mistyped"));
            assertThat(live.alerts.readValuesToList()).isEmpty();
            LivePipelineStates states =
                    (LivePipelineStates) live.driver.getAllStateStores().get(CellwatchTopology.PIPELINE_STATE_STORE);
            assertThat(states.approximateNumEntries()).isZero();
            assertThat(states.get("rack9-ch99-typo")).isNull();
        }
    }

    @Test
    void aRecordWithNoValueAndNoEndOfTestHeaderChangesNothing() {
        try (TopologyHarness live = harness()) {
            live.pipe(ScriptedCell.liInLike(CHANNEL, 1, 9, 14, 0.003, 0.05).samples());
            live.alerts.readValuesToList();
            PipelineState before = pipelineState(live);
            live.samples.pipeInput(new TestRecord<>(CHANNEL, null, new RecordHeaders()));
            assertThat(live.alerts.readValuesToList()).isEmpty();
            assertThat(pipelineState(live)).isNotNull();
            assertThat(pipelineState(live).sequence().tests())
                    .isEqualTo(before.sequence().tests());
        }
    }

    @Test
    void aNewCellShortingAtTheCycleTheEndedOneDidGetsEpisodesOfItsOwn() {
        // The pause request of an episode is executed once per id: the second cell's short must not take the
        // first one's id, though the channel forgot the first test.
        List<Sample> leaking =
                ScriptedCell.liInLike(CHANNEL, 1, 9, 14, 0.003, 0.05).samples();
        Sample last = leaking.get(leaking.size() - 1);
        try (TopologyHarness live = harness()) {
            live.pipe(leaking);
            Set<String> first = firingIds(live.alerts.readValuesToList());
            live.samples.pipeInput(endOfTest(CHANNEL, "cell replaced"));
            live.alerts.readValuesToList();
            List<Sample> again = new ArrayList<>();
            for (Sample s : leaking) {
                again.add(SampleCopies.with(
                        s,
                        s.dataPoint() + last.dataPoint(),
                        s.testTimeS(),
                        s.wallTimeMs() + last.wallTimeMs() + 3_600_000L,
                        s.cycleIndex()));
            }
            live.pipe(again);
            Set<String> second = firingIds(live.alerts.readValuesToList());
            assertThat(first).isNotEmpty();
            assertThat(second).hasSameSizeAs(first).doesNotContainAnyElementsOf(first);
        }
    }

    @Test
    void aNewCellStallingAtTheCycleTheEndedOneDidGetsAStallEpisodeOfItsOwn() {
        ScriptedCell cell = new ScriptedCell(CHANNEL, 20, 3600);
        for (int c = 1; c <= 3; c++) {
            cell.cycle(c, 0.0021, 0.0021 * 0.999);
        }
        List<Sample> all = cell.samples();
        int cut = 0;
        while (all.get(cut).cycleIndex() != 3 || all.get(cut).stepType() != StepType.CHARGE) {
            cut++;
        }
        List<Sample> aborted = all.subList(0, cut + 10); // the cycler stops in cycle 3's charge
        Sample last = aborted.get(aborted.size() - 1);
        try (TopologyHarness live = harness()) {
            live.pipe(aborted);
            live.driver.advanceWallClockTime(Duration.ofHours(2));
            Set<String> first = firingIds(live.alerts.readValuesToList());
            assertThat(first).hasSize(1);
            live.samples.pipeInput(endOfTest(CHANNEL, "test aborted"));
            live.alerts.readValuesToList();

            List<Sample> again = new ArrayList<>();
            for (Sample s : aborted) {
                again.add(SampleCopies.with(
                        s,
                        s.dataPoint() + last.dataPoint(),
                        s.testTimeS(),
                        s.wallTimeMs() + last.wallTimeMs() + 3_600_000L,
                        s.cycleIndex()));
            }
            live.pipe(again);
            live.driver.advanceWallClockTime(Duration.ofHours(2));
            Set<String> second = firingIds(live.alerts.readValuesToList());

            String firstId = first.iterator().next();
            assertThat(firstId).contains("data_quality_stalled/").doesNotContain("/test-");
            assertThat(second)
                    .as("the second cell's stall, at the same cycle, is an episode of its own")
                    .singleElement()
                    .asString()
                    .startsWith(firstId + "/test-");
        }
    }

    @Test
    void aNewTestTheSamplesShowStallingBeforeItsFirstStepChangeIsAStallOfThatTest() {
        // No end-test: the cycler starts a new cell's charge right after the old cell's charge was cut off, and
        // the new charge stalls at once. Its stall is named after the new test though the channel's stall entry
        // was written moments before, in the old test.
        ScriptedCell cell = new ScriptedCell(CHANNEL, 20, 3600);
        for (int c = 1; c <= 3; c++) {
            cell.cycle(c, 0.0021, 0.0021 * 0.999);
        }
        List<Sample> all = cell.samples();
        int cut = 0;
        while (all.get(cut).cycleIndex() != 3 || all.get(cut).stepType() != StepType.CHARGE) {
            cut++;
        }
        List<Sample> old = all.subList(0, cut + 10);
        int firstCharge = 0;
        while (all.get(firstCharge).stepType() != StepType.CHARGE) {
            firstCharge++;
        }
        Sample last = old.get(old.size() - 1);
        try (TopologyHarness live = harness()) {
            live.pipe(old);
            List<Sample> newCharge = new ArrayList<>();
            for (Sample s : all.subList(firstCharge, firstCharge + 5)) {
                newCharge.add(SampleCopies.with(
                        s,
                        s.dataPoint() + last.dataPoint(),
                        s.testTimeS(),
                        s.wallTimeMs() + last.wallTimeMs() + 60_000L,
                        s.cycleIndex()));
            }
            live.pipe(newCharge);
            assertThat(pipelineState(live).sequence().alertIdSuffix())
                    .as("the samples showed a new test")
                    .startsWith("/test-");
            live.driver.advanceWallClockTime(Duration.ofHours(2));
            assertThat(firingIds(live.alerts.readValuesToList()))
                    .singleElement()
                    .asString()
                    .contains("data_quality_stalled/")
                    .endsWith(pipelineState(live).sequence().alertIdSuffix());
        }
    }

    private static void assertEnded(PipelineState kept) {
        assertThat(kept.sequence().ended())
                .as("only the count of tests is kept")
                .isTrue();
        assertThat(kept.detectorNames()).isEmpty();
        assertThat(kept.cycle().started()).isFalse();
    }

    private static Set<String> firingIds(List<Alert> alerts) {
        return alerts.stream()
                .filter(a -> a.status() == AlertStatus.FIRING)
                .map(Alert::alertId)
                .collect(Collectors.toSet());
    }

    private static Set<String> stillFiring(List<Alert> alerts) {
        Set<String> resolved = alerts.stream()
                .filter(a -> a.status() == AlertStatus.RESOLVED)
                .map(Alert::alertId)
                .collect(Collectors.toSet());
        return alerts.stream()
                .filter(a -> a.status() == AlertStatus.FIRING)
                .map(Alert::alertId)
                .filter(id -> !resolved.contains(id))
                .collect(Collectors.toSet());
    }

    private static PipelineState pipelineState(TopologyHarness live) {
        LivePipelineStates store =
                (LivePipelineStates) live.driver.getAllStateStores().get(CellwatchTopology.PIPELINE_STATE_STORE);
        return store.get(CHANNEL);
    }

    private static long entries(TopologyHarness live, String storeName) {
        KeyValueStore<Object, Object> store = live.driver.getKeyValueStore(storeName);
        long n = 0;
        try (KeyValueIterator<Object, Object> all = store.all()) {
            while (all.hasNext()) {
                all.next();
                n++;
            }
        }
        return n;
    }
}

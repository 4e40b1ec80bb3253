package io.cellwatch.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.simulator.lab.BenignCondition;
import io.cellwatch.simulator.lab.BenignEvent;
import io.cellwatch.simulator.lab.HandMadeScenarios;
import io.cellwatch.simulator.lab.ScenarioLibrary;
import io.cellwatch.streams.topology.TopologySettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When the evaluation takes an alert to have been sent: the stall warning played on the rows' clock, and
 * every channel's events in the order they would be sent.
 */
class LabPlaybackTest {
    /** The default stall limit (DataQualitySettings' reasoning), read here as the figure the warning must keep. */
    private static final double STALL_LIMIT_S = 1800;

    @Test
    void aChargePausedWithNoRowsPastTheStallLimitGetsTheStallWarningLiveWouldGive() {
        ScenarioLibrary.Template template =
                ScenarioLibrary.named("pause-mid-charge").orElseThrow();
        int longPauses = 0;
        for (long seed = 1; seed <= 4; seed++) {
            ChannelLog log = LabChannelRun.run(template.draw(seed, 20), TopologySettings.defaultDetectors(), false);
            List<LoggedAlert> stalls = log.alerts().stream()
                    .filter(a -> a.alert().kind() == AlertKind.DATA_QUALITY_STALLED)
                    .toList();
            List<BenignEvent> pauses = log.truth().events().stream()
                    .filter(e -> e.condition() == BenignCondition.PAUSE_MID_CHARGE)
                    .toList();
            for (LoggedAlert stall : stalls) {
                // Each stall lies in a pause: fired its limit after the last row (at most a logging interval of
                // 10 min before the pause began), resolved by the first row after it.
                BenignEvent pause = pauses.stream()
                        .filter(p -> stall.sentS() >= p.startS() - 1 && stall.sentS() <= p.endS() + 600)
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("a stall outside every pause: " + stall));
                if (stall.alert().status() == AlertStatus.FIRING) {
                    assertThat(stall.sentS())
                            .isBetween(pause.startS() + STALL_LIMIT_S - 600, pause.startS() + STALL_LIMIT_S + 0.001);
                    assertThat(stall.channelS())
                            .as("its evidence is the last row")
                            .isLessThanOrEqualTo(pause.startS() + 0.001);
                } else {
                    assertThat(stall.sentS()).isBetween(pause.endS(), pause.endS() + 600);
                }
            }
            for (BenignEvent pause : pauses) {
                long fired = stalls.stream()
                        .filter(a -> a.alert().status() == AlertStatus.FIRING
                                && a.sentS() >= pause.startS()
                                && a.sentS() <= pause.endS())
                        .count();
                if (pause.endS() - pause.startS() > STALL_LIMIT_S) {
                    longPauses++;
                    assertThat(fired)
                            .as("a pause of %.0f s", pause.endS() - pause.startS())
                            .isEqualTo(1);
                } else if (pause.endS() - pause.startS() < STALL_LIMIT_S - 600) {
                    assertThat(fired)
                            .as("a pause of %.0f s", pause.endS() - pause.startS())
                            .isZero();
                }
            }
            // Every event in the order it would be sent.
            List<Double> sent = log.alerts().stream().map(LoggedAlert::sentS).toList();
            assertThat(sent).isSorted();
        }
        assertThat(longPauses).as("pauses past the limit in these seeds").isPositive();
    }

    @Test
    void aStallInANewCellOnAReusedChannelIsNamedAfterItsTestAsLive() {
        ChannelLog log = LabChannelRun.run(
                HandMadeScenarios.newCellThatPausesMidCharge(3, 4 * STALL_LIMIT_S),
                TopologySettings.defaultDetectors(),
                false);
        List<LoggedAlert> stalls = log.alerts().stream()
                .filter(a -> a.alert().kind() == AlertKind.DATA_QUALITY_STALLED)
                .toList();
        // The gap between the cells is the old cell's stall (resolved by the new cell's first row), named as its
        // test; the pause in the new cell's charge is the new test's, with that test's suffix, as live names it.
        List<String> firedInNewCell = stalls.stream()
                .filter(a -> a.segment() == 1 && a.alert().status() == AlertStatus.FIRING)
                .map(a -> a.alert().alertId())
                .toList();
        assertThat(firedInNewCell).singleElement().asString().contains("/test-");
        assertThat(stalls)
                .filteredOn(a -> a.alert().status() == AlertStatus.RESOLVED)
                .extracting(a -> a.alert().alertId())
                .contains(firedInNewCell.get(0));
        assertThat(stalls)
                .filteredOn(a -> a.segment() == 0)
                .isNotEmpty()
                .allSatisfy(a -> assertThat(a.alert().alertId()).doesNotContain("/test-"));
    }

    @Test
    void aCycleDetectorsAlertIsSentWithTheRowThatClosedItsCycle() {
        ScenarioLibrary.Template template =
                ScenarioLibrary.named("soft-short-slow").orElseThrow();
        ChannelLog log = LabChannelRun.run(template.draw(1, 20), TopologySettings.defaultDetectors(), false);
        List<LoggedAlert> onClosedCycles = log.alerts().stream()
                .filter(a ->
                        FaultScore.JUDGED_ON_CLOSED_CYCLES.contains(a.alert().kind()))
                .toList();
        assertThat(onClosedCycles).isNotEmpty();
        // Its evidence is the cycle's last row; it is sent with the next cycle's first (or the data's end, that row).
        onClosedCycles.forEach(a -> assertThat(a.sentS()).isGreaterThanOrEqualTo(a.channelS()));
        assertThat(onClosedCycles).anyMatch(a -> a.sentS() > a.channelS());
    }
}

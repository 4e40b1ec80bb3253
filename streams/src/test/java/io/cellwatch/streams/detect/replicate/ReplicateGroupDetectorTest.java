package io.cellwatch.streams.detect.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.streams.detect.profile.ProfileSelector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * A replicate group of five cells built alike: what the lab does to all of them (a temperature step
 * that takes a quarter of the capacity, a rate change that raises the overpotential, diagnostic
 * cycles) keeps them together; one cell's own leak or capacity loss takes it out of the group.
 */
class ReplicateGroupDetectorTest {
    private static final String GROUP = "ncm-batch-7";
    private static final double CYCLE_S = 7200;

    private final ReplicateGroupDetector detector = new ReplicateGroupDetector(ProfileSelector.standard());

    /** What the lab does to every cell at cycle n: capacity and overpotential factors. */
    private static double sharedCapacity(int n) {
        double temperatureStep = n >= 40 && n < 60 ? 0.75 : 1.0; // a cold chamber for 20 cycles
        double diagnostic = n % 25 == 0 ? 1.3 : 1.0; // slow diagnostic cycles reach deeper
        return (1 - 0.0005 * n) * temperatureStep * diagnostic;
    }

    private static double sharedOverpotential(int n) {
        return (n >= 40 && n < 60 ? 1.8 : 1.0) * (n >= 70 ? 1.3 : 1.0); // cold, then a faster rate
    }

    /**
     * One cell's cycles 1..n: its own capacity (cells of a batch differ by a few percent), its own
     * noise, and what {@code ownCapacity} and {@code ownCe} do to it alone.
     */
    private static List<GroupCycle> cell(
            String channel, long seed, int cycles, IntToDoubleFunction ownCapacity, IntToDoubleFunction ownCe) {
        SplittableRandom noise = new SplittableRandom(seed);
        double capacity = 0.0030 * (1 + 0.03 * noise.nextGaussian());
        double eta = 0.060 * (1 + 0.05 * noise.nextGaussian());
        double stagger = 60 * noise.nextDouble(); // cells start within a minute of each other
        List<GroupCycle> out = new ArrayList<>();
        double end = stagger;
        for (int n = 1; n <= cycles; n++) {
            double q = capacity * sharedCapacity(n) * ownCapacity.applyAsDouble(n) * (1 + 0.001 * noise.nextGaussian());
            double ce = 0.9995 + 0.0002 * noise.nextGaussian() - ownCe.applyAsDouble(n);
            double v = eta * sharedOverpotential(n) * (1 + 0.002 * noise.nextGaussian());
            double duration = CYCLE_S * q / capacity; // the cycle lasts as long as its capacity takes
            end += duration;
            out.add(new GroupCycle(
                    GROUP,
                    channel,
                    1,
                    n,
                    CellType.FULL,
                    "NCM811|Graphite",
                    end - duration,
                    end,
                    1_700_000_000_000L + (long) (end * 1000),
                    ce,
                    q,
                    v));
        }
        return out;
    }

    private static List<GroupCycle> inTheOrderTheyEnded(List<List<GroupCycle>> cells) {
        List<GroupCycle> all = new ArrayList<>();
        cells.forEach(all::addAll);
        all.sort(Comparator.comparingLong(GroupCycle::endWallTimeMs));
        return all;
    }

    @Test
    void cyclesArrivingAfterTheGroupJudgedTheirIndexAreCountedNotSilentlyLost() {
        // A backfill: one member's whole history first, then its siblings'. The group judges through the
        // first member's cycles with that member alone; the siblings' cycles come too late to be compared.
        List<List<GroupCycle>> cells = healthyGroup(30);
        ReplicateGroupState state = new ReplicateGroupState();
        cells.get(0).forEach(c -> detector.onCycle(state, c));
        assertThat(state.lateCycles()).isZero();
        cells.get(1).forEach(c -> detector.onCycle(state, c));
        assertThat(state.lateCycles()).as("the second member's 30 cycles").isEqualTo(30);

        // In the order they ended, only a member's first cycle can come after the group judged its index (the
        // group cannot wait for a member it has not heard of yet).
        ReplicateGroupState inOrder = new ReplicateGroupState();
        inTheOrderTheyEnded(cells).forEach(c -> detector.onCycle(inOrder, c));
        assertThat(inOrder.lateCycles()).isLessThan(cells.size());
    }

    private List<Alert> run(List<GroupCycle> cycles) {
        ReplicateGroupState state = new ReplicateGroupState();
        List<Alert> alerts = new ArrayList<>();
        cycles.forEach(c -> alerts.addAll(detector.onCycle(state, c)));
        return alerts;
    }

    private static List<List<GroupCycle>> healthyGroup(int cycles) {
        List<List<GroupCycle>> cells = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            cells.add(cell("ch0" + i, i, cycles, n -> 1, n -> 0));
        }
        return cells;
    }

    @Test
    void whatTheLabDoesToEverySiblingKeepsTheGroupTogether() {
        assertThat(run(inTheOrderTheyEnded(healthyGroup(100)))).isEmpty();
    }

    @Test
    void aCellsOwnLeakTakesItOutOfItsGroupWhileTheChamberIsCold() {
        List<List<GroupCycle>> cells = healthyGroup(100);
        // ch03 starts to leak at cycle 45, inside the cold spell: 1 % of its charge more each cycle.
        cells.set(2, cell("ch03", 3, 100, n -> 1, n -> n >= 45 ? 0.01 * (n - 44) : 0));
        List<Alert> alerts = run(inTheOrderTheyEnded(cells));
        assertThat(alerts).isNotEmpty().allSatisfy(a -> {
            assertThat(a.channelId()).isEqualTo("ch03");
            assertThat(a.kind()).isEqualTo(AlertKind.REPLICATE_OUTLIER);
        });
        Alert first = alerts.get(0);
        assertThat(first.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(first.cycleIndex()).isBetween(45, 47);
        assertThat(first.evidence()).containsEntry("quantity", 1.0).containsEntry("siblings", 4.0);
        assertThat(first.message()).contains("CE").contains(GROUP);
    }

    @Test
    void aCellOnALaterTestOfItsChannelHasItsEpisodeNamedAfterThatTest() {
        // Reused channels: a new cell's episodes must not take the ids a former cell's episodes had at the same
        // cycle (the alert service pauses a channel once per episode id).
        List<List<GroupCycle>> cells = healthyGroup(60);
        cells.set(2, cell("ch03", 3, 60, n -> 1, n -> n >= 30 ? 0.01 * (n - 29) : 0));
        List<GroupCycle> secondTests = inTheOrderTheyEnded(cells).stream()
                .map(c -> new GroupCycle(
                        c.group(),
                        c.channelId(),
                        2,
                        c.cycleIndex(),
                        c.cellType(),
                        c.chemistry(),
                        c.startTestTimeS(),
                        c.endTestTimeS(),
                        c.endWallTimeMs(),
                        c.coulombicEfficiency(),
                        c.dischargeAh(),
                        c.overpotentialV(),
                        null,
                        // The first cycles were sent by a version that did not carry the suffix yet.
                        c.cycleIndex() <= 5 ? null : "/test-" + c.channelId()))
                .toList();
        List<Alert> alerts = run(secondTests);
        assertThat(alerts)
                .isNotEmpty()
                .allSatisfy(a -> assertThat(a.alertId())
                        .startsWith("ch03/replicate_outlier/")
                        .endsWith("/test-ch03"));
    }

    /** The cell's cycles as a later test ({@code test}) on channel {@code channel}, {@code daysLater} on. */
    private static List<GroupCycle> later(List<GroupCycle> cycles, String channel, int test, double daysLater) {
        double shiftS = daysLater * 86_400;
        return cycles.stream()
                .map(c -> new GroupCycle(
                        c.group(),
                        channel,
                        test,
                        c.cycleIndex(),
                        c.cellType(),
                        c.chemistry(),
                        c.startTestTimeS(),
                        c.endTestTimeS(),
                        c.endWallTimeMs() + (long) (shiftS * 1000),
                        c.coulombicEfficiency(),
                        c.dischargeAh(),
                        c.overpotentialV(),
                        null,
                        test == 1 ? null : "/test-" + test))
                .toList();
    }

    /** A group of five that ran 120 cycles, one cell leaving it (firing when its test ended), then a new batch. */
    private static List<GroupCycle> oldBatchThenNew(boolean sameChannels, boolean newBatchLeaks) {
        List<List<GroupCycle>> old = healthyGroup(120);
        old.set(3, cell("ch04", 4, 120, n -> 1, n -> n >= 100 ? 0.01 * (n - 99) : 0));
        List<List<GroupCycle>> next = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            IntToDoubleFunction leak = newBatchLeaks && i == 3 ? n -> n >= 30 ? 0.01 * (n - 29) : 0 : n -> 0;
            List<GroupCycle> cycles = cell("ch0" + i, 10 + i, 60, n -> 1, leak);
            next.add(later(cycles, sameChannels ? "ch0" + i : "ch1" + i, sameChannels ? 2 : 1, 30));
        }
        List<GroupCycle> all = new ArrayList<>(inTheOrderTheyEnded(old));
        all.addAll(inTheOrderTheyEnded(next));
        return all;
    }

    @Test
    void aGroupNameReusedForANewBatchIsJudgedFromItsFirstCycles() {
        for (boolean sameChannels : List.of(false, true)) {
            List<Alert> alerts = run(oldBatchThenNew(sameChannels, true));
            String leaking = sameChannels ? "ch03" : "ch13";
            assertThat(alerts)
                    .as(
                            "the old batch's leaking cell, then the new batch's (on %s channels)",
                            sameChannels ? "its" : "new")
                    .filteredOn(a -> a.status() == AlertStatus.FIRING)
                    .extracting(Alert::channelId, Alert::cycleIndex)
                    .satisfiesExactly(old -> assertThat(old.toList()).startsWith("ch04"), fresh -> {
                        assertThat(fresh.toList().get(0)).isEqualTo(leaking);
                        assertThat((Integer) fresh.toList().get(1)).isBetween(30, 33);
                    });
            assertThat(alerts)
                    .filteredOn(a -> a.channelId().equals("ch04") && a.status() == AlertStatus.RESOLVED)
                    .as("the old cell's episode ends when the group starts again, or its channel does")
                    .hasSize(1);
        }
    }

    @Test
    void aReplacedCellReportingFirstAfterALabPauseDoesNotStartTheGroupAgain() {
        // ch05's cell was replaced on day 5 (its second test is 50-odd cycles behind its siblings); ch03 leaks from
        // cycle 100. The lab pauses three days on day 9, and ch05's cycle is the first to end after the pause: for
        // that moment ch05 is the only cell running, and far behind. It began while its siblings ran: not a new
        // batch, and ch03's episode must not end.
        List<List<GroupCycle>> cells = healthyGroup(130);
        cells.set(2, cell("ch03", 3, 130, n -> 1, n -> n >= 100 ? 0.01 * (n - 99) : 0));
        List<GroupCycle> ch05 = new ArrayList<>(cells.get(4).subList(0, 60));
        ch05.addAll(later(
                cell("ch05", 15, 75, n -> 1, n -> 0), "ch05", 2, ch05.get(59).endTestTimeS() / 86_400));
        cells.set(4, ch05);
        long pauseMs = 1_700_000_000_000L + 9 * 86_400_000L;
        List<GroupCycle> before = new ArrayList<>();
        List<GroupCycle> after = new ArrayList<>();
        for (GroupCycle c : inTheOrderTheyEnded(cells)) {
            (c.endWallTimeMs() <= pauseMs ? before : after).add(c);
        }
        after = after.stream().map(c -> shifted(c, 3 * 86_400_000L)).collect(java.util.stream.Collectors.toList());
        GroupCycle firstOfCh05 = after.stream()
                .filter(c -> c.channelId().equals("ch05"))
                .findFirst()
                .orElseThrow();
        after.remove(firstOfCh05);
        after.add(0, firstOfCh05);
        ReplicateGroupState state = new ReplicateGroupState();
        List<Alert> alerts = new ArrayList<>();
        before.forEach(c -> alerts.addAll(detector.onCycle(state, c)));
        assertThat(alerts)
                .filteredOn(a -> a.channelId().equals("ch03") && a.status() == AlertStatus.FIRING)
                .as("ch03 left its group before the pause")
                .isNotEmpty();
        after.forEach(c -> alerts.addAll(detector.onCycle(state, c)));
        assertThat(alerts)
                .filteredOn(a -> a.status() == AlertStatus.RESOLVED)
                .as("nothing resolved by a restart of the group")
                .noneSatisfy(a -> assertThat(a.message()).contains("started again"));
        assertThat(state.memberIds()).containsExactlyInAnyOrder("ch01", "ch02", "ch03", "ch04", "ch05");
    }

    private static GroupCycle shifted(GroupCycle c, long byMs) {
        return new GroupCycle(
                c.group(),
                c.channelId(),
                c.test(),
                c.cycleIndex(),
                c.cellType(),
                c.chemistry(),
                c.startTestTimeS(),
                c.endTestTimeS(),
                c.endWallTimeMs() + byMs,
                c.coulombicEfficiency(),
                c.dischargeAh(),
                c.overpotentialV(),
                c.departed(),
                c.testIdSuffix());
    }

    @Test
    void aHealthyNewBatchUnderAReusedGroupNameStaysQuietAndIsJudged() {
        ReplicateGroupState state = new ReplicateGroupState();
        List<Alert> alerts = new ArrayList<>();
        List<GroupCycle> cycles = oldBatchThenNew(false, false);
        long lateBefore = -1;
        for (GroupCycle c : cycles) {
            if (lateBefore < 0 && c.channelId().startsWith("ch1")) {
                lateBefore = state.lateCycles();
            }
            alerts.addAll(detector.onCycle(state, c));
        }
        assertThat(alerts).filteredOn(a -> !a.channelId().equals("ch04")).isEmpty();
        assertThat(state.memberIds()).containsExactlyInAnyOrder("ch11", "ch12", "ch13", "ch14", "ch15");
        assertThat(state.lateCycles() - lateBefore)
                .as("of the new batch's 300 cycles, at most each newcomer's first comes too late")
                .isLessThan(5);
    }

    @Test
    void aSuddenCapacityLossOfOneCellIsReportedNotRelearnt() {
        List<List<GroupCycle>> cells = healthyGroup(100);
        cells.set(4, cell("ch05", 5, 100, n -> n >= 30 ? 0.7 : 1, n -> 0));
        List<Alert> alerts = run(inTheOrderTheyEnded(cells));
        assertThat(alerts)
                .filteredOn(a -> a.status() == AlertStatus.FIRING)
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.channelId()).isEqualTo("ch05");
                    // cycle 31, or 32: the loss shortens its cycles, so it ends them half a cycle or more
                    // ahead of its siblings and may meet a moment's event a cycle apart from them
                    assertThat(a.cycleIndex()).isBetween(31, 32);
                    assertThat(a.evidence()).containsEntry("quantity", 2.0);
                    assertThat(a.evidence().get("value")).isBetween(0.65, 0.75);
                });
    }

    /** Five cells of one batch whose capacities fade at rates 40 % apart: after 300 cycles they sit 10 % apart. */
    private static List<List<GroupCycle>> agingApart(int cycles, int lossCell, int lossCycle, double lossFactor) {
        double[] fadePerCycle = {0.0006, 0.0008, 0.0010, 0.0012, 0.0014};
        List<List<GroupCycle>> cells = new ArrayList<>();
        for (int i = 0; i < fadePerCycle.length; i++) {
            double fade = fadePerCycle[i];
            boolean loses = i == lossCell;
            List<GroupCycle> own = cell(
                    "ch2" + i,
                    30 + i,
                    cycles,
                    n -> Math.pow(1 - fade, n) * (loses && n >= lossCycle ? lossFactor : 1),
                    n -> 0);
            cells.add(own.stream().map(ReplicateGroupDetectorTest::onTime).toList());
        }
        return cells;
    }

    /** The cycle on a protocol whose steps end on time (two hours a cycle), so the cells stay in step. */
    private static GroupCycle onTime(GroupCycle c) {
        double end = c.cycleIndex() * CYCLE_S + c.channelId().hashCode() % 60;
        return new GroupCycle(
                c.group(),
                c.channelId(),
                c.test(),
                c.cycleIndex(),
                c.cellType(),
                c.chemistry(),
                end - CYCLE_S,
                end,
                1_700_000_000_000L + (long) (end * 1000),
                c.coulombicEfficiency(),
                c.dischargeAh(),
                c.overpotentialV());
    }

    @Test
    void cellsThatAgedApartStayTogether() {
        assertThat(run(inTheOrderTheyEnded(agingApart(400, -1, 0, 1)))).isEmpty();
    }

    @Test
    void aSmallSuddenLossIsJudgedAgainstHowTheSiblingsMoveNotHowFarApartTheyAged() {
        // ch22 loses 6 % of its capacity at cycle 318, when the siblings' retentions are 10 % apart:
        // a lasting difference of level, not a move.
        List<Alert> alerts = run(inTheOrderTheyEnded(agingApart(400, 2, 318, 0.94)));
        assertThat(alerts)
                .filteredOn(a -> a.status() == AlertStatus.FIRING)
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.channelId()).isEqualTo("ch22");
                    assertThat(a.evidence()).containsEntry("quantity", 2.0);
                    assertThat(a.cycleIndex()).isBetween(319, 320);
                    assertThat(a.evidence().get("offset") - a.evidence().get("usualOffset"))
                            .isBetween(Math.log(0.92), Math.log(0.96));
                });
    }

    @Test
    void theVerdictsDoNotDependOnHowTheCellsCyclesInterleave() {
        List<List<GroupCycle>> cells = healthyGroup(80);
        cells.set(1, cell("ch02", 2, 80, n -> 1, n -> n >= 50 ? 0.004 * (n - 49) : 0));
        List<GroupCycle> ordered = inTheOrderTheyEnded(cells);
        // Live, cycles of different cells reach the group stage a little out of order.
        List<GroupCycle> shuffled = new ArrayList<>(ordered);
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i + 1 < shuffled.size(); i += 2) {
            if (r.nextBoolean()) {
                shuffled.set(i, ordered.get(i + 1));
                shuffled.set(i + 1, ordered.get(i));
            }
        }
        List<Alert> expected = run(ordered);
        assertThat(expected).isNotEmpty();
        assertThat(run(shuffled)).isEqualTo(expected);
    }

    @Test
    void aCellThatStoppedIsNotWaitedForAndOneThatResumesIsComparedAgain() {
        List<List<GroupCycle>> cells = healthyGroup(100);
        // ch01 is paused after cycle 20 and resumed for cycles 60-100 (its cycle numbers go on).
        cells.set(
                0,
                cells.get(0).stream()
                        .filter(c -> c.cycleIndex() <= 20 || c.cycleIndex() > 60)
                        .toList());
        cells.set(3, cell("ch04", 4, 100, n -> 1, n -> n >= 35 ? 0.01 * (n - 34) : 0));
        List<Alert> alerts = run(inTheOrderTheyEnded(cells));
        assertThat(alerts)
                .filteredOn(a -> a.status() == AlertStatus.FIRING)
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.channelId()).isEqualTo("ch04");
                    assertThat(a.cycleIndex()).isBetween(35, 37);
                });
    }

    @Test
    void aNewTestOnAMembersChannelEndsItsEpisodeAndStartsItAgain() {
        List<List<GroupCycle>> cells = healthyGroup(60);
        cells.set(2, cell("ch03", 3, 60, n -> 1, n -> n >= 30 ? 0.01 * (n - 29) : 0));
        List<GroupCycle> cycles = new ArrayList<>(inTheOrderTheyEnded(cells));
        GroupCycle last = cycles.stream()
                .filter(c -> c.channelId().equals("ch03"))
                .reduce((a, b) -> b)
                .orElseThrow();
        cycles.add(new GroupCycle(
                GROUP,
                "ch03",
                2,
                1,
                CellType.FULL,
                "NCM811|Graphite",
                last.endTestTimeS(),
                last.endTestTimeS() + 10,
                last.endWallTimeMs() + 10_000,
                0.95,
                0.003,
                0.06));
        List<Alert> alerts = run(cycles);
        assertThat(alerts.get(alerts.size() - 1)).satisfies(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(a.channelId()).isEqualTo("ch03");
        });
    }

    @Test
    void aCellWhoseTestWasEndedLeavesItsGroupAndItsEpisodeEnds() {
        List<List<GroupCycle>> cells = healthyGroup(60);
        // ch03 leaks from cycle 30; the lab ends its test after cycle 40, while its siblings go on.
        cells.set(
                2,
                cell("ch03", 3, 60, n -> 1, n -> n >= 30 ? 0.01 * (n - 29) : 0).stream()
                        .filter(c -> c.cycleIndex() <= 40)
                        .toList());
        List<GroupCycle> cycles = new ArrayList<>(inTheOrderTheyEnded(cells));
        GroupCycle last = cells.get(2).get(cells.get(2).size() - 1);
        int endedAt = cycles.indexOf(last) + 1;
        ChannelInfo ch03 = new GroupCycle(
                        GROUP, "ch03", 1, 40, CellType.FULL, "NCM811|Graphite", 0, 0, null, null, 0, null)
                .asChannel();
        cycles.add(endedAt, GroupCycle.departure(GROUP, ch03, 1, 40, last.endTestTimeS(), last.endWallTimeMs()));

        ReplicateGroupState state = new ReplicateGroupState();
        List<Alert> beforeTheEnd = new ArrayList<>();
        List<Alert> atTheEnd = new ArrayList<>();
        List<Alert> after = new ArrayList<>();
        for (int i = 0; i < cycles.size(); i++) {
            (i < endedAt ? beforeTheEnd : i == endedAt ? atTheEnd : after)
                    .addAll(detector.onCycle(state, cycles.get(i)));
        }
        assertThat(beforeTheEnd)
                .as("ch03 is out of its group before its test ends")
                .anySatisfy(a -> assertThat(a.status()).isEqualTo(AlertStatus.FIRING));
        assertThat(atTheEnd).singleElement().satisfies(a -> {
            assertThat(a.channelId()).isEqualTo("ch03");
            assertThat(a.status()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(a.cycleIndex()).isEqualTo(40);
            assertThat(a.message()).contains("left its group");
        });
        assertThat(state.memberIds()).doesNotContain("ch03").hasSize(4);
        assertThat(after).as("the healthy siblings stay together").isEmpty();

        // A departure of a cell the group does not know changes nothing.
        assertThat(detector.onCycle(state, GroupCycle.departure(GROUP, ch03, 1, 40, 0, null)))
                .isEmpty();
        assertThat(state.memberIds()).hasSize(4);
    }

    /**
     * A cell of {@code relativeCapacity} times the batch's capacity on currents set from one nominal
     * capacity: its cycles last in proportion to its capacity, so it drifts away from its siblings'
     * cycle index. The chamber is 25 K colder between two moments (capacity ×0.8, overpotential ×1.8
     * by Arrhenius) for every cell at once, whichever cycle each has reached; the cell leaks
     * {@code ownCe} of its charge.
     */
    private static List<GroupCycle> cellInChamber(
            String channel,
            long seed,
            double relativeCapacity,
            double coldFromS,
            double coldToS,
            IntToDoubleFunction ownCe) {
        SplittableRandom noise = new SplittableRandom(seed);
        double capacity = 0.0030 * relativeCapacity;
        List<GroupCycle> out = new ArrayList<>();
        double end = 0;
        for (int n = 1; n <= 200; n++) {
            boolean cold = end >= coldFromS && end < coldToS;
            double q = capacity * (cold ? 0.8 : 1.0) * (1 + 0.001 * noise.nextGaussian());
            double duration = CYCLE_S * q / 0.0030;
            end += duration;
            out.add(new GroupCycle(
                    GROUP,
                    channel,
                    1,
                    n,
                    CellType.FULL,
                    "NCM811|Graphite",
                    end - duration,
                    end,
                    1_700_000_000_000L + (long) (end * 1000),
                    0.9995 + 0.0002 * noise.nextGaussian() - ownCe.applyAsDouble(n),
                    q,
                    0.060 * (cold ? 1.8 : 1.0) * (1 + 0.002 * noise.nextGaussian())));
        }
        return out;
    }

    /** Five cells whose capacities differ by up to ±4 %: after 150 cycles they are up to 6 cycles apart. */
    private static List<List<GroupCycle>> driftingGroup(int leaking, IntToDoubleFunction leak) {
        double[] capacities = {0.96, 0.98, 1.0, 1.02, 1.04};
        List<List<GroupCycle>> cells = new ArrayList<>();
        for (int i = 0; i < capacities.length; i++) {
            IntToDoubleFunction ce = i == leaking ? leak : n -> 0;
            cells.add(cellInChamber("ch1" + i, 20 + i, capacities[i], 150 * CYCLE_S, 170 * CYCLE_S, ce));
        }
        return cells;
    }

    /**
     * Seven cells on two-hour cycles; the last four end each cycle six tenths of a cycle after the first three.
     * From a moment on the lab runs a slower rate and every cycle that starts after it reaches {@code factor}
     * of the capacity: the later four meet it one index before the first three, and for that index the group
     * is split between the old and the new, its siblings' departures spread by the whole step.
     */
    private static List<List<GroupCycle>> stepMetOneIndexApart(double factor) {
        double stepAtS = 140.3 * CYCLE_S;
        List<List<GroupCycle>> cells = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            SplittableRandom noise = new SplittableRandom(70 + i);
            double capacity = 0.0030 * (1 + 0.03 * noise.nextGaussian());
            double shiftS = i < 3 ? 0 : 0.6 * CYCLE_S;
            List<GroupCycle> own = new ArrayList<>();
            for (int n = 1; n <= 200; n++) {
                double start = (n - 1) * CYCLE_S + shiftS;
                double end = start + CYCLE_S;
                own.add(new GroupCycle(
                        GROUP,
                        "ch7" + i,
                        1,
                        n,
                        CellType.FULL,
                        "NCM811|Graphite",
                        start,
                        end,
                        1_700_000_000_000L + (long) (end * 1000),
                        0.9995 + 0.0002 * noise.nextGaussian(),
                        capacity * (start >= stepAtS ? factor : 1) * (1 + 0.001 * noise.nextGaussian()),
                        0.060 * (1 + 0.002 * noise.nextGaussian())));
            }
            cells.add(own);
        }
        return cells;
    }

    /**
     * For the index the step splits the group at, each cell is in its group by the band the split widened,
     * however far the split put it. That departure is when the step came, not the cell (at the same moment
     * every cell is with its siblings); learnt into the usual offsets, it would leave the two halves apart by
     * a tenth of it once the whole group runs the new rate (healthy group 21006: three cells out by 1.4 %).
     */
    @Test
    void aLastingStepThatSplitsTheGroupForAnIndexTeachesItNothing() {
        assertThat(run(inTheOrderTheyEnded(stepMetOneIndexApart(1.3)))).isEmpty();
        assertThat(run(inTheOrderTheyEnded(stepMetOneIndexApart(0.77)))).isEmpty();
    }

    @Test
    void aChamberStepReachesCellsThatDriftedApartAtDifferentCyclesAndKeepsThemTogether() {
        List<List<GroupCycle>> cells = driftingGroup(-1, n -> 0);
        int[] firstCold = cells.stream()
                .mapToInt(c -> c.stream()
                        .filter(g -> g.dischargeAh() < 0.0027 * 0.97)
                        .findFirst()
                        .orElseThrow()
                        .cycleIndex())
                .toArray();
        assertThat(java.util.Arrays.stream(firstCold).max().getAsInt()
                        - java.util.Arrays.stream(firstCold).min().getAsInt())
                .as("the cold spell reaches the cells cycles apart")
                .isGreaterThanOrEqualTo(4);
        assertThat(run(inTheOrderTheyEnded(cells))).isEmpty();
    }

    @Test
    void aLeakInACellThatDriftedAheadIsStillCaughtOnlyLaterByItsLag() {
        // ch10 (4 % less capacity) runs ahead of its siblings; it starts leaking at cycle 120.
        List<Alert> alerts = run(inTheOrderTheyEnded(driftingGroup(0, n -> n >= 120 ? 0.01 * (n - 119) : 0)));
        assertThat(alerts)
                .filteredOn(a -> a.status() == AlertStatus.FIRING)
                .first()
                .satisfies(a -> {
                    assertThat(a.channelId()).isEqualTo("ch10");
                    assertThat(a.evidence()).containsEntry("quantity", 1.0);
                    // about 5 cycles ahead of the siblings' median: 2 cycles running plus its lag
                    assertThat(a.cycleIndex()).isBetween(124, 128);
                });
    }

    /** The cycle with its capacity and overpotential scaled (what happened to this cell alone). */
    private static GroupCycle scaled(GroupCycle c, double capacity, double overpotential) {
        return new GroupCycle(
                c.group(),
                c.channelId(),
                c.test(),
                c.cycleIndex(),
                c.cellType(),
                c.chemistry(),
                c.startTestTimeS(),
                c.endTestTimeS(),
                c.endWallTimeMs(),
                c.coulombicEfficiency(),
                c.dischargeAh() * capacity,
                c.overpotentialV() * overpotential);
    }

    @Test
    void aCellAlreadyOutByItsOverpotentialThatLosesCapacityTooSaysSo() {
        List<List<GroupCycle>> cells = healthyGroup(80);
        // ch02's interphase grows from cycle 30 (overpotential +10 %), then it loses 10 % of its capacity at 50.
        cells.set(
                1,
                cells.get(1).stream()
                        .map(c -> scaled(c, c.cycleIndex() >= 50 ? 0.9 : 1, c.cycleIndex() >= 30 ? 1.1 : 1))
                        .toList());
        List<Alert> firing = run(inTheOrderTheyEnded(cells)).stream()
                .filter(a -> a.status() == AlertStatus.FIRING)
                .toList();
        assertThat(firing).hasSize(2).allSatisfy(a -> assertThat(a.channelId()).isEqualTo("ch02"));
        assertThat(firing.get(0).evidence()).containsEntry("quantity", 3.0);
        assertThat(firing.get(0).cycleIndex()).isBetween(31, 32);
        // The same episode, now naming the capacity: news the first alert did not tell.
        assertThat(firing.get(1).alertId()).isEqualTo(firing.get(0).alertId());
        assertThat(firing.get(1).evidence()).containsEntry("quantity", 2.0);
        assertThat(firing.get(1).cycleIndex()).isBetween(51, 52);
    }

    @Test
    void aLeakingCellsFallingCapacityIsNotNews() {
        List<List<GroupCycle>> cells = healthyGroup(80);
        // ch04 leaks from cycle 40, 2 % of its charge more each cycle: its CE and the capacity it returns fall
        // together.
        IntToDoubleFunction leak = n -> n >= 40 ? Math.min(0.3, 0.02 * (n - 39)) : 0;
        cells.set(3, cell("ch04", 4, 80, n -> 1 - leak.applyAsDouble(n), leak));
        assertThat(run(inTheOrderTheyEnded(cells)))
                .filteredOn(a -> a.status() == AlertStatus.FIRING)
                .singleElement()
                .satisfies(a -> assertThat(a.evidence()).containsEntry("quantity", 1.0));
    }

    /**
     * Four cells on one protocol, cycle by cycle in step; a chamber 20 K colder (capacity ×0.84) that reaches
     * them at the cycles given (a chamber step bound to a moment meets cells drifted apart at different
     * indices), for 20 cycles; {@code loss} of the first cell's capacity from cycle 30.
     */
    private static List<List<GroupCycle>> chamberMeetingCellsApart(int[] coldFrom, double loss) {
        List<List<GroupCycle>> cells = new ArrayList<>();
        for (int i = 0; i < coldFrom.length; i++) {
            int from = coldFrom[i];
            boolean loses = i == 0;
            cells.add(cell(
                            "ch3" + i,
                            40 + i,
                            80,
                            n -> (n >= from && n < from + 20 ? 0.84 : 1) * (loses && n >= 30 ? loss : 1),
                            n -> 0)
                    .stream()
                    .map(ReplicateGroupDetectorTest::onTime)
                    .toList());
        }
        return cells;
    }

    @Test
    void aChamberStepThatReachesTheSiblingsCyclesApartKeepsAHealthyGroupTogether() {
        assertThat(run(inTheOrderTheyEnded(chamberMeetingCellsApart(new int[] {31, 33, 32, 31}, 1))))
                .isEmpty();
    }

    /**
     * Half the group meets the chamber step two cycles before the other half (cells drifted apart by two
     * cycles): for two cycle indices the siblings split into the cold and the warm, their own departures
     * spread by the whole step, and every cell is within that band. Those cycles are the split, not the
     * cells: they must not teach the cells' usual offsets, or once the group closes again (and again when
     * the chamber warms) each cell sits off its usual offset by what it learnt there, out of its group.
     */
    @Test
    void aGroupSplitByAChamberStepForTwoCyclesClosesAgainWithoutAWarning() {
        assertThat(run(inTheOrderTheyEnded(chamberMeetingCellsApart(new int[] {31, 31, 31, 33, 33, 33}, 1))))
                .isEmpty();
        assertThat(run(inTheOrderTheyEnded(chamberMeetingCellsApart(new int[] {31, 32, 32, 33, 33, 33, 33}, 1))))
                .as("first one cell, then two, then the rest")
                .isEmpty();
        assertThat(run(inTheOrderTheyEnded(chamberMeetingCellsApart(new int[] {31, 32, 33, 34, 35}, 1))))
                .as("one cell a cycle")
                .isEmpty();
    }

    /**
     * The drifting group of {@link #driftingGroup} (up to 6 cycles apart by cycle 150) in a chamber that is
     * cold for only four cycles' time: the cells that lead meet the cold and then the warm again cycles
     * before their siblings, so at the same index they are out of the group on the way in and again on the
     * way out, for longer than their lag. At the same moment they are with their siblings all along.
     */
    private static List<List<GroupCycle>> shortColdSpell(int leaking, IntToDoubleFunction leak) {
        double[] capacities = {0.96, 0.98, 1.0, 1.02, 1.04};
        List<List<GroupCycle>> cells = new ArrayList<>();
        for (int i = 0; i < capacities.length; i++) {
            IntToDoubleFunction ce = i == leaking ? leak : n -> 0;
            cells.add(cellInChamber("ch6" + i, 60 + i, capacities[i], 150 * CYCLE_S, 154 * CYCLE_S, ce));
        }
        return cells;
    }

    @Test
    void aShortColdSpellThatReachesDriftedCellsAtDifferentCyclesKeepsThemTogether() {
        assertThat(run(inTheOrderTheyEnded(shortColdSpell(-1, n -> 0)))).isEmpty();
    }

    @Test
    void aLeakDuringAShortColdSpellStillTakesTheCellOut() {
        List<Alert> firing = run(inTheOrderTheyEnded(shortColdSpell(0, n -> n >= 150 ? 0.01 * (n - 149) : 0))).stream()
                .filter(a -> a.status() == AlertStatus.FIRING)
                .toList();
        assertThat(firing)
                .isNotEmpty()
                .allSatisfy(a -> assertThat(a.channelId()).isEqualTo("ch60"));
        assertThat(firing.get(0).evidence()).containsEntry("quantity", 1.0);
    }

    /**
     * Four cells in step; the chamber turns 20 K colder (capacity ×0.84) during the cycle given for each cell:
     * the first cell meets it a cycle after its siblings. That cycle charged warm and discharged cold, so
     * the cell holds back 2 % of its charge (CE 2 points low); the next cycle, all cold, returns it (CE 2
     * points high).
     */
    private static List<List<GroupCycle>> chamberHoldingChargeBack(int[] coldFrom) {
        List<List<GroupCycle>> cells = new ArrayList<>();
        for (int i = 0; i < coldFrom.length; i++) {
            int from = coldFrom[i];
            IntToDoubleFunction heldBack = n -> n == from ? 0.02 : n == from + 1 ? -0.02 : 0;
            cells.add(cell("ch5" + i, 50 + i, 80, n -> n > from && n < from + 20 ? 0.84 : 1, heldBack).stream()
                    .map(ReplicateGroupDetectorTest::onTime)
                    .toList());
        }
        return cells;
    }

    @Test
    void chargeHeldBackInOneCycleAndReturnedInTheNextIsNotLost() {
        // The first cell differs from its siblings at cycles 31 (they hold back, it does not), 32 (it holds
        // back, they return) and 33 (it returns): three cycles running, but over them its charge balances.
        assertThat(run(inTheOrderTheyEnded(chamberHoldingChargeBack(new int[] {32, 31, 31, 31}))))
                .isEmpty();
    }

    @Test
    void chargeReturnedOnlyInPartIsStillLost() {
        List<List<GroupCycle>> cells = healthyGroup(60);
        // ch02 loses 3 % of its charge at cycles 40 and 42 and gets back a third of the first at 41.
        cells.set(1, cell("ch02", 2, 60, n -> 1, n -> n == 40 || n == 42 ? 0.03 : n == 41 ? -0.01 : 0));
        assertThat(run(inTheOrderTheyEnded(cells)))
                .filteredOn(a -> a.status() == AlertStatus.FIRING)
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.channelId()).isEqualTo("ch02");
                    assertThat(a.evidence()).containsEntry("quantity", 1.0);
                    assertThat(a.cycleIndex()).isEqualTo(42);
                });
    }

    @Test
    void twoCellsCannotTellWhoLeftWhom() {
        List<List<GroupCycle>> cells = healthyGroup(60).subList(0, 1);
        List<List<GroupCycle>> pair = new ArrayList<>(cells);
        pair.add(cell("ch09", 9, 60, n -> n >= 30 ? 0.7 : 1, n -> 0));
        assertThat(run(inTheOrderTheyEnded(pair))).isEmpty();
    }
}

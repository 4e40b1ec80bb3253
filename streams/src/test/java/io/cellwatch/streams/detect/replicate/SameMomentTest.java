package io.cellwatch.streams.detect.replicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cellwatch.streams.detect.replicate.ReplicateGroupState.Member;
import io.cellwatch.streams.detect.replicate.ReplicateGroupState.Pending;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A group of five cells on a one-hour cycle when the chamber warms in the middle of a cycle: the cycle each
 * cell is in when it warms charged cold and discharged warm (CE half a point high), the one after holds
 * charge back (CE two points low), then the cells are back at their usual CE. Four siblings end their
 * cycles within two minutes of each other; the fifth cell is a cycle index behind them and ends its cycles
 * a tenth of a cycle after theirs. It meets the step at the next index, and its cycle after the step runs
 * nine tenths of its time alongside its siblings' cycle after the step, which ended just before it.
 */
class SameMomentTest {
    private static final double CYCLE_S = 3600;
    private static final double WARM_FROM_S = 30.4 * CYCLE_S;
    private static final double USUAL_CE = 0.998;

    /** One cell's cycles 20..40; {@code endOf1S}: when its cycle 1 would have ended; {@code ownLossFrom}: the cycle its own leak begins. */
    private static Member cell(String channel, double endOf1S, int ownLossFrom) {
        Member m = new Member();
        m.channelId = channel;
        for (int n = 20; n <= 40; n++) {
            double end = endOf1S + (n - 1) * CYCLE_S;
            double start = end - CYCLE_S;
            double ce = USUAL_CE;
            if (start <= WARM_FROM_S && WARM_FROM_S < end) {
                ce += 0.005; // charged cold, discharged warm
            } else if (start - CYCLE_S <= WARM_FROM_S && WARM_FROM_S < start) {
                ce -= 0.02; // the cycle after the step holds charge back
            }
            if (n >= ownLossFrom) {
                ce -= 0.02; // the cell's own leak
            }
            Pending p = new Pending();
            p.cycleIndex = n;
            p.coulombicEfficiency = ce;
            p.dischargeAh = 0.003;
            p.endTestTimeS = end;
            p.endWallTimeMs = 1_700_000_000_000L + (long) (end * 1000);
            p.durationS = CYCLE_S;
            m.recent.add(p);
        }
        return m;
    }

    private static ReplicateGroupState group(int lateCellLeaksFrom) {
        ReplicateGroupState state = new ReplicateGroupState();
        state.members = new ArrayList<>(List.of(
                cell("ch1", CYCLE_S, Integer.MAX_VALUE),
                cell("ch2", CYCLE_S + 60, Integer.MAX_VALUE),
                cell("ch3", CYCLE_S + 90, Integer.MAX_VALUE),
                cell("ch4", CYCLE_S + 120, Integer.MAX_VALUE),
                // a cycle index behind, ending its cycles a tenth of a cycle after its siblings'
                cell("late", 360, lateCellLeaksFrom)));
        return state;
    }

    private static double ceAtTheMoment(ReplicateGroupState state, int cycle) {
        Member late = state.members.get(4);
        Pending p = late.recent.stream()
                .filter(c -> c.cycleIndex == cycle)
                .findFirst()
                .orElseThrow();
        double[] departure = SameMoment.departure(
                state,
                state.members,
                4,
                p,
                SameMoment.aligned(late, late.quantities(p)),
                ReplicateGroupSettings.defaults());
        return departure[GroupQuantity.COULOMBIC_EFFICIENCY.ordinal()];
    }

    @Test
    void theCycleAfterAStepIsComparedWithTheSiblingsCyclesThatRanAlongsideIt() {
        ReplicateGroupState state = group(Integer.MAX_VALUE);
        // The late cell's cycle 33 (the one after its step) against its siblings' cycle 32 (theirs): both two
        // points low. Their cycle 33, which ended after it, began when the late cell's was nine tenths done.
        assertThat(state.members.get(4).recent.get(33 - 20).coulombicEfficiency).isEqualTo(USUAL_CE - 0.02);
        assertThat(state.members.get(0).recent.get(32 - 20).coulombicEfficiency).isEqualTo(USUAL_CE - 0.02);
        assertThat(ceAtTheMoment(state, 33)).isCloseTo(0, within(1e-9));
        // Its step cycle 32 ran nine tenths alongside its siblings' step cycle 31.
        assertThat(ceAtTheMoment(state, 32)).isCloseTo(0, within(1e-9));
    }

    @Test
    void aCellsOwnLossIsStillOutAtTheMoment() {
        ReplicateGroupState state = group(35);
        assertThat(ceAtTheMoment(state, 36)).isCloseTo(-0.02, within(1e-9));
    }

    @Test
    void aSiblingWhoseCycleAtTheMomentHasNotEndedTellsNothingOfIt() {
        ReplicateGroupState state = group(Integer.MAX_VALUE);
        // Two siblings are in a long cycle that began before the step and has not ended (a slow diagnostic
        // cycle, a pause): the last cycles they reported, 30, ended before the step. Their CE at the moment
        // of the late cell's cycle after the step is not known; the two siblings that ran alongside it held
        // charge back as it did.
        for (int sibling = 0; sibling < 2; sibling++) {
            state.members.get(sibling).recent.removeIf(c -> c.cycleIndex > 30);
        }
        assertThat(ceAtTheMoment(state, 33)).isCloseTo(0, within(1e-9));
        // With a single sibling left that knows the moment there is no group to compare with.
        state.members.get(2).recent.removeIf(c -> c.cycleIndex > 30);
        assertThat(ceAtTheMoment(state, 33)).isNaN();
    }

    @Test
    void aCycleSplitBetweenTwoOfASiblingsCyclesKeepsBothAsTheSameMoment() {
        ReplicateGroupState state = group(Integer.MAX_VALUE);
        // One sibling's cycles half a cycle out of phase with the late cell's, the others' as before: neither of
        // that sibling's cycles ran through most of the late cell's cycle, so both stand for the moment.
        Member shifted = cell("ch4", CYCLE_S + 2160, Integer.MAX_VALUE);
        state.members.set(3, shifted);
        Member late = state.members.get(4);
        Pending p = late.recent.get(33 - 20);
        double moment = GroupPacing.time(state, p);
        assertThat(GroupPacing.sharingMostOf(state, shifted, moment - p.durationS, moment))
                .isNull();
        assertThat(GroupPacing.sharingMostOf(state, state.members.get(0), moment - p.durationS, moment).cycleIndex)
                .isEqualTo(32);
        // That sibling's two (after its step, and back at its usual CE) leave the siblings' median where it was.
        assertThat(ceAtTheMoment(state, 33)).isCloseTo(0, within(1e-9));
    }
}

package io.cellwatch.streams.detect.replicate;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.streams.detect.Episode;
import io.cellwatch.streams.detect.replicate.ReplicateGroupState.Member;
import io.cellwatch.streams.detect.replicate.ReplicateGroupState.Pending;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who the group waits for: the cells' membership (a new test on a channel is a new cell), their
 * cycles kept until the siblings' cycle of the same index has come, and the highest cycle every
 * active cell has reached. A cell that stopped (its last cycle ended more than
 * {@link ReplicateGroupSettings#lapseCycleDurations()} group cycle durations before the group's
 * newest), or whose cycle index is further than {@link ReplicateGroupSettings#pendingCycles()} from
 * the group's median (started late, a new test on its channel; or far ahead), is not waited for.
 */
final class GroupPacing {
    private GroupPacing() {}

    /** The cell's member record; a new test on its channel is a new cell (its open episode resolves). */
    static Member member(ReplicateGroupState state, GroupCycle cycle, AlertKind kind, List<Alert> out) {
        for (Member m : state.members) {
            if (m.channelId.equals(cycle.channelId())) {
                if (m.test != cycle.test()) {
                    leave(m, kind, "A new test began on the channel: the old cell's episode ends", out);
                    Member fresh = new Member();
                    fresh.channelId = m.channelId;
                    fresh.test = cycle.test();
                    fresh.testIdSuffix = cycle.testIdSuffix();
                    fresh.firstStartS = wallStartS(cycle);
                    state.members.set(state.members.indexOf(m), fresh);
                    return fresh;
                }
                // A member stored, or a cycle sent, before the suffix was carried has none: the next cycle gives it.
                m.testIdSuffix = cycle.testIdSuffix();
                return m;
            }
        }
        Member m = new Member();
        m.channelId = cycle.channelId();
        m.test = cycle.test();
        m.testIdSuffix = cycle.testIdSuffix();
        m.firstStartS = wallStartS(cycle);
        state.members.add(m);
        return m;
    }

    /**
     * Notes the cell's newest cycle and keeps it (at most pendingCycles) until its siblings' have come.
     *
     * @return false when the group already judged the cycle's index: it is not kept
     */
    static boolean arrived(
            ReplicateGroupState state, Member member, GroupCycle cycle, ReplicateGroupSettings settings) {
        if (cycle.endWallTimeMs() == null) {
            state.testClock = true;
        }
        member.latestCycle = cycle.cycleIndex();
        member.latestEndTestTimeS = cycle.endTestTimeS();
        member.latestEndWallTimeMs = cycle.endWallTimeMs();
        member.lastCycleDurationS = cycle.endTestTimeS() - cycle.startTestTimeS();
        member.recent.add(pending(cycle));
        if (member.recent.size() > 2 * settings.pendingCycles()) {
            member.recent.remove(0);
        }
        if (cycle.cycleIndex() > state.judgedThrough) {
            Pending p = pending(cycle);
            p.lagCycles = lagCycles(state, member, settings);
            member.pending.add(p);
            if (member.pending.size() > settings.pendingCycles()) {
                member.pending.remove(0);
            }
            return true;
        }
        return false;
    }

    /** When the cycle began on the wall clock (epoch seconds), or 0 when it has no wall clock. */
    private static double wallStartS(GroupCycle cycle) {
        return cycle.endWallTimeMs() == null
                ? 0
                : cycle.endWallTimeMs() / 1000.0 - (cycle.endTestTimeS() - cycle.startTestTimeS());
    }

    private static Pending pendingCopy(Pending kept) {
        Pending p = new Pending();
        p.cycleIndex = kept.cycleIndex;
        p.coulombicEfficiency = kept.coulombicEfficiency;
        p.dischargeAh = kept.dischargeAh;
        p.overpotentialV = kept.overpotentialV;
        p.endTestTimeS = kept.endTestTimeS;
        p.endWallTimeMs = kept.endWallTimeMs;
        p.durationS = kept.durationS;
        return p;
    }

    private static Pending pending(GroupCycle cycle) {
        Pending p = new Pending();
        p.cycleIndex = cycle.cycleIndex();
        p.coulombicEfficiency = cycle.coulombicEfficiency();
        p.dischargeAh = cycle.dischargeAh();
        p.overpotentialV = cycle.overpotentialV();
        p.endTestTimeS = cycle.endTestTimeS();
        p.endWallTimeMs = cycle.endWallTimeMs();
        p.durationS = cycle.endTestTimeS() - cycle.startTestTimeS();
        return p;
    }

    /**
     * How many cycles the cell is ahead of or behind its running siblings at the moment its cycle
     * ended (rounded; a cell half a cycle away counts as one). Cells with
     * more capacity take longer per cycle at the same currents, so replicates drift apart in cycle
     * index; an event bound to a moment (the chamber's temperature, a pause of the lab) then reaches
     * them this many cycles apart, and for that many cycles the cell differs from its siblings at
     * the same index without anything being wrong with it.
     */
    private static int lagCycles(ReplicateGroupState state, Member member, ReplicateGroupSettings settings) {
        boolean[] running = running(state, settings);
        double[] others = new double[state.members.size()];
        int n = 0;
        for (int i = 0; i < running.length; i++) {
            Member m = state.members.get(i);
            if (running[i] && m != member) {
                others[n++] = m.latestCycle;
            }
        }
        if (n == 0) {
            return 0;
        }
        // The siblings are somewhere in the cycle after their last complete one (half-way on the median); a cell
        // half a cycle or more away meets a moment's event at another index than they do, and its effect on
        // one cycle (a pause's self-discharge, a step's first cycle) then shows a cycle apart.
        double d = member.latestCycle - (GroupStatistics.median(java.util.Arrays.copyOf(others, n)) + 0.5);
        return (int) Math.round(Math.abs(d));
    }

    /**
     * The group starts again when it holds a new batch: every cell still running is more than {@link
     * ReplicateGroupSettings#pendingCycles()} cycles behind what the group judged, and began its test after
     * every cell that stopped had ended its last cycle (new cells on the group's channels, or a new batch under
     * its name). Such cells would not be judged until their cycle index passed the old batch's. The cells that
     * stopped leave (a firing episode ends: the group's cells are others now), and the cells running are judged
     * from their cycles it still has ({@code recent}) on. Cells behind for another reason (a cell that drifted
     * or was replaced while its siblings ran, the first to report after a pause of the whole lab, or after a
     * catch-up that reached it first) began while the others ran, and the group keeps them all. Where the start
     * is not known (a cycle without a wall clock, a state stored before it was kept), the group never starts
     * again by itself: the old cells' tests are ended with {@code cellwatch end-test}.
     *
     * @return whether it started again
     */
    static boolean startAgainIfOvertaken(
            ReplicateGroupState state, ReplicateGroupSettings settings, AlertKind kind, List<Alert> out) {
        if (state.judgedThrough == Integer.MIN_VALUE || state.testClock) {
            return false;
        }
        boolean[] running = running(state, settings);
        double firstNewStartS = Double.POSITIVE_INFINITY;
        double lastOldEndS = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < running.length; i++) {
            Member m = state.members.get(i);
            if (running[i]) {
                if (m.latestCycle > state.judgedThrough - settings.pendingCycles() || m.firstStartS <= 0) {
                    return false;
                }
                firstNewStartS = Math.min(firstNewStartS, m.firstStartS);
            } else {
                lastOldEndS = Math.max(lastOldEndS, time(state, m));
            }
        }
        if (firstNewStartS == Double.POSITIVE_INFINITY || firstNewStartS < lastOldEndS) {
            return false;
        }
        List<Member> stayed = new ArrayList<>();
        // Judged from the first cycle every running cell still has among its newest pendingCycles.
        int judgedThrough = Integer.MIN_VALUE;
        for (int i = 0; i < running.length; i++) {
            Member m = state.members.get(i);
            if (!running[i]) {
                leave(m, kind, "The cell stopped and its group started again with cells that began later", out);
                continue;
            }
            stayed.add(m);
            List<Pending> newest =
                    m.recent.subList(Math.max(0, m.recent.size() - settings.pendingCycles()), m.recent.size());
            int first = newest.stream().mapToInt(p -> p.cycleIndex).min().orElse(m.latestCycle);
            judgedThrough = Math.max(judgedThrough, first - 1);
        }
        state.members.clear();
        state.members.addAll(stayed);
        state.judgedThrough = judgedThrough;
        for (Member m : stayed) {
            m.pending.clear();
            for (Pending p : m.recent) {
                if (p.cycleIndex > judgedThrough) {
                    m.pending.add(pendingCopy(p)); // lagCycles 0: the lag when it ended was not kept
                }
            }
        }
        return true;
    }

    /** A cell leaves the group: its firing episode ends, stamped with its latest cycle. */
    static void leave(Member m, AlertKind kind, String why, List<Alert> out) {
        if (m.episode.firing()) {
            out.addAll(m.episode.quiet(
                    kind,
                    1,
                    new Episode.Evidence(m.channelId, m.latestCycle, m.latestEndTestTimeS, m.latestEndWallTimeMs),
                    why,
                    Map.of("testEnded", 1.0)));
        }
    }

    /** The highest cycle every active cell has reached: what can be judged now. */
    static int readyThrough(ReplicateGroupState state, ReplicateGroupSettings settings) {
        boolean[] running = running(state, settings);
        double[] latest = new double[state.members.size()];
        for (int i = 0; i < latest.length; i++) {
            latest[i] = state.members.get(i).latestCycle;
        }
        double typical = GroupStatistics.median(latest);
        int ready = Integer.MAX_VALUE;
        for (int i = 0; i < running.length; i++) {
            Member m = state.members.get(i);
            boolean outOfStep = Math.abs(m.latestCycle - typical) > settings.pendingCycles();
            if (running[i] && !outOfStep) {
                ready = Math.min(ready, m.latestCycle);
            }
        }
        return ready == Integer.MAX_VALUE ? state.judgedThrough : ready;
    }

    /** Per member: false when it stopped (its last cycle ended lapseCycleDurations before the group's newest). */
    private static boolean[] running(ReplicateGroupState state, ReplicateGroupSettings settings) {
        double newest = Double.NEGATIVE_INFINITY;
        double[] durations = new double[state.members.size()];
        for (int i = 0; i < durations.length; i++) {
            Member m = state.members.get(i);
            newest = Math.max(newest, time(state, m));
            durations[i] = m.lastCycleDurationS;
        }
        double lapseS = settings.lapseCycleDurations() * GroupStatistics.median(durations);
        boolean[] running = new boolean[durations.length];
        for (int i = 0; i < durations.length; i++) {
            running[i] = newest - time(state, state.members.get(i)) <= lapseS;
        }
        return running;
    }

    /** When the cell's last cycle ended, on the group's clock (wall clock unless a cycle lacked one). */
    private static double time(ReplicateGroupState state, Member m) {
        return state.testClock || m.latestEndWallTimeMs == null ? m.latestEndTestTimeS : m.latestEndWallTimeMs / 1000.0;
    }

    /** When a cycle ended, on the group's clock. */
    static double time(ReplicateGroupState state, Pending p) {
        return state.testClock || p.endWallTimeMs == null ? p.endTestTimeS : p.endWallTimeMs / 1000.0;
    }

    /**
     * The cell's recent cycle that ran through more than half of the span from {@code from} to {@code to} on the
     * group's clock (a cycle runs from its end less its span), or null when none did: the span is split between
     * cycles, or the cell's cycle that covers it has not ended yet. At most one cycle can: a cell's cycles do
     * not overlap one another.
     */
    static Pending sharingMostOf(ReplicateGroupState state, Member m, double from, double to) {
        double half = (to - from) / 2;
        if (!(half > 0)) {
            return null;
        }
        for (Pending p : m.recent) {
            double end = time(state, p);
            double shared = Math.min(to, end) - Math.max(from, end - p.durationS);
            if (shared > half) {
                return p;
            }
        }
        return null;
    }

    /**
     * The cell's recent cycles around a moment on the group's clock: the last that ended at or before it
     * and the first that ended after it (only that one where the cell has none before). None while no
     * cycle of the cell has ended after the moment: the cycle it was in then has not ended yet (a long
     * diagnostic cycle, a pause) or it stopped, and what it was at that moment is not known. Its last
     * cycle before it does not stand for it: an event bound to a moment (a chamber step) may have come
     * between them, and a cell compared with siblings that had not yet met it would be out for having met
     * it first (healthy group 25014: a cell meeting a cold step, against four siblings whose cycles still
     * ran).
     */
    static List<Pending> around(ReplicateGroupState state, Member m, double moment) {
        Pending before = null;
        Pending after = null;
        for (Pending p : m.recent) {
            double t = time(state, p);
            if (t <= moment && (before == null || t > time(state, before))) {
                before = p;
            } else if (t > moment && (after == null || t < time(state, after))) {
                after = p;
            }
        }
        List<Pending> out = new java.util.ArrayList<>(2);
        if (after == null) {
            return out;
        }
        if (before != null) {
            out.add(before);
        }
        out.add(after);
        return out;
    }
}

package io.cellwatch.streams.detect.replicate;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.Severity;
import io.cellwatch.streams.detect.Episode;
import io.cellwatch.streams.detect.profile.DetectorProfile;
import io.cellwatch.streams.detect.profile.ProfileSelector;
import io.cellwatch.streams.detect.replicate.ReplicateGroupState.Member;
import io.cellwatch.streams.detect.replicate.ReplicateGroupState.Pending;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Replicate groups ("virtual pack"): the cells of one group are built alike and run one protocol
 * at one temperature side by side, so each cycle of a cell is compared with its siblings' cycle of
 * the same index: CE, capacity retention (against the cell's own first cycles) and the overpotential
 * (likewise), capacity and overpotential in logarithms. Each cell keeps its usual offset from its
 * siblings and the rate at which that offset grows ({@link UsualOffset}); its departure is its value
 * less its usual offset, against the median of its siblings' values less theirs (cells that aged apart
 * line up, so the median does not jump from one to another when a cell leaves). A departure beyond six
 * standard deviations of the larger of the cell's own scatter and its siblings' own departures at
 * that cycle (never less than its profile's narrowest band), for two cycles running, is a cell that
 * left its group: a {@code replicate_outlier} warning. CE leaves its band for a cause only while the
 * charge the cell has held back against its siblings since it left the band (its CE departures summed)
 * stays outside the band too: charge a cycle held back and the next returned was not lost
 * ({@link ReplicateGroupState.Member#chargeCameBack}). A cell out of its group at its cycle index but
 * in it against its siblings' cycles that ran alongside it in time met an event bound to a moment at
 * another index than they did: it is not out (see {@link ReplicateGroupSettings#defaults()}).
 *
 * <p>Why: whatever the lab does to the cells (a rate or temperature change, a long rest, a calendar
 * pause, a diagnostic cycle, a cycler quirk of the rack) happens to all siblings and cancels in the
 * offset; what remains is the cell's own physics (a leak, a capacity loss, a rising interface
 * resistance). The baselines are per cell, the spreads robust (median absolute deviation).
 *
 * <p>Order: a group's cycle is judged once every active sibling has reported it (or a later one);
 * cells wait for each other at most {@link ReplicateGroupSettings#pendingCycles()} cycles. A cell
 * that stopped (its last cycle ended more than {@link ReplicateGroupSettings#lapseCycleDurations()}
 * group cycle durations before the group's newest), or whose cycle index is further than that from
 * the group's median (started late, a new test on its channel; or far ahead), is not waited for.
 * Given the cycles in the order they ended, the verdicts do not depend on how
 * the cells' cycles interleave.
 */
public final class ReplicateGroupDetector {
    public static final String NAME = "replicate-group";
    private static final AlertKind KIND = AlertKind.REPLICATE_OUTLIER;

    private final ProfileSelector profiles;

    public ReplicateGroupDetector(ProfileSelector profiles) {
        this.profiles = profiles;
    }

    /** Folds a cell's closed cycle into its group; returns the alert events it caused for any cell. */
    public List<Alert> onCycle(ReplicateGroupState state, GroupCycle cycle) {
        ReplicateGroupSettings settings = settings(cycle);
        List<Alert> out = new ArrayList<>(0);
        if (cycle.isDeparture()) {
            depart(state, cycle, out);
        } else {
            Member member = GroupPacing.member(state, cycle, KIND, out);
            if (!GroupPacing.arrived(state, member, cycle, settings)
                    && !GroupPacing.startAgainIfOvertaken(state, settings, KIND, out)) {
                state.lateCycles++; // counted, and logged by the processor: not judged, not silently
            }
        }
        int ready = GroupPacing.readyThrough(state, settings);
        if (ready <= state.judgedThrough) {
            return out;
        }
        TreeSet<Integer> cycles = new TreeSet<>();
        for (Member m : state.members) {
            for (Pending p : m.pending) {
                if (p.cycleIndex > state.judgedThrough && p.cycleIndex <= ready) {
                    cycles.add(p.cycleIndex);
                }
            }
        }
        for (int c : cycles) {
            out.addAll(judge(state, c, cycle));
        }
        state.judgedThrough = ready;
        for (Member m : state.members) {
            m.pending.removeIf(p -> p.cycleIndex <= ready);
        }
        return out;
    }

    /**
     * The cell leaves its group (the operator ended its channel's test, or its metadata no longer name the
     * group): its firing episode resolves, and the group
     * forgets it, so its siblings' cycles no longer wait for it and a cell that later takes its channel
     * joins as a new member. A departure of a cell the group does not know changes nothing.
     */
    private static void depart(ReplicateGroupState state, GroupCycle departure, List<Alert> out) {
        for (Member m : state.members) {
            if (m.channelId.equals(departure.channelId())) {
                if (m.episode.firing()) {
                    out.addAll(m.episode.quiet(
                            KIND,
                            1,
                            new Episode.Evidence(
                                    m.channelId,
                                    departure.cycleIndex(),
                                    departure.endTestTimeS(),
                                    departure.endWallTimeMs()),
                            "The cell left its group (its test was ended, or its channel no longer names the group): its episode ends",
                            Map.of("testEnded", 1.0)));
                }
                state.members.remove(m);
                return;
            }
        }
    }

    private ReplicateGroupSettings settings(GroupCycle cycle) {
        return profiles.forChannel(cycle.asChannel()).replicateGroup();
    }

    /** Judges every cell's cycle {@code c} against its siblings'. */
    private List<Alert> judge(ReplicateGroupState state, int c, GroupCycle trigger) {
        List<Member> present = new ArrayList<>();
        List<Pending> cycles = new ArrayList<>();
        for (Member m : state.members) {
            for (Pending p : m.pending) {
                if (p.cycleIndex == c) {
                    present.add(m);
                    cycles.add(p);
                }
            }
        }
        DetectorProfile profile = profiles.forChannel(trigger.asChannel());
        ReplicateGroupSettings settings = profile.replicateGroup();
        double[] floors = {
            profile.ceFluctuation().minBand(),
            profile.capacityDivergence().minRelativeChange(),
            profile.capacityDivergence().minRelativeChange()
        };
        // Every cell's quantities and departures first (references and usual offsets as they stood before
        // this cycle), then the verdicts, each teaching its own cell.
        int n = present.size();
        double[][] values = new double[n][];
        double[][] aligned = new double[n][];
        for (int i = 0; i < n; i++) {
            values[i] = present.get(i).quantities(cycles.get(i));
            aligned[i] = SameMoment.aligned(present.get(i), values[i]);
        }
        CycleComparison cycle = CycleComparison.of(values, aligned, settings.minSiblings());
        List<Alert> out = new ArrayList<>(0);
        double[][] atTheMoment = new double[n][];
        for (int i = 0; i < n; i++) {
            atTheMoment[i] = SameMoment.departure(state, present, i, cycles.get(i), aligned[i], settings);
        }
        for (int i = 0; i < n; i++) {
            out.addAll(judgeMember(
                    present.get(i), cycles.get(i), i, cycle, atTheMoment[i], floors, settings, trigger.group()));
            present.get(i).learnReferences(cycles.get(i));
        }
        return out;
    }

    private List<Alert> judgeMember(
            Member m,
            Pending p,
            int self,
            CycleComparison cycle,
            double[] atTheMoment,
            double[] floors,
            ReplicateGroupSettings settings,
            String group) {
        OutlierVerdict[] out = new OutlierVerdict[GroupQuantity.values().length];
        OutlierVerdict worst = null;
        boolean judged = false;
        for (GroupQuantity q : GroupQuantity.values()) {
            int j = q.ordinal();
            double departure = cycle.departures()[self][j];
            if (Double.isNaN(departure)) {
                continue;
            }
            UsualOffset usual = m.usualOffsets[j];
            double offset = departure + usual.predicted();
            double[] siblingDepartures = GroupStatistics.siblings(cycle.departures(), self, j);
            if (usual.count() < settings.learnCycles() || siblingDepartures.length < settings.minSiblings()) {
                usual.add(offset, settings.baselineAlpha());
                continue;
            }
            judged = true;
            double siblingSpread = GroupStatistics.MAD_TO_SIGMA
                    * GroupStatistics.medianAbsoluteDeviation(
                            siblingDepartures, GroupStatistics.median(siblingDepartures));
            double ownScatter = GroupStatistics.MAD_TO_SIGMA * usual.meanAbsDeviation();
            // The cell's own band, widened where its siblings' departures spread further at this cycle.
            double usualBand = Math.max(floors[j], settings.deviationMultiplier() * ownScatter);
            double tolerance = Math.max(usualBand, settings.deviationMultiplier() * siblingSpread);
            if (Math.abs(departure) <= tolerance) {
                if (Math.abs(departure) > usualBand && Math.abs(atTheMoment[j]) <= usualBand) {
                    // In the group only by a band the siblings' spread widened at this index, and at the moment
                    // in its usual band: the cells met an event bound to a moment at different indices, and
                    // this departure is the event's timing, not the cell. It would teach the usual offset a
                    // step the cell then carries against siblings that are back in line (healthy group 21006:
                    // a rate step met a cycle apart left three cells 1.4 % out for six cycles). A cell out at
                    // the moment too answers the event differently from its siblings, and that it learns; so
                    // does one whose moment is not known yet (a sibling's cycle then has not ended): keeping
                    // those out as well let one healthy sibling of a three-cell group learn a leaving cell's
                    // loss while the other did not, which widened the band until the loss was inside it.
                    usual.coast();
                } else {
                    usual.add(offset, settings.baselineAlpha());
                }
                m.quantityRuns[j] = 0;
                if (q == GroupQuantity.COULOMBIC_EFFICIENCY) {
                    m.heldBackCe = 0; // back in the band: nothing is held back any more
                }
                continue;
            }
            usual.coast(); // only in-group cycles teach the usual offset
            if (Math.abs(atTheMoment[j]) <= tolerance) {
                // Out of its group at this index, in it at this moment: the cell met an event bound to a moment
                // at another index than its siblings did. It is not out; the cycle teaches nothing either.
                m.quantityRuns[j] = 0;
                continue;
            }
            if (q == GroupQuantity.COULOMBIC_EFFICIENCY && m.chargeCameBack(departure, tolerance)) {
                m.quantityRuns[j] = 0;
                continue;
            }
            double[] siblingValues = GroupStatistics.siblings(cycle.values(), self, j);
            out[j] = new OutlierVerdict(
                    q,
                    cycle.values()[self][j],
                    GroupStatistics.median(siblingValues),
                    siblingSpread,
                    siblingValues.length,
                    offset,
                    usual.predicted(),
                    tolerance);
            m.quantityRuns[j]++;
            if (worst == null || out[j].score() > worst.score()) {
                worst = out[j];
            }
        }
        if (!judged) {
            return List.of();
        }
        Episode.Evidence at = new Episode.Evidence(m.channelId, p.cycleIndex, p.endTestTimeS, p.endWallTimeMs);
        if (worst == null) {
            m.outOfGroupRun = 0;
            m.runLagCycles = 0;
            List<Alert> resolved = m.episode.quiet(
                    KIND,
                    settings.resolveAfterCycles(),
                    at,
                    String.format(
                            Locale.ROOT,
                            "Back in replicate group %s for %d cycles",
                            group,
                            settings.resolveAfterCycles()),
                    Map.of("cycle", (double) p.cycleIndex));
            if (!m.episode.firing()) {
                m.reportedQuantities = 0;
            }
            return resolved;
        }
        m.outOfGroupRun++;
        m.runLagCycles = Math.max(m.runLagCycles, p.lagCycles);
        m.episode.signatureSeen();
        // An event bound to a moment reaches a cell lagCycles away from its siblings' cycle index: it differs
        // from them at the same index for that many cycles without being out of its group. The lag that
        // counts is the one when the event reached it, at the start of the run (the largest of the run's):
        // later cycles are timed against siblings that may since have closed up or fallen further behind
        // (a diagnostic cycle at C/10 holds each cell ten cycles' time at its own index).
        int needed = settings.persistenceCycles() + m.runLagCycles;
        if (m.outOfGroupRun < needed) {
            return List.of();
        }
        if (!m.episode.firing()) {
            m.reportedQuantities = 1 << worst.quantity().ordinal();
            return m.episode.fire(
                    KIND,
                    Severity.WARNING,
                    at,
                    worst.message(group, m.outOfGroupRun),
                    worst.evidence(m),
                    m.testIdSuffix == null ? "" : m.testIdSuffix);
        }
        return OutlierVerdict.newlyLeft(m, out, needed, at, group, KIND);
    }
}

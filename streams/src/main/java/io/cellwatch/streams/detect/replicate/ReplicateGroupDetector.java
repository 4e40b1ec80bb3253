package io.cellwatch.streams.detect.replicate;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.Severity;
import io.cellwatch.streams.detect.Episode;
import io.cellwatch.streams.detect.Ewma;
import io.cellwatch.streams.detect.leak.CycleLeak;
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
 * (likewise). A cell whose offset from its siblings' median leaves its usual offset by more than
 * six standard deviations (the cell's own offset scatter or the siblings' spread at that cycle,
 * whichever is larger; never less than its profile's narrowest band) for two cycles running has
 * left its group: a {@code replicate_outlier} warning.
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
        Member member = GroupPacing.member(state, cycle, KIND, out);
        GroupPacing.arrived(state, member, cycle, settings);
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
        // Every cell's quantities first (references as they stood before this cycle), then the verdicts.
        double[][] values = new double[present.size()][];
        for (int i = 0; i < present.size(); i++) {
            values[i] = quantities(present.get(i), cycles.get(i));
        }
        List<Alert> out = new ArrayList<>(0);
        for (int i = 0; i < present.size(); i++) {
            out.addAll(judgeMember(present.get(i), cycles.get(i), i, values, floors, settings, trigger.group()));
        }
        for (int i = 0; i < present.size(); i++) {
            learnReferences(present.get(i), cycles.get(i));
        }
        return out;
    }

    private static double[] quantities(Member m, Pending p) {
        double[] q = new double[GroupQuantity.values().length];
        q[GroupQuantity.COULOMBIC_EFFICIENCY.ordinal()] =
                p.coulombicEfficiency == null ? Double.NaN : p.coulombicEfficiency;
        q[GroupQuantity.CAPACITY_RETENTION.ordinal()] =
                m.referenceCapacityAh > 0 ? p.dischargeAh / m.referenceCapacityAh : Double.NaN;
        q[GroupQuantity.OVERPOTENTIAL_RATIO.ordinal()] = m.referenceOverpotentialV > 0 && p.overpotentialV != null
                ? p.overpotentialV / m.referenceOverpotentialV
                : Double.NaN;
        return q;
    }

    /** The cell's first three cycles seen by the group set its 100 % of capacity and overpotential. */
    private static void learnReferences(Member m, Pending p) {
        if (m.referenceCapacityAh <= 0 && p.dischargeAh > 0) {
            m.firstCapacities = GroupStatistics.append(m.firstCapacities, p.dischargeAh);
            if (m.firstCapacities.length >= 3) {
                m.referenceCapacityAh = GroupStatistics.median(m.firstCapacities);
                m.firstCapacities = new double[0];
            }
        }
        if (m.referenceOverpotentialV <= 0 && p.overpotentialV != null && p.overpotentialV > 0) {
            m.firstOverpotentials = GroupStatistics.append(m.firstOverpotentials, p.overpotentialV);
            if (m.firstOverpotentials.length >= 3) {
                m.referenceOverpotentialV = GroupStatistics.median(m.firstOverpotentials);
                m.firstOverpotentials = new double[0];
            }
        }
    }

    private List<Alert> judgeMember(
            Member m,
            Pending p,
            int self,
            double[][] values,
            double[] floors,
            ReplicateGroupSettings settings,
            String group) {
        OutlierVerdict worst = null;
        boolean judged = false;
        for (GroupQuantity q : GroupQuantity.values()) {
            int j = q.ordinal();
            double x = values[self][j];
            double[] siblings = GroupStatistics.siblings(values, self, j);
            if (Double.isNaN(x) || siblings.length < settings.minSiblings()) {
                continue;
            }
            double median = GroupStatistics.median(siblings);
            double spread = GroupStatistics.MAD_TO_SIGMA * GroupStatistics.medianAbsoluteDeviation(siblings, median);
            double offset = x - median;
            Ewma usual = m.offsets[j];
            if (usual.count() < settings.learnCycles()) {
                usual.add(offset, settings.baselineAlpha());
                continue;
            }
            judged = true;
            double ownScatter = CycleLeak.MAD_TO_SIGMA * usual.meanAbsDeviation();
            double tolerance = Math.max(floors[j], settings.deviationMultiplier() * Math.max(ownScatter, spread));
            double departure = offset - usual.mean();
            OutlierVerdict v =
                    new OutlierVerdict(q, x, median, spread, siblings.length, offset, usual.mean(), tolerance);
            if (Math.abs(departure) > tolerance) {
                if (worst == null || v.score() > worst.score()) {
                    worst = v;
                }
            } else {
                usual.add(offset, settings.baselineAlpha()); // only in-group cycles teach the usual offset
            }
        }
        if (!judged) {
            return List.of();
        }
        Episode.Evidence at = new Episode.Evidence(m.channelId, p.cycleIndex, p.endTestTimeS, p.endWallTimeMs);
        if (worst == null) {
            m.outOfGroupRun = 0;
            return m.episode.quiet(
                    KIND,
                    settings.resolveAfterCycles(),
                    at,
                    String.format(
                            Locale.ROOT,
                            "Back in replicate group %s for %d cycles",
                            group,
                            settings.resolveAfterCycles()),
                    Map.of("cycle", (double) p.cycleIndex));
        }
        m.outOfGroupRun++;
        m.episode.signatureSeen();
        // An event bound to a moment reaches a cell lagCycles away from its siblings' cycle index: it differs
        // from them at the same index for that many cycles without being out of its group.
        if (m.outOfGroupRun < settings.persistenceCycles() + p.lagCycles) {
            return List.of();
        }
        return m.episode.fire(KIND, Severity.WARNING, at, worst.message(group, m.outOfGroupRun), worst.evidence(m));
    }
}

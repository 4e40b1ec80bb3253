package io.cellwatch.streams.detect.replicate;

import io.cellwatch.streams.detect.Episode;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-group memory of {@link ReplicateGroupDetector}: for each cell, its cycles still waiting for
 * their siblings' (at most {@link ReplicateGroupSettings#pendingCycles()}), its own references, its
 * usual offset from its siblings per quantity, and its alert episode. Bounded by the group's size.
 */
public final class ReplicateGroupState {
    List<Member> members = new ArrayList<>();
    /** The highest cycle index the group has judged. */
    int judgedThrough = Integer.MIN_VALUE;
    /** True once a cycle came without a wall clock: the group's times are then test times. */
    boolean testClock;
    /**
     * Cycles that arrived at or below {@link #judgedThrough}: never compared with their siblings. The group
     * cannot wait for a member it has not heard of, so a member's first cycle can come after the others judged
     * its index; and live, cycles are judged in the order they arrive, so a backfill that delivers one
     * member's history before its siblings' (an ingester started on a rack of finished files) leaves the
     * siblings' cycles up to there here.
     */
    long lateCycles;

    public ReplicateGroupState() {
        // for the state-store codec
    }

    /** Cycles that came after the group had judged their index, so were not compared (see the field). */
    public long lateCycles() {
        return lateCycles;
    }

    /** The cells heard of so far. */
    public List<String> memberIds() {
        return members.stream().map(m -> m.channelId).toList();
    }

    /** One cell of the group. */
    static final class Member {
        String channelId;
        int test;
        /** What the cell's test adds to its episodes' ids ({@link GroupCycle#testIdSuffix}); null for nothing. */
        String testIdSuffix;
        /**
         * When the cell's first cycle the group heard of began, on the wall clock (epoch seconds); 0 when not known
         * (a cycle without a wall clock, or a state stored before it was kept): when its test began, for telling a
         * new batch from cells that fell behind ({@link GroupPacing#startAgainIfOvertaken}).
         */
        double firstStartS;

        int latestCycle;
        double latestEndTestTimeS;
        Long latestEndWallTimeMs;
        double lastCycleDurationS;
        List<Pending> pending = new ArrayList<>();
        /**
         * The cell's latest cycles, judged or not (at most twice {@link ReplicateGroupSettings#pendingCycles()}):
         * which of them ended nearest a moment, for comparing cells at the same moment as well as the same index.
         */
        List<Pending> recent = new ArrayList<>();
        /** The cell's first judged capacities and overpotentials, then their median: retention's 100 %. */
        double[] firstCapacities = new double[0];

        double[] firstOverpotentials = new double[0];
        double referenceCapacityAh;
        double referenceOverpotentialV;
        /** The cell's usual offset from its siblings, per {@link GroupQuantity} (as compared). */
        UsualOffset[] usualOffsets = offsets();

        int outOfGroupRun;
        /** The largest lag of the cycles of the running out-of-group run ({@link Pending#lagCycles}). */
        int runLagCycles;
        /** Per {@link GroupQuantity}: consecutive judged cycles it was out of the group. */
        int[] quantityRuns = new int[GroupQuantity.values().length];
        /** The quantities the firing episode has named, one bit per {@link GroupQuantity#ordinal()}. */
        int reportedQuantities;
        /**
         * The cell's CE departures summed over its cycles running outside the CE band: the charge, in
         * cycles' worth of CE, it has held back against its siblings (or they against it) since it left.
         */
        double heldBackCe;

        Episode episode = new Episode();

        Member() {
            // for the state-store codec
        }

        /** The cycle's quantities as the lab reads them, indexed by {@link GroupQuantity} (NaN: unknown). */
        double[] quantities(Pending p) {
            double[] q = new double[GroupQuantity.values().length];
            q[GroupQuantity.COULOMBIC_EFFICIENCY.ordinal()] =
                    p.coulombicEfficiency == null ? Double.NaN : p.coulombicEfficiency;
            q[GroupQuantity.CAPACITY_RETENTION.ordinal()] =
                    referenceCapacityAh > 0 ? p.dischargeAh / referenceCapacityAh : Double.NaN;
            q[GroupQuantity.OVERPOTENTIAL_RATIO.ordinal()] = referenceOverpotentialV > 0 && p.overpotentialV != null
                    ? p.overpotentialV / referenceOverpotentialV
                    : Double.NaN;
            return q;
        }

        /**
         * Folds a CE departure outside the band into the charge held back; true when, with it, the charge
         * has come back within the band: the cell held charge back in one cycle and returned it in the
         * next (or its siblings did), so nothing was lost. Charge is conserved across a cycle boundary:
         * a group-wide event in the middle of a cycle (a chamber step, a rate change, a pause) leaves
         * charge in the cell that one cycle did not return and the next one does, and siblings that met
         * it in another phase or another cycle index do the same at another index. A leak or lithium
         * lost to a capacity loss never comes back, so its departures add up instead.
         */
        boolean chargeCameBack(double ceDeparture, double tolerance) {
            heldBackCe += ceDeparture;
            return Math.abs(heldBackCe) <= tolerance;
        }

        /** The cell's first three cycles seen by the group set its 100 % of capacity and overpotential. */
        void learnReferences(Pending p) {
            if (referenceCapacityAh <= 0 && p.dischargeAh > 0) {
                firstCapacities = GroupStatistics.append(firstCapacities, p.dischargeAh);
                if (firstCapacities.length >= 3) {
                    referenceCapacityAh = GroupStatistics.median(firstCapacities);
                    firstCapacities = new double[0];
                }
            }
            if (referenceOverpotentialV <= 0 && p.overpotentialV != null && p.overpotentialV > 0) {
                firstOverpotentials = GroupStatistics.append(firstOverpotentials, p.overpotentialV);
                if (firstOverpotentials.length >= 3) {
                    referenceOverpotentialV = GroupStatistics.median(firstOverpotentials);
                    firstOverpotentials = new double[0];
                }
            }
        }

        private static UsualOffset[] offsets() {
            UsualOffset[] offsets = new UsualOffset[GroupQuantity.values().length];
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = new UsualOffset();
            }
            return offsets;
        }
    }

    /** A cycle of a cell waiting for its siblings' cycle of the same index. */
    static final class Pending {
        int cycleIndex;
        Double coulombicEfficiency;
        double dischargeAh;
        Double overpotentialV;
        double endTestTimeS;
        Long endWallTimeMs;
        /**
         * The cycle's span, first sample to last (0 on a state written before it was kept): what the cycle's
         * CE, capacity and overpotential sum over, for which siblings' cycles ran at the same time.
         */
        double durationS;
        /** Cycles the cell was ahead of or behind its siblings when this cycle ended. */
        int lagCycles;

        Pending() {
            // for the state-store codec
        }
    }
}

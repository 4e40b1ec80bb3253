package io.cellwatch.streams.detect.replicate;

import io.cellwatch.streams.detect.replicate.ReplicateGroupState.Member;
import io.cellwatch.streams.detect.replicate.ReplicateGroupState.Pending;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A cell's cycle against its siblings' at the same moment rather than the same cycle index: what the
 * group falls back on when the cell is out of it at its index, for the events that reach replicates
 * at one moment and so, once they have drifted apart in cycle index, at different indices.
 */
final class SameMoment {
    private SameMoment() {}

    /**
     * Each quantity as compared, less the cell's usual offset: where the cell would be if it were the
     * group's typical cell. Siblings that aged apart line up on one value, so their median does not jump
     * from one to another when a cell leaves the group.
     */
    static double[] aligned(Member m, double[] values) {
        double[] a = new double[values.length];
        for (GroupQuantity q : GroupQuantity.values()) {
            int j = q.ordinal();
            a[j] = Double.isNaN(values[j]) ? Double.NaN : q.compared(values[j]) - m.usualOffsets[j].predicted();
        }
        return a;
    }

    /**
     * The cell's aligned quantities against the median of its siblings' at the same moment, each sibling's
     * value less its usual offset. Cells that drifted apart in cycle index meet an event bound to a moment
     * (the chamber's temperature, a pause, a rate change the operator makes) at different indices; at the
     * same moment they have all met it. A cycle's CE, capacity and overpotential are sums over its span, so
     * the sibling's cycle at the same moment is the one that ran through most of this cycle's span: it saw
     * the chamber, the rate and the rests this one saw for most of its time, and the charge it held back or
     * returned after an event is the same share of the event's as this one's. Where no sibling cycle
     * covers most of the span (it is split between two, or this cycle is a long one), the sibling's cycles
     * that ended last before and first after the end of this one stand for it; which of them is "the same
     * moment" is then not known, so the departure is the larger of the two the siblings' choices allow (the
     * median of the lower of each sibling's two values, and of the higher): a cell is in its group at the
     * moment only if it is whichever cycle each sibling was in. A sibling none of whose cycles has ended
     * after this one did has no value for the moment yet and is left out (NaN where fewer than minSiblings
     * have a value).
     */
    static double[] departure(
            ReplicateGroupState state,
            List<Member> present,
            int self,
            Pending p,
            double[] alignedSelf,
            ReplicateGroupSettings settings) {
        double moment = GroupPacing.time(state, p);
        int quantities = alignedSelf.length;
        double[][] lower = new double[quantities][present.size()];
        double[][] higher = new double[quantities][present.size()];
        int[] count = new int[quantities];
        for (int k = 0; k < present.size(); k++) {
            if (k == self) {
                continue;
            }
            Member sibling = present.get(k);
            Pending alongside = GroupPacing.sharingMostOf(state, sibling, moment - p.durationS, moment);
            List<Pending> candidates =
                    alongside != null ? List.of(alongside) : GroupPacing.around(state, sibling, moment);
            List<double[]> around = new ArrayList<>(2);
            for (Pending near : candidates) {
                around.add(aligned(sibling, sibling.quantities(near)));
            }
            for (int j = 0; j < quantities; j++) {
                double lo = Double.NaN;
                double hi = Double.NaN;
                for (double[] a : around) {
                    if (!Double.isNaN(a[j])) {
                        lo = Double.isNaN(lo) ? a[j] : Math.min(lo, a[j]);
                        hi = Double.isNaN(hi) ? a[j] : Math.max(hi, a[j]);
                    }
                }
                if (!Double.isNaN(lo)) {
                    lower[j][count[j]] = lo;
                    higher[j][count[j]] = hi;
                    count[j]++;
                }
            }
        }
        double[] out = new double[quantities];
        for (int j = 0; j < quantities; j++) {
            if (count[j] < settings.minSiblings()) {
                out[j] = Double.NaN;
                continue;
            }
            double againstLower = alignedSelf[j] - GroupStatistics.median(Arrays.copyOf(lower[j], count[j]));
            double againstHigher = alignedSelf[j] - GroupStatistics.median(Arrays.copyOf(higher[j], count[j]));
            out[j] = Math.abs(againstLower) >= Math.abs(againstHigher) ? againstLower : againstHigher;
        }
        return out;
    }
}

package io.cellwatch.streams.detect.replicate;

/**
 * A cell's usual offset from its siblings in one quantity (as compared), the rate at which that
 * offset grows per cycle, and how far its cycles scatter around it (linear exponential smoothing).
 * Cells of one batch fade at rates of their own, so their offsets from each other grow steadily; an
 * offset learnt without its rate trails such a cell by (1 − α)/α cycles of its growth, and a steady
 * difference in ageing would look like a move. Four numbers of state.
 */
public final class UsualOffset {
    double level;
    double rate;
    double meanAbsDeviation;
    int count;

    public UsualOffset() {
        // for the state-store codec
    }

    int count() {
        return count;
    }

    /** The offset the next cycle should have if nothing happened to the cell alone (zero before any). */
    double predicted() {
        return count == 0 ? 0 : level + rate;
    }

    /** How far the cell's offsets usually scatter around their prediction (mean absolute deviation). */
    double meanAbsDeviation() {
        return meanAbsDeviation;
    }

    /**
     * Folds in a cycle's offset. The weight starts as a running mean's and settles at {@code alpha};
     * the rate learns at the square of it, as a rate is slower to tell from noise than a level.
     */
    void add(double offset, double alpha) {
        count++;
        if (count == 1) {
            level = offset;
            rate = 0;
            meanAbsDeviation = 0;
            return;
        }
        double weight = Math.max(alpha, 1.0 / count);
        double error = offset - predicted();
        meanAbsDeviation += weight * (Math.abs(error) - meanAbsDeviation);
        level += rate + weight * error;
        rate += weight * weight * error;
    }

    /** A cycle out of the group teaches nothing: the offset goes on at its rate. */
    void coast() {
        level += rate;
    }
}

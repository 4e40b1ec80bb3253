package io.cellwatch.streams.detect.replicate;

/**
 * Thresholds of the replicate-group detector. The narrowest tolerances come from the cell's own
 * profile: its CE band ({@code CeFluctuationSettings.minBand}) for CE, and the smallest capacity
 * change it counts ({@code CapacityDivergenceSettings.minRelativeChange}) for capacity retention
 * and the overpotential ratio.
 *
 * @param minSiblings          siblings with the same cycle needed to judge a cell's cycle (the group's
 *                             median and spread need two; with one sibling nobody can tell who left whom)
 * @param learnCycles          judged cycles of a cell's offset from its siblings before it is judged
 * @param baselineAlpha        weight of a new cycle in the cell's usual offset from its siblings
 * @param deviationMultiplier  departure from the usual offset, in standard deviations of the larger of
 *                             the cell's own offset scatter and its siblings' spread at that cycle
 * @param persistenceCycles    consecutive cycles out of the group before the warning fires, plus the
 *                             cycles the cell is ahead of or behind its siblings (an event bound to a
 *                             moment reaches cells that drifted apart at different cycle indices)
 * @param resolveAfterCycles   consecutive cycles back in the group that resolve it
 * @param pendingCycles        cycles a cell may run ahead of its slowest sibling and still be compared
 *                             (its cycles wait for the siblings'); a cell further behind than this is
 *                             out of step and not waited for
 * @param lapseCycleDurations  a cell whose last cycle ended more than this many of the group's cycle
 *                             durations before the group's newest one has stopped: not waited for
 */
public record ReplicateGroupSettings(
        int minSiblings,
        int learnCycles,
        double baselineAlpha,
        double deviationMultiplier,
        int persistenceCycles,
        int resolveAfterCycles,
        int pendingCycles,
        double lapseCycleDurations) {

    /**
     * Siblings run one protocol at one temperature, so what the lab does to them (rate and
     * temperature changes, rests, pauses, diagnostic cycles) moves them together and cancels in a
     * cell's offset from their median; what is left is the cell's own physics. Six standard
     * deviations of the larger of two scatters (the cell's own offset from cycle to cycle, the
     * siblings' spread at that cycle, robust: 1.4826·MAD) is where the other detectors draw their line
     * too; two cycles running keeps one odd cycle quiet, as in the capacity-divergence detector. Currents
     * are set from one nominal capacity, so a cell with 3 % more capacity takes 3 % longer per cycle and
     * is 3 cycles behind after 100: a chamber step or a lab's pause reaches it 3 cycle indices later
     * than its siblings, and for those cycles it differs from them at the same index with nothing
     * wrong. The run needed grows by the cell's lag, measured when each cycle ends (no number: the
     * group's own clock).
     * Five cycles learn the offset (cells of a batch differ a little). Siblings on one protocol end
     * their cycles within a fraction of a cycle of each other: three cycle durations behind is a
     * stopped cell; sixteen cycles of waiting covers cells whose capacity differs by 10 % over 160 cycles
     * before the faster one is no longer waited for.
     */
    public static ReplicateGroupSettings defaults() {
        return new ReplicateGroupSettings(2, 5, 0.1, 6.0, 2, 3, 16, 3.0);
    }
}

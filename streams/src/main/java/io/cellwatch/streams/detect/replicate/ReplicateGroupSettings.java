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
 * @param baselineAlpha        weight of a new cycle in the cell's usual offset from its siblings (its rate
 *                             learns at the square of it)
 * @param deviationMultiplier  departure from the usual offset, in standard deviations of the larger of
 *                             the cell's own scatter and the spread of its siblings' own departures
 *                             at that cycle
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
     * cell's offset from their median; what is left is the cell's own physics.
     *
     * <p>What is judged is a departure: the cell's value less its usual offset from its siblings (a
     * level and the rate it grows at), against the median of its siblings' values less theirs. That
     * is how far the cell moved against its group over the same cycles. Its yardstick is of the same
     * kind: the siblings' own departures at that cycle, spread (robust: 1.4826·MAD), or the cell's own
     * scatter of departures, whichever is larger. Not the spread of the siblings' levels: cells of one
     * batch age at rates 10–30 % apart, so after a few hundred cycles their capacities sit percents
     * apart for good. Such a lasting difference is what the usual offset has learnt; it grows with age
     * and says nothing about how far a healthy cell moves in a cycle or two. A sudden loss is a change
     * of one cell's trajectory, and judged against the levels' spread a loss of 6 % hid inside the
     * ageing differences of an anode-free group. The usual offset follows its rate too, or a steady
     * difference in ageing would trail it by (1 − α)/α cycles of growth and count as scatter. A
     * group-wide event that some siblings answer more than others (a rate step on cells whose
     * resistances differ, a chamber step that reaches cells drifted apart at different cycles) spreads
     * the siblings' departures by as much and widens the band for those cycles. Capacity and
     * overpotential are compared in logarithms ({@link GroupQuantity}): a chamber step scales every
     * sibling's capacity by one factor, which in plain differences would move cells that aged apart by
     * different amounts.
     *
     * <p>Six standard deviations is where the other detectors draw their line too, and the band is
     * never narrower than the profile's smallest change (a capacity change of 1 %, the CE band);
     * two cycles running keeps one odd cycle quiet, as in the capacity-divergence detector. Currents
     * are set from one nominal capacity, so a cell with 3 % more capacity takes 3 % longer per cycle and
     * is 3 cycles behind after 100: a chamber step or a lab's pause reaches it 3 cycle indices later
     * than its siblings, and for those cycles it differs from them at the same index with nothing
     * wrong. The run needed grows by the cell's lag, measured when each cycle ends (no number: the
     * group's own clock). That covers an event whose mark lasts one cycle; a chamber step in the
     * middle of a cycle marks CE for two (charge held back, then returned), and a cell a cycle away
     * then differs for three. Charge is conserved, so the CE run is judged by the charge held back as
     * well (the departures summed, against the same band): no number of its own.
     * Five cycles learn the offset (cells of a batch differ a little). Siblings on one protocol end
     * their cycles within a fraction of a cycle of each other: three cycle durations behind is a
     * stopped cell; sixteen cycles of waiting covers cells whose capacity differs by 10 % over 160 cycles
     * before the faster one is no longer waited for.
     *
     * <p>After a group-wide event (1 December): a cell's cycle that is out of its group at its index is
     * compared once more, with each sibling's cycle that ran through most of its span (a cycle's CE,
     * capacity and overpotential are sums over its span; where no sibling cycle covers most of it, the
     * sibling's cycles that ended just before and just after it, whichever leaves the cell further out,
     * since an event between them leaves it unknown which one is "the same moment"; each less its own
     * usual offset), against the same band; in the group at that moment, it is not out. Cells built alike
     * answer the lab's events alike, but they meet an event bound to a moment (a chamber step, a pause, a
     * rate the operator changes) at the cycle index each has reached, and replicates drift cycles apart
     * (a 2 % larger capacity is 10 cycles behind after 500; a C/10 diagnostic holds each cell ten cycles'
     * time at its own index; a slow-rate phase stretches the gaps). An event bound to the protocol's
     * count (a diagnostic every N cycles) meets them at one index instead: the index comparison keeps it.
     * A cell of its own (a leak, a loss) is out both ways. Two chamber steps a few cycles apart, or a step
     * during a diagnostic cycle, kept a cell that met them first out for longer than its lag and it
     * alerted; now no lag counts for them. The lag still counts (a cycle edge, an event the time
     * comparison misses): the largest lag of the run, the one when the event reached the cell, not the
     * one when the run's latest cycle ended (by then its siblings may have caught up).
     *
     * <p>What teaches the usual offset (3 December): only cycles in the group, and of those not one that
     * is in only by the band its siblings' spread widened at that index (past six of its own scatters and
     * the floor) while it is in its own band at the same moment. Such a cycle is a group split by an event
     * met at different indices, and its departure is when the event came; learnt, it leaves the cell that
     * far from siblings that are back in line. No number of its own: the band, the multiplier and the
     * moment are the ones above.
     */
    public static ReplicateGroupSettings defaults() {
        return new ReplicateGroupSettings(2, 5, 0.1, 6.0, 2, 3, 16, 3.0);
    }
}

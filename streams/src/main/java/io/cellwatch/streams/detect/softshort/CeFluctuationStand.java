package io.cellwatch.streams.detect.softshort;

import io.cellwatch.model.CycleSummary;

/**
 * Whether a cycle began after the cell stood idle between cycles for longer than a cycle takes: a
 * calendar pause, a weekend hold, a channel stopped and restarted.
 *
 * <p>Physics: while a cell stands it self-discharges (and a lithium-metal or anode-free cell loses
 * lithium to its electrolyte, calendar ageing), so the first charge after the stand begins lower
 * (below the discharge cut-off it was left at) and puts back what the stand took, on top of the
 * cycle's own charge; the discharge returns the usual. That one cycle's CE measures the stand, not the
 * cycling (seen: an anode-free cell 0.9–2 points under its baseline after stands of 7 and 13 days,
 * its charge starting 0.3–0.5 V under the usual). A stand shorter than the cycle's own length takes
 * less than the cycle's own rests and side reactions already do, which the baseline holds. The
 * length is the test clock's gap between one cycle's last row and the next cycle's first.
 * Blind: a cycler whose test clock stops during a pause (no gap to see); a leak's charge lost during
 * the stand itself (the cycles before and after still show it).
 */
final class CeFluctuationStand {
    private CeFluctuationStand() {}

    /**
     * True when this cycle followed a stand longer than the cycle itself; remembers where it ended.
     *
     * @param state the channel's memory: where the previous cycle ended (0 before the first)
     */
    static boolean afterStand(CeFluctuationState state, CycleSummary cycle) {
        double standS = cycle.startTestTimeS() - state.lastCycleEndS;
        boolean stood = state.lastCycleEndS > 0 && standS > cycle.endTestTimeS() - cycle.startTestTimeS();
        state.lastCycleEndS = cycle.endTestTimeS();
        return stood;
    }
}

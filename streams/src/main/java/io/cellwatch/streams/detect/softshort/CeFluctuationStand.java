package io.cellwatch.streams.detect.softshort;

import io.cellwatch.model.CycleSummary;

/**
 * Whether a cycle's CE carries a stand: the cell standing idle for longer than a cycle takes, between
 * cycles or inside one (a calendar pause, a weekend hold, a channel stopped and restarted or held in
 * its step).
 *
 * <p>Physics: while a cell stands it self-discharges (and a lithium-metal or anode-free cell loses
 * lithium to its electrolyte, calendar ageing). Standing discharged, the next charge begins lower
 * (below the discharge cut-off it was left at) and puts back what the stand took, on top of the
 * cycle's own charge; standing charged, the discharge after it returns less by as much. That cycle's
 * CE measures the stand, not the cycling (seen: an anode-free cell 0.9–2 points under its baseline
 * after stands of 7 and 13 days, its charge starting 0.3–0.5 V under the usual; a Li-metal cell 1.1
 * and 2.0 points after 7 and 13 days standing charged inside a cycle). A stand shorter than the
 * cycle's own length takes less than the cycle's own rests and side reactions already do, which the
 * baseline holds.
 *
 * <p>Between cycles, the stand is the test clock's gap from one cycle's last row to the next cycle's
 * first, and it is the next cycle's charge that refills it. Inside a cycle, it is the cycle's time
 * with no current flowing (its span less its charge and discharge time: the summary counts neither a
 * channel held at zero current nor a gap of no rows as step time) beyond the previous cycle's, which
 * the protocol's own rests make up (the cycle after a stand, compared with the stand, is set aside as
 * the one after it); the cycle's own length is then its time under current and those usual rests. Where in the cycle it stood is not in the summary: standing charged lowers this cycle's
 * CE, standing discharged after its discharge (rows at rest still numbered with this cycle) the next
 * one's, so neither is judged unless it returned less than the floor with the extra depth a discharge held
 * through the stand took taken out ({@link CeFluctuationRate#depthExplains}).
 *
 * <p>Blind: a cycler whose test clock stops during a pause (no gap to see); a leak's charge lost during
 * the stand itself (the cycles before and after still show it); a leak beginning on a stood cycle or
 * the one after it is judged a cycle later.
 */
final class CeFluctuationStand {
    private CeFluctuationStand() {}

    /** What a cycle's CE carries of a stand. */
    enum Stand {
        /** No stand longer than the cycle: its CE is the cycling's. */
        NONE,
        /** The cell stood between the previous cycle and this one: its charge refilled the stand. */
        BETWEEN_CYCLES,
        /**
         * The cycle stood inside itself, or the previous one did: not judged unless it returned less than the
         * floor (the detector checks), which a month's self-discharge, a few percent, does not take, with the
         * previous emptying's extra depth taken out ({@link CeFluctuationRate#depthExplains}).
         */
        INSIDE
    }

    /**
     * The stand this cycle's CE carries; remembers what the next cycle is judged by.
     *
     * @param state the channel's memory: where the previous cycle ended (0 before the first), its idle
     *              time, whether it stood inside itself
     */
    static Stand of(CeFluctuationState state, CycleSummary cycle) {
        double spanS = cycle.endTestTimeS() - cycle.startTestTimeS();
        double standBeforeS = cycle.startTestTimeS() - state.lastCycleEndS;
        boolean stoodBefore = state.lastCycleEndS > 0 && standBeforeS > spanS;

        double underCurrentS = cycle.chargeDurationS() + cycle.dischargeDurationS();
        double idleS = Math.max(0, spanS - underCurrentS);
        double restsS = state.previousIdleS;
        // The stand is the idle time beyond the protocol's rests (the previous cycle's); the cycle's own length,
        // its time under current and those rests. The first cycle seen has nothing to be compared with.
        boolean stoodInside = state.lastCycleEndS > 0 && idleS - restsS > underCurrentS + restsS;
        boolean previousStoodInside = state.stoodInside;

        state.lastCycleEndS = cycle.endTestTimeS();
        state.previousIdleS = idleS;
        state.stoodInside = stoodInside;
        return stoodBefore ? Stand.BETWEEN_CYCLES : stoodInside || previousStoodInside ? Stand.INSIDE : Stand.NONE;
    }
}

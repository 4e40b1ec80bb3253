package io.cellwatch.streams.detect.leak;

import io.cellwatch.model.CycleSummary;

/**
 * Which of the cycler's steps charges a channel's cell (raises |V|), by the majority of its cycles:
 * each cycle with both steps votes for the one at the higher mean |V| ({@link
 * CycleLeak#orientationVote}). A protocol cycle (an HPPC block, pulses at other states of charge) can
 * vote wrong; ordinary cycles outvote it. Until a cycle has voted, the cycler's charge is taken to
 * charge the cell. Part of a cycle detector's state: one number.
 */
public final class CycleOrientation {
    int votes;

    public CycleOrientation() {
        // for the state-store codec
    }

    /** Counts this cycle's vote and returns its capacities in the channel's orientation. */
    public CycleLeak.Oriented orient(CycleSummary cycle) {
        votes = Math.max(-10, Math.min(10, votes + CycleLeak.orientationVote(cycle)));
        return CycleLeak.Oriented.of(cycle, votes >= 0);
    }
}

package io.cellwatch.simulator.lab;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;

/** Receives what a lab scenario's channel writes, in order: a cell's declared metadata, then its rows. */
public interface LabSink {
    /**
     * A cell starts on the channel: the first call, and again when a new cell is started on the
     * reused channel (segment 1), as a new export file of the same channel would begin.
     *
     * @param declared what the lab declared about the cell (it may lack what it does not know)
     * @param segment  0 for the first cell, 1 for the next
     */
    void cell(ChannelInfo declared, int segment);

    /** One logged row of the current cell. */
    void sample(Sample sample);
}

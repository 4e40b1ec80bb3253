package io.cellwatch.bench;

import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;

/**
 * Counts the samples a reader delivers and sums their voltages, so the samples are made but not kept: a
 * parse benchmark measures the reader, not a collection growing, and the sum keeps the JIT from
 * dropping the work.
 */
final class CountingSink implements RecordSink {
    long samples;
    double voltages;

    @Override
    public void channel(ChannelInfo info) {}

    @Override
    public void sample(Sample sample) {
        samples++;
        voltages += sample.voltageV();
    }

    @Override
    public void malformed(MalformedRowException error) {}
}

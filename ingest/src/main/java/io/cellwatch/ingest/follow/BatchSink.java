package io.cellwatch.ingest.follow;

import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;

/**
 * Records of a followed file into the batch of the transaction being assembled. An unreadable row
 * becomes a dead letter that carries the row's raw text (null for a binary file's row).
 */
record BatchSink(FollowBatch batch, String channelId, String format, String rawLine) implements RecordSink {

    @Override
    public void channel(ChannelInfo info) {
        batch.describe(info);
    }

    @Override
    public void sample(Sample sample) {
        batch.add(sample);
    }

    @Override
    public void cycle(CycleSummary cycle) {
        batch.add(cycle);
    }

    @Override
    public void malformed(MalformedRowException error) {
        batch.deadLetters.add(new DeadLetter(channelId, format, rawLine, error));
    }
}

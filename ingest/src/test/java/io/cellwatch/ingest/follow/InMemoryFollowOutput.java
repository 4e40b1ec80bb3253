package io.cellwatch.ingest.follow;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link FollowOutput} that keeps what was delivered in memory, all of a batch or none of it, like
 * a Kafka transaction; it can be told to fail a delivery, which is what a crash before the commit
 * looks like to the data.
 */
final class InMemoryFollowOutput implements FollowOutput {
    final List<Sample> samples = new ArrayList<>();
    final List<ChannelInfo> channels = new ArrayList<>();
    final List<CycleSummary> cycles = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();
    final Map<String, FilePosition> positions = new HashMap<>();
    int deliveries;
    /** Samples in each delivery that committed, in order. */
    final List<Integer> samplesPerDelivery = new ArrayList<>();

    int failDelivery = -1;

    @Override
    public Map<String, FilePosition> restore() {
        return new HashMap<>(positions);
    }

    @Override
    public void deliver(FollowBatch batch) {
        deliveries++;
        if (deliveries == failDelivery) {
            throw new IllegalStateException("simulated crash before the commit of delivery " + deliveries);
        }
        samplesPerDelivery.add(batch.samples().size());
        samples.addAll(batch.samples());
        channels.addAll(batch.channels());
        cycles.addAll(batch.cycles());
        deadLetters.addAll(batch.deadLetters());
        positions.putAll(batch.positions());
    }

    @Override
    public void close() {}
}

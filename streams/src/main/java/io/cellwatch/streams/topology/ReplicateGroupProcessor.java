package io.cellwatch.streams.topology;

import io.cellwatch.model.Alert;
import io.cellwatch.streams.detect.replicate.GroupCycle;
import io.cellwatch.streams.detect.replicate.ReplicateGroupDetector;
import io.cellwatch.streams.detect.replicate.ReplicateGroupState;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka shell around {@link ReplicateGroupDetector}: cycles of grouped channels arrive keyed by
 * their group (re-keyed and repartitioned upstream, so one task holds a whole group), the group's
 * state is loaded from {@code replicate-group-store}, the cycle judged, the state stored, and the
 * alerts forwarded keyed by the channel they are about. A group whose last cell left (the operator
 * ended its test) is removed from the store.
 */
final class ReplicateGroupProcessor implements Processor<String, GroupCycle, String, Alert> {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicateGroupProcessor.class);
    private final ReplicateGroupDetector detector;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, ReplicateGroupState> states;

    ReplicateGroupProcessor(ReplicateGroupDetector detector) {
        this.detector = detector;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.states = context.getStateStore(CellwatchTopology.REPLICATE_GROUP_STORE);
    }

    @Override
    public void process(Record<String, GroupCycle> record) {
        GroupCycle cycle = record.value();
        if (cycle == null || cycle.group() == null) {
            return;
        }
        ReplicateGroupState state = states.get(cycle.group());
        if (state == null) {
            state = new ReplicateGroupState();
        }
        long lateBefore = state.lateCycles();
        for (Alert alert : detector.onCycle(state, cycle)) {
            context.forward(record.withKey(alert.channelId()).withValue(alert));
        }
        long late = state.lateCycles();
        if (late > lateBefore && Long.bitCount(late) == 1) { // the 1st, 2nd, 4th, 8th...: a backfill does not flood
            LOG.warn(
                    "replicate group {}: cycle {} of {} arrived after the group had judged that index and is not"
                            + " compared with its siblings ({} such cycles so far; a backfill that sends one member's"
                            + " history before its siblings' does this)",
                    cycle.group(),
                    cycle.cycleIndex(),
                    cycle.channelId(),
                    late);
        }
        if (state.memberIds().isEmpty()) {
            states.delete(cycle.group()); // its last cell left (its test was ended): nothing to remember
        } else {
            states.put(cycle.group(), state);
        }
    }
}

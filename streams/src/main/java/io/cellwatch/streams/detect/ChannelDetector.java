package io.cellwatch.streams.detect;

import io.cellwatch.model.ChannelInfo;

/**
 * What the channel pipeline needs of any detector before it feeds it: a name for its state, the
 * state's class and a fresh state for a channel, and whether it runs on that channel at all. The
 * two kinds, {@link CycleDetector} and {@link SampleDetector}, add how they are fed.
 *
 * @param <S> the per-channel state, serializable by the state-store codec (plain fields)
 */
public interface ChannelDetector<S> {

    /** Short stable name; also names the Kafka Streams processor and state store. */
    String name();

    Class<S> stateType();

    S newState(ChannelInfo channel);

    /** Whether this detector has anything to say about such a channel (e.g. symmetric cells only). */
    default boolean appliesTo(ChannelInfo channel) {
        return true;
    }
}

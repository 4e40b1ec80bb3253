package io.cellwatch.streams.state;

import io.cellwatch.streams.pipeline.PipelineState;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * The builder of {@link LivePipelineStates}: everything but {@link #build} is the underlying store's
 * builder's (caching, changelog, name), so the topology configures the store as any other.
 */
record LivePipelineStatesBuilder(StoreBuilder<KeyValueStore<String, PipelineState>> stored)
        implements StoreBuilder<LivePipelineStates> {
    @Override
    public StoreBuilder<LivePipelineStates> withCachingEnabled() {
        return new LivePipelineStatesBuilder(stored.withCachingEnabled());
    }

    @Override
    public StoreBuilder<LivePipelineStates> withCachingDisabled() {
        return new LivePipelineStatesBuilder(stored.withCachingDisabled());
    }

    @Override
    public StoreBuilder<LivePipelineStates> withLoggingEnabled(Map<String, String> config) {
        return new LivePipelineStatesBuilder(stored.withLoggingEnabled(config));
    }

    @Override
    public StoreBuilder<LivePipelineStates> withLoggingDisabled() {
        return new LivePipelineStatesBuilder(stored.withLoggingDisabled());
    }

    @Override
    public LivePipelineStates build() {
        return new LivePipelineStates(stored.build());
    }

    @Override
    public Map<String, String> logConfig() {
        return stored.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
        return stored.loggingEnabled();
    }

    @Override
    public String name() {
        return stored.name();
    }
}

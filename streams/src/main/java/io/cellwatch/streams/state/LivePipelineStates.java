package io.cellwatch.streams.state;

import io.cellwatch.streams.pipeline.PipelineState;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * The channel pipeline's store: each channel's {@link PipelineState} kept decoded between samples,
 * and written to the store underneath (caching, changelogged) once per commit instead of once per
 * sample.
 *
 * <p>Why: encoding and decoding the whole channel state for every sample was two thirds of a stream
 * thread's time (Java Flight Recorder, {@code PerformanceReport pipeline}). A channel's states are
 * now decoded once while its task lives here, and encoded once per commit in which they changed.
 *
 * <p>Exactly-once holds because the changed states are written when Kafka Streams flushes the store
 * caches, which it does before it sends the changelog records and commits the transaction with the
 * input offsets ({@link #flushCache}); on a dirty close or an aborted transaction the caches are
 * cleared ({@link #clearCache}) and the states decoded again from what was committed. That hook is
 * Kafka Streams' internal {@code CachedStateStore} interface: the one point where a store hears of a
 * commit before it happens ({@code commit(Map)} and {@code flush()} come after it).
 * {@code LivePipelineStatesTest} checks that it still is.
 *
 * <p>Threads: the stream thread owns the decoded states ({@link #live}, {@link #changed}); the
 * read-only view other threads get (interactive queries) reads the store underneath, so it answers
 * as of the last commit.
 */
public final class LivePipelineStates
        implements ReadOnlyKeyValueStore<String, PipelineState>, StateStore, CachedStateStore<String, PipelineState> {
    private final KeyValueStore<String, PipelineState> stored;
    private final Map<String, PipelineState> live = new HashMap<>();
    private final Set<String> changed = new LinkedHashSet<>();

    LivePipelineStates(KeyValueStore<String, PipelineState> stored) {
        this.stored = stored;
    }

    /**
     * Builds the store over a caching, changelogged key-value store of these bytes, with the
     * pipeline states encoded by {@code serde}.
     */
    public static StoreBuilder<LivePipelineStates> builder(
            KeyValueBytesStoreSupplier bytes, Serde<PipelineState> serde) {
        return new Builder(
                Stores.keyValueStoreBuilder(bytes, Serdes.String(), serde).withCachingEnabled());
    }

    /** The store's builder: everything but {@link #build} is the underlying store's builder's. */
    private record Builder(StoreBuilder<KeyValueStore<String, PipelineState>> stored)
            implements StoreBuilder<LivePipelineStates> {
        @Override
        public StoreBuilder<LivePipelineStates> withCachingEnabled() {
            return new Builder(stored.withCachingEnabled());
        }

        @Override
        public StoreBuilder<LivePipelineStates> withCachingDisabled() {
            return new Builder(stored.withCachingDisabled());
        }

        @Override
        public StoreBuilder<LivePipelineStates> withLoggingEnabled(Map<String, String> config) {
            return new Builder(stored.withLoggingEnabled(config));
        }

        @Override
        public StoreBuilder<LivePipelineStates> withLoggingDisabled() {
            return new Builder(stored.withLoggingDisabled());
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

    /** The channel's state to work on, decoded from the store the first time; null for a new channel. */
    public PipelineState live(String channelId) {
        PipelineState state = live.get(channelId);
        if (state == null) {
            state = stored.get(channelId);
            if (state != null) {
                live.put(channelId, state);
            }
        }
        return state;
    }

    /** The channel's state changed (or is new): it is written at the next commit. */
    public void changed(String channelId, PipelineState state) {
        live.put(channelId, state);
        changed.add(channelId);
    }

    @Override
    public void flushCache() {
        for (String channelId : changed) {
            stored.put(channelId, live.get(channelId));
        }
        changed.clear();
        cached().flushCache();
    }

    @Override
    public void clearCache() {
        live.clear();
        changed.clear();
        cached().clearCache();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<String, PipelineState> listener, boolean sendOldValues) {
        return cached().setFlushListener(listener, sendOldValues);
    }

    @SuppressWarnings("unchecked")
    private CachedStateStore<String, PipelineState> cached() {
        return stored instanceof CachedStateStore<?, ?> cached
                ? (CachedStateStore<String, PipelineState>) cached
                : NOT_CACHED;
    }

    @Override
    public PipelineState get(String channelId) {
        return stored.get(channelId);
    }

    @Override
    public KeyValueIterator<String, PipelineState> range(String from, String to) {
        return stored.range(from, to);
    }

    @Override
    public KeyValueIterator<String, PipelineState> reverseRange(String from, String to) {
        return stored.reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<String, PipelineState> all() {
        return stored.all();
    }

    @Override
    public KeyValueIterator<String, PipelineState> reverseAll() {
        return stored.reverseAll();
    }

    @Override
    public long approximateNumEntries() {
        return stored.approximateNumEntries();
    }

    @Override
    public String name() {
        return stored.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        stored.init(context, root);
    }

    @Override
    public void flush() {
        stored.flush();
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        stored.commit(changelogOffsets);
    }

    @Override
    public Long committedOffset(TopicPartition partition) {
        return stored.committedOffset(partition);
    }

    @Override
    public boolean managesOffsets() {
        return stored.managesOffsets();
    }

    @Override
    public void close() {
        live.clear();
        changed.clear();
        stored.close();
    }

    @Override
    public boolean persistent() {
        return stored.persistent();
    }

    @Override
    public boolean isOpen() {
        return stored.isOpen();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return stored.query(query, positionBound, config);
    }

    @Override
    public Position getPosition() {
        return stored.getPosition();
    }

    /** For a store built without caching: changes go to the store underneath at the flush, nothing else to do. */
    private static final CachedStateStore<String, PipelineState> NOT_CACHED = new CachedStateStore<>() {
        @Override
        public boolean setFlushListener(CacheFlushListener<String, PipelineState> listener, boolean sendOldValues) {
            return false;
        }

        @Override
        public void flushCache() {}

        @Override
        public void clearCache() {}
    };
}

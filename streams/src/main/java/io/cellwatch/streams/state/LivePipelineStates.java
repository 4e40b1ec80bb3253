package io.cellwatch.streams.state;

import io.cellwatch.streams.pipeline.PipelineState;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * {@code LivePipelineStatesTest} checks that it still is. Everything else a store does is the store
 * underneath's, passed on by Kafka Streams' own base for store layers ({@code WrappedStateStore}).
 *
 * <p>Threads: the stream thread owns the decoded states ({@link #live}, {@link #changed}); the
 * read-only view other threads get (interactive queries) reads the store underneath, so it answers
 * as of the last commit.
 */
public final class LivePipelineStates
        extends WrappedStateStore<KeyValueStore<String, PipelineState>, String, PipelineState>
        implements ReadOnlyKeyValueStore<String, PipelineState> {
    private static final Logger LOG = LoggerFactory.getLogger(LivePipelineStates.class);
    /**
     * The most channel states kept decoded after a commit; the least recently used beyond it are dropped
     * (written already, decoded again from the store when their channel next has a sample). Without a
     * bound, every channel the task had ever seen stayed decoded in the heap for the task's life, months
     * with static members, however many of them had finished. Ten thousand covers any task's active
     * channels (a lab's few thousand, spread over the tasks), so the hot ones are never decoded again.
     */
    static final int DECODED_AT_MOST = 10_000;

    private final KeyValueStore<String, PipelineState> stored;
    private final int decodedAtMost;
    /** In access order: the eldest is the least recently used. */
    private final Map<String, PipelineState> live = new LinkedHashMap<>(16, 0.75f, true);

    private final Set<String> changed = new LinkedHashSet<>();

    LivePipelineStates(KeyValueStore<String, PipelineState> stored) {
        this(stored, DECODED_AT_MOST);
    }

    LivePipelineStates(KeyValueStore<String, PipelineState> stored, int decodedAtMost) {
        super(stored);
        this.stored = stored;
        this.decodedAtMost = decodedAtMost;
    }

    /**
     * Builds the store over a caching, changelogged key-value store of these bytes, with the
     * pipeline states encoded by {@code serde}.
     */
    public static StoreBuilder<LivePipelineStates> builder(
            KeyValueBytesStoreSupplier bytes, Serde<PipelineState> serde) {
        return new LivePipelineStatesBuilder(
                Stores.keyValueStoreBuilder(bytes, Serdes.String(), serde).withCachingEnabled());
    }

    /**
     * The channel's state to work on, decoded from the store the first time; null for a new channel, and
     * for one whose stored state cannot be read (written by another version and not readable by this
     * one): it starts afresh, said in an error line, and its state is written anew at the next commit.
     * Before, every record of such a channel failed and went to the dead-letter topic.
     */
    public PipelineState live(String channelId) {
        PipelineState state = live.get(channelId);
        if (state == null) {
            try {
                state = stored.get(channelId);
            } catch (SerializationException e) {
                LOG.error(
                        "channel {}: its stored pipeline state cannot be read ({}): the channel starts afresh, its"
                                + " detectors relearning what they had learnt and its open alert episodes left as"
                                + " they are",
                        channelId,
                        e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
                return null;
            }
            if (state != null) {
                live.put(channelId, state);
            }
        }
        return state;
    }

    /** Whether the store holds a state of the channel, one this version cannot read included. */
    public boolean holds(String channelId) {
        if (live.containsKey(channelId)) {
            return true;
        }
        try {
            return stored.get(channelId) != null;
        } catch (SerializationException unreadable) {
            return true;
        }
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
        // Every state is written now: any may go.
        for (var eldest = live.keySet().iterator(); live.size() > decodedAtMost && eldest.hasNext(); ) {
            eldest.next();
            eldest.remove();
        }
        super.flushCache();
    }

    /** How many channel states are kept decoded now. */
    int decoded() {
        return live.size();
    }

    @Override
    public void clearCache() {
        live.clear();
        changed.clear();
        super.clearCache();
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

    /** {@code WrappedStateStore} leaves {@code flush()} to the interface's no-op: the store underneath must hear it. */
    @Override
    public void flush() {
        stored.flush();
    }

    @Override
    public void close() {
        live.clear();
        changed.clear();
        super.close();
    }
}

package io.cellwatch.streams.topology;

import io.cellwatch.model.Alert;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.quality.StallState;
import io.cellwatch.streams.detect.quality.StallWatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The {@link StallWatch} in the live topology: remembers when each channel's last sample arrived
 * ({@value #STORE}, wall clock) and, on a wall-clock punctuation, warns about channels silent too
 * long while their last step moved charge. This is the only part of the pipeline that reads the
 * wall clock, and it only adds stall warnings (and their resolution when data comes back): what a
 * sample produces is the same as in replay.
 *
 * <p>The arrival time is written at most every {@link #WRITE_EVERY} per channel (and whenever the
 * step kind or the episode changes), not with every sample: a stall is measured in tens of minutes.
 */
final class StallPunctuation {
    static final String STORE = "channel-stall-store";
    static final Duration EVERY = Duration.ofSeconds(30);
    static final Duration WRITE_EVERY = Duration.ofSeconds(10);

    private final StallWatch watch;
    private final KeyValueStore<String, StallState> store;
    /** What was last written per channel, so most samples need neither a read nor a write. */
    private final Map<String, Written> written = new HashMap<>();

    private record Written(long arrivalMs, boolean underCurrent, String testIdSuffix) {}

    StallPunctuation(StallWatch watch, KeyValueStore<String, StallState> store) {
        this.watch = watch;
        this.store = store;
    }

    /**
     * A sample of the channel's running test ({@code testIdSuffix}: what that test adds to its episodes' ids)
     * arrived now; returns the resolution of a stall it ends.
     */
    List<Alert> onSample(Sample sample, ChannelInfo channel, long nowMs, String testIdSuffix) {
        String channelId = sample.channelId();
        boolean underCurrent = sample.stepType().underCurrent();
        Written last = written.get(channelId);
        if (last != null
                && last.underCurrent() == underCurrent
                && last.testIdSuffix().equals(testIdSuffix)
                && nowMs - last.arrivalMs() < WRITE_EVERY.toMillis()) {
            return List.of(); // written recently, not stalled (a stall rewrites and forgets this entry)
        }
        StallState state = store.get(channelId);
        if (state == null) {
            state = new StallState();
        }
        List<Alert> resolved = watch.onSample(state, sample, nowMs, channel, testIdSuffix);
        store.put(channelId, state);
        written.put(channelId, new Written(nowMs, underCurrent, testIdSuffix));
        return resolved;
    }

    /** The operator ended the channel's test: forgets the channel, and returns the resolution of a stall it was in. */
    List<Alert> onTestEnded(String channelId, String reason) {
        written.remove(channelId);
        StallState state = store.get(channelId);
        if (state == null) {
            return List.of();
        }
        store.delete(channelId);
        return watch.onTestEnded(channelId, state, reason);
    }

    /**
     * A cycle summary of a channel known by its summaries alone arrived now: the channel is not silent (no
     * stall is judged on it, which needs the step it is in).
     */
    void onCycleArrived(String channelId, long nowMs) {
        StallState state = store.get(channelId);
        if (state == null) {
            state = new StallState();
        }
        state.noteArrival(nowMs);
        store.put(channelId, state);
        written.remove(channelId);
    }

    /**
     * The channels of this task silent for {@code silentFor} or more: from their last arrival, or from {@code
     * listeningSinceMs} (when this task started) or from when data came again after an outage ({@link
     * InstanceArrivals#resumedAtMs}) if that is later, to when data last arrived on any channel of this instance
     * (or of this task's store, where that is later), or {@code nowMs} if that is earlier. A channel is not
     * silent while cellwatch was not listening: after an outage of cellwatch longer than the limit, the backlog
     * of a running test may not have reached its channel yet. Nor while nothing arrived anywhere, nor in the
     * first days after that: an outage of the ingest, of the cyclers' computer or of the lab (a shutdown over
     * the holidays) ends no test, also once its channels come back one after another.
     */
    List<String> silentFor(long nowMs, InstanceArrivals arrivals, Duration silentFor, long listeningSinceMs) {
        List<KeyValue<String, StallState>> entries = new ArrayList<>();
        long newest = arrivals.newestMs();
        try (KeyValueIterator<String, StallState> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, StallState> entry = all.next();
                entries.add(entry);
                newest = Math.max(newest, entry.value.lastArrivalMs());
            }
        }
        long until = Math.min(nowMs, newest);
        long countsFrom = Math.max(listeningSinceMs, arrivals.resumedAtMs());
        List<String> silent = new ArrayList<>();
        for (KeyValue<String, StallState> entry : entries) {
            if (silentLongEnough(entry.value.lastArrivalMs(), countsFrom, until, silentFor)) {
                silent.add(entry.key);
            }
        }
        return silent;
    }

    /** Whether a channel last heard from at {@code lastArrivalMs} was silent {@code silentFor} by {@code untilMs}. */
    static boolean silentLongEnough(long lastArrivalMs, long listeningSinceMs, long untilMs, Duration silentFor) {
        return lastArrivalMs != 0 && untilMs - Math.max(lastArrivalMs, listeningSinceMs) >= silentFor.toMillis();
    }

    /** Judges every channel of this task at wall-clock time {@code nowMs}. */
    void punctuate(long nowMs, Function<String, ChannelInfo> channels, BiConsumer<String, Alert> out) {
        List<KeyValue<String, StallState>> changed = new ArrayList<>();
        try (KeyValueIterator<String, StallState> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, StallState> entry = all.next();
                List<Alert> alerts = watch.check(entry.value, channels.apply(entry.key), nowMs);
                if (!alerts.isEmpty()) {
                    changed.add(entry);
                    alerts.forEach(alert -> out.accept(entry.key, alert));
                }
            }
        }
        for (KeyValue<String, StallState> entry : changed) {
            store.put(entry.key, entry.value);
            written.remove(entry.key); // the next sample resolves the stall: it must reach the store
        }
    }
}

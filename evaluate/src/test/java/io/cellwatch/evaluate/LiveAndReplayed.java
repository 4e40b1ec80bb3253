package io.cellwatch.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.Alert;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.metrics.MicrometerPipelineTelemetry;
import io.cellwatch.streams.replay.OfflinePipeline;
import io.cellwatch.streams.testing.TopologyHarness;
import io.cellwatch.streams.topology.TopologySettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The same records through the live topology (in a test driver, with the configuration a
 * deployment runs) and through the offline pipeline {@code replay} and {@code evaluate} use, keeping
 * what each produced per channel. Channel metadata goes to the channels topic on one side and to
 * {@link OfflinePipeline#describe} on the other, at the same point of the stream.
 */
final class LiveAndReplayed implements AutoCloseable {
    private final TopologyHarness topology;
    private final OfflinePipeline replay;
    private final Map<String, Produced> live = new LinkedHashMap<>();
    private final Map<String, Produced> replayed = new LinkedHashMap<>();
    private long fed;

    /** What one channel produced, in order. */
    record Produced(List<CycleSummary> cycles, List<Alert> alerts) {
        Produced() {
            this(new ArrayList<>(), new ArrayList<>());
        }
    }

    /** What a comparison covered. */
    record Compared(int channels, long samples, int cycles, int alerts) {}

    LiveAndReplayed(Path stateDir) {
        // In-memory stores: the driver commits after every record, which RocksDB makes three times slower; the
        // state still goes through the store's serde and cache on every sample, which is what could differ.
        TopologySettings settings = TopologySettings.defaults().withInMemoryStores();
        topology = new TopologyHarness(
                stateDir, settings, new MicrometerPipelineTelemetry(new SimpleMeterRegistry(), Clock.systemUTC()));
        replay = new OfflinePipeline(settings.detectors(), new OfflinePipeline.Listener() {
            @Override
            public void onCycle(CycleSummary cycle) {
                of(replayed, cycle.channelId()).cycles().add(cycle);
            }

            @Override
            public void onAlert(Alert alert) {
                of(replayed, alert.channelId()).alerts().add(alert);
            }
        });
    }

    void describe(ChannelInfo info) {
        topology.channels.pipeInput(info.channelId(), info);
        replay.describe(info);
    }

    void accept(Sample sample) {
        acceptLive(sample);
        acceptReplayed(sample);
    }

    /** Only the live side (when the two read the samples in different orders, as a group's files do). */
    void acceptLive(Sample sample) {
        topology.samples.pipeInput(sample.channelId(), sample);
        if (++fed % 10_000 == 0) {
            drainLive(); // the driver keeps its output until read
        }
    }

    /** Only the replayed side. */
    void acceptReplayed(Sample sample) {
        replay.accept(sample);
    }

    /** Replay's end of data: it judges the replicate groups then (the live side judged them as cycles came). */
    void judgeReplayedGroups() {
        replay.judgeGroups();
    }

    /**
     * Requires both sides to have produced the same cycles and the same alerts (equal records, so
     * the same alert ids), in the same order per channel.
     */
    Compared assertSame(String what) {
        return assertSame(what, a -> false);
    }

    /**
     * As {@link #assertSame(String)}, with the alerts of another stage ({@code otherStage}: the
     * replicate-group stage, which replay runs at the end of the data) compared as a sequence of
     * their own per channel: live they are interleaved with the channel's as they happen.
     */
    Compared assertSame(String what, java.util.function.Predicate<Alert> otherStage) {
        drainLive();
        TreeSet<String> channelIds = new TreeSet<>(live.keySet());
        channelIds.addAll(replayed.keySet());
        int cycles = 0;
        int alerts = 0;
        for (String channel : channelIds) {
            Produced l = live.getOrDefault(channel, new Produced());
            Produced r = replayed.getOrDefault(channel, new Produced());
            assertThat(l.cycles())
                    .as("%s: cycles of %s, live vs replayed", what, channel)
                    .isEqualTo(r.cycles());
            assertThat(l.alerts().stream().filter(otherStage.negate()).toList())
                    .as("%s: alerts of %s, live vs replayed", what, channel)
                    .isEqualTo(r.alerts().stream().filter(otherStage.negate()).toList());
            assertThat(l.alerts().stream().filter(otherStage).toList())
                    .as("%s: alerts of %s from the other stage, live vs replayed", what, channel)
                    .isEqualTo(r.alerts().stream().filter(otherStage).toList());
            cycles += r.cycles().size();
            alerts += r.alerts().size();
        }
        return new Compared(channelIds.size(), fed, cycles, alerts);
    }

    /** The kinds of every alert the replayed side produced. */
    java.util.Set<io.cellwatch.model.AlertKind> replayedKinds() {
        java.util.Set<io.cellwatch.model.AlertKind> kinds = new java.util.HashSet<>();
        replayed.values().forEach(p -> p.alerts().forEach(a -> kinds.add(a.kind())));
        return kinds;
    }

    private void drainLive() {
        topology.cycles
                .readValuesToList()
                .forEach(c -> of(live, c.channelId()).cycles().add(c));
        topology.alerts
                .readValuesToList()
                .forEach(a -> of(live, a.channelId()).alerts().add(a));
        topology.discardChangelogs();
    }

    private static Produced of(Map<String, Produced> byChannel, String channelId) {
        return byChannel.computeIfAbsent(channelId, id -> new Produced());
    }

    @Override
    public void close() {
        topology.close();
    }
}

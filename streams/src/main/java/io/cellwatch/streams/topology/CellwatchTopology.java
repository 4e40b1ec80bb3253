package io.cellwatch.streams.topology;

import io.cellwatch.model.Alert;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.WireSerdes;
import io.cellwatch.streams.cycle.CycleState;
import io.cellwatch.streams.detect.CycleDetector;
import io.cellwatch.streams.detect.SampleDetector;
import io.cellwatch.streams.metrics.PipelineTelemetry;
import io.cellwatch.streams.query.QueryStores;
import io.cellwatch.streams.state.StateSerdes;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The monitoring topology, read top to bottom as the data flows:
 *
 * <pre>
 *   samples ──► cycle-summarizer ──► cycles topic
 *                      │
 *                      └──► one processor per cycle detector ──► alerts topic
 *   samples ──► sample-detectors (imminent short, drops, overpotential, CCD: a store each) ──► alerts topic
 *   channels ──► channel-info-store (global: every task can look up any channel's metadata)
 * </pre>
 *
 * Every node, store and internal topic is named, so {@code describe()} reads like the flow above
 * and upgrades keep their state. Tests build exactly this topology.
 */
public final class CellwatchTopology {
    public static final String CHANNEL_INFO_STORE = "channel-info-store";
    public static final String CYCLE_STATE_STORE = "cycle-state-store";
    public static final String CYCLE_SUMMARIZER = "cycle-summarizer";
    /** The processor that runs every sample-level detector. */
    public static final String SAMPLE_DETECTORS = "sample-detectors";

    private CellwatchTopology() {}

    public static Topology build(TopologySettings settings, PipelineTelemetry telemetry) {
        StreamsBuilder builder = new StreamsBuilder();
        addTo(builder, settings, telemetry);
        return builder.build();
    }

    /** Builds with the application's configuration, so topology-level settings in it apply. */
    public static Topology build(TopologySettings settings, PipelineTelemetry telemetry, Properties streamsConfig) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsConfig)));
        addTo(builder, settings, telemetry);
        return builder.build(streamsConfig);
    }

    public static void addTo(StreamsBuilder builder, TopologySettings settings, PipelineTelemetry telemetry) {
        TopicNames topics = settings.topics();
        Serde<String> keys = Serdes.String();

        builder.globalTable(
                topics.channels(),
                Consumed.with(keys, WireSerdes.channelInfo()).withName("channels-source"),
                Materialized.<String, ChannelInfo, KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>>as(
                                CHANNEL_INFO_STORE)
                        .withKeySerde(keys)
                        .withValueSerde(WireSerdes.channelInfo()));

        KStream<String, Sample> samples = builder.stream(
                topics.samples(), Consumed.with(keys, WireSerdes.sample()).withName("samples-source"));

        // Cached: a channel's state is rewritten by every sample, but reaches the changelog once per commit.
        StoreBuilder<KeyValueStore<String, CycleState>> cycleStore =
                store(settings, CYCLE_STATE_STORE, CycleState.class).withCachingEnabled();
        KStream<String, CycleSummary> cycles = samples.process(
                supplier(() -> new CycleSummarizerProcessor(telemetry), cycleStore), Named.as(CYCLE_SUMMARIZER));
        cycles.to(
                topics.cycles(), Produced.with(keys, WireSerdes.cycleSummary()).withName("cycles-sink"));
        QueryStores.keepCycleHistory(cycles, settings.inMemoryStores());

        KStream<String, Alert> alerts = null;
        for (CycleDetector<?> detector : settings.cycleDetectors()) {
            KStream<String, Alert> detected = detect(cycles, detector, settings, telemetry);
            alerts = alerts == null ? detected : alerts.merge(detected, Named.as("merge-" + detector.name()));
        }
        if (!settings.sampleDetectors().isEmpty()) {
            KStream<String, Alert> detected = detectOnSamples(samples, settings, telemetry);
            alerts = alerts == null ? detected : alerts.merge(detected, Named.as("merge-" + SAMPLE_DETECTORS));
        }
        if (alerts != null) {
            alerts.to(topics.alerts(), Produced.with(keys, WireSerdes.alert()).withName("alerts-sink"));
            QueryStores.trackActiveAlerts(alerts, settings.inMemoryStores(), telemetry);
        }
    }

    /** The name of a detector's state store. */
    public static String storeName(CycleDetector<?> detector) {
        return detector.name() + "-store";
    }

    private static <S> KStream<String, Alert> detect(
            KStream<String, CycleSummary> cycles,
            CycleDetector<S> detector,
            TopologySettings settings,
            PipelineTelemetry telemetry) {
        StoreBuilder<KeyValueStore<String, S>> store = store(settings, storeName(detector), detector.stateType());
        return cycles.process(
                supplier(() -> new CycleDetectorProcessor<>(detector, telemetry), store), Named.as(detector.name()));
    }

    /** The name of a sample detector's state store. */
    public static String storeName(SampleDetector<?> detector) {
        return detector.name() + "-store";
    }

    /**
     * All sample detectors in one processor (one metadata lookup per sample), each with its own store.
     * Their stores cache: a channel's state changes with every sample, and only its last value per
     * commit needs to reach the changelog (it is flushed at every commit, so exactly-once holds).
     */
    private static KStream<String, Alert> detectOnSamples(
            KStream<String, Sample> samples, TopologySettings settings, PipelineTelemetry telemetry) {
        List<StoreBuilder<?>> stores = new ArrayList<>();
        for (SampleDetector<?> detector : settings.sampleDetectors()) {
            stores.add(
                    store(settings, storeName(detector), detector.stateType()).withCachingEnabled());
        }
        List<SampleDetector<?>> detectors = settings.sampleDetectors();
        ProcessorSupplier<String, Sample, String, Alert> supplier = new ProcessorSupplier<>() {
            @Override
            public Processor<String, Sample, String, Alert> get() {
                return new SampleDetectorsProcessor(detectors, telemetry);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.copyOf(stores);
            }
        };
        return samples.process(supplier, Named.as(SAMPLE_DETECTORS));
    }

    private static <T> StoreBuilder<KeyValueStore<String, T>> store(
            TopologySettings settings, String name, Class<T> type) {
        KeyValueBytesStoreSupplier bytes =
                settings.inMemoryStores() ? Stores.inMemoryKeyValueStore(name) : Stores.persistentKeyValueStore(name);
        return Stores.keyValueStoreBuilder(bytes, Serdes.String(), StateSerdes.of(type));
    }

    private static <KIn, VIn, KOut, VOut> ProcessorSupplier<KIn, VIn, KOut, VOut> supplier(
            java.util.function.Supplier<Processor<KIn, VIn, KOut, VOut>> factory, StoreBuilder<?> store) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<KIn, VIn, KOut, VOut> get() {
                return factory.get();
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(store);
            }
        };
    }
}

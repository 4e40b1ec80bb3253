package io.cellwatch.streams.topology;

import io.cellwatch.model.Alert;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.WireCodec;
import io.cellwatch.model.WireSerdes;
import io.cellwatch.streams.detect.DetectorSet;
import io.cellwatch.streams.detect.quality.StallState;
import io.cellwatch.streams.detect.replicate.GroupCycle;
import io.cellwatch.streams.detect.replicate.ReplicateGroupDetector;
import io.cellwatch.streams.detect.replicate.ReplicateGroupState;
import io.cellwatch.streams.metrics.PipelineTelemetry;
import io.cellwatch.streams.pipeline.PipelineState;
import io.cellwatch.streams.query.QueryStores;
import io.cellwatch.streams.state.LivePipelineStates;
import io.cellwatch.streams.state.PipelineStateSerde;
import io.cellwatch.streams.state.StateSerdes;
import java.time.Duration;
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
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
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
 *   channels-source ──► channel-info-store (global: every task can look up any channel's metadata)
 *   detection-config-source ──► detection-config-store (global: the settings every instance applies)
 *   samples-source ─► samples-in ──────────────┐
 *   external-cycles-source ─► external-cycles-in ┼─► channel-pipeline ─┬─► cycle-summaries ─┬─► cycles-sink
 *   dead-letter-source ─► unreadable-rows ─────┘                     │                    └─► cycle-history
 *                                                                     ├─► alert-events ──────────────────┐
 *                                                                     └─► grouped-cycles ─► key-by-group │
 *                 ┌── group-cycles (repartition, keyed by group) ◄──────────────────────────┘              ▼
 *                 └─► replicate-groups (replicate-group-store) ─► replicate-alerts (repartition,
 *                       keyed by channel) ─► all-alerts ─┬─► alerts-sink
 *                                                         ├─► active-alerts (active-alerts-store)
 *                                                         └─► alert-history
 *   channel-pipeline ─► ended-tests ─► forget-ended-tests (cycle-history-store, alert-history-store)
 * </pre>
 *
 * One processor, {@code channel-pipeline}, runs a channel's whole pipeline
 * ({@link io.cellwatch.streams.pipeline.ChannelPipeline}) over one stored value per channel
 * ({@code channel-pipeline-store}), so the topology produces what {@code replay} produces from the
 * same samples. A record with no value and the {@code cellwatch.test-ended} header on the samples
 * topic ends the channel's test ({@code cellwatch end-test}): its last cycle and alert resolutions go
 * out as usual, then {@code ended-tests} has its histories forgotten. Every node, store and internal topic is named, so {@code describe()} reads like the
 * flow above and upgrades keep their state. Tests build exactly this topology.
 */
public final class CellwatchTopology {
    public static final String CHANNEL_INFO_STORE = "channel-info-store";
    /** The processor that runs each channel's pipeline. */
    public static final String CHANNEL_PIPELINE = "channel-pipeline";
    /** Each channel's {@link PipelineState}: the summarizer's and every detector's state. */
    public static final String PIPELINE_STATE_STORE = "channel-pipeline-store";
    /** The processor comparing the cells of each replicate group. */
    public static final String REPLICATE_GROUPS = "replicate-groups";
    /** Each replicate group's {@link ReplicateGroupState}. */
    public static final String REPLICATE_GROUP_STORE = "replicate-group-store";
    /** Grouped channels' cycles re-keyed by group (repartition topic {@code APP-group-cycles-repartition}). */
    public static final String GROUP_CYCLES = "group-cycles";
    /** Replicate-group alerts re-keyed by channel (repartition topic {@code APP-replicate-alerts-repartition}). */
    public static final String REPLICATE_ALERTS = "replicate-alerts";

    private static final Serde<GroupCycle> GROUP_CYCLE_SERDE = WireSerdes.of(WireCodec.of(GroupCycle.class));

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
        PipelineTelemetry sink = telemetry == null ? PipelineTelemetry.NONE : telemetry;

        ChannelTable channelTable = new ChannelTable();
        channelTable.addTo(builder, topics);
        settings.liveProfiles()
                .ifPresent(live -> new DetectionConfigTable(live).addTo(builder, topics.detectionConfig()));

        KStream<String, ChannelInput> inputs = builder.stream(
                        topics.samples(),
                        Consumed.with(keys, WireSerdes.sample()).withName("samples-source"))
                .mapValues(ChannelInput::of, Named.as("samples-in"))
                .merge(externalCycles(builder, topics), Named.as("external-cycles-merge"))
                .merge(unreadableRows(builder, topics), Named.as("unreadable-rows-merge"));
        KStream<String, ChannelEvent> events =
                inputs.process(new PipelineSupplier(settings, channelTable, sink), Named.as(CHANNEL_PIPELINE));

        KStream<String, CycleSummary> cycles = events.flatMapValues(ChannelEvent::cycles, Named.as("cycle-summaries"));
        cycles.to(
                topics.cycles(), Produced.with(keys, WireSerdes.cycleSummary()).withName("cycles-sink"));
        QueryStores.keepCycleHistory(cycles, settings.inMemoryStores());

        KStream<String, Alert> alerts = events.flatMapValues(ChannelEvent::alerts, Named.as("alert-events"))
                .merge(replicateGroups(events, settings), Named.as("all-alerts"));
        alerts.to(topics.alerts(), Produced.with(keys, WireSerdes.alert()).withName("alerts-sink"));
        QueryStores.trackActiveAlerts(alerts, settings.inMemoryStores(), sink);
        QueryStores.keepAlertHistory(alerts, settings.inMemoryStores());
        QueryStores.forgetEndedTests(events.flatMapValues(ChannelEvent::endedChannels, Named.as("ended-tests")));
    }

    /**
     * Cycle summaries made elsewhere (per-cycle summary files), for the cycle detectors. A topic of
     * their own, not the cycles topic the topology writes, so no cycle is read back and judged twice.
     */
    private static KStream<String, ChannelInput> externalCycles(StreamsBuilder builder, TopicNames topics) {
        return builder.stream(
                        topics.externalCycles(),
                        Consumed.with(Serdes.String(), WireSerdes.cycleSummary())
                                .withName("external-cycles-source"))
                .mapValues(ChannelInput::of, Named.as("external-cycles-in"));
    }

    /** Rows ingest could not read, from the dead-letter topic, for each channel's data-quality watch. */
    private static KStream<String, ChannelInput> unreadableRows(StreamsBuilder builder, TopicNames topics) {
        return builder.stream(
                        topics.deadLetter(),
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("dead-letter-source"))
                .processValues(UnreadableRows::new, Named.as("unreadable-rows"));
    }

    /**
     * Grouped channels' cycles re-keyed by group and repartitioned, so one task sees a whole group;
     * compared there ({@code replicate-groups}, state in {@code replicate-group-store}); the alerts
     * re-keyed by channel and repartitioned back, so they join the channel's other alerts in the
     * tasks that own the channel (the active-alerts store answers for a channel in one place).
     */
    private static KStream<String, Alert> replicateGroups(
            KStream<String, ChannelEvent> events, TopologySettings settings) {
        KeyValueBytesStoreSupplier bytes = settings.inMemoryStores()
                ? Stores.inMemoryKeyValueStore(REPLICATE_GROUP_STORE)
                : Stores.persistentKeyValueStore(REPLICATE_GROUP_STORE);
        StoreBuilder<KeyValueStore<String, ReplicateGroupState>> store = Stores.keyValueStoreBuilder(
                        bytes, Serdes.String(), StateSerdes.of(ReplicateGroupState.class))
                .withCachingEnabled();
        ReplicateGroupDetector detector = settings.detectors().replicateGroups();
        ProcessorSupplier<String, GroupCycle, String, Alert> groups = new ProcessorSupplier<>() {
            @Override
            public Processor<String, GroupCycle, String, Alert> get() {
                return new ReplicateGroupProcessor(detector);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(store);
            }
        };
        return events.flatMapValues(ChannelEvent::groupCycles, Named.as("grouped-cycles"))
                .selectKey((channel, cycle) -> cycle.group(), Named.as("key-by-group"))
                .repartition(Repartitioned.<String, GroupCycle>as(GROUP_CYCLES)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(GROUP_CYCLE_SERDE))
                .process(groups, Named.as(REPLICATE_GROUPS))
                .repartition(Repartitioned.<String, Alert>as(REPLICATE_ALERTS)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(WireSerdes.alert()));
    }

    /**
     * The pipeline processor with its store. The store keeps each channel's state decoded between
     * samples and writes it once per commit ({@link LivePipelineStates}): a channel's state changes
     * with every sample, and only its last value per commit needs to reach the changelog.
     */
    private static final class PipelineSupplier
            implements ProcessorSupplier<String, ChannelInput, String, ChannelEvent> {
        private final DetectorSet detectors;
        private final Duration endTestsSilentFor;
        private final ChannelTable channelTable;
        private final PipelineTelemetry telemetry;
        private final StoreBuilder<LivePipelineStates> store;
        private final StoreBuilder<KeyValueStore<String, StallState>> stalls;
        /**
         * When data arrived on the channels of this instance (wall clock), shared by its tasks: what silence is
         * counted against, so an outage of the ingest or of every cycler at once ends no test ({@link
         * StallPunctuation#silentFor}).
         */
        private final InstanceArrivals arrivals;

        PipelineSupplier(TopologySettings settings, ChannelTable channelTable, PipelineTelemetry telemetry) {
            this.detectors = settings.detectors();
            this.endTestsSilentFor = settings.endTestsSilentFor();
            this.arrivals = InstanceArrivals.forSilenceOf(endTestsSilentFor);
            this.channelTable = channelTable;
            this.telemetry = telemetry;
            KeyValueBytesStoreSupplier bytes = settings.inMemoryStores()
                    ? Stores.inMemoryKeyValueStore(PIPELINE_STATE_STORE)
                    : Stores.persistentKeyValueStore(PIPELINE_STATE_STORE);
            this.store = LivePipelineStates.builder(bytes, PipelineStateSerde.of(detectors));
            this.stalls = Stores.keyValueStoreBuilder(
                            settings.inMemoryStores()
                                    ? Stores.inMemoryKeyValueStore(StallPunctuation.STORE)
                                    : Stores.persistentKeyValueStore(StallPunctuation.STORE),
                            Serdes.String(),
                            StateSerdes.of(StallState.class))
                    .withCachingEnabled();
        }

        @Override
        public Processor<String, ChannelInput, String, ChannelEvent> get() {
            return new ChannelPipelineProcessor(detectors, channelTable, telemetry, endTestsSilentFor, arrivals);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return detectors.dataQuality().isPresent() ? Set.of(store, stalls) : Set.of(store);
        }
    }
}

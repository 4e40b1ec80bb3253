package io.cellwatch.streams.query;

import io.cellwatch.model.Alert;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.WireCodec;
import io.cellwatch.model.WireSerdes;
import io.cellwatch.streams.metrics.PipelineTelemetry;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The state stores the query API reads, and the topology branches that fill them: the cycle
 * history beside the cycles sink, the active alerts and the alert history beside the alerts sink. Both live in
 * the same tasks as the channel's other state, so one channel is answered by one instance.
 */
public final class QueryStores {
    public static final String CYCLE_HISTORY_STORE = "cycle-history-store";
    public static final String ACTIVE_ALERTS_STORE = "active-alerts-store";
    public static final String CYCLE_HISTORY = "cycle-history";
    public static final String ACTIVE_ALERTS = "active-alerts";
    public static final String ALERT_HISTORY_STORE = "alert-history-store";
    public static final String ALERT_HISTORY = "alert-history";
    /** The processor that removes a channel from both histories once its test was ended. */
    public static final String FORGET_ENDED_TESTS = "forget-ended-tests";
    /** Alert events kept per channel (firing, escalated, resolved): years of a busy channel's alerts. */
    public static final long MAX_ALERT_EVENTS_PER_CHANNEL = 500;
    /** Newest cycles kept per channel: beyond the longest tests our labs run, a few MB per channel at most. */
    public static final long MAX_CYCLES_PER_CHANNEL = 20_000;

    static final Serde<ActiveAlerts> ACTIVE_ALERTS_SERDE = WireSerdes.of(WireCodec.of(ActiveAlerts.class));

    private QueryStores() {}

    /** Adds the cycle-history branch to the cycles stream. */
    public static void keepCycleHistory(KStream<String, CycleSummary> cycles, boolean inMemoryStores) {
        StoreBuilder<KeyValueStore<Bytes, CycleSummary>> store = Stores.keyValueStoreBuilder(
                bytesStore(CYCLE_HISTORY_STORE, inMemoryStores), Serdes.Bytes(), WireSerdes.cycleSummary());
        cycles.process(supplier(() -> HistoryProcessor.cycles(MAX_CYCLES_PER_CHANNEL), store), Named.as(CYCLE_HISTORY));
    }

    /** Adds the alert-history branch to the alerts stream: every event, resolved ones too, for the live page. */
    public static void keepAlertHistory(KStream<String, Alert> alerts, boolean inMemoryStores) {
        StoreBuilder<KeyValueStore<Bytes, Alert>> store = Stores.keyValueStoreBuilder(
                bytesStore(ALERT_HISTORY_STORE, inMemoryStores), Serdes.Bytes(), WireSerdes.alert());
        alerts.process(
                supplier(
                        () -> new HistoryProcessor<>(
                                ALERT_HISTORY_STORE, Alert::channelId, MAX_ALERT_EVENTS_PER_CHANNEL),
                        store),
                Named.as(ALERT_HISTORY));
    }

    /** Adds the active-alerts branch to the alerts stream. */
    public static void trackActiveAlerts(
            KStream<String, Alert> alerts, boolean inMemoryStores, PipelineTelemetry telemetry) {
        PipelineTelemetry sink = telemetry == null ? PipelineTelemetry.NONE : telemetry;
        StoreBuilder<KeyValueStore<String, ActiveAlerts>> store = Stores.keyValueStoreBuilder(
                bytesStore(ACTIVE_ALERTS_STORE, inMemoryStores), Serdes.String(), ACTIVE_ALERTS_SERDE);
        alerts.process(supplier(() -> new ActiveAlertsProcessor(sink), store), Named.as(ACTIVE_ALERTS));
    }

    /**
     * Adds the branch that forgets the histories of channels whose test the operator ended (a stream of
     * their ids); after {@link #keepCycleHistory} and {@link #keepAlertHistory}, whose stores it uses.
     */
    public static void forgetEndedTests(KStream<String, String> endedChannels) {
        endedChannels.process(
                ForgetEndedTests::new, Named.as(FORGET_ENDED_TESTS), CYCLE_HISTORY_STORE, ALERT_HISTORY_STORE);
    }

    private static KeyValueBytesStoreSupplier bytesStore(String name, boolean inMemory) {
        return inMemory ? Stores.inMemoryKeyValueStore(name) : Stores.persistentKeyValueStore(name);
    }

    private static <K, V> ProcessorSupplier<K, V, Void, Void> supplier(
            Supplier<Processor<K, V, Void, Void>> factory, StoreBuilder<?> store) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<K, V, Void, Void> get() {
                return factory.get();
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(store);
            }
        };
    }
}

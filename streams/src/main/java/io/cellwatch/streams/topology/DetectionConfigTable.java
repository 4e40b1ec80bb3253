package io.cellwatch.streams.topology;

import io.cellwatch.streams.config.DetectionConfigRecord;
import io.cellwatch.streams.detect.profile.DetectionConfig;
import io.cellwatch.streams.detect.profile.DetectionConfigException;
import io.cellwatch.streams.detect.profile.SwitchableProfiles;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compacted detection-config topic as a global store: every instance reads every record, so
 * all instances apply the same file. Each record is parsed and checked here and, if sound, swapped
 * into the detectors' {@link SwitchableProfiles} (their next judgement uses it); a record that
 * does not check out is logged and the settings in use stay. Kafka Streams restores a global store
 * before any stream thread processes a record, so an instance (re)starting applies the last
 * published file before its first sample.
 */
final class DetectionConfigTable {
    static final String STORE = "detection-config-store";
    private static final Logger LOG = LoggerFactory.getLogger(DetectionConfigTable.class);

    private final SwitchableProfiles profiles;

    DetectionConfigTable(SwitchableProfiles profiles) {
        this.profiles = profiles;
    }

    void addTo(StreamsBuilder builder, String topic) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(
                                Stores.inMemoryKeyValueStore(STORE), Serdes.String(), DetectionConfigRecord.serde())
                        .withLoggingDisabled(), // a global store's changelog is its source topic
                topic,
                Consumed.with(Serdes.String(), DetectionConfigRecord.serde()).withName("detection-config-source"),
                Updater::new);
    }

    /** Keeps the store as the topic says and applies each record that checks out. */
    private final class Updater implements Processor<String, DetectionConfigRecord, Void, Void> {
        private KeyValueStore<String, DetectionConfigRecord> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
            // Restored from the topic without passing through process(): apply what it holds.
            DetectionConfigRecord restored = store.get(DetectionConfigRecord.KEY);
            if (restored != null) {
                apply(restored);
            }
        }

        @Override
        public void process(Record<String, DetectionConfigRecord> record) {
            if (!DetectionConfigRecord.KEY.equals(record.key())) {
                return;
            }
            if (record.value() == null) {
                store.delete(record.key());
                profiles.use(DetectionConfig.none());
                LOG.info("detection config withdrawn: standard profiles from now on");
                return;
            }
            store.put(record.key(), record.value());
            apply(record.value());
        }

        private void apply(DetectionConfigRecord published) {
            try {
                DetectionConfig config = DetectionConfig.parse(published.source(), published.yaml());
                profiles.use(config);
                LOG.info("detection config {} applied: rules {}", published.source(), config.ruleNames());
            } catch (DetectionConfigException e) {
                LOG.error("detection config refused, the settings in use stay: {}", e.getMessage());
            }
        }
    }
}

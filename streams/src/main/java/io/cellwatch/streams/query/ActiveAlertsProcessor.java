package io.cellwatch.streams.query;

import io.cellwatch.model.Alert;
import io.cellwatch.streams.metrics.PipelineTelemetry;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the active-alerts store (channel → open alert episodes) from the alert events the topology
 * publishes, and tells the telemetry, also when a task starts with a restored store: a restart or a
 * rebalance keeps the active-alert gauges right without waiting for the next alert event.
 */
final class ActiveAlertsProcessor implements Processor<String, Alert, Void, Void> {
    private final PipelineTelemetry telemetry;
    private KeyValueStore<String, ActiveAlerts> active;

    ActiveAlertsProcessor(PipelineTelemetry telemetry) {
        this.telemetry = telemetry;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        active = context.getStateStore(QueryStores.ACTIVE_ALERTS_STORE);
        // Processors are initialised once the task's stores are restored: report what is still firing.
        try (KeyValueIterator<String, ActiveAlerts> all = active.all()) {
            while (all.hasNext()) {
                KeyValue<String, ActiveAlerts> channel = all.next();
                telemetry.onActiveAlerts(channel.key, channel.value.firing());
            }
        }
    }

    @Override
    public void process(Record<String, Alert> record) {
        Alert alert = record.value();
        if (alert == null) {
            return;
        }
        String channelId = alert.channelId();
        ActiveAlerts before = active.get(channelId);
        ActiveAlerts after = (before == null ? ActiveAlerts.NONE : before).apply(alert);
        if (after.isEmpty()) {
            active.delete(channelId);
        } else {
            active.put(channelId, after);
        }
        telemetry.onActiveAlerts(channelId, after.firing());
    }
}

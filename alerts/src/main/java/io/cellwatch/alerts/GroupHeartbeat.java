package io.cellwatch.alerts;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Whether this instance's consumer still reaches its group: its last heartbeat went out within {@code lapse}
 * (the consumer's {@code last-heartbeat-seconds-ago}, in whole seconds, under the classic and the consumer
 * group protocol alike). A consumer cut off from Kafka sends none, and is not told its partitions moved until
 * it reaches the group again.
 */
final class GroupHeartbeat {
    static final String METRIC = "last-heartbeat-seconds-ago";
    static final String GROUP = "consumer-coordinator-metrics";

    private final Supplier<Map<MetricName, ? extends Metric>> metrics;
    private final Duration lapse;
    /** Found once the consumer registers it; read by the receivers' workers (a metric's value is thread-safe). */
    private Metric lastHeartbeat;

    GroupHeartbeat(Supplier<Map<MetricName, ? extends Metric>> metrics, Duration lapse) {
        this.metrics = metrics;
        this.lapse = lapse;
    }

    /** Whether a heartbeat went out within the lapse; false before the first (or where the client has no such metric). */
    synchronized boolean recent() {
        if (lastHeartbeat == null) {
            lastHeartbeat = metrics.get().entrySet().stream()
                    .filter(e -> e.getKey().name().equals(METRIC)
                            && e.getKey().group().equals(GROUP))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
            if (lastHeartbeat == null) {
                return false;
            }
        }
        Object value = lastHeartbeat.metricValue();
        if (!(value instanceof Number seconds)) {
            return false;
        }
        double ago = seconds.doubleValue();
        // Negative or NaN before the first heartbeat was sent.
        return ago >= 0 && ago <= lapse.toSeconds();
    }
}

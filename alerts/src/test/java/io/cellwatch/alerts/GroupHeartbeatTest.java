package io.cellwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

/** Whether the group still hears this instance, read from the consumer's own heartbeat metric. */
class GroupHeartbeatTest {
    private double secondsAgo = Double.NaN;
    private final Map<MetricName, Metric> metrics = new HashMap<>();

    private void register(String name, String group) {
        MetricName metricName = new MetricName(name, group, "", Map.of("client-id", "cellwatch-alerts"));
        metrics.put(metricName, new Metric() {
            @Override
            public MetricName metricName() {
                return metricName;
            }

            @Override
            public Object metricValue() {
                return secondsAgo;
            }
        });
    }

    @Test
    void aHeartbeatWithinTheLapseIsContactAndNoneOrAnOldOneIsNot() {
        register("last-heartbeat-seconds-ago", "producer-metrics"); // the same name elsewhere is not it
        register(GroupHeartbeat.METRIC, GroupHeartbeat.GROUP);
        GroupHeartbeat heartbeat = new GroupHeartbeat(() -> metrics, Duration.ofSeconds(5));
        assertThat(heartbeat.recent()).as("none sent yet").isFalse();
        secondsAgo = -1;
        assertThat(heartbeat.recent())
                .as("none sent yet, as the classic client says it")
                .isFalse();
        secondsAgo = 2;
        assertThat(heartbeat.recent()).isTrue();
        secondsAgo = 5;
        assertThat(heartbeat.recent()).isTrue();
        secondsAgo = 6;
        assertThat(heartbeat.recent()).as("cut off from the group").isFalse();
    }

    @Test
    void aClientWithoutTheMetricIsNeverInContact() {
        GroupHeartbeat heartbeat = new GroupHeartbeat(() -> metrics, Duration.ofSeconds(5));
        assertThat(heartbeat.recent()).isFalse();
        register(GroupHeartbeat.METRIC, GroupHeartbeat.GROUP);
        secondsAgo = 0;
        assertThat(heartbeat.recent())
                .as("found once the consumer registers it")
                .isTrue();
    }

    @Test
    void theLapseIsTwoHeartbeats() {
        Properties classic = new Properties();
        classic.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        classic.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        assertThat(AlertSession.groupContactLapse(classic)).isEqualTo(Duration.ofSeconds(6));
        classic.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "1000");
        assertThat(AlertSession.groupContactLapse(classic)).isEqualTo(Duration.ofSeconds(2));
        Properties consumerProtocol = new Properties();
        consumerProtocol.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
        assertThat(AlertSession.groupContactLapse(consumerProtocol))
                .as("the group's heartbeat interval, 5 s by default")
                .isEqualTo(Duration.ofSeconds(10));
    }
}

package io.cellwatch.alerts;

import io.cellwatch.alerts.delivery.RetryPolicy;
import io.cellwatch.model.kafka.KafkaConnection;
import java.time.Clock;

/**
 * How the alert service reaches Kafka.
 *
 * @param kafka             the cluster and the operator's client properties
 * @param groupId           consumer group; also whose memory the delivery ledger holds
 * @param topics            alerts (in), commands (out) and the delivery ledger
 * @param commandPartitions partitions of the commands topic when the service creates it
 * @param replicationFactor replication of topics the service creates; below 1: the broker's default
 * @param retry             backoff while a receiver is down
 * @param clock             the service's clock (alert start and end times, re-send deadlines)
 */
public record AlertServiceSettings(
        KafkaConnection kafka,
        String groupId,
        AlertTopics topics,
        int commandPartitions,
        short replicationFactor,
        RetryPolicy retry,
        Clock clock) {

    /** Four command partitions, the broker's replication, the default backoff; the clock is the caller's. */
    public static AlertServiceSettings defaults(
            KafkaConnection kafka, String groupId, AlertTopics topics, Clock clock) {
        return new AlertServiceSettings(kafka, groupId, topics, 4, (short) -1, RetryPolicy.DEFAULT, clock);
    }

    public AlertServiceSettings withRetry(RetryPolicy retry) {
        return new AlertServiceSettings(kafka, groupId, topics, commandPartitions, replicationFactor, retry, clock);
    }

    public AlertServiceSettings withTopicSizing(int commandPartitions, short replicationFactor) {
        return new AlertServiceSettings(kafka, groupId, topics, commandPartitions, replicationFactor, retry, clock);
    }
}

package io.cellwatch.alerts;

import io.cellwatch.alerts.delivery.RetryPolicy;
import io.cellwatch.alerts.dispatch.AlertDispatcher;
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
 * @param maxQueued         events queued for one receiver above which the next are held back from it
 *                          and read again once it has caught up ({@link AlertDispatcher#MAX_QUEUED})
 */
public record AlertServiceSettings(
        KafkaConnection kafka,
        String groupId,
        AlertTopics topics,
        int commandPartitions,
        short replicationFactor,
        RetryPolicy retry,
        Clock clock,
        int maxQueued) {

    /** Four command partitions, the broker's replication, the default backoff; the clock is the caller's. */
    public static AlertServiceSettings defaults(
            KafkaConnection kafka, String groupId, AlertTopics topics, Clock clock) {
        return new AlertServiceSettings(
                kafka, groupId, topics, 4, (short) -1, RetryPolicy.DEFAULT, clock, AlertDispatcher.MAX_QUEUED);
    }

    public AlertServiceSettings withRetry(RetryPolicy retry) {
        return new AlertServiceSettings(
                kafka, groupId, topics, commandPartitions, replicationFactor, retry, clock, maxQueued);
    }

    public AlertServiceSettings withTopicSizing(int commandPartitions, short replicationFactor) {
        return new AlertServiceSettings(
                kafka, groupId, topics, commandPartitions, replicationFactor, retry, clock, maxQueued);
    }

    /** Another bound of a receiver's queue than {@link AlertDispatcher#MAX_QUEUED} (tests reach it with fewer events). */
    public AlertServiceSettings withMaxQueued(int maxQueued) {
        return new AlertServiceSettings(
                kafka, groupId, topics, commandPartitions, replicationFactor, retry, clock, maxQueued);
    }
}

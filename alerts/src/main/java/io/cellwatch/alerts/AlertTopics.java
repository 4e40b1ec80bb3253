package io.cellwatch.alerts;

import io.cellwatch.model.kafka.KafkaConnection;
import io.cellwatch.model.kafka.TopicProvisioner;
import io.cellwatch.model.kafka.TopicSpec;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * The topics of alert delivery.
 *
 * @param alerts     alert events from the detectors (read, read_committed)
 * @param commands   requests for a cycler bridge, keyed by channel (a pause when a short is imminent)
 * @param deliveries the delivery ledger: each open episode's lifecycle and what each receiver was told (compacted)
 */
public record AlertTopics(String alerts, String commands, String deliveries) {
    public static AlertTopics withPrefix(String prefix) {
        return new AlertTopics(prefix + "alerts", prefix + "commands", prefix + "alert-deliveries");
    }

    /** The topics beside an alerts topic named {@code PREFIXalerts} (anything else: {@code NAME.commands}, ...). */
    public static AlertTopics besideAlertsTopic(String alertsTopic) {
        if (alertsTopic.endsWith("alerts")) {
            return withPrefix(alertsTopic.substring(0, alertsTopic.length() - "alerts".length()));
        }
        return new AlertTopics(alertsTopic, alertsTopic + ".commands", alertsTopic + ".alert-deliveries");
    }

    /**
     * Creates the commands and ledger topics when missing (the alerts topic is the monitor's own).
     * The ledger has one partition and is compacted: it holds one small record per open episode.
     *
     * @param replicationFactor below 1: the broker's default
     */
    public List<String> ensure(KafkaConnection kafka, String clientId, int commandPartitions, short replicationFactor)
            throws InterruptedException, ExecutionException {
        return TopicProvisioner.ensure(
                kafka,
                clientId,
                List.of(
                        TopicSpec.of(commands, commandPartitions, replicationFactor),
                        TopicSpec.of(deliveries, 1, replicationFactor).compacted()));
    }
}

package io.cellwatch.alerts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topics of alert delivery.
 *
 * @param alerts     alert events from the detectors (read, read_committed)
 * @param commands   requests for a cycler bridge, keyed by channel (a pause when a short is imminent)
 * @param deliveries the delivery ledger: each open episode's lifecycle and what each receiver was told (compacted)
 */
public record AlertTopics(String alerts, String commands, String deliveries) {
    private static final Logger LOG = LoggerFactory.getLogger(AlertTopics.class);

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
    public List<String> ensure(String bootstrapServers, int commandPartitions, short replicationFactor)
            throws InterruptedException, ExecutionException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get();
            Optional<Short> replication = replicationFactor < 1 ? Optional.empty() : Optional.of(replicationFactor);
            List<NewTopic> missing = new ArrayList<>();
            if (!existing.contains(commands)) {
                missing.add(new NewTopic(commands, Optional.of(commandPartitions), replication));
            }
            if (!existing.contains(deliveries)) {
                missing.add(new NewTopic(deliveries, Optional.of(1), replication)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
            }
            List<String> created = new ArrayList<>();
            for (NewTopic topic : missing) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                    created.add(topic.name());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e; // another instance creating it at the same moment is fine; anything else is not
                    }
                }
            }
            if (!created.isEmpty()) {
                LOG.info("created topics {}", created);
            }
            return created;
        }
    }
}

package io.cellwatch.deploy.broker;

import io.cellwatch.model.TopicNames;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates cellwatch's topics when they are missing; existing topics are left as they are (an
 * operator may have tuned them). Samples, cycles and alerts share one partition count so a
 * channel's data lives on the same partition number everywhere; channels is compacted, because
 * only a channel's latest metadata matters.
 */
public final class TopicProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {}

    /** Returns the topics it created. */
    public static List<String> ensureTopics(
            String bootstrapServers, TopicNames topics, int partitions, short replicationFactor)
            throws InterruptedException, ExecutionException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get();
            Optional<Short> replication = replicationFactor < 1 ? Optional.empty() : Optional.of(replicationFactor);
            List<NewTopic> wanted = new ArrayList<>();
            wanted.add(new NewTopic(topics.samples(), Optional.of(partitions), replication));
            wanted.add(new NewTopic(topics.channels(), Optional.of(partitions), replication)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
            wanted.add(new NewTopic(topics.cycles(), Optional.of(partitions), replication));
            wanted.add(new NewTopic(topics.alerts(), Optional.of(partitions), replication));
            wanted.add(new NewTopic(topics.deadLetter(), Optional.of(partitions), replication));
            List<NewTopic> missing =
                    wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
                LOG.info(
                        "created topics {}",
                        missing.stream().map(NewTopic::name).toList());
            }
            return missing.stream().map(NewTopic::name).toList();
        }
    }
}

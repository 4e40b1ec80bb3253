package io.cellwatch.model.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * A topic cellwatch creates when it is missing.
 *
 * @param name              the topic
 * @param partitions        its partitions; below 1: the broker's default
 * @param replicationFactor its replicas; below 1: the broker's default
 * @param configs           topic configuration ({@code cleanup.policy=compact}, ...)
 */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {

    public TopicSpec {
        configs = Map.copyOf(configs);
    }

    public static TopicSpec of(String name, int partitions, short replicationFactor) {
        return new TopicSpec(name, partitions, replicationFactor, Map.of());
    }

    /** This topic compacted: only the latest record per key matters (metadata, positions, the ledger). */
    public TopicSpec compacted() {
        return with(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    }

    public TopicSpec with(String config, String value) {
        Map<String, String> more = new LinkedHashMap<>(configs);
        more.put(config, value);
        return new TopicSpec(name, partitions, replicationFactor, more);
    }

    NewTopic toNewTopic() {
        return new NewTopic(
                        name,
                        partitions < 1 ? Optional.empty() : Optional.of(partitions),
                        replicationFactor < 1 ? Optional.empty() : Optional.of(replicationFactor))
                .configs(configs);
    }
}

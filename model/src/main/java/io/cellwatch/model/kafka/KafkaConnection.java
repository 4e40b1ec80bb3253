package io.cellwatch.model.kafka;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * How cellwatch reaches Kafka, and the one place where every producer, consumer, admin client and
 * Kafka Streams instance it creates gets its properties: the cluster's bootstrap servers, the
 * operator's client properties (security, timeouts: {@code --kafka-config}, {@code
 * CELLWATCH_KAFKA_*}), and what each client needs for cellwatch's guarantees.
 *
 * <p>Each client's properties are layered, later wins: the client's tuning (linger, poll sizes,
 * timeouts, which an operator may change), then the operator's properties, then the settings
 * cellwatch's guarantees rest on ({@link #RESERVED}: idempotence, read_committed, manual commits,
 * ids). An operator's value for a reserved key is refused when the connection is made, so a
 * setting never silently loses.
 */
public final class KafkaConnection {
    /**
     * Keys cellwatch sets itself, per client or from its own flags; an operator may not set them.
     * Changing one would break exactly-once (idempotence, acks, isolation), lose alerts (auto
     * commit, offset reset) or make clients collide (ids).
     */
    public static final Set<String> RESERVED = Set.of(
            CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
            CommonClientConfigs.CLIENT_ID_CONFIG,
            CommonClientConfigs.GROUP_ID_CONFIG,
            CommonClientConfigs.GROUP_INSTANCE_ID_CONFIG,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            ProducerConfig.ACKS_CONFIG,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            // Kafka Streams' own: cellwatch sets them from --application-id, --at-least-once, --state-dir,
            // --application-server, --threads and --replication-factor, and its error handling (bad records to the
            // dead-letter topic, explicit names for every internal topic and store).
            "application.id",
            "processing.guarantee",
            "state.dir",
            "application.server",
            "num.stream.threads",
            "replication.factor",
            "errors.dead.letter.queue.topic.name",
            "deserialization.exception.handler",
            "processing.exception.handler",
            "processing.exception.handler.global.enabled",
            "ensure.explicit.internal.resource.naming");

    /**
     * The prefixes Kafka Streams and cellwatch's own configuration pass on to one of its clients: a
     * reserved key behind one of them is as reserved ({@code consumer.auto.offset.reset}, {@code
     * main.consumer.group.instance.id}).
     */
    private static final List<String> CLIENT_PREFIXES =
            List.of("main.consumer.", "restore.consumer.", "global.consumer.", "consumer.", "producer.", "admin.");

    /** The flag that sets a reserved key, where one does. */
    private static final Map<String, String> FLAG_FOR = Map.of(
            "num.stream.threads", "--threads",
            "replication.factor", "--replication-factor",
            "application.id", "--application-id",
            "state.dir", "--state-dir",
            "application.server", "--application-server",
            "processing.guarantee", "--at-least-once");

    /** Whether an operator may not set {@code key}, itself or behind a client prefix. */
    public static boolean reserved(String key) {
        if (RESERVED.contains(key)) {
            return true;
        }
        for (String prefix : CLIENT_PREFIXES) {
            if (key.startsWith(prefix) && RESERVED.contains(key.substring(prefix.length()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tuning for a producer whose every send the caller awaits (the delivery ledger, pause requests):
     * sent at once rather than batched, and failing within 30 s (Kafka's default is 2 minutes) so a
     * caller that retries does so while the reason is still current.
     */
    public static final Map<String, Object> AWAITED_SENDS = Map.of(
            ProducerConfig.LINGER_MS_CONFIG, 0,
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);

    private final String bootstrapServers;
    private final Map<String, String> clientProperties;

    private KafkaConnection(String bootstrapServers, Map<String, String> clientProperties) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("Kafka bootstrap servers are missing");
        }
        this.bootstrapServers = bootstrapServers;
        this.clientProperties = Map.copyOf(clientProperties);
    }

    /** A cluster reached without any client properties of the operator's (no TLS, no SASL). */
    public static KafkaConnection plain(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, Map.of());
    }

    /**
     * A cluster reached with the operator's client properties, applied to every client.
     *
     * @throws IllegalArgumentException naming the first reserved key among them
     */
    public static KafkaConnection of(String bootstrapServers, Map<String, String> clientProperties) {
        for (String key : new TreeSet<>(clientProperties.keySet())) {
            if (reserved(key)) {
                throw new IllegalArgumentException(reservedMessage(key));
            }
        }
        return new KafkaConnection(bootstrapServers, clientProperties);
    }

    /** Why an operator may not set {@code key}, for error messages. */
    public static String reservedMessage(String key) {
        if (key.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            return "'" + key + "' is not a client property here: use --bootstrap-servers";
        }
        if (FLAG_FOR.containsKey(key)) {
            return "'" + key + "' is set by cellwatch from " + FLAG_FOR.get(key) + ": use that flag";
        }
        return "'" + key + "' is set by cellwatch itself for each client (its guarantees or client ids depend on it)";
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The operator's client properties, as given (values may be secrets: never log them). */
    public Map<String, String> operatorProperties() {
        return clientProperties;
    }

    /** The same operator properties towards another cluster (the embedded broker needs none). */
    public KafkaConnection withBootstrapServers(String servers) {
        return new KafkaConnection(servers, clientProperties);
    }

    /**
     * What every client shares: the bootstrap servers and the operator's properties. Kafka Streams
     * takes these as they are (it hands them to each client it creates) and adds its own settings.
     */
    public Properties clientProperties() {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }

    /** An idempotent producer (acks=all): a retried send is written once. */
    public Properties producer(String clientId, Map<String, ?> tuning) {
        Properties props = layered(tuning);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }

    /**
     * A transactional producer: what it writes in one transaction becomes visible to read_committed
     * readers together, and a restarted producer with the same id fences the one before.
     */
    public Properties transactionalProducer(String clientId, String transactionalId, Map<String, ?> tuning) {
        Properties props = producer(clientId, tuning);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        return props;
    }

    /**
     * A consumer that sees only committed records (never an aborted transaction's), commits only
     * when told to, and starts from the beginning of a topic it has no committed offset for.
     *
     * @param groupId its consumer group, or null for a reader that assigns partitions itself
     */
    public Properties consumer(String clientId, String groupId, Map<String, ?> tuning) {
        Properties props = layered(tuning);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        if (groupId != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // The Streams rebalance protocol (KIP-1071) is Kafka Streams' own: a plain consumer refuses it, so one
        // file shared by every command (as the README's example shares it) would stop the alert service and
        // the ingester. They join their groups by the protocol they know.
        if (GROUP_PROTOCOL_STREAMS.equalsIgnoreCase(String.valueOf(props.get(GROUP_PROTOCOL)))) {
            props.remove(GROUP_PROTOCOL);
        }
        return props;
    }

    private static final String GROUP_PROTOCOL = "group.protocol";
    private static final String GROUP_PROTOCOL_STREAMS = "streams";

    /** An admin client (topic creation, metadata). */
    public Properties admin(String clientId) {
        Properties props = clientProperties();
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return props;
    }

    private Properties layered(Map<String, ?> tuning) {
        Properties props = new Properties();
        props.putAll(tuning);
        props.putAll(clientProperties());
        return props;
    }

    /** Names the operator's keys, never their values (a SASL JAAS line holds a password). */
    @Override
    public String toString() {
        return "Kafka " + bootstrapServers
                + (clientProperties.isEmpty() ? "" : " with " + new TreeSet<>(clientProperties.keySet()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KafkaConnection other
                && bootstrapServers.equals(other.bootstrapServers)
                && clientProperties.equals(other.clientProperties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bootstrapServers, clientProperties);
    }
}

package io.cellwatch.streams.topology;

import io.cellwatch.model.kafka.KafkaConnection;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;

/**
 * Kafka Streams configuration for the monitoring topology.
 *
 * <p>Exactly-once (v2) by default: a sample is folded into its cycle once, and a cycle summary and
 * the alerts it causes are committed together with the input offsets, so a crash can neither lose
 * an alert nor double a cycle's capacity. Records that cannot be read or processed go to the
 * dead-letter topic with the reason in {@code __streams.errors.*} headers; the rest keeps flowing.
 *
 * <p>Fast recovery from a crash. Each instance is a static member of the group ({@code
 * group.instance.id}): restarted within the session timeout it takes its own tasks back without a
 * rebalance, and its producer (same transactional id: Kafka Streams keeps its process id in the
 * state directory) fences the dead one's transaction at once instead of waiting for it to time out.
 * An instance that does not come back is dropped after {@value #SESSION_TIMEOUT_MS} ms and its tasks
 * go to the instance holding their standby replica, which is kept up to date from the changelogs.
 * Changelog segments are small, so compaction keeps up with state that is rewritten every commit and
 * a restore reads little more than the latest value of each channel.
 *
 * @param kafka             the Kafka cluster and the operator's client properties (TLS, SASL), which every
 *                          client Kafka Streams creates gets
 * @param applicationId     the Streams application id (consumer group and internal topic prefix)
 * @param stateDir          where local state lives; keep it out of the system temp folder
 * @param deadLetterTopic   where unreadable or unprocessable records go
 * @param exactlyOnce       exactly_once_v2 when true, at_least_once otherwise
 * @param streamThreads     stream threads in this instance
 * @param replicationFactor replication of internal topics (-1: the broker default)
 * @param applicationServer host:port of this instance's query API, for interactive queries (or null)
 * @param instanceId        this instance's stable name in the group (static membership); null for a dynamic member
 */
public record StreamsSettings(
        KafkaConnection kafka,
        String applicationId,
        Path stateDir,
        String deadLetterTopic,
        boolean exactlyOnce,
        int streamThreads,
        int replicationFactor,
        String applicationServer,
        String instanceId) {

    public static final String DEFAULT_APPLICATION_ID = "cellwatch";
    /**
     * How long a static member may be silent before its tasks move: long enough for a crashed
     * instance to be restarted and take them back without a rebalance (a JVM start and a few
     * seconds), short enough that an instance that is gone for good is replaced within seconds.
     */
    static final int SESSION_TIMEOUT_MS = 10_000;
    /**
     * Changelog segment size. The pipeline store rewrites each channel's state at every commit; with
     * Kafka's 1 GiB default the active segment, which compaction never touches, would hold hours of
     * rewrites that every restore after a crash has to read.
     */
    static final int CHANGELOG_SEGMENT_BYTES = 8 * 1024 * 1024;

    /** Settings with the default static-membership name ({@link #defaultInstanceId}). */
    public StreamsSettings(
            KafkaConnection kafka,
            String applicationId,
            Path stateDir,
            String deadLetterTopic,
            boolean exactlyOnce,
            int streamThreads,
            int replicationFactor,
            String applicationServer) {
        this(
                kafka,
                applicationId,
                stateDir,
                deadLetterTopic,
                exactlyOnce,
                streamThreads,
                replicationFactor,
                applicationServer,
                defaultInstanceId(stateDir));
    }

    /**
     * A name that stays the same across restarts of one instance and differs between instances:
     * the host name and a digest of the state directory (the state an instance restarts from is its
     * identity; two instances on one host have two state directories).
     */
    public static String defaultInstanceId(Path stateDir) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(stateDir.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return host + "-" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Settings for a cluster reached without client properties of the operator's. */
    public StreamsSettings(
            String bootstrapServers,
            String applicationId,
            Path stateDir,
            String deadLetterTopic,
            boolean exactlyOnce,
            int streamThreads,
            int replicationFactor,
            String applicationServer) {
        this(
                KafkaConnection.plain(bootstrapServers),
                applicationId,
                stateDir,
                deadLetterTopic,
                exactlyOnce,
                streamThreads,
                replicationFactor,
                applicationServer);
    }

    public Properties toProperties() {
        Properties props = kafka.clientProperties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                exactlyOnce ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
        // Refuse any auto-named internal topic or store: names are part of the upgrade contract.
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        props.put(
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class.getName());
        props.put(
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueProcessingExceptionHandler.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        if (applicationServer != null) {
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        }
        if (instanceId != null) {
            // Kafka Streams appends each stream thread's index.
            props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instanceId);
        }
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), SESSION_TIMEOUT_MS);
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        props.put(StreamsConfig.topicPrefix(TopicConfig.SEGMENT_BYTES_CONFIG), CHANGELOG_SEGMENT_BYTES);
        return props;
    }
}

package io.cellwatch.streams.topology;

import io.cellwatch.model.kafka.KafkaConnection;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
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
 * @param kafka             the Kafka cluster and the operator's client properties (TLS, SASL), which every
 *                          client Kafka Streams creates gets
 * @param applicationId     the Streams application id (consumer group and internal topic prefix)
 * @param stateDir          where local state lives; keep it out of the system temp folder
 * @param deadLetterTopic   where unreadable or unprocessable records go
 * @param exactlyOnce       exactly_once_v2 when true, at_least_once otherwise
 * @param streamThreads     stream threads in this instance
 * @param replicationFactor replication of internal topics (-1: the broker default)
 * @param applicationServer host:port of this instance's query API, for interactive queries (or null)
 */
public record StreamsSettings(
        KafkaConnection kafka,
        String applicationId,
        Path stateDir,
        String deadLetterTopic,
        boolean exactlyOnce,
        int streamThreads,
        int replicationFactor,
        String applicationServer) {

    public static final String DEFAULT_APPLICATION_ID = "cellwatch";

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
        return props;
    }
}

package io.cellwatch.bench.pipeline;

import io.cellwatch.deploy.KafkaRuntime;
import io.cellwatch.deploy.broker.EmbeddedKafka;
import io.cellwatch.ingest.kafka.SampleProducer;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.kafka.KafkaConnection;
import io.cellwatch.model.kafka.TopicProvisioner;
import io.cellwatch.model.kafka.TopicSpec;
import io.cellwatch.streams.topology.StreamsSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

/**
 * The broker every pipeline figure is measured against: cellwatch's embedded KRaft broker, in the
 * benchmark's JVM (so broker, producer and stream thread share the same cores, for the baseline and
 * for cellwatch alike), with its data in a temporary folder.
 */
public final class BenchBroker implements AutoCloseable {
    static final int PARTITIONS = 4;

    private final Path dir;
    private final EmbeddedKafka kafka;

    private BenchBroker(Path dir, EmbeddedKafka kafka) {
        this.dir = dir;
        this.kafka = kafka;
    }

    public static BenchBroker start() throws IOException {
        Path dir = Files.createTempDirectory("cellwatch-bench");
        return new BenchBroker(dir, EmbeddedKafka.start(dir.resolve("kafka"), freePort(), freePort()));
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    KafkaConnection connection() {
        return KafkaConnection.plain(bootstrapServers());
    }

    /** Creates cellwatch's topics under this prefix. */
    TopicNames topics(String prefix) throws InterruptedException, ExecutionException {
        TopicNames topics = TopicNames.withPrefix(prefix);
        KafkaRuntime.ensurePipelineTopics(connection(), topics, PARTITIONS, (short) 1);
        return topics;
    }

    /**
     * Creates a pass-through's output topic, partitioned as the samples: left to auto-creation, its
     * first writes would race the topic's creation (leader not yet known, retried sends) in the
     * baseline only.
     */
    String outputTopic(String name) throws InterruptedException, ExecutionException {
        TopicProvisioner.ensure(connection(), "bench-admin", List.of(TopicSpec.of(name, PARTITIONS, (short) 1)));
        return name;
    }

    /** Creates cellwatch's topics under this prefix and writes the channels' metadata and these samples. */
    TopicNames produce(String prefix, List<ChannelInfo> channels, List<Sample> samples)
            throws InterruptedException, ExecutionException {
        TopicNames topics = topics(prefix);
        try (SampleProducer producer = new SampleProducer(connection(), topics)) {
            producer.publish(channels);
            samples.forEach(producer::send);
            producer.flush();
        }
        return topics;
    }

    /** The Kafka Streams settings of one application run: one stream thread, the given guarantee. */
    StreamsSettings settings(String applicationId, TopicNames topics, boolean exactlyOnce) {
        return new StreamsSettings(
                KafkaConnection.plain(bootstrapServers()),
                applicationId,
                dir.resolve("state").resolve(applicationId),
                topics.deadLetter(),
                exactlyOnce,
                1,
                1,
                null);
    }

    Properties properties(String applicationId, TopicNames topics, boolean exactlyOnce) {
        return settings(applicationId, topics, exactlyOnce).toProperties();
    }

    @Override
    public void close() {
        kafka.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

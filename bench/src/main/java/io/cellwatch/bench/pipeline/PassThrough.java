package io.cellwatch.bench.pipeline;

import io.cellwatch.model.Sample;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.WireSerdes;
import java.util.Properties;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Kafka's own floor for cellwatch's work: a topology that decodes each sample, encodes it again and
 * writes it to a topic, under the same settings (guarantee, thread, compression) as cellwatch. What
 * cellwatch does beyond this is the monitoring.
 */
final class PassThrough implements AutoCloseable {
    private final LongAdder passed = new LongAdder();
    private final KafkaStreams streams;

    PassThrough(TopicNames topics, String outputTopic, Properties config) {
        this.streams = new KafkaStreams(topology(topics, outputTopic, passed), config);
    }

    static Topology topology(TopicNames topics, String outputTopic, LongAdder passed) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(
                        topics.samples(),
                        Consumed.with(Serdes.String(), WireSerdes.sample()).withName("samples-source"))
                .peek((channel, sample) -> passed.increment(), Named.as("count"))
                .to(
                        outputTopic,
                        Produced.<String, Sample>with(Serdes.String(), WireSerdes.sample())
                                .withName("samples-sink"));
        return builder.build();
    }

    void start() {
        streams.start();
    }

    long passed() {
        return passed.sum();
    }

    @Override
    public void close() {
        streams.close();
    }
}

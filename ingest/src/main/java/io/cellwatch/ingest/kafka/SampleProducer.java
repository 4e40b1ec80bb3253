package io.cellwatch.ingest.kafka;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.ChannelInfoHeader;
import io.cellwatch.model.Sample;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.WireCodec;
import io.cellwatch.model.WireSerdes;
import io.cellwatch.model.kafka.KafkaConnection;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces samples keyed by channel (so one channel's samples stay in order on one partition) and
 * channel metadata to the compacted channels topic. Idempotent with acks=all: a retried send is
 * written once. A send that finally fails is remembered and rethrown by {@link #flush()} so the
 * caller never believes a lost sample was delivered.
 */
public final class SampleProducer implements AutoCloseable {
    private volatile UnaryOperator<ChannelInfo> describe = UnaryOperator.identity();
    private final Producer<String, Sample> samples;
    private final Producer<String, ChannelInfo> channels;
    private final TopicNames topics;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    /** Metadata published and not yet carried in band by a sample of its channel. */
    private final Map<String, ChannelInfo> describedSince = new ConcurrentHashMap<>();

    /** Samples stream in by the thousand per second: batch them for 20 ms and compress the batches. */
    private static final Map<String, Object> TUNING =
            Map.of(ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");

    public SampleProducer(KafkaConnection kafka, TopicNames topics) {
        this.topics = topics;
        this.samples = new KafkaProducer<>(
                kafka.producer("cellwatch-ingest-samples", TUNING),
                new StringSerializer(),
                WireSerdes.sample().serializer());
        this.channels = new KafkaProducer<>(
                kafka.producer("cellwatch-ingest-channels", TUNING),
                new StringSerializer(),
                WireSerdes.channelInfo().serializer());
    }

    /**
     * What is published about each channel from now on: {@code describe} applied to the metadata
     * given to {@link #publish} (the demo's and {@code ingest --simulate}'s {@code --group}).
     */
    public SampleProducer describingChannels(UnaryOperator<ChannelInfo> describe) {
        this.describe = describe;
        return this;
    }

    public void publish(Collection<ChannelInfo> infos) {
        for (ChannelInfo given : infos) {
            ChannelInfo info = describe.apply(given);
            channels.send(new ProducerRecord<>(topics.channels(), info.channelId(), info), this::onCompletion);
            describedSince.put(info.channelId(), info);
        }
        channels.flush();
        rethrowFailure();
    }

    public void send(Sample sample) {
        rethrowFailure();
        ProducerRecord<String, Sample> record = new ProducerRecord<>(topics.samples(), sample.channelId(), sample);
        ChannelInfo carried = describedSince.remove(sample.channelId());
        if (carried != null) {
            // The channel's metadata in band on its next sample, which may reach the pipeline before the
            // channels topic's copy reaches its global store (ChannelInfoHeader).
            record.headers().add(ChannelInfoHeader.NAME, WireCodec.CHANNEL_INFO.toBytes(carried));
        }
        samples.send(record, this::onCompletion);
        sent.incrementAndGet();
    }

    private void onCompletion(org.apache.kafka.clients.producer.RecordMetadata metadata, Exception exception) {
        if (exception != null) {
            failure.compareAndSet(null, exception);
        }
    }

    /** Waits until everything sent so far is acknowledged; throws if any send failed. */
    public void flush() {
        samples.flush();
        rethrowFailure();
    }

    public long sentCount() {
        return sent.get();
    }

    private void rethrowFailure() {
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("a record could not be written to Kafka: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            samples.flush();
        } finally {
            samples.close();
            channels.close();
        }
    }
}

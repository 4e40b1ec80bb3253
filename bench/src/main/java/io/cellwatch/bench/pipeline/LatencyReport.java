package io.cellwatch.bench.pipeline;

import io.cellwatch.bench.Machine;
import io.cellwatch.ingest.kafka.SampleProducer;
import io.cellwatch.model.Sample;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.kafka.KafkaConnection;
import io.cellwatch.simulator.Scenario;
import io.cellwatch.simulator.Simulator;
import io.cellwatch.simulator.SimulatorConfig;
import io.cellwatch.streams.StreamsService;
import io.cellwatch.streams.topology.TopologySettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Sample-to-alert and sample-to-cycle latency at a steady load: a fresh cellwatch application under
 * exactly_once_v2 at its default 100 ms commit interval, fed by ingest's producer at a fixed rate,
 * each sample stamped with the time it was sent (its record timestamp); a read_committed consumer
 * of the cycles and alerts topics records, for every cycle and alert, the time from that stamp (the
 * topology passes the sample's timestamp on to what it causes) to its arrival, in an HdrHistogram.
 * The baseline, in the same run at the same rate on the same samples: the pass-through topology,
 * sample to its copy on the output topic, read the same way.
 *
 * <p>The fleet is chosen to alert often: channels whose CE fluctuates before a soft short, which
 * alert between their 14th and 33rd hour. Their first 13 hours go in unpaced and unmeasured (the
 * detectors learn each cell's baseline); the next 20 hours are sent at the steady rate, with as
 * many channels as make about {@code duration} of it.
 */
public final class LatencyReport {
    private static final double HISTORY_H = 13;
    private static final double MEASURED_H = 20;
    private static final Duration WARMUP = Duration.ofSeconds(3);
    private static final Duration DRAIN = Duration.ofSeconds(10);

    /** Latencies in milliseconds, and what the load was. */
    public record Figures(
            int channels,
            double targetRate,
            double sentRate,
            Histogram toCopy,
            Histogram toAlert,
            Histogram toCycle,
            String passLoad,
            String cellwatchLoad) {}

    /** A topology under test, as far as this report needs it. */
    private interface Application extends AutoCloseable {
        /** Samples taken in so far. */
        long processed();

        @Override
        void close();
    }

    private LatencyReport() {}

    public static Figures measure(BenchBroker broker, double rate, Duration duration) throws Exception {
        SimulatorConfig config = SimulatorConfig.demo();
        double samplesPerChannelHour = 3600 / config.sampleIntervalS();
        int channels =
                (int) Math.max(20, Math.min(1_000, rate * duration.toSeconds() / (MEASURED_H * samplesPerChannelHour)));
        Simulator simulator =
                Simulator.create(config, Collections.nCopies(channels, Scenario.CE_FLUCTUATION_SOFT_SHORT));
        List<Sample> history = new ArrayList<>();
        simulator.advanceTo(HISTORY_H * 3600, history::add);
        List<Sample> samples = new ArrayList<>();
        simulator.advanceTo((HISTORY_H + MEASURED_H) * 3600, samples::add);

        TopicNames passTopics = broker.topics("latency-pass.");
        Histogram toCopy = new Histogram(3_600_000, 3);
        String copies = broker.outputTopic("latency-pass-copies");
        try (PassThrough pass =
                new PassThrough(passTopics, copies, broker.properties("bench-latency-pass", passTopics, true))) {
            pass.start();
            steady(broker, passTopics, simulator, pass::passed, history, samples, rate, Map.of(copies, toCopy));
        }
        String passLoad = Machine.load();

        TopicNames topics = broker.topics("latency.");
        Histogram toAlert = new Histogram(3_600_000, 3);
        Histogram toCycle = new Histogram(3_600_000, 3);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        double sent;
        try (StreamsService service = new StreamsService(
                TopologySettings.defaults().withTopics(topics),
                broker.settings("bench-latency", topics, true),
                registry,
                Clock.systemUTC())) {
            service.start();
            sent = steady(
                    broker,
                    topics,
                    simulator,
                    () -> PipelineReport.folded(registry),
                    history,
                    samples,
                    rate,
                    Map.of(topics.alerts(), toAlert, topics.cycles(), toCycle));
        }
        return new Figures(channels, rate, sent, toCopy, toAlert, toCycle, passLoad, Machine.load());
    }

    /**
     * Sends the history unpaced and waits until it is processed, then the samples at {@code rate},
     * recording each output record's latency into the histogram of its topic; returns the rate sent.
     */
    private static double steady(
            BenchBroker broker,
            TopicNames topics,
            Simulator simulator,
            LongSupplier processed,
            List<Sample> history,
            List<Sample> samples,
            double rate,
            Map<String, Histogram> byTopic)
            throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        try (SampleProducer producer = new SampleProducer(broker.connection(), topics)) {
            producer.publish(simulator.channels());
            history.forEach(producer::send);
            producer.flush();
            PipelineReport.rate(processed, history.size());
            long measureFrom = System.currentTimeMillis() + WARMUP.toMillis();
            Thread reader = new Thread(() -> read(broker, measureFrom, byTopic, stop), "latency-reader");
            reader.start();
            long start = System.nanoTime();
            int sent = 0;
            while (sent < samples.size()) {
                long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
                while (sent < Math.min(due, samples.size())) {
                    producer.send(samples.get(sent++));
                }
                Thread.sleep(1);
            }
            double sentRate = sent / ((System.nanoTime() - start) / 1e9);
            producer.flush();
            Thread.sleep(DRAIN.toMillis());
            stop.set(true);
            reader.join();
            return sentRate;
        }
    }

    private static void read(BenchBroker broker, long measureFrom, Map<String, Histogram> byTopic, AtomicBoolean stop) {
        // Measure when a record became readable, not how long a fetch may idle before answering.
        Properties config = KafkaConnection.plain(broker.bootstrapServers())
                .consumer(
                        "bench-latency-reader",
                        "bench-latency-reader",
                        Map.of(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5));
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.copyOf(byTopic.keySet()));
            while (!stop.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    long now = System.currentTimeMillis();
                    if (record.timestamp() >= measureFrom) {
                        byTopic.get(record.topic()).recordValue(Math.max(0, now - record.timestamp()));
                    }
                }
            }
        }
    }

    public static void print(Figures f, PrintStream out) {
        out.printf(
                Locale.ROOT,
                "Latency under exactly_once_v2 (commit every 100 ms), %d channels, steady %,.0f samples/s"
                        + " (target %,.0f: half cellwatch's measured maximum), ms from the sample's record timestamp"
                        + " to a read_committed reader:%n",
                f.channels(),
                f.sentRate(),
                f.targetRate());
        out.printf(Locale.ROOT, "%-28s %8s %8s %8s %8s %8s   %s%n", "", "count", "p50", "p99", "p99.9", "max", "");
        row(out, "pass-through: sample -> copy", f.toCopy(), f.passLoad());
        row(out, "cellwatch: sample -> alert", f.toAlert(), f.cellwatchLoad());
        row(out, "cellwatch: sample -> cycle", f.toCycle(), f.cellwatchLoad());
    }

    private static void row(PrintStream out, String name, Histogram h, String load) {
        out.printf(
                Locale.ROOT,
                "%-28s %8d %8d %8d %8d %8d   %s%n",
                name,
                h.getTotalCount(),
                h.getValueAtPercentile(50),
                h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9),
                h.getMaxValue(),
                load);
    }
}

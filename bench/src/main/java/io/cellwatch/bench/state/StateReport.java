package io.cellwatch.bench.state;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.WireSerdes;
import io.cellwatch.model.kafka.KafkaConnection;
import io.cellwatch.simulator.Scenario;
import io.cellwatch.simulator.Simulator;
import io.cellwatch.simulator.SimulatorConfig;
import io.cellwatch.streams.metrics.PipelineTelemetry;
import io.cellwatch.streams.topology.CellwatchTopology;
import io.cellwatch.streams.topology.StreamsSettings;
import io.cellwatch.streams.topology.TopologySettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The bytes one channel keeps in every store, as their changelogs hold them (latest record per key,
 * key and value): the channel pipeline store, the cycle history and the active alerts, measured at
 * cycle 20 and 2,000 of a full cell and of a symmetric cell run through the real topology (Kafka's
 * test driver). The channel's metadata (the channels topic, read into a global store) is shown
 * beside. Simulated with a sample every 10 minutes: the state's size does not depend on how often
 * a channel samples, and 2,000 cycles come sooner.
 */
public final class StateReport {
    private static final List<Integer> AT_CYCLES = List.of(20, 2_000);
    private static final double SAMPLE_INTERVAL_S = 600;

    /** One cell's sizes at one cycle count: bytes by store. */
    public record Figures(String cell, int cycle, Map<String, Long> bytesByStore) {
        long bounded() {
            return bytesByStore.entrySet().stream()
                    .filter(e -> !e.getKey().equals(HISTORY))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
        }
    }

    static final String PIPELINE = CellwatchTopology.PIPELINE_STATE_STORE;
    static final String HISTORY = "cycle-history-store";
    static final String ALERTS = "active-alerts-store";

    private StateReport() {}

    public static List<Figures> measure() throws IOException {
        List<Figures> all = new ArrayList<>();
        all.addAll(measure("full cell (LFP)", Scenario.HEALTHY_LFP));
        all.addAll(measure("symmetric Li|Li", Scenario.HEALTHY_SYMMETRIC));
        return all;
    }

    static List<Figures> measure(String cell, Scenario scenario) throws IOException {
        Simulator simulator =
                Simulator.create(SimulatorConfig.demo().withSampleIntervalS(SAMPLE_INTERVAL_S), List.of(scenario));
        ChannelInfo info = simulator.channels().get(0);
        Path stateDir = Files.createTempDirectory("cellwatch-state");
        TopicNames topics = TopicNames.defaults();
        Properties config = new StreamsSettings(
                        KafkaConnection.plain("unused:9092"), "state", stateDir, topics.deadLetter(), false, 1, 1, null)
                .toProperties();
        List<Figures> figures = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(
                CellwatchTopology.build(TopologySettings.defaults().withTopics(topics), PipelineTelemetry.NONE, config),
                config)) {
            TestInputTopic<String, io.cellwatch.model.Sample> samples = driver.createInputTopic(
                    topics.samples(),
                    Serdes.String().serializer(),
                    WireSerdes.sample().serializer());
            TestInputTopic<String, ChannelInfo> channels = driver.createInputTopic(
                    topics.channels(),
                    Serdes.String().serializer(),
                    WireSerdes.channelInfo().serializer());
            TestOutputTopic<byte[], byte[]> cycles =
                    driver.createOutputTopic(topics.cycles(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            channels.pipeInput(info.channelId(), info);
            long metadataBytes = info.channelId().getBytes().length
                    + WireSerdes.channelInfo().serializer().serialize(topics.channels(), info).length;
            Changelogs changelogs = new Changelogs(driver);
            int closed = 0;
            double hours = 0;
            for (int target : AT_CYCLES) {
                while (closed < target) {
                    hours += 24;
                    List<io.cellwatch.model.Sample> day = new ArrayList<>();
                    simulator.advanceTo(hours * 3600, day::add);
                    if (day.isEmpty()) {
                        break; // the test ended
                    }
                    for (io.cellwatch.model.Sample sample : day) {
                        samples.pipeInput(sample.channelId(), sample);
                    }
                    closed += cycles.readRecordsToList().size();
                    changelogs.read();
                }
                Map<String, Long> bytes = new TreeMap<>(changelogs.bytesByStore());
                bytes.put("channel-info-store (channels topic)", metadataBytes);
                figures.add(new Figures(cell, closed, bytes));
            }
        }
        return figures;
    }

    public static void print(List<Figures> figures, PrintStream out) {
        out.println("State per channel: bytes each store's changelog keeps for the channel (latest record per key,"
                + " key + value)");
        out.printf(
                Locale.ROOT,
                "%-17s %7s %10s %10s %10s %10s | %14s %14s%n",
                "cell",
                "cycle",
                "pipeline",
                "alerts",
                "metadata",
                "bounded",
                "cycle history",
                "per cycle");
        for (Figures f : figures) {
            long history = f.bytesByStore().getOrDefault(HISTORY, 0L);
            out.printf(
                    Locale.ROOT,
                    "%-17s %7d %10d %10d %10d %10d | %14d %14.0f%n",
                    f.cell(),
                    f.cycle(),
                    f.bytesByStore().getOrDefault(PIPELINE, 0L),
                    f.bytesByStore().getOrDefault(ALERTS, 0L),
                    f.bytesByStore().getOrDefault("channel-info-store (channels topic)", 0L),
                    f.bounded(),
                    history,
                    f.cycle() == 0 ? 0.0 : (double) history / f.cycle());
        }
        out.println("bounded = pipeline + active alerts + metadata; the cycle history keeps every cycle (newest 20,000)"
                + " by design.");
    }

    /** The latest record per key of every changelog the driver has written, read as it goes. */
    private static final class Changelogs {
        private final TopologyTestDriver driver;
        private final Map<String, Map<String, Long>> latest = new TreeMap<>();

        Changelogs(TopologyTestDriver driver) {
            this.driver = driver;
        }

        void read() {
            for (String topic : driver.producedTopicNames()) {
                if (!topic.endsWith("-changelog")) {
                    continue;
                }
                String store = topic.substring("state-".length(), topic.length() - "-changelog".length());
                Map<String, Long> sizes = latest.computeIfAbsent(store, s -> new TreeMap<>());
                for (KeyValue<byte[], byte[]> record : driver.createOutputTopic(
                                topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                        .readKeyValuesToList()) {
                    String key = java.util.HexFormat.of().formatHex(record.key);
                    if (record.value == null) {
                        sizes.remove(key);
                    } else {
                        sizes.put(key, (long) record.key.length + record.value.length);
                    }
                }
            }
        }

        Map<String, Long> bytesByStore() {
            Map<String, Long> out = new TreeMap<>();
            latest.forEach((store, sizes) -> out.put(
                    store, sizes.values().stream().mapToLong(Long::longValue).sum()));
            return out;
        }
    }
}

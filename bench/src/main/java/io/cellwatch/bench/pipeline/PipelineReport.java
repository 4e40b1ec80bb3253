package io.cellwatch.bench.pipeline;

import io.cellwatch.bench.Machine;
import io.cellwatch.bench.Paired;
import io.cellwatch.model.Alert;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.model.TopicNames;
import io.cellwatch.simulator.Simulator;
import io.cellwatch.simulator.SimulatorConfig;
import io.cellwatch.streams.StreamsService;
import io.cellwatch.streams.replay.OfflinePipeline;
import io.cellwatch.streams.topology.TopologySettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Samples per second through the cellwatch topology against a pass-through topology (decode a
 * sample, encode it, write it to a topic) on the same pre-produced samples, the same broker and the
 * same guarantee, pass-through and cellwatch in turn round by round (after a warm-up round of
 * both), under exactly_once_v2 and at_least_once. Each run is a fresh application with one stream thread, timed from its first
 * thousand samples (joined, restored, warm) until it has processed all of them.
 */
public final class PipelineReport {
    private static final long START_AFTER = 1_000;
    private static final long TIMEOUT_MS = 10 * 60_000;

    /**
     * One guarantee's figures (figure: cellwatch, baseline: pass-through): samples per second of wall
     * clock, and samples per CPU-second of the whole JVM (broker, clients and stream thread together).
     */
    public record Figures(String guarantee, Paired rates, Paired cpuRates, List<String> loads) {}

    /**
     * How fast one run took in its samples: per second of wall clock, and per CPU-second of the JVM.
     *
     * @param perSecond    samples per second
     * @param perCpuSecond samples per CPU-second of the process (NaN where the JVM does not tell its CPU time)
     */
    record Rate(double perSecond, double perCpuSecond) {}

    /** Everything measured on one fleet: the samples, the offline core's rate, each guarantee. */
    public record Result(String fleet, int channels, int samples, double offlineCoreRate, List<Figures> guarantees) {
        /** cellwatch's median rate under a guarantee. */
        public double cellwatchRate(String guarantee) {
            return guarantees.stream()
                    .filter(f -> f.guarantee().equals(guarantee))
                    .findFirst()
                    .orElseThrow()
                    .rates()
                    .figure();
        }
    }

    public static final String EXACTLY_ONCE = "exactly_once_v2";
    public static final String AT_LEAST_ONCE = "at_least_once";

    private PipelineReport() {}

    /** The demo fleet: 50 channels, one of each failure scenario among them. */
    public static Simulator demoFleet() {
        return Simulator.create(SimulatorConfig.demo());
    }

    /**
     * A fleet as wide as a lab's: so many channels that a commit (100 ms under exactly-once) sees about
     * one sample of each, as at one sample per channel every few seconds, where the demo fleet's
     * channels each see dozens per commit when the topology runs flat out.
     */
    public static Simulator wideFleet(int channels) {
        SimulatorConfig demo = SimulatorConfig.demo();
        return Simulator.create(
                new SimulatorConfig(channels, demo.seed(), demo.sampleIntervalS(), demo.startEpochMs(), true));
    }

    public static Result measure(
            BenchBroker broker, String fleet, Simulator simulator, double hours, int rounds, List<String> guarantees)
            throws Exception {
        List<Sample> samples = new ArrayList<>();
        simulator.advanceTo(hours * 3600, samples::add);
        double offline = offlineCoreRate(simulator, samples);
        String prefix = fleet.replaceAll("[^a-z0-9]", "") + ".";
        TopicNames topics = broker.produce(prefix, simulator.channels(), samples);
        List<Figures> all = new ArrayList<>();
        for (String guarantee : guarantees) {
            boolean exactlyOnce = guarantee.equals(EXACTLY_ONCE);
            Paired rates = new Paired();
            Paired cpuRates = new Paired();
            List<String> loads = new ArrayList<>();
            // Round 0 warms the JIT for both and is not counted: the compiler's threads' CPU time is the
            // process's, and the first application run would carry most of it. Rounds then take turns
            // at going first, so a drift in the machine's load favours neither.
            for (int round = 0; round <= rounds; round++) {
                String suffix = prefix + (exactlyOnce ? "eos-" : "alo-") + round;
                Rate pass;
                Rate cellwatch;
                if (round % 2 == 0) {
                    pass = passThrough(broker, topics, exactlyOnce, "bench-pass-" + suffix, samples.size());
                    cellwatch = cellwatch(broker, topics, exactlyOnce, "bench-cellwatch-" + suffix, samples.size());
                } else {
                    cellwatch = cellwatch(broker, topics, exactlyOnce, "bench-cellwatch-" + suffix, samples.size());
                    pass = passThrough(broker, topics, exactlyOnce, "bench-pass-" + suffix, samples.size());
                }
                if (round == 0) {
                    continue;
                }
                rates.add(cellwatch.perSecond(), pass.perSecond());
                cpuRates.add(cellwatch.perCpuSecond(), pass.perCpuSecond());
                loads.add(Machine.load());
            }
            all.add(new Figures(guarantee, rates, cpuRates, loads));
        }
        return new Result(fleet, simulator.channels().size(), samples.size(), offline, all);
    }

    public static void print(Result result, PrintStream out) {
        out.printf(
                Locale.ROOT,
                "Pipeline, %s: %,d samples of %d channels, one stream thread, broker in the same JVM;"
                        + " one warm-up round, then rounds of both, taking turns at going first%n",
                result.fleet(),
                result.samples(),
                result.channels());
        out.printf(
                Locale.ROOT,
                "%-16s %14s %14s %9s %11s | %14s %14s %9s %11s | %s%n",
                "guarantee",
                "pass samples/s",
                "cellwatch /s",
                "ratio",
                "range",
                "pass /CPU-s",
                "cellwatch",
                "ratio",
                "range",
                "load after each round (1/5/15 min)");
        for (Figures f : result.guarantees()) {
            out.printf(
                    Locale.ROOT,
                    "%-16s %,14.0f %,14.0f %8.0f%% %11s | %,14.0f %,14.0f %8.0f%% %11s | %s%n",
                    f.guarantee(),
                    f.rates().baseline(),
                    f.rates().figure(),
                    100 * f.rates().ratio(),
                    f.rates().ratioRange(),
                    f.cpuRates().baseline(),
                    f.cpuRates().figure(),
                    100 * f.cpuRates().ratio(),
                    f.cpuRates().ratioRange(),
                    String.join("; ", f.loads()));
        }
        out.printf(
                Locale.ROOT,
                "offline core (summarizer and every detector, no Kafka): %,.0f samples/s%n",
                result.offlineCoreRate());
    }

    static Rate passThrough(BenchBroker broker, TopicNames topics, boolean exactlyOnce, String id, long expected)
            throws Exception {
        try (PassThrough pass =
                new PassThrough(topics, broker.outputTopic(id + "-out"), broker.properties(id, topics, exactlyOnce))) {
            pass.start();
            return rate(pass::passed, expected);
        }
    }

    static Rate cellwatch(BenchBroker broker, TopicNames topics, boolean exactlyOnce, String id, long expected)
            throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (StreamsService service = new StreamsService(
                TopologySettings.defaults().withTopics(topics),
                broker.settings(id, topics, exactlyOnce),
                registry,
                Clock.systemUTC())) {
            service.start();
            return rate(() -> folded(registry), expected);
        }
    }

    /** Samples the cellwatch application has taken in, folded or found stale. */
    static long folded(SimpleMeterRegistry registry) {
        return (long) (registry.get("cellwatch.samples").counter().count()
                + registry.get("cellwatch.samples.stale").counter().count());
    }

    /** Samples per second and per CPU-second from the {@value #START_AFTER}th sample processed to the last. */
    static Rate rate(LongSupplier processed, long expected) throws InterruptedException, TimeoutException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        long startCount;
        while ((startCount = processed.getAsLong()) < START_AFTER) {
            waitUntil(deadline, 5);
        }
        long start = System.nanoTime();
        long startCpu = Machine.processCpuNanos();
        while (processed.getAsLong() < expected) {
            waitUntil(deadline, 10);
        }
        long cpu = Machine.processCpuNanos() - startCpu;
        double samples = expected - startCount;
        return new Rate(
                samples / ((System.nanoTime() - start) / 1e9), startCpu < 0 ? Double.NaN : samples / (cpu / 1e9));
    }

    private static void waitUntil(long deadline, long sleepMs) throws InterruptedException, TimeoutException {
        if (System.currentTimeMillis() > deadline) {
            throw new TimeoutException("the application did not process every sample in " + TIMEOUT_MS + " ms");
        }
        Thread.sleep(sleepMs);
    }

    /** The pure-Java core alone on the same samples (second pass, the first warms the JIT). */
    static double offlineCoreRate(Simulator simulator, List<Sample> samples) {
        double rate = 0;
        for (int pass = 0; pass < 2; pass++) {
            long start = System.nanoTime();
            OfflinePipeline offline =
                    new OfflinePipeline(TopologySettings.defaultDetectors(), new OfflinePipeline.Listener() {
                        @Override
                        public void onCycle(CycleSummary cycle) {}

                        @Override
                        public void onAlert(Alert alert) {}
                    });
            simulator.channels().forEach(offline::describe);
            samples.forEach(offline::accept);
            rate = samples.size() / ((System.nanoTime() - start) / 1e9);
        }
        return rate;
    }
}

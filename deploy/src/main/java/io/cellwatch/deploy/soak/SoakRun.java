package io.cellwatch.deploy.soak;

import io.cellwatch.deploy.KafkaRuntime;
import io.cellwatch.deploy.broker.LoopbackPorts;
import io.cellwatch.deploy.chaos.ChildJvm;
import io.cellwatch.deploy.cli.CellwatchCli;
import io.cellwatch.model.TopicNames;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A long run of a {@code cellwatch streams} JVM under a simulated fleet played in accelerated
 * time by {@code cellwatch ingest --simulate} (its own JVM), against a broker in this process. Every
 * interval it measures the streams JVM from outside: heap after a full GC, live threads, open file
 * descriptors, and the bytes of each state store; at the end it fits a line through each series
 * (after a warm-up) and reports the slopes.
 */
public final class SoakRun {
    private static final Pattern SAMPLES_TOTAL = Pattern.compile("(?m)^cellwatch_samples_total(?:\\{[^}]*})? (\\S+)$");
    private final SoakSettings settings;
    private final PrintStream log;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One measurement. */
    record Point(
            double hours,
            long heapAfterGcBytes,
            int threads,
            int openFiles,
            Map<String, Long> storeBytes,
            double samples) {}

    public SoakRun(SoakSettings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    public SoakReport run() throws Exception {
        Path dir = settings.workDir();
        TopicNames topics = TopicNames.withPrefix("soak.");
        int[] ports = LoopbackPorts.free(3); // broker, controller, the streams JVM's HTTP
        try (KafkaRuntime kafka = KafkaRuntime.open(
                null, dir.resolve("broker"), ports[0], ports[1], topics, settings.partitions(), (short) -1)) {
            int httpPort = ports[2];
            Path state = dir.resolve("streams");
            List<String> kafkaArgs = List.of(
                    "--bootstrap-servers",
                    kafka.bootstrapServers(),
                    "--topic-prefix",
                    "soak.",
                    "--partitions",
                    Integer.toString(settings.partitions()));
            List<String> streamsArgs = new ArrayList<>(List.of("streams"));
            streamsArgs.addAll(kafkaArgs);
            streamsArgs.addAll(List.of(
                    "--state-dir",
                    state.toString(),
                    "--http-host",
                    "127.0.0.1",
                    "--http-port",
                    Integer.toString(httpPort)));
            List<String> ingestArgs = new ArrayList<>(List.of("ingest", "--simulate"));
            ingestArgs.addAll(kafkaArgs);
            ingestArgs.addAll(List.of(
                    "--channels",
                    Integer.toString(settings.channels()),
                    "--acceleration",
                    Double.toString(settings.acceleration())));
            Path logs = dir.resolve("logs");
            try (ChildJvm streams = new ChildJvm(
                                    "streams",
                                    List.of("-Xmx" + settings.streamsHeap()),
                                    CellwatchCli.class.getName(),
                                    streamsArgs,
                                    logs)
                            .start();
                    ChildJvm ingest = new ChildJvm(
                                    "ingest", List.of("-Xmx512m"), CellwatchCli.class.getName(), ingestArgs, logs)
                            .start()) {
                ProcessProbe probe = new ProcessProbe(streams.pid());
                List<Point> points = new ArrayList<>();
                long start = System.nanoTime();
                long end = start + settings.duration().toNanos();
                long next = start;
                while (System.nanoTime() < end) {
                    if (!streams.alive() || !ingest.alive()) {
                        throw new IllegalStateException("a soak process stopped; see " + logs);
                    }
                    if (System.nanoTime() >= next) {
                        Point point = measure(probe, state, httpPort, (System.nanoTime() - start) / 3.6e12);
                        points.add(point);
                        log.printf(
                                Locale.ROOT,
                                "[soak %5.1f min] heap after GC %6.1f MB | threads %3d | open files %4d | stores %7.1f MB | samples %,.0f%n",
                                point.hours() * 60,
                                point.heapAfterGcBytes() / 1e6,
                                point.threads(),
                                point.openFiles(),
                                point.storeBytes().values().stream()
                                                .mapToLong(Long::longValue)
                                                .sum()
                                        / 1e6,
                                point.samples());
                        next += settings.every().toNanos();
                    }
                    Thread.sleep(500);
                }
                writeCsv(dir.resolve("soak.csv"), points);
                return SoakReport.of(settings, points);
            }
        }
    }

    private Point measure(ProcessProbe probe, Path state, int httpPort, double hours) throws Exception {
        long heap = probe.heapAfterGcBytes();
        return new Point(hours, heap, probe.threads(), probe.openFiles(), StoreSizes.of(state), samples(httpPort));
    }

    /** The streams instance's own count of samples folded in (NaN if it cannot be read now). */
    private double samples(int port) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = SAMPLES_TOTAL.matcher(response.body());
            return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
        } catch (IOException | InterruptedException | NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static void writeCsv(Path file, List<Point> points) throws IOException {
        TreeSet<String> stores = new TreeSet<>();
        points.forEach(p -> stores.addAll(p.storeBytes().keySet()));
        try (Writer out = Files.newBufferedWriter(file)) {
            out.write("hours,heap_after_gc_bytes,threads,open_files,samples");
            for (String store : stores) {
                out.write(",store_" + store + "_bytes");
            }
            out.write('\n');
            for (Point p : points) {
                out.write(String.format(
                        Locale.ROOT,
                        "%.5f,%d,%d,%d,%.0f",
                        p.hours(),
                        p.heapAfterGcBytes(),
                        p.threads(),
                        p.openFiles(),
                        p.samples()));
                for (String store : stores) {
                    out.write("," + p.storeBytes().getOrDefault(store, 0L));
                }
                out.write('\n');
            }
        }
    }

    static Map<String, List<double[]>> storeSeries(Collection<Point> points) {
        Map<String, List<double[]>> series = new TreeMap<>();
        for (Point p : points) {
            p.storeBytes()
                    .forEach((store, bytes) -> series.computeIfAbsent(store, s -> new ArrayList<>())
                            .add(new double[] {p.hours(), bytes}));
        }
        return series;
    }
}

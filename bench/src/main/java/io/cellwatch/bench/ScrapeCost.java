package io.cellwatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link ScrapeBenchmark} and prints what a scrape costs at each fleet size, as ratios to the
 * smallest fleet measured in the same run, with the machine it ran on.
 *
 * <pre>java -jar bench/target/cellwatch-bench.jar [--quick] [CHANNELS...]</pre>
 */
public final class ScrapeCost {
    private ScrapeCost() {}

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        List<String> sizes = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else {
                sizes.add(arg);
            }
        }
        if (sizes.isEmpty()) {
            sizes = List.of("100", "1000", "10000");
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(ScrapeBenchmark.class.getName())
                .param("channels", sizes.toArray(String[]::new));
        if (quick) {
            options.warmupIterations(2)
                    .warmupTime(TimeValue.seconds(1))
                    .measurementIterations(3)
                    .measurementTime(TimeValue.seconds(1));
        }
        Collection<RunResult> results = new Runner(options.build()).run();

        Map<String, double[]> millis = new LinkedHashMap<>(); // channels -> {text, gzip}
        Map<String, double[]> errors = new LinkedHashMap<>();
        for (RunResult result : results) {
            String channels = result.getParams().getParam("channels");
            int column = result.getParams().getBenchmark().endsWith(".text") ? 0 : 1;
            millis.computeIfAbsent(channels, k -> new double[2])[column] =
                    result.getPrimaryResult().getScore();
            errors.computeIfAbsent(channels, k -> new double[2])[column] =
                    result.getPrimaryResult().getScoreError();
        }

        System.out.println();
        System.out.println("Scrape cost of /metrics (" + machine() + ")");
        System.out.printf(
                Locale.ROOT,
                "%9s %9s %12s %11s %18s %18s %8s %8s%n",
                "channels",
                "series",
                "text bytes",
                "gzip bytes",
                "text ms (±99.9%)",
                "gzip ms (±99.9%)",
                "text x",
                "gzip x");
        double[] baseline = null;
        for (String channels : sizes) {
            ScrapeFleet fleet = new ScrapeFleet(Integer.parseInt(channels));
            long[] bytes = fleet.scrapeBytes();
            double[] ms = millis.get(channels);
            double[] err = errors.get(channels);
            if (baseline == null) {
                baseline = ms;
            }
            System.out.printf(
                    Locale.ROOT,
                    "%9s %9d %12d %11d %11.2f ± %-5.2f %11.2f ± %-5.2f %7.1fx %7.1fx%n",
                    channels,
                    fleet.series(),
                    bytes[0],
                    bytes[1],
                    ms[0],
                    err[0],
                    ms[1],
                    err[1],
                    ms[0] / baseline[0],
                    ms[1] / baseline[1]);
        }
        System.out.println("x = time relative to the first (smallest) fleet in this run.");
    }

    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // not Linux: the JVM's view below still says enough
        }
        return String.format(
                Locale.ROOT,
                "%s, %d cores visible to the JVM, %s %s, Java %s",
                cpu,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                System.getProperty("java.version"));
    }
}

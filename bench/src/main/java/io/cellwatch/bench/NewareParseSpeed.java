package io.cellwatch.bench;

import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
 * Runs {@link NewareParseBenchmark} and prints, per file, how long parsing takes against reading
 * the same bytes (and inflating an {@code .ndax}'s members) in the same run, with samples and
 * megabytes per second.
 *
 * <pre>java -cp bench/target/cellwatch-bench.jar io.cellwatch.bench.NewareParseSpeed [--quick] [FILE...]</pre>
 *
 * FILE is a path under the real-data root ({@code -Dcellwatch.realData}, default
 * {@code ../shared/data/real}); the default is the largest {@code .nda} and {@code .ndax} there.
 */
public final class NewareParseSpeed {
    private NewareParseSpeed() {}

    static Path realDataRoot() {
        String configured = System.getProperty("cellwatch.realData", System.getenv("CELLWATCH_REAL_DATA"));
        return Path.of(configured == null ? "../shared/data/real" : configured)
                .toAbsolutePath()
                .normalize();
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        List<String> files =
                Arrays.stream(args).filter(a -> !a.equals("--quick")).toList();
        if (files.isEmpty()) {
            files = List.of("binary/fastnda/nda_v26.nda.zip", "binary/NewareNDA/BTS85-36-6-5-110-20240424.ndax");
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(NewareParseBenchmark.class.getName())
                .param("file", files.toArray(String[]::new))
                .jvmArgsAppend("-Dcellwatch.realData=" + realDataRoot());
        if (quick) {
            options.warmupIterations(2)
                    .warmupTime(TimeValue.seconds(1))
                    .measurementIterations(3)
                    .measurementTime(TimeValue.seconds(1));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, Map<String, double[]>> millis = new LinkedHashMap<>();
        for (RunResult r : results) {
            String benchmark = r.getParams().getBenchmark();
            millis.computeIfAbsent(r.getParams().getParam("file"), k -> new LinkedHashMap<>())
                    .put(benchmark.substring(benchmark.lastIndexOf('.') + 1), new double[] {
                        r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()
                    });
        }
        System.out.println();
        System.out.println("Neware parse speed (" + Machine.describe() + ")");
        for (String file : files) {
            Path path = realDataRoot().resolve(file);
            Path unzipped = null;
            if (file.endsWith(".zip")) {
                unzipped = Files.createTempDirectory("cellwatch-bench");
                path = NewareParseBenchmark.unzip(path, unzipped);
            }
            CountingSink counted = new CountingSink();
            CyclerFormats.detect(path).read(SourceFile.of(path), counted);
            long bytes = Files.size(path);
            Map<String, double[]> m = millis.get(file);
            double parse = m.get("parse")[0];
            double read = m.get("readBytes")[0];
            double inflate = m.get("inflateMembers")[0];
            System.out.printf(
                    Locale.ROOT,
                    "%s: %,d bytes, %,d samples%n  read bytes %8.2f ms ± %.2f%n",
                    file,
                    bytes,
                    counted.samples,
                    read,
                    m.get("readBytes")[1]);
            if (path.toString().endsWith(".ndax")) {
                System.out.printf(Locale.ROOT, "  inflate    %8.2f ms ± %.2f%n", inflate, m.get("inflateMembers")[1]);
            }
            System.out.printf(
                    Locale.ROOT,
                    "  parse      %8.2f ms ± %.2f  = %.1fx reading the bytes%s; %.0f MB/s, %.2f M samples/s%n",
                    parse,
                    m.get("parse")[1],
                    parse / read,
                    path.toString().endsWith(".ndax")
                            ? String.format(Locale.ROOT, ", %.1fx inflating the members", parse / inflate)
                            : "",
                    bytes / 1e6 / (parse / 1000),
                    counted.samples / 1e6 / (parse / 1000));
            if (unzipped != null) {
                Files.deleteIfExists(path);
                Files.deleteIfExists(unzipped);
            }
        }
    }
}

package io.cellwatch.bench;

import io.cellwatch.ingest.format.arbin.res.ArbinResFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Parse speed of the Arbin {@code .res} reader on the largest real result file present, against the
 * baseline of reading the same file's bytes in the same run: how much the Access structure (pages,
 * index, row decoding through Jackcess) costs over the disk.
 *
 * <pre>java -cp bench/target/cellwatch-bench.jar io.cellwatch.bench.ArbinResParseSpeed [REAL_DATA_DIR]</pre>
 *
 * The folder defaults to {@code ../shared/data/real} (or {@code -Dcellwatch.realData}); the file is the
 * largest {@code .res} under its {@code binary/} folder.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g"})
public class ArbinResParseSpeed {
    private final ArbinResFormat format = new ArbinResFormat();
    private Path file;

    @Setup
    public void findFile() {
        file = largestResultFile(Path.of(System.getProperty("cellwatch.realData", "../shared/data/real")));
    }

    /** Baseline: the file's bytes, from the page cache after the first round. */
    @Benchmark
    public long readBytes() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return bytes.length + bytes[bytes.length - 1];
    }

    @Benchmark
    public long readSamples() throws IOException {
        CountingSink sink = new CountingSink();
        format.read(file, sink);
        return sink.samples;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            System.setProperty("cellwatch.realData", args[0]);
        }
        String realData = System.getProperty("cellwatch.realData", "../shared/data/real");
        Path file = largestResultFile(Path.of(realData));
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                        .include(ArbinResParseSpeed.class.getName())
                        .jvmArgsAppend("-Dcellwatch.realData=" + realData)
                        .build())
                .run();
        double bytesMs = score(results, "readBytes");
        double samplesMs = score(results, "readSamples");
        CountingSink sink = new CountingSink();
        new ArbinResFormat().read(file, sink);
        double megabytes = Files.size(file) / 1e6;
        System.out.println();
        System.out.println("Arbin .res parse speed (" + Machine.describe() + ")");
        System.out.printf(
                Locale.ROOT,
                "%s: %.2f MB, %d samples%n  read bytes   %8.2f ms  %8.1f MB/s  (baseline)%n"
                        + "  read samples %8.2f ms  %8.1f MB/s  %10.0f samples/s  %.1fx the baseline%n",
                file.getFileName(),
                megabytes,
                sink.samples,
                bytesMs,
                megabytes / (bytesMs / 1000),
                samplesMs,
                megabytes / (samplesMs / 1000),
                sink.samples / (samplesMs / 1000),
                samplesMs / bytesMs);
    }

    private static double score(Collection<RunResult> results, String benchmark) {
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + benchmark))
                .findFirst()
                .orElseThrow()
                .getPrimaryResult()
                .getScore();
    }

    static Path largestResultFile(Path realData) {
        return LargestFile.under(realData.resolve("binary"), ".res");
    }
}

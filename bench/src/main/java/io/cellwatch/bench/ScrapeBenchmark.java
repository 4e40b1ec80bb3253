package io.cellwatch.bench;

import io.cellwatch.streams.http.HttpApi;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Prometheus scrape of the registry, as {@code /metrics} serves it: the text format written
 * to the response ({@link #text}) and the same gzipped as {@code /metrics} does ({@link #gzip}, what
 * Prometheus requests).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
public class ScrapeBenchmark {
    @Param({"100", "1000", "10000"})
    int channels;

    private ScrapeFleet fleet;

    @Setup
    public void setUp() {
        fleet = new ScrapeFleet(channels);
    }

    @Benchmark
    public long text() throws IOException {
        ScrapeFleet.CountingStream out = new ScrapeFleet.CountingStream();
        fleet.registry.scrape(out);
        return out.count;
    }

    @Benchmark
    public long gzip() throws IOException {
        ScrapeFleet.CountingStream out = new ScrapeFleet.CountingStream();
        try (OutputStream zipped = HttpApi.gzip(out)) {
            fleet.registry.scrape(zipped);
        }
        return out.count;
    }
}

package io.cellwatch.bench.scrape;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.CeConvention;
import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.model.Severity;
import io.cellwatch.model.StepType;
import io.cellwatch.model.TestProtocol;
import io.cellwatch.streams.detect.HealthReading;
import io.cellwatch.streams.http.HttpApi;
import io.cellwatch.streams.metrics.CellwatchMetrics;
import io.cellwatch.streams.metrics.MicrometerPipelineTelemetry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A registry as a running instance has it with {@code channels} channels: the process-wide JVM
 * meters, and per channel what the pipeline reports over a test: a sample, a closed cycle, the
 * health readings of the detectors that apply (nine channels in ten are full cells with the five
 * full-cell readings, one in ten a symmetric cell with its overpotential), 1 % of the channels with
 * an alert firing. Values are random doubles: every digit of them is written, the worst case for
 * the scrape.
 */
final class ScrapeFleet {
    private static final List<HealthReading> FULL_CELL = List.of(
            HealthReading.SOFT_SHORT_SCORE,
            HealthReading.CE_FLUCTUATION_SCORE,
            HealthReading.CAPACITY_RETENTION,
            HealthReading.FADE_PER_CYCLE,
            HealthReading.IMMINENT_SHORT);
    private static final List<HealthReading> SYMMETRIC_CELL = List.of(HealthReading.OVERPOTENTIAL_V);

    private final PrometheusMeterRegistry registry = CellwatchMetrics.prometheusRegistry();
    private final MicrometerPipelineTelemetry telemetry = new MicrometerPipelineTelemetry(registry, Clock.systemUTC());

    ScrapeFleet(int channels) {
        Random random = new Random(42);
        for (int i = 0; i < channels; i++) {
            String channel = String.format("cycler-%02d-ch-%04d", i / 1000, i % 1000);
            boolean symmetric = i % 10 == 9;
            ChannelInfo info = new ChannelInfo(
                    ChannelInfo.SCHEMA_VERSION,
                    channel,
                    symmetric ? CellType.SYMMETRIC : CellType.FULL,
                    symmetric ? "Li|LLZO|Li" : "NCM811|Li6PS5Cl|Li-In",
                    1.0,
                    null,
                    null,
                    TestProtocol.CYCLING,
                    CeConvention.DISCHARGE_OVER_CHARGE);
            double capacityAh = 0.002 + random.nextDouble() * 0.003;
            telemetry.onSample(
                    new Sample(
                            1,
                            channel,
                            1000 + i,
                            1_700_000_000_000L,
                            360_000.0,
                            120,
                            3,
                            StepType.CHARGE,
                            3.4 + random.nextDouble() * 0.6,
                            capacityAh * random.nextDouble(),
                            capacityAh,
                            capacityAh * 0.4,
                            0.0,
                            capacityAh * 1.5,
                            20 + random.nextDouble() * 10),
                    info);
            telemetry.onCycle(new CycleSummary(
                    1,
                    channel,
                    119,
                    350_000,
                    357_000,
                    null,
                    240,
                    capacityAh,
                    capacityAh * (0.99 + random.nextDouble() * 0.01),
                    capacityAh * 3.7,
                    capacityAh * 3.5,
                    0.99 + random.nextDouble() * 0.01,
                    3.7,
                    3.5,
                    3600,
                    3500,
                    4.2,
                    3.0,
                    25.4,
                    CycleSummary.CapacitySource.CYCLER_COUNTERS,
                    true,
                    null,
                    null));
            for (HealthReading reading : symmetric ? SYMMETRIC_CELL : FULL_CELL) {
                telemetry.report(channel, reading, random.nextDouble());
            }
            if (i % 100 == 0) {
                Alert alert = new Alert(
                        1,
                        Alert.episodeId(channel, AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE, 118),
                        channel,
                        AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE,
                        Severity.WARNING,
                        AlertStatus.FIRING,
                        118,
                        350_000,
                        null,
                        "bench",
                        Map.of());
                telemetry.onAlert(alert);
                telemetry.onActiveAlerts(channel, List.of(alert));
            }
        }
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    /** One scrape in the text format, as {@code /metrics} serves it. */
    byte[] scrapeText() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        registry.scrape(out);
        return out.toByteArray();
    }

    /** Renders one scrape into a stream that drops the bytes: the render's cost alone. */
    long render() throws IOException {
        CountingStream out = new CountingStream();
        registry.scrape(out);
        return out.count;
    }

    /** Compresses these bytes gzipped at the fastest level, as {@code /metrics} does: the compression's cost alone. */
    static long deflate(byte[] bytes) throws IOException {
        CountingStream out = new CountingStream();
        try (OutputStream zipped = HttpApi.gzip(out)) {
            zipped.write(bytes);
        }
        return out.count;
    }

    /** Series in one scrape (sample lines of the text format). */
    long series() throws IOException {
        return new String(scrapeText(), java.nio.charset.StandardCharsets.UTF_8)
                .lines()
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .count();
    }

    /** Counts bytes and drops them. */
    static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}

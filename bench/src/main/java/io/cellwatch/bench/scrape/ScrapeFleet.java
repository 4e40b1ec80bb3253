package io.cellwatch.bench;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.model.Severity;
import io.cellwatch.model.StepType;
import io.cellwatch.streams.detect.HealthReading;
import io.cellwatch.streams.http.HttpApi;
import io.cellwatch.streams.metrics.CellwatchMetrics;
import io.cellwatch.streams.metrics.MicrometerPipelineTelemetry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A registry as a running instance has it with {@code channels} channels: the process-wide JVM
 * meters plus, per channel, every gauge the pipeline publishes with a value (a sample, a closed
 * cycle, every health reading), 1 % of the channels with an alert firing, alert counters.
 */
final class ScrapeFleet {
    final PrometheusMeterRegistry registry = CellwatchMetrics.prometheusRegistry();
    final MicrometerPipelineTelemetry telemetry = new MicrometerPipelineTelemetry(registry);

    ScrapeFleet(int channels) {
        Random random = new Random(42);
        for (int i = 0; i < channels; i++) {
            String channel = String.format("cycler-%02d-ch-%04d", i / 1000, i % 1000);
            double capacityAh = 0.002 + random.nextDouble() * 0.003;
            telemetry.onSample(new Sample(
                    1,
                    channel,
                    1000 + i,
                    1_700_000_000_000L,
                    360_000.0,
                    120,
                    3,
                    StepType.CHARGE,
                    3.4 + random.nextDouble() * 0.6,
                    capacityAh,
                    capacityAh * 0.4,
                    0.0,
                    capacityAh * 1.5,
                    0.0,
                    25.0));
            telemetry.onCycle(new CycleSummary(
                    1,
                    channel,
                    119,
                    350_000,
                    357_000,
                    null,
                    240,
                    capacityAh,
                    capacityAh * 0.998,
                    capacityAh * 3.7,
                    capacityAh * 3.5,
                    0.998,
                    3.7,
                    3.5,
                    3600,
                    3500,
                    4.2,
                    3.0,
                    25.4,
                    CycleSummary.CapacitySource.CYCLER_COUNTERS,
                    true));
            for (HealthReading reading : HealthReading.values()) {
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

    /** Bytes of one scrape in the text format, and gzipped as Prometheus asks for it. */
    long[] scrapeBytes() throws IOException {
        CountingStream text = new CountingStream();
        registry.scrape(text);
        CountingStream zipped = new CountingStream();
        try (OutputStream gzip = HttpApi.gzip(zipped)) {
            registry.scrape(gzip);
        }
        return new long[] {text.count, zipped.count};
    }

    /** Series in one scrape (sample lines of the text format). */
    long series() {
        return registry.scrape()
                .lines()
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .count();
    }

    /** Counts bytes and drops them: the scrape's cost without the network's. */
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

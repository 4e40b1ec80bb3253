package io.cellwatch.streams.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.Sample;
import io.cellwatch.model.Severity;
import io.cellwatch.model.StepType;
import io.cellwatch.streams.detect.HealthReading;
import io.cellwatch.streams.testing.ManualClock;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MicrometerPipelineTelemetryTest {
    private final ManualClock clock = new ManualClock(1_000_000);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerPipelineTelemetry telemetry = new MicrometerPipelineTelemetry(registry, clock);

    @Test
    void lastSampleAgeCountsSecondsSinceThePipelineFoldedTheChannelsLastSample() {
        telemetry.onSample(sample("ch-1", 1));
        assertThat(gauge("cellwatch.cell.last.sample.age", "ch-1")).isEqualTo(0.0);

        clock.add(90, TimeUnit.SECONDS);
        assertThat(gauge("cellwatch.cell.last.sample.age", "ch-1")).isEqualTo(90.0);

        telemetry.onSample(sample("ch-1", 2));
        clock.add(1500, TimeUnit.MILLISECONDS);
        assertThat(gauge("cellwatch.cell.last.sample.age", "ch-1")).isEqualTo(1.5);
    }

    @Test
    void aChannelKnownOnlyFromADetectorReadingHasNoSampleAgeYet() {
        telemetry.report("ch-2", HealthReading.SOFT_SHORT_SCORE, 0.4);
        assertThat(gauge("cellwatch.cell.last.sample.age", "ch-2")).isNaN();
        assertThat(gauge("cellwatch.cell.soft.short.score", "ch-2")).isEqualTo(0.4);
    }

    @Test
    void activeAlertsAndSeverityFollowWhatTheStoreReports() {
        Alert warning = alert("ch-1", Severity.WARNING, AlertStatus.FIRING, AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE);
        Alert critical = alert("ch-1", Severity.CRITICAL, AlertStatus.FIRING, AlertKind.IMMINENT_SHORT);

        telemetry.onActiveAlerts("ch-1", List.of(warning));
        assertThat(gauge("cellwatch.cell.active.alerts", "ch-1")).isEqualTo(1);
        assertThat(gauge("cellwatch.cell.alert.severity", "ch-1")).isEqualTo(1);

        telemetry.onActiveAlerts("ch-1", List.of(warning, critical));
        assertThat(gauge("cellwatch.cell.active.alerts", "ch-1")).isEqualTo(2);
        assertThat(gauge("cellwatch.cell.alert.severity", "ch-1")).isEqualTo(2);

        telemetry.onActiveAlerts("ch-1", List.of());
        assertThat(gauge("cellwatch.cell.active.alerts", "ch-1")).isZero();
        assertThat(gauge("cellwatch.cell.alert.severity", "ch-1")).isZero();
    }

    @Test
    void anEmptyAlertSetForAnUnknownChannelCreatesNoSeries() {
        telemetry.onActiveAlerts("never-seen", List.of());
        assertThat(registry.find("cellwatch.cell.active.alerts")
                        .tag("channel", "never-seen")
                        .gauge())
                .isNull();
        assertThat(telemetry.channelCount()).isZero();
    }

    @Test
    void alertCounterCountsFiringEventsByKindAndSeverityNotResolutions() {
        telemetry.onAlert(
                alert("ch-1", Severity.WARNING, AlertStatus.FIRING, AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE));
        telemetry.onAlert(
                alert("ch-1", Severity.CRITICAL, AlertStatus.FIRING, AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE));
        telemetry.onAlert(
                alert("ch-2", Severity.WARNING, AlertStatus.FIRING, AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE));
        telemetry.onAlert(
                alert("ch-2", Severity.WARNING, AlertStatus.RESOLVED, AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE));
        telemetry.onAlert(alert("ch-3", Severity.CRITICAL, AlertStatus.FIRING, AlertKind.IMMINENT_SHORT));

        assertThat(registry.get("cellwatch.alerts")
                        .tags("kind", "soft_short_capacity_divergence", "severity", "warning")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get("cellwatch.alerts")
                        .tags("kind", "soft_short_capacity_divergence", "severity", "critical")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("cellwatch.alerts")
                        .tags("kind", "imminent_short")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void deadLetterCountersExistFromTheStartAndCountByStage() {
        assertThat(registry.get("cellwatch.dead.letter.records")
                        .tag("stage", "deserialization")
                        .counter()
                        .count())
                .isZero();
        telemetry.onDeadLetter("deserialization", 1);
        telemetry.onDeadLetter("processing", 2);
        telemetry.onDeadLetter("deserialization", 1);
        assertThat(registry.get("cellwatch.dead.letter.records")
                        .tag("stage", "deserialization")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get("cellwatch.dead.letter.records")
                        .tag("stage", "processing")
                        .counter()
                        .count())
                .isEqualTo(2);
    }

    @Test
    void prometheusNamesAreTheOnesDashboardsAndRulesUse() {
        PrometheusMeterRegistry prometheus =
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), Clock.SYSTEM);
        MicrometerPipelineTelemetry published = new MicrometerPipelineTelemetry(prometheus, clock);
        published.onSample(sample("ch-1", 1));
        published.onActiveAlerts(
                "ch-1",
                List.of(alert("ch-1", Severity.WARNING, AlertStatus.FIRING, AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE)));
        published.onDeadLetter("processing", 1);
        String scrape = prometheus.scrape();
        for (String series : Set.of(
                "cellwatch_cell_last_sample_age_seconds{channel=\"ch-1\"}",
                "cellwatch_cell_active_alerts{channel=\"ch-1\"} 1.0",
                "cellwatch_cell_alert_severity{channel=\"ch-1\"} 1.0",
                "cellwatch_cell_voltage_volts{channel=\"ch-1\"} 3.7",
                "cellwatch_cell_imminent_short{channel=\"ch-1\"}",
                "cellwatch_dead_letter_records_total{stage=\"processing\"} 1.0",
                "cellwatch_dead_letter_records_total{stage=\"deserialization\"} 0.0",
                "cellwatch_channels 1.0",
                "cellwatch_channels_retired_total 0.0")) {
            assertThat(scrape).contains(series);
        }
    }

    private double gauge(String name, String channel) {
        return registry.get(name).tag("channel", channel).gauge().value();
    }

    static Sample sample(String channel, long dataPoint) {
        return new Sample(
                1,
                channel,
                dataPoint,
                null,
                dataPoint * 30.0,
                1,
                1,
                StepType.CHARGE,
                3.7,
                0.001,
                0.0,
                0.0,
                0.0,
                0.0,
                25.0);
    }

    static Alert alert(String channel, Severity severity, AlertStatus status, AlertKind kind) {
        return new Alert(
                1,
                Alert.episodeId(channel, kind, 10),
                channel,
                kind,
                severity,
                status,
                10,
                3600.0,
                null,
                "test",
                Map.of());
    }
}

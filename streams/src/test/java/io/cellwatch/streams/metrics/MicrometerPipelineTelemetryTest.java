package io.cellwatch.streams.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.cellwatch.model.Severity;
import io.cellwatch.model.StepType;
import io.cellwatch.streams.detect.HealthReading;
import io.cellwatch.streams.testing.ChannelSeries;
import io.cellwatch.streams.testing.ChargingSample;
import io.cellwatch.streams.testing.ManualClock;
import io.cellwatch.streams.testing.TestChannels;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MicrometerPipelineTelemetryTest {
    static final ChannelInfo FULL = ChannelInfo.defaultsFor("ch-1");
    static final ChannelInfo SYMMETRIC = TestChannels.symmetric("sym", "Li|LLZO|Li");
    private final ManualClock clock = new ManualClock(1_000_000);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerPipelineTelemetry telemetry = new MicrometerPipelineTelemetry(registry, clock);

    @Test
    void lastSampleAgeCountsSecondsSinceThePipelineFoldedTheChannelsLastSample() {
        telemetry.onSample(sample("ch-1", 1), FULL);
        assertThat(gauge("cellwatch_cell_last_sample_age_seconds", "ch-1")).isEqualTo(0.0);

        clock.add(90, TimeUnit.SECONDS);
        assertThat(gauge("cellwatch_cell_last_sample_age_seconds", "ch-1")).isEqualTo(90.0);

        telemetry.onSample(sample("ch-1", 2), FULL);
        clock.add(1500, TimeUnit.MILLISECONDS);
        assertThat(gauge("cellwatch_cell_last_sample_age_seconds", "ch-1")).isEqualTo(1.5);
    }

    @Test
    void aChannelKnownOnlyFromADetectorReadingHasNoSampleAgeYet() {
        telemetry.report("ch-2", HealthReading.SOFT_SHORT_SCORE, 0.4);
        assertThat(ChannelSeries.value(families(), "cellwatch_cell_last_sample_age_seconds", "ch-2"))
                .isEmpty();
        assertThat(gauge("cellwatch_cell_soft_short_score", "ch-2")).isEqualTo(0.4);
    }

    @Test
    void aChannelHasSeriesOnlyForWhatAppliesToItAndWasReported() {
        telemetry.onSample(sample("full", 1), FULL);
        telemetry.report("full", HealthReading.SOFT_SHORT_SCORE, 0.2);
        telemetry.report("full", HealthReading.IMMINENT_SHORT, 0);
        Sample withoutTemperature =
                new Sample(1, "sym", 1, null, 30.0, 1, 1, StepType.CHARGE, 0.08, 0.001, null, null, null, null, null);
        telemetry.onSample(withoutTemperature, SYMMETRIC);
        telemetry.report("sym", HealthReading.OVERPOTENTIAL_V, 0.08);

        assertThat(ChannelSeries.familiesOf(families(), "full"))
                .containsExactly(
                        "cellwatch_cell_active_alerts",
                        "cellwatch_cell_alert_severity",
                        "cellwatch_cell_current_amperes",
                        "cellwatch_cell_cycle",
                        "cellwatch_cell_imminent_short",
                        "cellwatch_cell_last_sample_age_seconds",
                        "cellwatch_cell_soft_short_score",
                        "cellwatch_cell_temperature_celsius",
                        "cellwatch_cell_voltage_volts",
                        "cellwatch_channel");
        assertThat(ChannelSeries.familiesOf(families(), "sym"))
                .as("no temperature in its samples, no cycle closed yet, only the overpotential reading")
                .containsExactly(
                        "cellwatch_cell_active_alerts",
                        "cellwatch_cell_alert_severity",
                        "cellwatch_cell_current_amperes",
                        "cellwatch_cell_cycle",
                        "cellwatch_cell_last_sample_age_seconds",
                        "cellwatch_cell_overpotential_volts",
                        "cellwatch_cell_voltage_volts",
                        "cellwatch_channel");
    }

    @Test
    void everyHealthReadingHasAFamily() {
        for (HealthReading reading : HealthReading.values()) {
            telemetry.report("ch-" + reading.ordinal(), reading, 0.5);
            assertThat(ChannelSeries.familiesOf(families(), "ch-" + reading.ordinal()))
                    .as("%s", reading)
                    .hasSize(3); // the reading, and the two alert families every channel has
        }
    }

    @Test
    void theInfoSeriesDescribesTheCellAndFollowsItsMetadata() {
        PrometheusMeterRegistry prometheus =
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), Clock.SYSTEM);
        try (MicrometerPipelineTelemetry published = new MicrometerPipelineTelemetry(prometheus, clock)) {
            published.onSample(sample("sym", 1), SYMMETRIC);
            assertThat(prometheus.scrape())
                    .contains("cellwatch_channel_info{cell_type=\"symmetric\",channel=\"sym\","
                            + "chemistry=\"Li|LLZO|Li\",group=\"\"} 1")
                    .contains("cellwatch_cell_voltage_volts{channel=\"sym\"} 3.7");

            published.onSample(sample("sym", 2), ChannelInfo.defaultsFor("sym"));
            assertThat(prometheus.scrape())
                    .contains("cellwatch_channel_info{cell_type=\"full\",channel=\"sym\",chemistry=\"\",group=\"\"} 1")
                    .doesNotContain("symmetric");
        }
        assertThat(prometheus.scrape())
                .as("closed: the families left the registry")
                .doesNotContain("cellwatch_cell_");
    }

    @Test
    void activeAlertsAndSeverityFollowWhatTheStoreReports() {
        Alert warning = alert("ch-1", Severity.WARNING, AlertStatus.FIRING, AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE);
        Alert critical = alert("ch-1", Severity.CRITICAL, AlertStatus.FIRING, AlertKind.IMMINENT_SHORT);

        telemetry.onActiveAlerts("ch-1", List.of(warning));
        assertThat(gauge("cellwatch_cell_active_alerts", "ch-1")).isEqualTo(1);
        assertThat(gauge("cellwatch_cell_alert_severity", "ch-1")).isEqualTo(1);

        telemetry.onActiveAlerts("ch-1", List.of(warning, critical));
        assertThat(gauge("cellwatch_cell_active_alerts", "ch-1")).isEqualTo(2);
        assertThat(gauge("cellwatch_cell_alert_severity", "ch-1")).isEqualTo(2);

        telemetry.onActiveAlerts("ch-1", List.of());
        assertThat(gauge("cellwatch_cell_active_alerts", "ch-1")).isZero();
        assertThat(gauge("cellwatch_cell_alert_severity", "ch-1")).isZero();
    }

    @Test
    void anEmptyAlertSetForAnUnknownChannelCreatesNoSeries() {
        telemetry.onActiveAlerts("never-seen", List.of());
        assertThat(ChannelSeries.familiesOf(families(), "never-seen")).isEmpty();
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
        published.onSample(sample("ch-1", 1), FULL);
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
                "cellwatch_channel_info{cell_type=\"full\",channel=\"ch-1\"",
                "cellwatch_dead_letter_records_total{stage=\"processing\"} 1.0",
                "cellwatch_dead_letter_records_total{stage=\"deserialization\"} 0.0",
                "cellwatch_channels 1.0",
                "cellwatch_channels_retired_total 0.0")) {
            assertThat(scrape).contains(series);
        }
    }

    private MultiCollector families() {
        return telemetry.channelFamilies();
    }

    private double gauge(String name, String channel) {
        return ChannelSeries.of(families(), name, channel);
    }

    static Sample sample(String channel, long dataPoint) {
        return ChargingSample.of(channel, dataPoint);
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

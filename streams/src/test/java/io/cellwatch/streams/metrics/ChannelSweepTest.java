package io.cellwatch.streams.metrics;

import static io.cellwatch.streams.metrics.MicrometerPipelineTelemetryTest.alert;
import static io.cellwatch.streams.metrics.MicrometerPipelineTelemetryTest.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.Severity;
import io.cellwatch.streams.detect.HealthReading;
import io.cellwatch.streams.testing.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Which channels' series leave the registry: quiet ones without a firing alert, and those owned elsewhere. */
class ChannelSweepTest {
    private final ManualClock clock = new ManualClock(1_000_000);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerPipelineTelemetry telemetry = new MicrometerPipelineTelemetry(registry, clock);
    private final ChannelSweep sweep = new ChannelSweep(telemetry, ChannelRetirement.after(Duration.ofHours(1)), clock);

    @Test
    void quietChannelsAreRetiredWithAllTheirSeriesAndComeBackWithTheirNextSample() {
        telemetry.onSample(sample("quiet", 1));
        telemetry.onSample(sample("busy", 1));
        long seriesPerChannel = registry.getMeters().stream()
                .filter(m -> "quiet".equals(m.getId().getTag("channel")))
                .count();
        assertThat(seriesPerChannel)
                .as("7 sample and cycle gauges, age, 2 alert gauges, one per health reading")
                .isEqualTo(10 + HealthReading.values().length);

        clock.add(59, TimeUnit.MINUTES);
        telemetry.onSample(sample("busy", 2));
        assertThat(sweep.sweep()).as("nobody quiet for an hour yet").isZero();

        clock.add(2, TimeUnit.MINUTES);
        assertThat(sweep.sweep()).isEqualTo(1);
        assertThat(registry.getMeters()).noneMatch(m -> "quiet".equals(m.getId().getTag("channel")));
        assertThat(registry.find("cellwatch.cell.voltage")
                        .tag("channel", "busy")
                        .gauge())
                .isNotNull();
        assertThat(registry.get("cellwatch.channels.retired").counter().count()).isEqualTo(1);
        assertThat(registry.get("cellwatch.channels").gauge().value()).isEqualTo(1);

        telemetry.onSample(sample("quiet", 2));
        assertThat(gauge("cellwatch.cell.voltage", "quiet")).isEqualTo(3.7);
        assertThat(gauge("cellwatch.cell.last.sample.age", "quiet")).isZero();
    }

    @Test
    void aChannelWithAFiringAlertIsNeverRetiredForBeingQuiet() {
        telemetry.onSample(sample("shorted", 1));
        telemetry.onActiveAlerts(
                "shorted", List.of(alert("shorted", Severity.CRITICAL, AlertStatus.FIRING, AlertKind.IMMINENT_SHORT)));
        clock.add(30, TimeUnit.DAYS);
        assertThat(sweep.sweep()).isZero();
        assertThat(gauge("cellwatch.cell.active.alerts", "shorted")).isEqualTo(1);
        assertThat(gauge("cellwatch.cell.last.sample.age", "shorted")).isEqualTo(30 * 86400.0);

        telemetry.onActiveAlerts("shorted", List.of());
        clock.add(61, TimeUnit.MINUTES);
        assertThat(sweep.sweep()).isEqualTo(1);
    }

    @Test
    void channelsOwnedByAnotherInstanceLeaveAtTheNextSweepWhateverTheirState() {
        telemetry.onSample(sample("mine", 1));
        telemetry.onSample(sample("moved", 1));
        telemetry.onActiveAlerts(
                "moved",
                List.of(alert(
                        "moved", Severity.WARNING, AlertStatus.FIRING, AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE)));
        sweep.ownership(channel -> !channel.equals("moved"));

        assertThat(sweep.sweep()).isEqualTo(1);
        assertThat(registry.getMeters()).noneMatch(m -> "moved".equals(m.getId().getTag("channel")));
        assertThat(gauge("cellwatch.cell.voltage", "mine")).isEqualTo(3.7);
    }

    @Test
    void retirementCanBeSwitchedOff() {
        MicrometerPipelineTelemetry keepAll = new MicrometerPipelineTelemetry(new SimpleMeterRegistry(), clock);
        ChannelSweep never = new ChannelSweep(keepAll, ChannelRetirement.never(), clock);
        keepAll.onSample(sample("old", 1));
        clock.add(365, TimeUnit.DAYS);
        assertThat(never.sweep()).isZero();
        assertThat(keepAll.channelCount()).isEqualTo(1);
    }

    private double gauge(String name, String channel) {
        return registry.get(name).tag("channel", channel).gauge().value();
    }
}

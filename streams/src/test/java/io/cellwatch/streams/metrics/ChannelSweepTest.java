package io.cellwatch.streams.metrics;

import static io.cellwatch.streams.metrics.MicrometerPipelineTelemetryTest.FULL;
import static io.cellwatch.streams.metrics.MicrometerPipelineTelemetryTest.alert;
import static io.cellwatch.streams.metrics.MicrometerPipelineTelemetryTest.sample;
import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.Severity;
import io.cellwatch.streams.testing.ChannelSeries;
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
        telemetry.onSample(sample("quiet", 1), FULL);
        telemetry.onSample(sample("busy", 1), FULL);
        assertThat(ChannelSeries.familiesOf(telemetry.channelFamilies(), "quiet"))
                .as("4 sample families, age, 2 alert families, the info series")
                .hasSize(8);

        clock.add(59, TimeUnit.MINUTES);
        telemetry.onSample(sample("busy", 2), FULL);
        assertThat(sweep.sweep()).as("nobody quiet for an hour yet").isZero();

        clock.add(2, TimeUnit.MINUTES);
        assertThat(sweep.sweep()).isEqualTo(1);
        assertThat(ChannelSeries.familiesOf(telemetry.channelFamilies(), "quiet"))
                .isEmpty();
        assertThat(ChannelSeries.value(telemetry.channelFamilies(), "cellwatch_cell_voltage_volts", "busy"))
                .isPresent();
        assertThat(registry.get("cellwatch.channels.retired").counter().count()).isEqualTo(1);
        assertThat(registry.get("cellwatch.channels").gauge().value()).isEqualTo(1);

        telemetry.onSample(sample("quiet", 2), FULL);
        assertThat(gauge("cellwatch_cell_voltage_volts", "quiet")).isEqualTo(3.7);
        assertThat(gauge("cellwatch_cell_last_sample_age_seconds", "quiet")).isZero();
    }

    @Test
    void aChannelWithAFiringAlertIsNeverRetiredForBeingQuiet() {
        telemetry.onSample(sample("shorted", 1), FULL);
        telemetry.onActiveAlerts(
                "shorted", List.of(alert("shorted", Severity.CRITICAL, AlertStatus.FIRING, AlertKind.IMMINENT_SHORT)));
        clock.add(30, TimeUnit.DAYS);
        assertThat(sweep.sweep()).isZero();
        assertThat(gauge("cellwatch_cell_active_alerts", "shorted")).isEqualTo(1);
        assertThat(gauge("cellwatch_cell_last_sample_age_seconds", "shorted")).isEqualTo(30 * 86400.0);

        telemetry.onActiveAlerts("shorted", List.of());
        clock.add(61, TimeUnit.MINUTES);
        assertThat(sweep.sweep()).isEqualTo(1);
    }

    @Test
    void channelsOwnedByAnotherInstanceLeaveAtTheNextSweepWhateverTheirState() {
        telemetry.onSample(sample("mine", 1), FULL);
        telemetry.onSample(sample("moved", 1), FULL);
        telemetry.onActiveAlerts(
                "moved",
                List.of(alert(
                        "moved", Severity.WARNING, AlertStatus.FIRING, AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE)));
        sweep.ownership(channel -> !channel.equals("moved"));

        assertThat(sweep.sweep()).isEqualTo(1);
        assertThat(ChannelSeries.familiesOf(telemetry.channelFamilies(), "moved"))
                .isEmpty();
        assertThat(gauge("cellwatch_cell_voltage_volts", "mine")).isEqualTo(3.7);
    }

    @Test
    void whatElseIsRememberedOfARetiredChannelIsDroppedWithItsSeries() {
        List<String> forgotten = new java.util.ArrayList<>();
        sweep.alsoForget(forgotten::add);
        telemetry.onSample(sample("quiet", 1), FULL);
        telemetry.onSample(sample("moved", 1), FULL);
        telemetry.onSample(sample("busy", 1), FULL);
        sweep.ownership(channel -> !channel.equals("moved"));
        assertThat(sweep.sweep()).isEqualTo(1);
        assertThat(forgotten).containsExactly("moved");

        clock.add(61, TimeUnit.MINUTES);
        telemetry.onSample(sample("busy", 2), FULL);
        assertThat(sweep.sweep()).isEqualTo(1);
        assertThat(forgotten).containsExactly("moved", "quiet");
    }

    @Test
    void retirementCanBeSwitchedOff() {
        MicrometerPipelineTelemetry keepAll = new MicrometerPipelineTelemetry(new SimpleMeterRegistry(), clock);
        ChannelSweep never = new ChannelSweep(keepAll, ChannelRetirement.never(), clock);
        keepAll.onSample(sample("old", 1), FULL);
        clock.add(365, TimeUnit.DAYS);
        assertThat(never.sweep()).isZero();
        assertThat(keepAll.channelCount()).isEqualTo(1);
    }

    private double gauge(String name, String channel) {
        return ChannelSeries.of(telemetry.channelFamilies(), name, channel);
    }
}

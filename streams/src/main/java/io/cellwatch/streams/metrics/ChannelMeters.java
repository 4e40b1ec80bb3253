package io.cellwatch.streams.metrics;

import io.cellwatch.streams.detect.HealthReading;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.util.function.ToDoubleFunction;

/** The series of one channel: registers a gauge for each of its values, tagged with the channel only. */
final class ChannelMeters {
    private ChannelMeters() {}

    /** Registers the channel's gauges, reading a fresh {@link ChannelGauges}; the clock gives the sample age. */
    static ChannelGauges register(MeterRegistry registry, String channelId, Clock clock) {
        ChannelGauges gauges = new ChannelGauges();
        Tags tags = Tags.of("channel", channelId);
        gauge(registry, "cellwatch.cell.voltage", "volts", "Last cell voltage", tags, gauges, g -> g.voltageV);
        gauge(
                registry,
                "cellwatch.cell.current",
                "amperes",
                "Last current, charge positive",
                tags,
                gauges,
                g -> g.currentA);
        gauge(registry, "cellwatch.cell.temperature", "celsius", "Last temperature", tags, gauges, g -> g.temperatureC);
        gauge(
                registry,
                "cellwatch.cell.cycle",
                null,
                "Cycler cycle index of the last sample",
                tags,
                gauges,
                g -> g.cycleIndex);
        gauge(
                registry,
                "cellwatch.cell.coulombic.efficiency",
                null,
                "Coulombic efficiency of the last closed cycle",
                tags,
                gauges,
                g -> g.lastCoulombicEfficiency);
        gauge(
                registry,
                "cellwatch.cell.charge.capacity",
                "ampere_hours",
                "Charge capacity of the last closed cycle",
                tags,
                gauges,
                g -> g.lastChargeAh);
        gauge(
                registry,
                "cellwatch.cell.discharge.capacity",
                "ampere_hours",
                "Discharge capacity of the last closed cycle",
                tags,
                gauges,
                g -> g.lastDischargeAh);
        gauge(
                registry,
                "cellwatch.cell.last.sample.age",
                "seconds",
                "Seconds since the pipeline folded the channel's last sample (NaN before the first)",
                tags,
                gauges,
                g -> g.lastSampleAgeS(clock.millis()));
        gauge(
                registry,
                "cellwatch.cell.active.alerts",
                null,
                "Alert episodes firing on the channel",
                tags,
                gauges,
                g -> g.activeAlerts);
        gauge(
                registry,
                "cellwatch.cell.alert.severity",
                null,
                "Highest severity among the channel's firing alerts: 0 none, 1 warning, 2 critical",
                tags,
                gauges,
                g -> g.alertSeverity);
        for (HealthReading reading : HealthReading.values()) {
            ReadingGauge spec = ReadingGauge.of(reading);
            gauge(
                    registry,
                    spec.name(),
                    spec.baseUnit(),
                    spec.description(),
                    tags,
                    gauges,
                    g -> g.readings.getOrDefault(reading, Double.NaN));
        }
        return gauges;
    }

    private static void gauge(
            MeterRegistry registry,
            String name,
            String baseUnit,
            String description,
            Tags tags,
            ChannelGauges gauges,
            ToDoubleFunction<ChannelGauges> value) {
        gauges.meters.add(Gauge.builder(name, gauges, value)
                .baseUnit(baseUnit)
                .description(description)
                .tags(tags)
                .strongReference(true)
                .register(registry));
    }
}

package io.cellwatch.streams.metrics;

import io.cellwatch.model.Alert;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.model.Severity;
import io.cellwatch.streams.detect.HealthReading;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The latest values of one channel: one row of the channel table, written by the stream threads
 * and read by the scrape, which turns each value into a series ({@link ChannelFamily}). A value
 * that does not apply to the channel, or has not been reported yet, is NaN and makes no series.
 * Nothing is computed at scrape time but the sample's age.
 */
final class ChannelGauges implements ChannelActivity {
    final String channelId;
    /** The channel's one label, built once: every series of the channel carries it. */
    final Labels labels;

    volatile double voltageV = Double.NaN;
    volatile double currentA = Double.NaN;
    volatile double temperatureC = Double.NaN;
    volatile double cycleIndex = Double.NaN;
    volatile double lastCoulombicEfficiency = Double.NaN;
    volatile double lastChargeAh = Double.NaN;
    volatile double lastDischargeAh = Double.NaN;
    /** Detector readings by {@link HealthReading#ordinal()}, as raw double bits; NaN until a detector reports one. */
    private final AtomicLongArray readings = new AtomicLongArray(HealthReading.values().length);

    /** Registry wall time (ms) when the pipeline last folded a sample of this channel; 0 before the first. */
    volatile long lastSampleMs;
    /** Registry wall time (ms) of the last thing heard about this channel, for retirement. */
    volatile long lastActivityMs;
    /** Number of alert episodes firing on the channel, and the highest of their severities (0 none, 1, 2). */
    volatile double activeAlerts;

    volatile double alertSeverity;
    /** What the lab says the cell is, as the labels of the channel's info series; null until a sample told. */
    private volatile Described described;

    /** Set once the channel left the table; a writer holding this object must put a fresh one there. */
    volatile boolean retired;

    private record Described(ChannelInfo info, Labels labels) {}

    ChannelGauges(String channelId) {
        this.channelId = channelId;
        this.labels = Labels.of("channel", channelId);
        long nan = Double.doubleToRawLongBits(Double.NaN);
        for (int i = 0; i < readings.length(); i++) {
            readings.set(i, nan);
        }
    }

    void update(Sample sample, ChannelInfo info, long nowMs) {
        voltageV = sample.voltageV();
        currentA = sample.currentA();
        temperatureC = sample.temperatureC() == null ? Double.NaN : sample.temperatureC();
        cycleIndex = sample.cycleIndex();
        lastSampleMs = nowMs;
        lastActivityMs = nowMs;
        Described known = described;
        // The pipeline hands over the same metadata object until the channels table changes.
        if (info != null && (known == null || known.info() != info)) {
            described = new Described(info, infoLabels(channelId, info));
        }
    }

    void update(CycleSummary cycle, long nowMs) {
        lastCoulombicEfficiency = cycle.coulombicEfficiency() == null ? Double.NaN : cycle.coulombicEfficiency();
        lastChargeAh = cycle.chargeAh();
        lastDischargeAh = cycle.dischargeAh();
        lastActivityMs = nowMs;
    }

    void update(HealthReading reading, double value, long nowMs) {
        readings.set(reading.ordinal(), Double.doubleToRawLongBits(value));
        lastActivityMs = nowMs;
    }

    void activeAlerts(Collection<Alert> firing, long nowMs) {
        int highest = 0;
        for (Alert alert : firing) {
            highest = Math.max(highest, severityLevel(alert.severity()));
        }
        // Two volatile writes, not one atomic pair: a scrape may see the count a moment before the severity.
        activeAlerts = firing.size();
        alertSeverity = highest;
        lastActivityMs = nowMs;
    }

    /** The detector reading, NaN when no detector reported it for this channel. */
    double reading(HealthReading reading) {
        return Double.longBitsToDouble(readings.get(reading.ordinal()));
    }

    /** The labels of the channel's info series, or null while its metadata is unknown. */
    Labels infoLabels() {
        Described known = described;
        return known == null ? null : known.labels();
    }

    @Override
    public boolean hasFiringAlerts() {
        return activeAlerts > 0;
    }

    @Override
    public long lastActivityMs() {
        return lastActivityMs;
    }

    /** Seconds since the last sample, NaN before the first one. */
    double lastSampleAgeS(long nowMs) {
        long last = lastSampleMs;
        return last == 0 ? Double.NaN : Math.max(0, nowMs - last) / 1000.0;
    }

    static int severityLevel(Severity severity) {
        return switch (severity) {
            case WARNING -> 1;
            case CRITICAL -> 2;
        };
    }

    private static Labels infoLabels(String channelId, ChannelInfo info) {
        return Labels.of(
                "channel",
                channelId,
                "cell_type",
                info.cellType().name().toLowerCase(Locale.ROOT),
                "chemistry",
                info.chemistry() == null ? "" : info.chemistry(),
                // Channel metadata names no replicate group yet: an empty value, which Prometheus stores
                // as no label, until it does.
                "group",
                "");
    }
}

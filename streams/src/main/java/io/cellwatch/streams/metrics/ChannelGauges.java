package io.cellwatch.streams.metrics;

import io.cellwatch.model.Alert;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.model.Severity;
import io.cellwatch.streams.detect.HealthReading;
import io.micrometer.core.instrument.Meter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest values of one channel, written by the stream threads and read by the scrape thread.
 * Gauges read these fields and never compute anything at scrape time.
 */
final class ChannelGauges implements ChannelActivity {
    volatile double voltageV = Double.NaN;
    volatile double currentA = Double.NaN;
    volatile double temperatureC = Double.NaN;
    volatile double cycleIndex = Double.NaN;
    volatile double lastCoulombicEfficiency = Double.NaN;
    volatile double lastChargeAh = Double.NaN;
    volatile double lastDischargeAh = Double.NaN;
    /** Detector readings; absent until a detector first reports one (the gauge reads NaN). */
    final Map<HealthReading, Double> readings = new ConcurrentHashMap<>();

    /** Registry wall time (ms) when the pipeline last folded a sample of this channel; 0 before the first. */
    volatile long lastSampleMs;
    /** Registry wall time (ms) of the last thing heard about this channel, for retirement. */
    volatile long lastActivityMs;
    /** Number of alert episodes firing on the channel, and the highest of their severities (0 none, 1, 2). */
    volatile double activeAlerts;

    volatile double alertSeverity;

    /** Set once the channel's meters are removed; a writer holding this object must register a fresh one. */
    volatile boolean retired;

    final List<Meter> meters = new ArrayList<>();

    void update(Sample sample, long nowMs) {
        voltageV = sample.voltageV();
        currentA = sample.currentA();
        temperatureC = sample.temperatureC() == null ? Double.NaN : sample.temperatureC();
        cycleIndex = sample.cycleIndex();
        lastSampleMs = nowMs;
        lastActivityMs = nowMs;
    }

    void update(CycleSummary cycle, long nowMs) {
        lastCoulombicEfficiency = cycle.coulombicEfficiency() == null ? Double.NaN : cycle.coulombicEfficiency();
        lastChargeAh = cycle.chargeAh();
        lastDischargeAh = cycle.dischargeAh();
        lastActivityMs = nowMs;
    }

    void update(HealthReading reading, double value, long nowMs) {
        readings.put(reading, value);
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
}

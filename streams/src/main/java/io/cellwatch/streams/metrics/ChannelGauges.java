package io.cellwatch.streams.metrics;

import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.HealthReading;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest values of one channel, written by the stream threads and read by the scrape thread.
 * Gauges read these fields and never compute anything at scrape time.
 */
final class ChannelGauges {
    volatile double voltageV = Double.NaN;
    volatile double currentA = Double.NaN;
    volatile double temperatureC = Double.NaN;
    volatile double cycleIndex = Double.NaN;
    volatile double lastCoulombicEfficiency = Double.NaN;
    volatile double lastChargeAh = Double.NaN;
    volatile double lastDischargeAh = Double.NaN;
    /** Detector readings; absent until a detector first reports one (the gauge reads NaN). */
    final Map<HealthReading, Double> readings = new ConcurrentHashMap<>();

    void update(Sample sample) {
        voltageV = sample.voltageV();
        currentA = sample.currentA();
        temperatureC = sample.temperatureC() == null ? Double.NaN : sample.temperatureC();
        cycleIndex = sample.cycleIndex();
    }

    void update(CycleSummary cycle) {
        lastCoulombicEfficiency = cycle.coulombicEfficiency() == null ? Double.NaN : cycle.coulombicEfficiency();
        lastChargeAh = cycle.chargeAh();
        lastDischargeAh = cycle.dischargeAh();
    }
}

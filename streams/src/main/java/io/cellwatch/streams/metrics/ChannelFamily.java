package io.cellwatch.streams.metrics;

import io.cellwatch.streams.detect.HealthReading;
import io.prometheus.metrics.model.snapshots.MetricMetadata;

/**
 * The per-channel series families: Prometheus name, help text, and which value of a channel's row
 * each one shows. A channel has a series in a family only while the value is a number, so a reading
 * that does not apply to the channel (overpotential on a full cell) makes no series at all.
 */
enum ChannelFamily {
    VOLTAGE("cellwatch_cell_voltage_volts", "Last cell voltage", (c, now) -> c.voltageV),
    CURRENT("cellwatch_cell_current_amperes", "Last current, charge positive", (c, now) -> c.currentA),
    TEMPERATURE("cellwatch_cell_temperature_celsius", "Last temperature", (c, now) -> c.temperatureC),
    CYCLE("cellwatch_cell_cycle", "Cycler cycle index of the last sample", (c, now) -> c.cycleIndex),
    COULOMBIC_EFFICIENCY(
            "cellwatch_cell_coulombic_efficiency",
            "Coulombic efficiency of the last closed cycle",
            (c, now) -> c.lastCoulombicEfficiency),
    CHARGE_CAPACITY(
            "cellwatch_cell_charge_capacity_ampere_hours",
            "Charge capacity of the last closed cycle",
            (c, now) -> c.lastChargeAh),
    DISCHARGE_CAPACITY(
            "cellwatch_cell_discharge_capacity_ampere_hours",
            "Discharge capacity of the last closed cycle",
            (c, now) -> c.lastDischargeAh),
    LAST_SAMPLE_AGE(
            "cellwatch_cell_last_sample_age_seconds",
            "Seconds since the pipeline folded the channel's last sample",
            ChannelGauges::lastSampleAgeS),
    ACTIVE_ALERTS("cellwatch_cell_active_alerts", "Alert episodes firing on the channel", (c, now) -> c.activeAlerts),
    ALERT_SEVERITY(
            "cellwatch_cell_alert_severity",
            "Highest severity among the channel's firing alerts: 0 none, 1 warning, 2 critical",
            (c, now) -> c.alertSeverity),
    SOFT_SHORT_SCORE(
            "cellwatch_cell_soft_short_score",
            "Soft-short evidence relative to the alert threshold (1 = at threshold)",
            HealthReading.SOFT_SHORT_SCORE),
    CAPACITY_RETENTION(
            "cellwatch_cell_capacity_retention_ratio",
            "Discharge capacity relative to the channel's first full cycles",
            HealthReading.CAPACITY_RETENTION),
    OVERPOTENTIAL(
            "cellwatch_cell_overpotential_volts",
            "Symmetric cells: plateau overpotential of the last half-cycle",
            HealthReading.OVERPOTENTIAL_V),
    CRITICAL_CURRENT_DENSITY(
            "cellwatch_cell_critical_current_density_milliamperes_per_square_centimeter",
            "Step-up tests: highest current density completed without a short",
            HealthReading.CRITICAL_CURRENT_DENSITY_MA_PER_CM2),
    IMMINENT_SHORT(
            "cellwatch_cell_imminent_short",
            "1 while an imminent-short alert is firing on the channel",
            HealthReading.IMMINENT_SHORT),
    CE_FLUCTUATION_SCORE(
            "cellwatch_cell_ce_fluctuation_score",
            "Last cycle's CE deficit under the channel's CE baseline, in band widths (1 = at the band's edge)",
            HealthReading.CE_FLUCTUATION_SCORE),
    FADE_PER_CYCLE(
            "cellwatch_cell_fade_per_cycle_ratio",
            "Capacity fade per cycle over the recent cycles, as a fraction of the first cycles' capacity",
            HealthReading.FADE_PER_CYCLE),
    DATA_QUALITY_ISSUES(
            "cellwatch_cell_data_quality_issues",
            "Data-quality conditions firing on the channel (coarse logging, clock, counters, stuck or unreadable readings)",
            HealthReading.DATA_QUALITY_ISSUES),
    UNREADABLE_ROWS(
            "cellwatch_cell_unreadable_rows",
            "Rows of the channel's export that could not be read (they reached the dead-letter topic)",
            HealthReading.UNREADABLE_ROWS);

    /** The info series: one per channel, value 1, the cell's description in its labels. */
    static final MetricMetadata INFO = new MetricMetadata(
            "cellwatch_channel", "What the lab says the cell on a channel is (value 1): join on channel");

    /** A channel's value in a family at a moment (ms); NaN: no series. */
    @FunctionalInterface
    private interface Value {
        double of(ChannelGauges channel, long nowMs);
    }

    private final MetricMetadata metadata;
    private final Value value;

    ChannelFamily(String name, String help, Value value) {
        this.metadata = new MetricMetadata(name, help);
        this.value = value;
    }

    ChannelFamily(String name, String help, HealthReading reading) {
        this(name, help, (c, now) -> c.reading(reading));
    }

    MetricMetadata metadata() {
        return metadata;
    }

    /** The channel's value in this family at {@code nowMs}; NaN: the channel has no series in it. */
    double value(ChannelGauges channel, long nowMs) {
        return value.of(channel, nowMs);
    }
}

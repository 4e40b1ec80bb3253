package io.cellwatch.streams.detect;

/**
 * A number a detector keeps about a channel's health that people want on a dashboard even when
 * no alert fires. The set is closed so the metrics stay bounded: one series per channel and
 * reading.
 */
public enum HealthReading {
    /** 0 = nothing unusual, 1 = at the alert threshold; above 1 is past it. */
    SOFT_SHORT_SCORE,
    /** Discharge capacity as a fraction of the channel's first full cycles. */
    CAPACITY_RETENTION,
    /** Symmetric cells: the last half-cycle's plateau overpotential, volts. */
    OVERPOTENTIAL_V,
    /** Step-up tests: the highest current density completed without a short so far, mA/cm². */
    CRITICAL_CURRENT_DENSITY_MA_PER_CM2,
    /** 1 while an imminent-short alert is firing on the channel, 0 otherwise. */
    IMMINENT_SHORT,
    /** How far the last cycle's CE sat under the channel's CE baseline, in band widths (1 = at the band's edge). */
    CE_FLUCTUATION_SCORE,
    /** Capacity fade per cycle over the recent cycles, as a fraction of the first cycles' capacity. */
    FADE_PER_CYCLE,
    /** Data-quality conditions firing on the channel now (0 = its data is fit for every detector). */
    DATA_QUALITY_ISSUES,
    /** Rows of the channel's export that could not be read (NaN, empty, garbled), since the channel began. */
    UNREADABLE_ROWS
}

package io.cellwatch.streams.metrics;

import io.cellwatch.streams.detect.HealthReading;

/** How each {@link HealthReading} is published: meter name, unit and help text. */
record ReadingGauge(String name, String baseUnit, String description) {

    static ReadingGauge of(HealthReading reading) {
        return switch (reading) {
            case SOFT_SHORT_SCORE ->
                new ReadingGauge(
                        "cellwatch.cell.soft.short.score",
                        null,
                        "Soft-short evidence relative to the alert threshold (1 = at threshold)");
            case CAPACITY_RETENTION ->
                new ReadingGauge(
                        "cellwatch.cell.capacity.retention",
                        "ratio",
                        "Discharge capacity relative to the channel's first full cycles");
            case OVERPOTENTIAL_V ->
                new ReadingGauge(
                        "cellwatch.cell.overpotential",
                        "volts",
                        "Symmetric cells: plateau overpotential of the last half-cycle");
            case CRITICAL_CURRENT_DENSITY_MA_PER_CM2 ->
                new ReadingGauge(
                        "cellwatch.cell.critical.current.density",
                        "milliamperes_per_square_centimeter",
                        "Step-up tests: highest current density completed without a short");
            case IMMINENT_SHORT ->
                new ReadingGauge(
                        "cellwatch.cell.imminent.short",
                        null,
                        "1 while an imminent-short alert is firing on the channel");
            case CE_FLUCTUATION_SCORE ->
                new ReadingGauge(
                        "cellwatch.cell.ce.fluctuation.score",
                        null,
                        "Last cycle's CE deficit under the channel's CE baseline, in band widths (1 = at the band's edge)");
            case FADE_PER_CYCLE ->
                new ReadingGauge(
                        "cellwatch.cell.fade.per.cycle",
                        "ratio",
                        "Capacity fade per cycle over the recent cycles, as a fraction of the first cycles' capacity");
        };
    }
}

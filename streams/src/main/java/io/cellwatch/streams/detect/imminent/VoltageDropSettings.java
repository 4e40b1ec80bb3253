package io.cellwatch.streams.detect.imminent;

/**
 * Thresholds of the sudden-voltage-drop detector.
 *
 * @param minDropV            smallest sample-to-sample fall of the voltage during a constant-current charge that counts
 * @param noiseMultiplier     ... and it must also exceed this many times the channel's usual sample-to-sample jitter
 * @param noiseAlpha          weight of a new step in the jitter estimate
 * @param steadyCurrentFraction current within this fraction of the previous sample's: still constant current
 * @param dropsToWarn         drops within {@code windowCycles} cycles that fire a warning
 * @param windowCycles        cycles over which drops are counted
 * @param resolveAfterCycles  cycles without a drop that resolve the warning
 */
public record VoltageDropSettings(
        double minDropV,
        double noiseMultiplier,
        double noiseAlpha,
        double steadyCurrentFraction,
        int dropsToWarn,
        int windowCycles,
        int resolveAfterCycles) {

    /**
     * Under constant charging current the voltage only climbs; cycler noise is ~1 mV. A fall of
     * 20 mV or more between two samples, twice within three cycles, is a filament shorting the
     * cell for a moment (tens of mV, partial recovery) rather than a contact glitch.
     */
    public static VoltageDropSettings defaults() {
        return new VoltageDropSettings(0.020, 8.0, 0.02, 0.02, 2, 3, 10);
    }
}

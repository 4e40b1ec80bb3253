package io.cellwatch.ingest.format.neware.nda;

/**
 * Older Neware records store current, capacity and energy as integers whose unit depends on the
 * channel's current range (the range setting in µA-ish steps, negative for the low ranges). The
 * factor turns the stored integer into mA (and mA·s, mW·s). Ranges follow the public parsers'
 * table (NewareNDA {@code multiplier_dict}, fastnda {@code _range_to_mult}), written here as the
 * same thresholds so that a range not in any table still gets the factor of its decade.
 */
public final class CurrentRange {
    private CurrentRange() {}

    /** mA per stored unit for this range; 0.1 for a range of 0 or an out-of-band value. */
    public static double milliampsPerUnit(int range) {
        if (range == 0 || range < -2_000_000_000) {
            return 1e-1;
        }
        long magnitude = Math.abs((long) range);
        if (range < 0) {
            if (magnitude < 10) {
                return 1e-5;
            }
            if (magnitude < 100) {
                return 1e-4;
            }
            if (magnitude < 1000) {
                return 1e-3;
            }
            if (magnitude < 1_000_000) {
                return 1e-2;
            }
            if (magnitude < 10_000_000) {
                return 1e-8;
            }
            return magnitude < 100_000_000 ? 1e-7 : 1e-6;
        }
        if (magnitude < 10) {
            return 1e-4;
        }
        if (magnitude < 100) {
            return 1e-3;
        }
        return magnitude < 1000 ? 1e-2 : 1e-1;
    }
}

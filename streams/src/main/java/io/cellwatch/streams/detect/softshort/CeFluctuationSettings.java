package io.cellwatch.streams.detect.softshort;

/**
 * Thresholds of the CE-fluctuation soft-short detector.
 *
 * @param baselineCycles     ordinary cycles of CE baseline needed before the band is judged
 * @param baselineAlpha      EWMA weight of a new in-band cycle in the CE baseline
 * @param minBand            narrowest band below the baseline CE, absolute (0.003 = 0.3 percentage points)
 * @param deviationMultiplier band width in units of the channel's own mean absolute CE deviation
 * @param window             judged cycles looked back on for the persistence rule (at most 31)
 * @param warnCount          low cycles within the window that fire a warning
 * @param criticalCount      low cycles within the window that escalate to critical
 * @param floor              CE below which a cycle is low whatever the baseline (works from the first cycles)
 * @param floorPersistence   consecutive judged cycles below the floor that fire a warning (a formation cycle
 *                           climbing by more than {@code minBand} over the previous one, healing, does not count)
 * @param resolveAfterCycles judged cycles without a low cycle in the window that resolve the alert
 * @param formationCycles    the cycler's first cycles of a test (cycle index up to this) that may be formation:
 *                           solid-electrolyte interphase forming on fresh surfaces, CE climbing cycle by cycle
 */
public record CeFluctuationSettings(
        int baselineCycles,
        double baselineAlpha,
        double minBand,
        double deviationMultiplier,
        int window,
        int warnCount,
        int criticalCount,
        double floor,
        int floorPersistence,
        int resolveAfterCycles,
        int formationCycles) {

    public CeFluctuationSettings {
        if (window < 1 || window > 31) {
            throw new IllegalArgumentException("window must be 1..31 cycles, was " + window);
        }
    }

    /**
     * Li-ion full cells: CE 99.8–99.99 % scattering by ~0.03 points cycle to cycle, so 0.3 points
     * under the baseline is ten times the scatter; 3 low cycles out of 10 is a pattern no single
     * protocol outlier (the one low-CE cycle after each diagnostic block) makes; 6 of 10 is a cell
     * leaking more often than not. A CE under 90 % on two complete cycles running is wrong for any
     * full cell whatever its history (seed data: 71 % on a 21700 cell).
     */
    public static CeFluctuationSettings liIon() {
        return new CeFluctuationSettings(5, 0.1, 0.003, 6.0, 10, 3, 6, 0.90, 2, 5, FORMATION_CYCLES);
    }

    /**
     * Formation protocols run one to five slow cycles, and the interphase passivates within about ten
     * (the loss per cycle falls to its steady level); in those first cycles a CE that climbs towards its
     * plateau is the cell forming, however low it starts.
     */
    static final int FORMATION_CYCLES = 10;

    /**
     * Lithium-metal and solid-state cells: CE scatters more (plating/stripping, ~0.05–0.1 points),
     * so the narrowest band is 0.5 points.
     */
    public static CeFluctuationSettings lithiumMetal() {
        return new CeFluctuationSettings(5, 0.1, 0.005, 6.0, 10, 3, 6, 0.90, 2, 5, FORMATION_CYCLES);
    }

    /**
     * Half cells against Li metal: the first cycles form the SEI (CE 80–90 % is normal there) and
     * alloy anodes scatter by tenths of a point, so the band is 1 point and the floor 80 %.
     */
    public static CeFluctuationSettings halfCell() {
        return new CeFluctuationSettings(5, 0.1, 0.01, 6.0, 10, 3, 6, 0.80, 2, 5, FORMATION_CYCLES);
    }
}

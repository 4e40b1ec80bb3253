package io.cellwatch.streams.detect.fade;

/**
 * Thresholds of the capacity-fade detector.
 *
 * @param referenceCycles    ordinary cycles averaged for 100 % retention (the first full cycles seen)
 * @param alpha              weight of a new cycle in the exponentially weighted fade fit (0.05 ≈ the last 40 cycles)
 * @param minCycles          ordinary cycles in the fit before the fade rate is judged
 * @param maxFadePerCycle    fade per cycle, as a fraction of the reference capacity, above which it warns
 * @param persistenceCycles  consecutive judged cycles above the limit before the warning fires
 * @param resolveAfterCycles consecutive judged cycles under the limit that resolve the warning
 * @param endOfLifeRetention retention at which a cell counts as worn out, for the projection (0.8)
 */
public record CapacityFadeSettings(
        int referenceCycles,
        double alpha,
        int minCycles,
        double maxFadePerCycle,
        int persistenceCycles,
        int resolveAfterCycles,
        double endOfLifeRetention) {

    /**
     * Li-ion: healthy cells lose 0.01–0.05 % per cycle (seed 001's LFP 0.014 %/cycle over 1300
     * cycles; early-life Tesla diagnostic cells ~0.25 %/cycle); 0.5 %/cycle reaches 80 % within 40
     * cycles, which is a failing cell (seed data: 0.9 %/cycle with drifting CE).
     */
    public static CapacityFadeSettings liIon() {
        return new CapacityFadeSettings(3, 0.05, 15, 0.005, 5, 10, 0.8);
    }

    /** Lithium-metal and solid-state: early-life fade of 0.2–0.4 %/cycle is common, so 1 %/cycle. */
    public static CapacityFadeSettings lithiumMetal() {
        return new CapacityFadeSettings(3, 0.05, 15, 0.01, 5, 10, 0.8);
    }
}

package io.cellwatch.streams.detect.imminent;

/**
 * Thresholds of the imminent-short detector (inside a charge step).
 *
 * @param usualCharges       normal charges learnt before the detector judges a charge
 * @param usualAlpha         weight of a new normal charge in the usual charge
 * @param learnBand          a charge within this fraction of the usual capacity (and rise) is normal and learnt
 * @param relearnAfter       consecutive charges at one new level that become the usual (another protocol)
 * @param overrunFraction    charge passed, as a fraction of the usual charge capacity, from which the charge is judged
 * @param maxRiseFraction    the voltage has climbed less than this fraction of its usual rise: stuck
 * @param maxSlopeFraction   recent dV/dQ under this fraction of the usual mean dV/dQ: collapsed
 * @param slopeWindowFraction the recent dV/dQ is measured over this fraction of the usual charge capacity
 * @param heldCurrentFraction the current is still at least this fraction of the step's starting current (not in CV taper)
 * @param currentBand        a charge whose current differs from the usual charge current by more than this fraction is
 *                           another protocol (a slow diagnostic charge, a rate test): not compared with the usual
 * @param resolveAfterCharges normal charges after which a fired alert resolves
 * @param temperatureBandK   a charge whose starting temperature differs from the usual charge's by more than this is
 *                           under other conditions (a chamber step): not compared with the usual
 */
public record ImminentShortSettings(
        int usualCharges,
        double usualAlpha,
        double learnBand,
        int relearnAfter,
        double overrunFraction,
        double maxRiseFraction,
        double maxSlopeFraction,
        double slopeWindowFraction,
        double heldCurrentFraction,
        double currentBand,
        int resolveAfterCharges,
        double temperatureBandK) {

    /**
     * A healthy charge has reached its voltage limit (or is in constant-voltage taper) by the time
     * it has passed its usual capacity; seed 004's dying Li-In cell had climbed ~13 % of its usual
     * rise at that point, with dV/dQ ~10 % of normal, while the divergent cycles before it (leak up
     * to 38 %) still climbed over half their rise. Judging from 100 % of the usual capacity raises
     * the alarm before the charge passes 1.2× the usual. A charge at another current (a C/10
     * diagnostic charge reaches deeper and sits on its plateau at the usual capacity) is not judged.
     * Nor is a charge more than 3 K from the usual charge's temperature: capacity moves ~0.5–1 %/K
     * near room temperature (a chamber step of 20 K moves it by 10–25 %), and a chamber holds its set
     * point within ±1 K, so within 3 K the usual capacity still applies.
     */
    public static ImminentShortSettings defaults() {
        return new ImminentShortSettings(3, 0.2, 0.05, 8, 1.0, 0.35, 0.3, 0.1, 0.9, 0.2, 2, 3.0);
    }
}

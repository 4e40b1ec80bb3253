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
 * @param deepOverrunFraction charge passed, as a multiple of the most charge the cell took in its recent charges (or
 *                           of the usual charge), from which a charge at an undiminished current is judged on its
 *                           dV/dQ alone, whatever the chamber temperature and wherever the voltage started
 * @param deepSlopeFraction  past the deep overrun, recent dV/dQ under this fraction of that charge's mean dV/dQ: the
 *                           cell is storing less than this share of what it takes
 * @param recentCharges      finished charges remembered for the deep overrun's bound
 * @param fullChargeFraction a finished charge enters the deep overrun's bound only when it took at least this fraction
 *                           of the usual charge and climbed at least this fraction of the usual rise (a full charge,
 *                           not a pulse or a partial one), once a usual charge is learnt (before, every charge)
 * @param floatCurrent       at the charge's voltage limit: a constant-voltage current that stopped falling
 * @param drainFallingRows   charge rows in a row, each lower than the one before, that a fall under the voltage the
 *                           cell rested at after its discharge needs to be a drain (not a misread row)
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
        double temperatureBandK,
        double deepOverrunFraction,
        double deepSlopeFraction,
        int recentCharges,
        double fullChargeFraction,
        FloatCurrentSettings floatCurrent,
        int drainFallingRows) {

    /**
     * A healthy charge has reached its voltage limit (or is in constant-voltage taper) by the time
     * it has passed its usual capacity. Seed 004 gives the dying cell's signature, not its numbers: at
     * cycle 897 the charge runs on "with a lower dV/dt" and never ends. The limits come from the charge
     * balance: a leak taking a fraction f of the charge current stores (1 − f) of what passes, so a
     * charge that has passed its usual capacity has stored (1 − f) of it and climbed about (1 − f) of
     * its usual rise (the rise is close to linear in the stored charge over most of a full cell's
     * charge; a plateau chemistry climbs less there, which the slope test below still separates), and
     * its dV/dQ is (1 − f) of the curve's local one, which at the usual capacity is at least the usual
     * mean (the charge's steep top). Such a charge needs 1/(1 − f) of its capacity to end: at f = 2/3,
     * three times, which no cycler's capacity limit lets a test reach. A rise under 0.35 of the usual
     * and a dV/dQ under 0.3 of its mean are that leak of about two thirds, each with a margin of a few
     * points for a curve that is not linear; a leak of a third or less still climbs two thirds of the
     * rise and ends its charge (the CE and divergence detectors judge it). (Earlier this comment quoted
     * a 13 % rise and a 38 % leak for seed 004: neither is in the paper; they were the simulator's own
     * Li-In scenario, so they were taken out; the limits were not changed.) Judging from 100 % of the
     * usual capacity raises the alarm before the charge passes 1.2× the usual. A charge at another current (a C/10
     * diagnostic charge reaches deeper and sits on its plateau at the usual capacity) is not judged.
     * Nor is a charge more than 3 K from the usual charge's temperature: capacity moves ~0.5–1 %/K
     * near room temperature (a chamber step of 20 K moves it by 10–25 %), and a chamber holds its set
     * point within ±1 K, so within 3 K the usual capacity still applies.
     *
     * <p>A cell cannot store more than it holds: a charge at the same or a higher current that has
     * taken 1.5× the most the cell took in its last 8 (to 16) charges has passed what any benign
     * change gives (a chamber step moves capacity by at most ~25 %, a slower charge is compared only
     * with charges at most 20 % faster; 8 charges span a diagnostic block, so a partial charge among
     * them never sets the bound). A healthy charge would have reached its voltage limit long before;
     * a charge with a leak taking a fraction f of the current ends at 1/(1−f) of its capacity, so
     * one still running at 1.5× leaks at least a third. There, a dV/dQ under half the bounding
     * charge's mean says that less than half of the current is being stored, which a charge nearing
     * its end (climbing its steep top) never shows: the charge will not end, critical. This needs no
     * usual charge at the present temperature or rate (a leak that starts right after a chamber step
     * or rate change), and no voltage rise counted from where the charge started (a leaking cell
     * rests down to a low voltage before its next charge). Only full charges set the bound: one that
     * took at least half the usual charge and climbed at least half the usual rise (a benign change
     * moves the capacity by a quarter at most; a DCIR pulse or a partial charge takes a sliver, and
     * its steep mean dV/dQ would make any real charge look flat); before a usual is learnt every charge
     * counts, and no bound is used until 8 charges have been seen (a test's first charges can be a pulse or
     * capacity-limited ones, taking half of what the cell holds: a Neware export charges 1 mAh, then 2 mAh).
     *
     * <p>A charge more than 20 % slower than every remembered one (a C/20 diagnostic among C/2 charges)
     * reaches deeper than they did, by what their polarisation left unreached at the top, which no recent
     * charge bounds (a CC-only charge at a high rate can stop with a third of the cell unreached). It cannot
     * pass what the cell holds: such a charge is judged against the capacity the lab declared for the cell
     * (or the largest recent charge, where that is more), 1.5× as for the deep overrun: a new cell delivers
     * within a few percent of its nominal, an aged one less, and the margin covers a nominal declared a third
     * under what the cell holds. A slow charge still running there on a voltage that stopped climbing (at under
     * half the largest recent charge's mean dV/dQ: a healthy charge past full climbs its steep top) stores
     * less than half of its current: a leak larger than a slow charge's whole current pins the voltage or
     * drains the cell under it. Without a declared capacity such a charge has no bound.
     *
     * <p>Both overruns count from the larger of their reference and what the steps lowering |V| took out
     * since the previous charge (the counters say it): a charge puts back what the cell gave. At a high
     * rate the surface runs ahead of the bulk, so a usual 2C charge stops at its limit with capacity
     * unreached and its 4C discharge leaves capacity in; a C/10 or C/20 diagnostic discharge reaches it
     * (seen: a Li-metal LFP cell's diagnostic discharge took 1.3× its usual charge, and the 2C charge
     * after it passed the usual still on its flat plateau, 29 % of its usual rise, dV/dQ at 17 %). A leak
     * shortens the discharge before it, so a leaking cell's reference stays the usual; only a leak that
     * starts on the charge right after a deeper discharge is judged that much later.
     *
     * <p>A cell under charge current sits above its open-circuit voltage (the overpotential of a current
     * into it is positive, whatever its size, temperature or contact resistance), and that voltage only
     * climbs as the cell stores charge; after a discharge it rested at or below it (relaxing upwards). So a
     * charge whose voltage falls under where the cell rested after its discharge, reading after reading, is
     * losing charge while the cycler gives it: a path inside it takes more than the charge current (a slow
     * diagnostic charge under a short that a fast one outruns). A fall counts past a cycler's noise
     * ({@link io.cellwatch.streams.detect.leak.LeakEstimate#UNMISTAKABLE_FALL_V}) both below the rest and over
     * the falling rows, and over two rows each lower than the one before, as the hard short's pin needs two
     * samples, so that one misread row does not alert. A pause in the charge with no rows logged relaxes the
     * cell down to its open-circuit voltage, still above where it rested, and a charge after a new cell or a
     * calendar pause is judged against the rest just before it.
     */
    public static ImminentShortSettings defaults() {
        return new ImminentShortSettings(
                3,
                0.2,
                0.05,
                8,
                1.0,
                0.35,
                0.3,
                0.1,
                0.9,
                0.2,
                2,
                3.0,
                1.5,
                0.5,
                8,
                0.5,
                FloatCurrentSettings.defaults(),
                2);
    }
}

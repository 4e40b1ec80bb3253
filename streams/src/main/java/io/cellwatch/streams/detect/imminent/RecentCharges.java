package io.cellwatch.streams.detect.imminent;

/**
 * The largest of the channel's recent finished charges, whatever their conditions: how much it took,
 * how far its voltage climbed and the current it ran at. The most charge the cell has recently been
 * seen to take is a bound that holds before the usual charge is learnt at new conditions (a chamber
 * step or a rate change needs several charges to become the usual).
 *
 * <p>Kept as the largest charge of each of two blocks of {@code keep} charges, the open one and the
 * one before, so the bound always covers at least the last {@code keep} charges (at most twice as
 * many) in a few numbers of state.
 */
final class RecentCharges {
    int inBlock;
    double maxAh;
    double maxRiseV;
    double maxCurrentA;
    double earlierMaxAh;
    double earlierRiseV;
    double earlierCurrentA;

    /**
     * The largest recent charge that bounds a charge at the present current; {@code declared} when its
     * size is the lab's declared capacity (a charge slower than all recent ones).
     */
    record Reference(double chargeAh, double riseV, boolean declared) {}

    void add(UsualCharge.Charge charge, int keep) {
        if (!(charge.chargeAh() > 0) || !(charge.riseV() > 0) || !(charge.currentA() > 0) || keep <= 0) {
            return;
        }
        if (inBlock >= keep) {
            earlierMaxAh = maxAh;
            earlierRiseV = maxRiseV;
            earlierCurrentA = maxCurrentA;
            maxAh = 0;
            inBlock = 0;
        }
        inBlock++;
        if (charge.chargeAh() > maxAh) {
            maxAh = charge.chargeAh();
            maxRiseV = charge.riseV();
            maxCurrentA = charge.currentA();
        }
    }

    /**
     * The largest recent charge taken at a current no more than {@code currentBand} above this one, or
     * null when there is none: a charge at the same or a higher current reaches its voltage limit with
     * no more charge than it did (a slower charge reaches deeper, so a much faster charge's capacity is
     * no bound for it). None until at least {@code keep} charges have been seen.
     */
    Reference largestAt(double presentCurrentA, double currentBand, int keep) {
        if (earlierMaxAh <= 0 && inBlock < keep) {
            // Fewer than a block of charges seen: the first charges of a test (a pulse, a capacity-limited
            // charge) may not show what the cell holds.
            return null;
        }
        boolean latest = maxAh > 0 && presentCurrentA >= (1 - currentBand) * maxCurrentA;
        boolean earlier = earlierMaxAh > 0 && presentCurrentA >= (1 - currentBand) * earlierCurrentA;
        if (latest && (!earlier || maxAh >= earlierMaxAh)) {
            return new Reference(maxAh, maxRiseV, false);
        }
        return earlier ? new Reference(earlierMaxAh, earlierRiseV, false) : null;
    }

    /**
     * The bound of a charge slower than every remembered one, or null: a slower charge reaches deeper than
     * faster ones (by what their polarisation left unreached at the top), but never past what the cell
     * holds. That is the lab's declared nominal capacity (or the largest recent charge, where that is more),
     * taken with the largest recent charge's rise, whose mean dV/dQ is the slope's yardstick. None without a
     * declared nominal capacity, nor before a block of charges has been seen.
     */
    Reference slowerThanAll(Double nominalAh, int keep) {
        if (nominalAh == null || !(nominalAh > 0) || earlierMaxAh <= 0 && inBlock < keep) {
            return null;
        }
        boolean latest = maxAh >= earlierMaxAh;
        double largestAh = latest ? maxAh : earlierMaxAh;
        return largestAh > 0
                ? new Reference(Math.max(nominalAh, largestAh), latest ? maxRiseV : earlierRiseV, nominalAh > largestAh)
                : null;
    }

    /**
     * The most charge the cell is known to take at this current: the larger of the usual charge (when
     * it applies) and the largest of the recent charges at the same or a lower current; for a charge
     * slower than all of them, what the cell holds ({@link #slowerThanAll}).
     */
    Reference bound(
            UsualCharge usual,
            boolean usualApplies,
            double presentCurrentA,
            Double nominalAh,
            ImminentShortSettings settings) {
        Reference recent = largestAt(presentCurrentA, settings.currentBand(), settings.recentCharges());
        if (!usualApplies) {
            return recent != null ? recent : slowerThanAll(nominalAh, settings.recentCharges());
        }
        return recent != null && recent.chargeAh() > usual.chargeAh ? recent : usual.reference();
    }

    /**
     * Remembers a charge that may show what the cell holds: before a usual is learnt every charge (the
     * bound waits for a block of them), then not a pulse or a partial charge.
     */
    void addIfFull(UsualCharge.Charge charge, UsualCharge usual, ImminentShortSettings settings) {
        boolean full = !usual.established
                || charge.chargeAh() >= settings.fullChargeFraction() * usual.chargeAh
                        && charge.riseV() >= settings.fullChargeFraction() * usual.riseV;
        if (full) {
            add(charge, settings.recentCharges());
        }
    }
}

package io.cellwatch.streams.detect.softshort;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The healthiest balance (returned fraction) the cell held under each of the few sets of conditions it
 * ran under, kept across the baseline's restarts: what a leak's charge is counted from.
 *
 * <p>Why: a leak estimate is the charge the cell loses now beyond what it lost when healthy, so "when
 * healthy" must not be a point already inside the leak. The baseline and the slide's anchors restart
 * when the chamber temperature or the capacity moves (side reactions, and with them CE, depend on
 * temperature; a new capacity is a new protocol or cell), and what they learn afterwards is the cell as
 * it is then. A leak that began before such a restart is inside the new baseline from its first cycle:
 * counted from it, only the leak's growth since shows (range 9001 soft-short-slow seed 9020: a chamber
 * step mid-leak, back to the first chamber, the leak read at 42 % of the truth; range 1
 * soft-short-anode-half-cell seed 19, range 37001 replicate-soft-short seed 37011 alike).
 *
 * <p>What the cell returned when healthy under the very conditions it runs under again is still known:
 * the same cell (its capacity within the reference's learning band), in the same chamber (within the
 * band a chamber holds, {@link CeDrift#TEMPERATURE_BAND_K}) and at the same rate (hours under current
 * per amp-hour charged within that band: per-hour losses take a share of the charge in proportion)
 * has the same side reactions, so the same returned fraction, give or take its own scatter and its
 * ageing. So the balance is remembered per set of conditions: each level learns the cycles the
 * baseline learns under its conditions (only those: a chamber step does not mix two chambers' losses
 * into one level), and keeps the highest it held once it had a baseline's worth of cycles, as the
 * slide's anchor keeps the least charge lost. A cell that never returns to conditions it was healthy
 * under is counted from its baseline and anchor as before. A cycle whose temperature is not logged
 * is neither learnt nor matched: it cannot be told from a chamber change.
 */
public final class CeHealthyLevels {
    /** Sets of conditions remembered: a chamber programme runs a few set points, a protocol a few rates. */
    static final int REMEMBERED = 4;

    List<CeHealthyLevel> remembered = new ArrayList<>();

    public CeHealthyLevels() {
        // for the state-store codec
    }

    /**
     * Learns a cycle the baseline learnt (a healthy one, as far as the baseline can tell).
     *
     * @param band the capacity reference's learning band: capacities (and hours per Ah) this close are alike
     */
    void learn(
            int cycleIndex,
            Double temperatureC,
            double upAh,
            double downAh,
            double underCurrentS,
            double alpha,
            int baselineCycles,
            double band) {
        if (temperatureC == null || !(upAh > 0) || !(downAh > 0) || !(underCurrentS > 0)) {
            return;
        }
        double capacityAh = (upAh + downAh) / 2;
        double hoursPerAh = underCurrentS / 3600 / upAh;
        CeHealthyLevel level = find(temperatureC, capacityAh, hoursPerAh, band);
        if (level == null) {
            level = CeHealthyLevel.startedBy(cycleIndex, temperatureC, capacityAh, hoursPerAh);
            remembered.add(level);
            if (remembered.size() > REMEMBERED) {
                remembered.remove(remembered.stream()
                        .min(Comparator.comparingInt(l -> l.lastCycle))
                        .orElseThrow());
            }
        }
        level.fold(cycleIndex, temperatureC, capacityAh, hoursPerAh, downAh / upAh, alpha, baselineCycles);
    }

    /**
     * The level of this cycle's conditions with the highest balance it held, or null: none alike, none
     * with a baseline's worth of cycles, or no temperature logged.
     */
    CeHealthyLevel healthiestAt(Double temperatureC, double upAh, double downAh, double underCurrentS, double band) {
        if (temperatureC == null || !(upAh > 0) || !(downAh >= 0) || !(underCurrentS > 0)) {
            return null;
        }
        double capacityAh = (upAh + downAh) / 2;
        double hoursPerAh = underCurrentS / 3600 / upAh;
        CeHealthyLevel best = null;
        for (CeHealthyLevel level : remembered) {
            if (!Double.isNaN(level.highest)
                    && level.alike(temperatureC, capacityAh, hoursPerAh, band)
                    && (best == null || level.highest > best.highest)) {
                best = level;
            }
        }
        return best;
    }

    private CeHealthyLevel find(double temperatureC, double capacityAh, double hoursPerAh, double band) {
        for (CeHealthyLevel level : remembered) {
            if (level.alike(temperatureC, capacityAh, hoursPerAh, band)) {
                return level;
            }
        }
        return null;
    }
}

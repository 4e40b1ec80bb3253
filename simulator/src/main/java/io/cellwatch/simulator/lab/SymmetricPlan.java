package io.cellwatch.simulator.lab;

import io.cellwatch.model.TestProtocol;

/**
 * Everything drawn for one Li|electrolyte|Li symmetric cell and its plating/stripping test: the
 * interface ({@link io.cellwatch.simulator.LithiumInterface}), the current-density schedule
 * (steady cycling, a conditioning ramp, a step-up with several cycles per level), what the lab
 * declared, and the fault. Mutable only while a template fills it in.
 */
final class SymmetricPlan {
    String chemistry;
    double areaCm2;
    /** False: the lab did not give the electrode area. */
    boolean areaDeclared = true;

    TestProtocol declaredProtocol = TestProtocol.CYCLING;
    double temperatureC = 25;

    double exchangeCurrentDensity;
    double asrOhmCm2;
    /** Healthy interphase evolution: the ASR changes by this fraction over driftOverS. */
    double asrDrift;

    double asrDriftOverS = 1;
    double nucleationPeak = 0.06;
    double concentrationRise = 0.03;

    /** Current density of steady cycling, or of the first step-up level, mA/cm². */
    double currentDensity;
    /** Step-up: increase per level (0: steady cycling). */
    double levelStep;

    int cyclesPerLevel = 1;
    /** Conditioning: the first rampCycles cycles climb to currentDensity from rampStartFraction of it. */
    int rampCycles;

    double rampStartFraction = 0.25;
    /** Half-cycle duration; or, when arealCapacity > 0, arealCapacity/current density. */
    double halfCycleS = 3600;

    double arealCapacityMahPerCm2;
    double restBetweenHalvesS;
    /** An impedance scan after every eisEvery-th cycle (0: none), eisS long. */
    int eisEvery;

    double eisS;

    /** Flickering filament from this channel second (NaN: none), then a hard short. */
    double softShortAtS = Double.NaN;
    /** Filament conductance at the soft short's start, relative: its share of the current at the onset. */
    double softShortShare = 0.4;
    /** A fixed resistive bridge of resistiveOhm from this channel second (NaN: none). */
    double resistiveAtS = Double.NaN;

    double resistiveOhm;
    /** The hard short: from this channel second (NaN: none) the filament is hardShortOhm. */
    double hardShortAtS = Double.NaN;

    double hardShortOhm;
    /** Step-up: the true critical current density; the first level above it shorts (NaN: never). */
    double criticalCurrentDensity = Double.NaN;
    /** When the short comes within the plating half of that level (fraction), and how long it stays soft. */
    double ccdShortAtFraction;

    double ccdSoftS;
    /** Overpotential fault: from riseAtS (NaN: none) the ASR grows by riseFactor·((t − riseAtS)/riseOverS)^riseExponent. */
    double riseAtS = Double.NaN;

    double riseFactor;
    double riseOverS = 1;
    double riseExponent = 1;

    /** The test ends after this cycle (a step-up test after its top level). */
    int lastCycle = Integer.MAX_VALUE;

    double currentDensity(int cycle) {
        if (levelStep > 0) {
            int level = (cycle - 1) / cyclesPerLevel;
            return round(currentDensity + level * levelStep);
        }
        if (cycle <= rampCycles) {
            double f = rampStartFraction + (1 - rampStartFraction) * (cycle - 1) / rampCycles;
            return round(currentDensity * f);
        }
        return currentDensity;
    }

    /** True when this cycle is the last of its current level. */
    boolean lastOfLevel(int cycle) {
        return levelStep > 0 && cycle % cyclesPerLevel == 0;
    }

    double halfCycleS(int cycle) {
        return arealCapacityMahPerCm2 > 0 ? arealCapacityMahPerCm2 / currentDensity(cycle) * 3600 : halfCycleS;
    }

    /** Area-specific resistance at a channel second: healthy drift, then the overpotential fault's rise. */
    double asrAt(double channelS) {
        double asr = asrOhmCm2 * (1 + asrDrift * Math.min(1, Math.max(0, channelS) / asrDriftOverS));
        if (!Double.isNaN(riseAtS) && channelS > riseAtS) {
            asr *= 1 + riseFactor * Math.pow((channelS - riseAtS) / riseOverS, riseExponent);
        }
        return asr;
    }

    private static double round(double j) {
        return Math.rint(j * 1e6) / 1e6;
    }
}

package io.cellwatch.simulator;

import java.util.SplittableRandom;

/**
 * The internal short of a full cell, as a leak current proportional to the applied current:
 * I_leak = f·I. While charging the cell stores only (1−f)·I, so the cycler counts about Q/(1−f)
 * before the voltage limit; while discharging it loses (1+f)·I, so the cycler counts about Q/(1+f).
 * That is the "charge up, discharge down" divergence of a soft short; as f approaches 1 the charge
 * never reaches its voltage limit and the voltage climbs with a much lower dV/dt (the endless
 * charge). The leak passes electrons, not ions, so the ohmic drop sees only the ionic current.
 */
interface LeakSchedule {

    /** Leak fractions for one cycle. */
    record CycleLeak(double charge, double discharge) {
        static final CycleLeak NONE = new CycleLeak(0, 0);
    }

    /** The leak in this cycle; rng is the channel's protocol randomness (drawn once per cycle). */
    CycleLeak leakFor(int cycleIndex, SplittableRandom rng);

    /** The first cycle with a leak, or null when the cell never leaks. */
    Integer onsetCycle();

    LeakSchedule NONE = new LeakSchedule() {
        @Override
        public CycleLeak leakFor(int cycleIndex, SplittableRandom rng) {
            return CycleLeak.NONE;
        }

        @Override
        public Integer onsetCycle() {
            return null;
        }
    };

    /** A leak growing cycle by cycle from firstCycle, the same in charge and discharge (a dendrite that stays). */
    static LeakSchedule growing(int firstCycle, double... perCycle) {
        double[] f = perCycle.clone();
        return new LeakSchedule() {
            @Override
            public CycleLeak leakFor(int cycleIndex, SplittableRandom rng) {
                int k = cycleIndex - firstCycle;
                if (k < 0) {
                    return CycleLeak.NONE;
                }
                double leak = f[Math.min(k, f.length - 1)];
                return new CycleLeak(leak, leak);
            }

            @Override
            public Integer onsetCycle() {
                return firstCycle;
            }
        };
    }

    /**
     * An intermittent leak (seed 001, LFP|QCPE1|Li): from firstCycle, filaments form during some
     * charges and burn out, so each cycle leaks or not at random with a random strength, more often
     * and harder as the cell ages; the discharge sees what is left of the filament. At lastCycle the
     * short stays and the charge no longer ends.
     */
    static LeakSchedule intermittent(int firstCycle, int lastCycle) {
        return new LeakSchedule() {
            @Override
            public CycleLeak leakFor(int cycleIndex, SplittableRandom rng) {
                if (cycleIndex < firstCycle) {
                    return CycleLeak.NONE;
                }
                if (cycleIndex >= lastCycle) {
                    return new CycleLeak(0.95, 0.95);
                }
                double progress = (cycleIndex - firstCycle) / (double) (lastCycle - firstCycle);
                // The onset cycle always shows: it is where the ground truth says the fault starts.
                boolean leaks = cycleIndex == firstCycle || rng.nextDouble() < 0.45 + 0.45 * progress;
                if (!leaks) {
                    return CycleLeak.NONE;
                }
                double maxLeak = 0.15 + 0.15 * progress;
                double charge = rng.nextDouble(0.03, maxLeak);
                double discharge = charge * rng.nextDouble();
                return new CycleLeak(charge, discharge);
            }

            @Override
            public Integer onsetCycle() {
                return firstCycle;
            }
        };
    }
}

package io.cellwatch.simulator.lab;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How an internal short grows from its onset, as a leak fraction f per cycle: the short's current
 * over the cell's reference charge current, at the cell's reference (mid-window) voltage. The run
 * turns f into a conductance once (G = f·I_ref/V_ref), so the short is a resistor R = 1/G: its
 * current follows the cell's voltage, it flows in rests too, and a later change of C-rate changes f
 * but not R. f near 1 means the leak takes the whole charge current: the charge no longer ends.
 *
 * <p>The laws, each drawn from its physical picture (numbers per law on each record):
 * a dendrite creeping through the separator (linear, then running away when it connects), a
 * filament that settles at a mid-range leak before it thickens, a fast metal dendrite (seed 004's
 * Li-In cell: 4 % to 93 % in seven cycles; its Li-metal twin dead in 17 cycles), filaments forming
 * and burning out (seed 001's CE fluctuation from cycle ~300), and a fixed resistive bridge.
 */
sealed interface LeakLaw {
    /** Leak fractions beyond this are not drawn: the cell is long dead. */
    double MAX_FRACTION = 4.0;

    /** The leak fractions of one cycle: during (and after) its charge, and its discharge. */
    record CycleLeak(double charge, double discharge) {
        static final CycleLeak NONE = new CycleLeak(0, 0);

        static CycleLeak both(double f) {
            double capped = Math.min(MAX_FRACTION, f);
            return new CycleLeak(capped, capped);
        }
    }

    /** The leak k cycles after the onset cycle (k ≥ 0); rng is the cell's protocol randomness. */
    CycleLeak leakFor(int k, SplittableRandom rng);

    /** The law and its drawn numbers, for a report. */
    String describe();

    /**
     * Slow: CE falls by a steady amount per cycle (a leak fraction f lowers CE by about 2f, so
     * {@code cePointsPerCycle}/200 per cycle), for {@code linearCycles} cycles; then the dendrite
     * connects and f multiplies by {@code runawayFactor} per cycle.
     */
    record Linear(double cePointsPerCycle, int linearCycles, double runawayFactor) implements LeakLaw {
        @Override
        public CycleLeak leakFor(int k, SplittableRandom rng) {
            double perCycle = cePointsPerCycle / 200;
            if (k < linearCycles) {
                return CycleLeak.both(perCycle * (k + 1));
            }
            return CycleLeak.both(perCycle * linearCycles * Math.pow(runawayFactor, k - linearCycles + 1));
        }

        @Override
        public String describe() {
            return String.format(
                    Locale.ROOT,
                    "CE falling %.2f points/cycle for %d cycles, then ×%.2f per cycle",
                    cePointsPerCycle,
                    linearCycles,
                    runawayFactor);
        }
    }

    /**
     * Mid-range: f ramps to {@code plateau} (0.35–0.65: the charge runs 1.5–3× its usual length) over
     * {@code rampCycles}, holds for {@code plateauCycles}, then multiplies by {@code runawayFactor} per cycle.
     */
    record Plateau(double plateau, int rampCycles, int plateauCycles, double runawayFactor) implements LeakLaw {
        @Override
        public CycleLeak leakFor(int k, SplittableRandom rng) {
            if (k < rampCycles) {
                return CycleLeak.both(plateau * (k + 1) / rampCycles);
            }
            if (k < rampCycles + plateauCycles) {
                return CycleLeak.both(plateau);
            }
            return CycleLeak.both(plateau * Math.pow(runawayFactor, k - rampCycles - plateauCycles + 1));
        }

        @Override
        public String describe() {
            return String.format(
                    Locale.ROOT,
                    "leak %.0f %% of the charge current after a %d-cycle ramp, for %d cycles, then ×%.2f per cycle",
                    100 * plateau,
                    rampCycles,
                    plateauCycles,
                    runawayFactor);
        }
    }

    /** Fast: f starts at {@code first} and multiplies by {@code factor} every cycle. */
    record Geometric(double first, double factor) implements LeakLaw {
        @Override
        public CycleLeak leakFor(int k, SplittableRandom rng) {
            return CycleLeak.both(first * Math.pow(factor, k));
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "leak %.1f %% ×%.2f per cycle", 100 * first, factor);
        }
    }

    /**
     * Intermittent (seed 001, LFP|QCPE1|Li): filaments form during some charges and burn out, so a
     * cycle leaks or not, more often and harder as the cell ages (probability 0.3 → 0.9, strength up to
     * 0.1 → 0.4); the discharge sees what is left of the filament. After {@code permanentAfter} cycles
     * the filament stays and grows by {@code runawayFactor} per cycle.
     */
    record Intermittent(int permanentAfter, double runawayFactor) implements LeakLaw {
        @Override
        public CycleLeak leakFor(int k, SplittableRandom rng) {
            if (k >= permanentAfter) {
                return CycleLeak.both(0.3 * Math.pow(runawayFactor, k - permanentAfter + 1));
            }
            double progress = k / (double) permanentAfter;
            // The onset cycle always shows: it is where the truth says the fault starts.
            boolean leaks = k == 0 || rng.nextDouble() < 0.3 + 0.6 * progress;
            if (!leaks) {
                return CycleLeak.NONE;
            }
            double charge = rng.nextDouble(0.02, 0.1 + 0.3 * progress);
            return new CycleLeak(charge, charge * rng.nextDouble());
        }

        @Override
        public String describe() {
            return String.format(
                    Locale.ROOT,
                    "intermittent filaments for %d cycles, then permanent ×%.2f per cycle",
                    permanentAfter,
                    runawayFactor);
        }
    }

    /** A resistive bridge of fixed resistance from the onset: f stays {@code fraction}. */
    record Constant(double fraction) implements LeakLaw {
        @Override
        public CycleLeak leakFor(int k, SplittableRandom rng) {
            return CycleLeak.both(fraction);
        }

        @Override
        public String describe() {
            return String.format(
                    Locale.ROOT, "fixed resistive short, leak %.0f %% of the charge current", 100 * fraction);
        }
    }
}

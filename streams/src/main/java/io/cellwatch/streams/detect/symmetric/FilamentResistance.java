package io.cellwatch.streams.detect.symmetric;

import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.leak.LeakEstimate;

/**
 * A flickering filament's resistance, for {@link ShortWatch} and {@link ShortResistanceFollowUp}: its
 * conductance differs from one reading to the next and now and then it is burnt out, so its
 * resistance is V/I_short over the moments it carried current, read from the run's readings under the
 * band a healthy cell keeps by itself ({@link LowRun#conducting}); the leak, the short's mean current,
 * from all of them.
 */
final class FilamentResistance {
    private FilamentResistance() {}

    /**
     * A flickering filament's estimate from the run read whole: the leak from all its readings (the
     * short's mean current over them, burnt-out moments included: the ohmic path makes it linear in
     * V), its resistance from the readings where it conducted ({@link LowRun#conducting}), V/I_short
     * over the moments it carried current. Where the readings are not the whole run (a steady stretch
     * of it), or fewer than two of them are under the cell's own band, the estimate is as any other's.
     */
    static LeakEstimate estimate(Sample sample, LowRun run, LowRun.Readings read, double noiseV, double pathV) {
        LeakEstimate all = ShortWatch.leak(sample, read, noiseV, pathV);
        LowRun.Readings conducting = run.conducting();
        if (read.samples() != run.samples() || conducting.samples() < 2) {
            return all;
        }
        LeakEstimate carried = ShortWatch.leak(sample, conducting, noiseV, pathV);
        return new LeakEstimate(
                all.leakCurrentA(),
                all.leakCurrentUncertaintyA(),
                all.appliedCurrentA(),
                carried.shortResistanceOhm(),
                carried.shortResistanceUncertaintyOhm(),
                all.basis());
    }
}

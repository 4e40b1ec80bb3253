package io.cellwatch.streams.detect;

import io.cellwatch.streams.detect.fade.CapacityFadeDetector;
import io.cellwatch.streams.detect.imminent.FullCellHardShortDetector;
import io.cellwatch.streams.detect.imminent.ImminentShortDetector;
import io.cellwatch.streams.detect.imminent.VoltageDropDetector;
import io.cellwatch.streams.detect.profile.ProfileSelector;
import io.cellwatch.streams.detect.replicate.ReplicateGroupDetector;
import io.cellwatch.streams.detect.softshort.CapacityDivergenceDetector;
import io.cellwatch.streams.detect.softshort.CeFluctuationDetector;
import io.cellwatch.streams.detect.symmetric.CriticalCurrentDensityDetector;
import io.cellwatch.streams.detect.symmetric.OverpotentialDetector;
import java.util.List;

/**
 * The detectors a pipeline runs: those judging closed cycles and those judging every sample. The
 * live topology, {@code replay} and {@code evaluate} all take their detectors from here, so they
 * run the very same classes.
 *
 * @param cycleDetectors  run on every closed cycle
 * @param sampleDetectors run on every sample (in a charge step, inside a half-cycle)
 * @param replicateGroups run on the cycles of each replicate group, after the channels' pipelines
 */
public record DetectorSet(
        List<CycleDetector<?>> cycleDetectors,
        List<SampleDetector<?>> sampleDetectors,
        ReplicateGroupDetector replicateGroups) {

    public DetectorSet {
        cycleDetectors = List.copyOf(cycleDetectors);
        sampleDetectors = List.copyOf(sampleDetectors);
    }

    /** These channel detectors, with replicate groups judged on the standard profiles. */
    public DetectorSet(List<CycleDetector<?>> cycleDetectors, List<SampleDetector<?>> sampleDetectors) {
        this(cycleDetectors, sampleDetectors, new ReplicateGroupDetector(ProfileSelector.standard()));
    }

    /** Every detector, with the standard per-chemistry profiles. */
    public static DetectorSet standard() {
        return of(ProfileSelector.standard());
    }

    /** Every detector, with thresholds from these profiles. */
    public static DetectorSet of(ProfileSelector profiles) {
        return new DetectorSet(
                List.of(
                        new CapacityDivergenceDetector(profiles),
                        new CeFluctuationDetector(profiles),
                        new CapacityFadeDetector(profiles)),
                List.of(
                        new ImminentShortDetector(profiles),
                        new VoltageDropDetector(profiles),
                        new FullCellHardShortDetector(profiles),
                        new OverpotentialDetector(profiles),
                        new CriticalCurrentDensityDetector(profiles)),
                new ReplicateGroupDetector(profiles));
    }

    /** Only cycle detectors (as the pipeline ran before sample-level detectors existed). */
    public static DetectorSet ofCycleDetectors(List<CycleDetector<?>> cycleDetectors) {
        return new DetectorSet(cycleDetectors, List.of());
    }
}

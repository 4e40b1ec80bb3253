package io.cellwatch.streams.detect;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.streams.detect.fade.CapacityFadeDetector;
import io.cellwatch.streams.detect.imminent.FullCellHardShortDetector;
import io.cellwatch.streams.detect.imminent.ImminentShortDetector;
import io.cellwatch.streams.detect.imminent.VoltageDropDetector;
import io.cellwatch.streams.detect.profile.ProfileSelector;
import io.cellwatch.streams.detect.quality.DataQualityWatch;
import io.cellwatch.streams.detect.replicate.ReplicateGroupDetector;
import io.cellwatch.streams.detect.softshort.CapacityDivergenceDetector;
import io.cellwatch.streams.detect.softshort.CeFluctuationDetector;
import io.cellwatch.streams.detect.symmetric.CriticalCurrentDensityDetector;
import io.cellwatch.streams.detect.symmetric.OverpotentialDetector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The detectors a pipeline runs: those judging closed cycles and those judging every sample. The
 * live topology, {@code replay} and {@code evaluate} all take their detectors from here, so they
 * run the very same classes.
 *
 * @param cycleDetectors  run on every closed cycle
 * @param sampleDetectors run on every sample (in a charge step, inside a half-cycle); the data-quality
 *                        watch is one of them
 * @param replicateGroups run on the cycles of each replicate group, after the channels' pipelines
 * @param profiles        the profiles the detectors take their thresholds from, so alerts can name the one
 *                        used; null when unknown (alerts then name none)
 */
public record DetectorSet(
        List<CycleDetector<?>> cycleDetectors,
        List<SampleDetector<?>> sampleDetectors,
        ReplicateGroupDetector replicateGroups,
        ProfileSelector profiles) {

    public DetectorSet {
        cycleDetectors = List.copyOf(cycleDetectors);
        sampleDetectors = List.copyOf(sampleDetectors);
    }

    /** These channel detectors, with replicate groups judged on the standard profiles; alerts name no profile. */
    public DetectorSet(List<CycleDetector<?>> cycleDetectors, List<SampleDetector<?>> sampleDetectors) {
        this(cycleDetectors, sampleDetectors, new ReplicateGroupDetector(ProfileSelector.standard()), null);
    }

    /** These channel detectors, with replicate groups judged on the same profiles, which alerts name. */
    public DetectorSet(
            List<CycleDetector<?>> cycleDetectors, List<SampleDetector<?>> sampleDetectors, ProfileSelector profiles) {
        this(cycleDetectors, sampleDetectors, new ReplicateGroupDetector(profiles), profiles);
    }

    /** Every detector, with the standard per-chemistry profiles. */
    public static DetectorSet standard() {
        return of(ProfileSelector.standard());
    }

    /** Every detector and the data-quality watch, with thresholds from these profiles. */
    public static DetectorSet of(ProfileSelector profiles) {
        List<CycleDetector<?>> cycle = List.of(
                new CapacityDivergenceDetector(profiles),
                new CeFluctuationDetector(profiles),
                new CapacityFadeDetector(profiles));
        List<SampleDetector<?>> sample = List.of(
                new ImminentShortDetector(profiles),
                new VoltageDropDetector(profiles),
                new FullCellHardShortDetector(profiles),
                new OverpotentialDetector(profiles),
                new CriticalCurrentDensityDetector(profiles));
        Map<String, Predicate<ChannelInfo>> watched = new LinkedHashMap<>();
        cycle.forEach(detector -> watched.put(detector.name(), detector::appliesTo));
        sample.forEach(detector -> watched.put(detector.name(), detector::appliesTo));
        List<SampleDetector<?>> withWatch = new ArrayList<>(sample);
        withWatch.add(new DataQualityWatch(profiles::dataQualityFor, watched));
        return new DetectorSet(cycle, withWatch, profiles);
    }

    /** The data-quality watch among the sample detectors, if it runs. */
    public Optional<DataQualityWatch> dataQuality() {
        return sampleDetectors.stream()
                .filter(DataQualityWatch.class::isInstance)
                .map(DataQualityWatch.class::cast)
                .findFirst();
    }

    /** The name of the profile the detectors use for this channel, or null when unknown. */
    public String profileName(ChannelInfo channel) {
        return profiles == null ? null : profiles.forChannel(channel).name();
    }

    /** Only cycle detectors (as the pipeline ran before sample-level detectors existed). */
    public static DetectorSet ofCycleDetectors(List<CycleDetector<?>> cycleDetectors) {
        return new DetectorSet(cycleDetectors, List.of());
    }
}

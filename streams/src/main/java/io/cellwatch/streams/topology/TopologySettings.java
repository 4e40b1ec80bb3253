package io.cellwatch.streams.topology;

import io.cellwatch.model.TopicNames;
import io.cellwatch.streams.detect.CycleDetector;
import io.cellwatch.streams.detect.DetectorSet;
import io.cellwatch.streams.detect.SampleDetector;
import io.cellwatch.streams.detect.profile.DetectionConfig;
import io.cellwatch.streams.detect.profile.ProfileSelector;
import io.cellwatch.streams.detect.profile.SwitchableProfiles;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the topology is built from: topic names, the detectors to run, and where state lives.
 *
 * @param topics          the topics read and written
 * @param cycleDetectors  detectors run on every closed cycle
 * @param inMemoryStores  keep state in memory (changelog-backed) instead of RocksDB
 * @param sampleDetectors detectors run on every sample
 * @param profiles        where the detectors take their thresholds from; when these are
 *                        {@link SwitchableProfiles}, the topology reads the detection-config topic and
 *                        swaps in every file published there; null when unknown (alerts name no profile)
 * @param endTestsSilentFor a channel that sent nothing for this long (wall clock) has its test ended as
 *                        {@code cellwatch end-test} ends it; zero: never (the default)
 */
public record TopologySettings(
        TopicNames topics,
        List<CycleDetector<?>> cycleDetectors,
        boolean inMemoryStores,
        List<SampleDetector<?>> sampleDetectors,
        ProfileSelector profiles,
        Duration endTestsSilentFor) {

    public TopologySettings {
        if (endTestsSilentFor == null || endTestsSilentFor.isNegative()) {
            throw new IllegalArgumentException("endTestsSilentFor must be zero (never) or positive");
        }
    }

    public TopologySettings(
            TopicNames topics,
            List<CycleDetector<?>> cycleDetectors,
            boolean inMemoryStores,
            List<SampleDetector<?>> sampleDetectors,
            ProfileSelector profiles) {
        this(topics, cycleDetectors, inMemoryStores, sampleDetectors, profiles, Duration.ZERO);
    }

    /** Cycle detectors only. */
    public TopologySettings(TopicNames topics, List<CycleDetector<?>> cycleDetectors, boolean inMemoryStores) {
        this(topics, cycleDetectors, inMemoryStores, List.of(), null);
    }

    public TopologySettings(
            TopicNames topics,
            List<CycleDetector<?>> cycleDetectors,
            boolean inMemoryStores,
            List<SampleDetector<?>> sampleDetectors) {
        this(topics, cycleDetectors, inMemoryStores, sampleDetectors, null);
    }

    /**
     * Every detector, with the standard per-chemistry profiles until a detection config is published
     * to the detection-config topic.
     */
    public static TopologySettings defaults() {
        SwitchableProfiles live = new SwitchableProfiles(DetectionConfig.none());
        DetectorSet detectors = DetectorSet.of(live);
        return new TopologySettings(
                TopicNames.defaults(), detectors.cycleDetectors(), false, detectors.sampleDetectors(), live);
    }

    /** The detectors {@code replay} and {@code evaluate} run, with the standard profiles. */
    public static DetectorSet defaultDetectors() {
        return DetectorSet.standard();
    }

    public static List<CycleDetector<?>> defaultCycleDetectors() {
        return defaultDetectors().cycleDetectors();
    }

    /** The detectors each channel's pipeline runs. */
    public DetectorSet detectors() {
        return new DetectorSet(cycleDetectors, sampleDetectors, profiles);
    }

    /** The profiles a published detection config replaces, when the topology applies published configs. */
    public Optional<SwitchableProfiles> liveProfiles() {
        return profiles instanceof SwitchableProfiles live ? Optional.of(live) : Optional.empty();
    }

    public TopologySettings withTopics(TopicNames topics) {
        return new TopologySettings(
                topics, cycleDetectors, inMemoryStores, sampleDetectors, profiles, endTestsSilentFor);
    }

    /** The same with state in memory (changelog-backed) instead of RocksDB. */
    public TopologySettings withInMemoryStores() {
        return new TopologySettings(topics, cycleDetectors, true, sampleDetectors, profiles, endTestsSilentFor);
    }

    /**
     * The same, ending the test of a channel silent for {@code silentFor} (zero: never). For labs whose
     * channel ids turn over (one per test) and that do not end their tests: each one's state then goes
     * by itself. A channel that sends again after that starts as its next test.
     */
    public TopologySettings withEndTestsSilentFor(Duration silentFor) {
        return new TopologySettings(topics, cycleDetectors, inMemoryStores, sampleDetectors, profiles, silentFor);
    }
}

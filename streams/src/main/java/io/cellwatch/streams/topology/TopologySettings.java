package io.cellwatch.streams.topology;

import io.cellwatch.model.TopicNames;
import io.cellwatch.streams.detect.CycleDetector;
import io.cellwatch.streams.detect.DetectorSet;
import io.cellwatch.streams.detect.SampleDetector;
import java.util.List;

/**
 * What the topology is built from: topic names, the detectors to run, and where state lives.
 *
 * @param topics          the topics read and written
 * @param cycleDetectors  detectors run on every closed cycle
 * @param inMemoryStores  keep state in memory (changelog-backed) instead of RocksDB
 * @param sampleDetectors detectors run on every sample
 */
public record TopologySettings(
        TopicNames topics,
        List<CycleDetector<?>> cycleDetectors,
        boolean inMemoryStores,
        List<SampleDetector<?>> sampleDetectors) {

    /** Cycle detectors only. */
    public TopologySettings(TopicNames topics, List<CycleDetector<?>> cycleDetectors, boolean inMemoryStores) {
        this(topics, cycleDetectors, inMemoryStores, List.of());
    }

    /** Every detector with the standard per-chemistry profiles ({@link DetectorSet#standard()}). */
    public static TopologySettings defaults() {
        DetectorSet detectors = defaultDetectors();
        return new TopologySettings(
                TopicNames.defaults(), detectors.cycleDetectors(), false, detectors.sampleDetectors());
    }

    /** The detectors the live topology, {@code replay} and {@code evaluate} run. */
    public static DetectorSet defaultDetectors() {
        return DetectorSet.standard();
    }

    public static List<CycleDetector<?>> defaultCycleDetectors() {
        return defaultDetectors().cycleDetectors();
    }

    /** The detectors each channel's pipeline runs. */
    public DetectorSet detectors() {
        return new DetectorSet(cycleDetectors, sampleDetectors);
    }

    public TopologySettings withTopics(TopicNames topics) {
        return new TopologySettings(topics, cycleDetectors, inMemoryStores, sampleDetectors);
    }

    /** The same with state in memory (changelog-backed) instead of RocksDB. */
    public TopologySettings withInMemoryStores() {
        return new TopologySettings(topics, cycleDetectors, true, sampleDetectors);
    }
}

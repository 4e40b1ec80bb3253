package io.cellwatch.streams.topology;

import io.cellwatch.model.TopicNames;
import io.cellwatch.streams.detect.CycleDetector;
import io.cellwatch.streams.detect.softshort.CapacityDivergenceDetector;
import io.cellwatch.streams.detect.softshort.CapacityDivergenceSettings;
import java.util.List;

/**
 * What the topology is built from: topic names, the detectors to run, and where state lives.
 *
 * @param topics         the topics read and written
 * @param cycleDetectors detectors run on every closed cycle, each with its own processor and store
 * @param inMemoryStores keep state in memory (changelog-backed) instead of RocksDB
 */
public record TopologySettings(TopicNames topics, List<CycleDetector<?>> cycleDetectors, boolean inMemoryStores) {

    public static TopologySettings defaults() {
        return new TopologySettings(TopicNames.defaults(), defaultCycleDetectors(), false);
    }

    public static List<CycleDetector<?>> defaultCycleDetectors() {
        return List.of(new CapacityDivergenceDetector(CapacityDivergenceSettings.defaults()));
    }

    public TopologySettings withTopics(TopicNames topics) {
        return new TopologySettings(topics, cycleDetectors, inMemoryStores);
    }
}

package io.cellwatch.deploy.chaos;

import io.cellwatch.streams.topology.StreamsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What a chaos run does.
 *
 * @param workDir          where the cluster's data, the fleet's files, state and logs go
 * @param channels         simulated channels (every failure scenario {@code failureCopies} times, then healthy ones)
 * @param failureCopies    channels of each failure scenario
 * @param sampleIntervalS  simulated seconds between a channel's samples
 * @param acceleration     simulated seconds the fleet writes per wall-clock second; it writes until every kill is done
 * @param partitions       partitions of cellwatch's topics
 * @param streamsKills     SIGKILLs of a streams instance, one at a time
 * @param killEveryMin     shortest wait between two SIGKILLs of a streams instance
 * @param killEveryMax     longest wait between two SIGKILLs of a streams instance
 * @param brokerRestarts   broker SIGKILL-and-restarts, spread over the streams kills (the first with the ingester's
 *                         SIGKILL while the broker is down)
 * @param alertServiceKills SIGKILLs of the alert service, spread over the streams kills
 * @param seed             seeds the fleet and the order and timing of kills
 * @param streamsProperties Kafka Streams properties the streams instances get as their {@code --kafka-config}
 *                         (to measure recovery under other group settings; empty: cellwatch's defaults)
 * @param brokerProperties broker properties added to every node's (the group coordinator's limits and defaults)
 */
public record ChaosSettings(
        Path workDir,
        int channels,
        int failureCopies,
        double sampleIntervalS,
        double acceleration,
        int partitions,
        int streamsKills,
        Duration killEveryMin,
        Duration killEveryMax,
        int brokerRestarts,
        int alertServiceKills,
        long seed,
        Map<String, String> streamsProperties,
        Map<String, String> brokerProperties) {

    /** A run with cellwatch's own streams settings on a cluster with the chaos defaults. */
    public ChaosSettings(
            Path workDir,
            int channels,
            int failureCopies,
            double sampleIntervalS,
            double acceleration,
            int partitions,
            int streamsKills,
            Duration killEveryMin,
            Duration killEveryMax,
            int brokerRestarts,
            int alertServiceKills,
            long seed) {
        this(
                workDir,
                channels,
                failureCopies,
                sampleIntervalS,
                acceleration,
                partitions,
                streamsKills,
                killEveryMin,
                killEveryMax,
                brokerRestarts,
                alertServiceKills,
                seed,
                Map.of(),
                Map.of());
    }

    /** Whether the streams instances run the Streams rebalance protocol (KIP-1071): its group is described by its own API. */
    public boolean streamsRebalanceProtocol() {
        return StreamsSettings.streamsRebalanceProtocol(streamsProperties);
    }

    public ChaosSettings {
        streamsProperties = Map.copyOf(streamsProperties);
        brokerProperties = Map.copyOf(brokerProperties);
        if (killEveryMin.compareTo(killEveryMax) > 0) {
            throw new IllegalArgumentException("the shortest kill interval is longer than the longest");
        }
        if (!(acceleration > 0)) {
            throw new IllegalArgumentException("the acceleration must be positive");
        }
        if (streamsKills < 1) {
            throw new IllegalArgumentException("a chaos run kills a streams instance at least once");
        }
    }
}

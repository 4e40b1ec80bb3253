package io.cellwatch.streams.query;

import java.util.List;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Which instance answers for a channel, from Kafka Streams' own metadata: every instance publishes
 * its {@code application.server} (host:port of its query API) and the partitions it runs, and a
 * channel lives in the partition its id hashes to, exactly as the producer placed its samples.
 */
public final class QueryRouter {
    private static final Serializer<String> KEYS = new StringSerializer();
    private final KafkaStreams streams;
    private final HostInfo self;

    /**
     * @param self this instance's {@code application.server}, or null for a single instance that answers
     *             everything from its own stores
     */
    public QueryRouter(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    /** Where a channel's questions go. */
    public sealed interface Owner {}

    public record Here() implements Owner {}

    public record Elsewhere(HostInfo host) implements Owner {}

    /** The metadata is not known right now (starting or rebalancing). */
    public record Unknown() implements Owner {}

    public Owner ownerOf(String channelId) {
        if (self == null) {
            return new Here();
        }
        KeyQueryMetadata metadata = streams.queryMetadataForKey(QueryStores.CYCLE_HISTORY_STORE, channelId, KEYS);
        if (metadata == null
                || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)
                || metadata.activeHost().equals(HostInfo.unavailable())) {
            return new Unknown();
        }
        return metadata.activeHost().equals(self) ? new Here() : new Elsewhere(metadata.activeHost());
    }

    /** True unless another instance owns the channel now: a channel whose owner is unknown stays here. */
    public boolean ownedHere(String channelId) {
        try {
            return !(ownerOf(channelId) instanceof Elsewhere);
        } catch (RuntimeException notRunning) {
            return true; // not started, or shutting down: nothing moved elsewhere yet
        }
    }

    /** The other instances of the application (none without an {@code application.server}). */
    public List<HostInfo> peers() {
        if (self == null) {
            return List.of();
        }
        return streams.metadataForAllStreamsClients().stream()
                .map(StreamsMetadata::hostInfo)
                .filter(host -> !host.equals(self) && !host.equals(HostInfo.unavailable()))
                .distinct()
                .toList();
    }

    public HostInfo self() {
        return self;
    }
}

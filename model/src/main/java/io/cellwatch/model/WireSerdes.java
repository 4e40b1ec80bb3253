package io.cellwatch.model;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** The one Kafka serde per wire record type. */
public final class WireSerdes {
    private WireSerdes() {}

    public static Serde<Sample> sample() {
        return of(WireCodec.SAMPLE);
    }

    public static Serde<ChannelInfo> channelInfo() {
        return of(WireCodec.CHANNEL_INFO);
    }

    public static Serde<CycleSummary> cycleSummary() {
        return of(WireCodec.CYCLE_SUMMARY);
    }

    public static Serde<Alert> alert() {
        return of(WireCodec.ALERT);
    }

    /** A serde over a codec; a bad payload becomes a {@link SerializationException} naming topic and field. */
    public static <T> Serde<T> of(WireCodec<T> codec) {
        Serializer<T> serializer = (topic, value) -> value == null ? null : codec.toBytes(value);
        Deserializer<T> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null; // tombstone on a compacted topic
            }
            try {
                return codec.fromBytes(bytes);
            } catch (InvalidRecordException e) {
                throw new SerializationException("topic " + topic + ": " + e.getMessage(), e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}

package io.cellwatch.streams.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.cellwatch.model.WireCodec;
import io.cellwatch.model.WireSerdes;
import org.apache.kafka.common.serialization.Serde;

/**
 * A detection-config file as published to the compacted detection-config topic (one record, key
 * {@value #KEY}): its text as written, so every instance parses and checks exactly what the
 * operator wrote, and where it came from.
 *
 * @param schemaVersion wire schema version
 * @param source        the file's path on the instance that published it (named in errors and origins)
 * @param yaml          the file's text
 */
public record DetectionConfigRecord(
        @JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) String source,
        @JsonProperty(required = true) String yaml) {

    public static final int SCHEMA_VERSION = 1;
    /** The one key of the topic: a newer record replaces the older one. */
    public static final String KEY = "detection-config";

    public static final WireCodec<DetectionConfigRecord> CODEC = WireCodec.of(DetectionConfigRecord.class);

    public static Serde<DetectionConfigRecord> serde() {
        return WireSerdes.of(CODEC);
    }
}

package io.cellwatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JSON encoding of one wire record type. JSON keeps the topics readable with any Kafka tool;
 * unknown fields are ignored so older readers survive newer writers, and missing required fields
 * or an unsupported schema version are errors naming the field.
 *
 * @param <T> the record type
 */
public final class WireCodec<T> {
    /** One mapper for the whole process: it is thread-safe once configured. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            // Samples are decoded once per sample: exact but fast double parsing and printing, and
            // generated accessors instead of reflection (measured by the pipeline section of cellwatch-bench.jar).
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .addModule(new BlackbirdModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private final Class<T> type;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    private WireCodec(Class<T> type) {
        this.type = type;
        this.reader = MAPPER.readerFor(type);
        this.writer = MAPPER.writerFor(type);
    }

    public static <T> WireCodec<T> of(Class<T> type) {
        return new WireCodec<>(type);
    }

    public static final WireCodec<Sample> SAMPLE = of(Sample.class);
    public static final WireCodec<ChannelInfo> CHANNEL_INFO = of(ChannelInfo.class);
    public static final WireCodec<CycleSummary> CYCLE_SUMMARY = of(CycleSummary.class);
    public static final WireCodec<Alert> ALERT = of(Alert.class);

    public Class<T> type() {
        return type;
    }

    public byte[] toBytes(T value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String toJson(T value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Decodes one record.
     *
     * @throws InvalidRecordException naming the field when the bytes are not a valid record
     */
    public T fromBytes(byte[] bytes) {
        try {
            return reader.readValue(bytes);
        } catch (IOException e) {
            throw asInvalid(e);
        }
    }

    public T fromJson(String json) {
        try {
            return reader.readValue(json);
        } catch (IOException e) {
            throw asInvalid(e);
        }
    }

    private InvalidRecordException asInvalid(IOException e) {
        // Our own field checks arrive wrapped by Jackson; surface them unchanged.
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidRecordException invalid) {
                return invalid;
            }
        }
        String field = type.getSimpleName();
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping
                && !mapping.getPath().isEmpty()) {
            field = type.getSimpleName() + "."
                    + mapping.getPath().get(mapping.getPath().size() - 1).getFieldName();
        }
        String reason = e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getMessage().lines().findFirst().orElse("");
        InvalidRecordException invalid = new InvalidRecordException(field, reason);
        invalid.initCause(e);
        return invalid;
    }
}

package io.cellwatch.streams.state;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Serdes for the per-channel state objects kept in state stores and their changelogs. State classes
 * are plain field holders (no getters needed); fields are written by name (under a short token per
 * name, {@link StateFieldNames}), so new fields default on old records and removed ones are ignored.
 *
 * <p>Encoded as Smile (Jackson's binary JSON), not text: a channel's state is read and rewritten on
 * every sample, and with text JSON formatting and parsing the doubles was three quarters of a
 * stream thread's time (measured with the benchmark's pipeline section and Java Flight Recorder).
 */
public final class StateSerdes {
    /** Also writes the parts of a whole channel's state ({@link PipelineStateSerde}). */
    static final ObjectMapper MAPPER = SmileMapper.builder()
            .addModule(new BlackbirdModule())
            .visibility(PropertyAccessor.ALL, Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, Visibility.ANY)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .propertyNamingStrategy(new StateFieldNames.Tokens())
            .annotationIntrospector(new StateFieldNames.FullNamesStillRead())
            .build();

    private StateSerdes() {}

    public static <T> Serde<T> of(Class<T> type) {
        ObjectReader reader = MAPPER.readerFor(type);
        ObjectWriter writer = MAPPER.writerFor(type);
        return Serdes.serdeFrom(
                (topic, value) -> coded(value, writer::writeValueAsBytes, "cannot write ", type, ""),
                (topic, bytes) -> coded(bytes, reader::<T>readValue, "cannot read ", type, " state"));
    }

    /** One direction of the codec: null stays null (a tombstone), a failure names the state class. */
    private static <A, B> B coded(A in, Coding<A, B> coding, String failed, Class<?> type, String what) {
        if (in == null) {
            return null;
        }
        try {
            return coding.apply(in);
        } catch (IOException e) {
            throw new SerializationException(failed + type.getSimpleName() + what, e);
        }
    }

    @FunctionalInterface
    private interface Coding<A, B> {
        B apply(A in) throws IOException;
    }
}

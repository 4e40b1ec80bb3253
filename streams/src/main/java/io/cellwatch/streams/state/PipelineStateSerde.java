package io.cellwatch.streams.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import com.fasterxml.jackson.dataformat.smile.SmileGenerator;
import com.fasterxml.jackson.dataformat.smile.SmileParser;
import io.cellwatch.streams.cycle.CycleState;
import io.cellwatch.streams.detect.CycleDetector;
import io.cellwatch.streams.detect.DetectorSet;
import io.cellwatch.streams.detect.SampleDetector;
import io.cellwatch.streams.pipeline.PipelineState;
import io.cellwatch.streams.pipeline.StoredState;
import io.cellwatch.streams.pipeline.TestSequence;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Encodes a channel's whole {@link PipelineState} as one Smile document, {@code {SEQUENCE: {...},
 * CYCLE: {...}, DETECTORS: {NAME: <bytes>, ...}}}: where the channel's test stands, the summarizer's
 * state as {@link StateSerdes} writes it, each detector's state as its own Smile document (without
 * Smile's 4-byte header) in a binary field. Read back, a detector's state stays in those bytes
 * ({@link StoredState}) until its detector needs it, and is written out again as it was when nothing
 * touched it: the cycle detectors' states ride along with every write but are decoded once per cycle.
 *
 * <p>Every name in the envelope (its parts, the detector names) is written as the token
 * {@link StateFieldNames} makes of it, like the fields inside; names in full, as versions before the
 * tokens wrote them, still read. A state without a sequence (written before sequences were kept)
 * reads as a test under way. Detector states are found by detector name, so a detector added in a
 * new version starts fresh on old records and the state of a removed one is dropped.
 */
public final class PipelineStateSerde {
    private static final String CYCLE = "cycle";
    private static final String DETECTORS = "detectors";
    private static final String SEQUENCE = "sequence";
    /** The envelope: raw bytes for the embedded documents, not Smile's 7-bit-safe encoding. */
    private static final SmileFactory ENVELOPE = SmileFactory.builder()
            .disable(SmileGenerator.Feature.ENCODE_BINARY_AS_7BIT)
            .build();

    private final ObjectWriter cycleWriter = StateSerdes.MAPPER.writerFor(CycleState.class);
    private final ObjectReader cycleReader = StateSerdes.MAPPER.readerFor(CycleState.class);
    private final ObjectWriter sequenceWriter = StateSerdes.MAPPER.writerFor(TestSequence.class);
    private final ObjectReader sequenceReader = StateSerdes.MAPPER.readerFor(TestSequence.class);
    private final Map<String, ObjectWriter> writers = new HashMap<>();
    private final Map<String, ObjectReader> readers = new HashMap<>();
    /** Detector name by the name and by the token written in the envelope. */
    private final Map<String, String> detectorNames = new HashMap<>();
    /** Detectors whose state is needed only when a cycle closes: kept in stored form after a write. */
    private final Set<String> cycleDetectors = new HashSet<>();

    /** A detector's state as stored: its own Smile document. */
    private record Encoded(byte[] bytes, ObjectReader reader, String detector) implements StoredState {
        @Override
        public Object decode() {
            try {
                return reader.readValue(bytes);
            } catch (IOException e) {
                throw new StoredState.Unreadable("cannot read the state of detector " + detector, e);
            }
        }
    }

    private PipelineStateSerde(DetectorSet detectors) {
        for (CycleDetector<?> detector : detectors.cycleDetectors()) {
            add(detector.name(), detector.stateType());
            cycleDetectors.add(detector.name());
        }
        for (SampleDetector<?> detector : detectors.sampleDetectors()) {
            add(detector.name(), detector.stateType());
        }
    }

    /** The serde for the states of a pipeline running these detectors. */
    public static Serde<PipelineState> of(DetectorSet detectors) {
        PipelineStateSerde codec = new PipelineStateSerde(detectors);
        Serializer<PipelineState> serializer = (topic, state) -> state == null ? null : codec.write(state);
        Deserializer<PipelineState> deserializer = (topic, bytes) -> bytes == null ? null : codec.read(bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private void add(String name, Class<?> stateType) {
        if (writers.put(name, StateSerdes.MAPPER.writerFor(stateType).without(SmileGenerator.Feature.WRITE_HEADER))
                != null) {
            throw new IllegalArgumentException("two detectors are named " + name + ": their states would mix");
        }
        // Documents written before the tokens have the header; those after have none.
        readers.put(name, StateSerdes.MAPPER.readerFor(stateType).without(SmileParser.Feature.REQUIRE_HEADER));
        for (String written : Set.of(name, StateFieldNames.token(name))) {
            String other = detectorNames.put(written, name);
            if (other != null && !other.equals(name)) {
                throw new IllegalArgumentException(
                        "detectors " + other + " and " + name + " are written under one name: rename one");
            }
        }
    }

    /**
     * Encodes the state; the cycle detectors' states it had to encode are left in the state in their
     * written form ({@link PipelineState#keepStored}), so that a state kept decoded between samples
     * encodes them again only after the next cycle closed.
     */
    byte[] write(PipelineState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        Map<String, Encoded> sealed = new HashMap<>();
        try (JsonGenerator out = ENVELOPE.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeFieldName(StateFieldNames.token(SEQUENCE));
            sequenceWriter.writeValue(out, state.sequence());
            out.writeFieldName(StateFieldNames.token(CYCLE));
            cycleWriter.writeValue(out, state.cycle());
            out.writeFieldName(StateFieldNames.token(DETECTORS));
            out.writeStartObject();
            for (Map.Entry<String, Object> detector :
                    state.detectorStatesAsKept().entrySet()) {
                String name = detector.getKey();
                byte[] stored = encoded(name, detector.getValue());
                if (stored != null) {
                    out.writeFieldName(StateFieldNames.token(name));
                    out.writeBinary(stored);
                    if (cycleDetectors.contains(name) && !(detector.getValue() instanceof Encoded)) {
                        sealed.put(name, new Encoded(stored, readers.get(name), name));
                    }
                }
            }
            out.writeEndObject();
            out.writeEndObject();
        } catch (IOException e) {
            throw new SerializationException("cannot write the pipeline state of " + state.channelId(), e);
        }
        sealed.forEach(state::keepStored);
        return bytes.toByteArray();
    }

    /** The detector's state as its own document; null for a detector this version does not run. */
    private byte[] encoded(String detector, Object state) throws IOException {
        if (state instanceof Encoded untouched) {
            return untouched.bytes();
        }
        ObjectWriter writer = writers.get(detector);
        return writer == null ? null : writer.writeValueAsBytes(state);
    }

    PipelineState read(byte[] bytes) {
        try (JsonParser in = ENVELOPE.createParser(bytes)) {
            expect(in.nextToken(), JsonToken.START_OBJECT);
            CycleState cycle = null;
            TestSequence sequence = new TestSequence(); // states written before sequences were kept
            Map<String, Object> detectors = new LinkedHashMap<>();
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String field = in.currentName();
                JsonToken value = in.nextToken();
                if (isPart(field, CYCLE)) {
                    cycle = cycleReader.readValue(in);
                } else if (isPart(field, SEQUENCE)) {
                    sequence = sequenceReader.readValue(in);
                } else if (isPart(field, DETECTORS)) {
                    expect(value, JsonToken.START_OBJECT);
                    readDetectors(in, detectors);
                } else {
                    in.skipChildren();
                }
            }
            if (cycle == null) {
                throw new SerializationException("pipeline state without its cycle state");
            }
            return new PipelineState(cycle, detectors, sequence);
        } catch (IOException e) {
            throw new SerializationException("cannot read a pipeline state", e);
        }
    }

    private static boolean isPart(String field, String part) {
        return field.equals(part) || field.equals(StateFieldNames.token(part));
    }

    private void readDetectors(JsonParser in, Map<String, Object> detectors) throws IOException {
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String name = detectorNames.get(in.currentName());
            in.nextToken();
            if (name != null) { // else a detector this version no longer runs
                detectors.put(name, new Encoded(in.getBinaryValue(), readers.get(name), name));
            }
        }
    }

    private static void expect(JsonToken found, JsonToken wanted) throws IOException {
        if (found != wanted) {
            throw new IOException("expected " + wanted + " but found " + found);
        }
    }
}

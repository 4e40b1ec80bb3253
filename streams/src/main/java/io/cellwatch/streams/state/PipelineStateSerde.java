package io.cellwatch.streams.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.cellwatch.streams.cycle.CycleState;
import io.cellwatch.streams.detect.CycleDetector;
import io.cellwatch.streams.detect.DetectorSet;
import io.cellwatch.streams.detect.SampleDetector;
import io.cellwatch.streams.pipeline.PipelineState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Encodes a channel's whole {@link PipelineState} as one Smile document, {@code {"cycle": {...},
 * "detectors": {"NAME": {...}, ...}}}, each part written as {@link StateSerdes} writes it alone.
 * Detector states are found by detector name, so a detector added in a new version starts fresh on
 * old records and the state of a removed one is dropped.
 */
public final class PipelineStateSerde {
    private static final String CYCLE = "cycle";
    private static final String DETECTORS = "detectors";

    private final ObjectWriter cycleWriter = StateSerdes.MAPPER.writerFor(CycleState.class);
    private final ObjectReader cycleReader = StateSerdes.MAPPER.readerFor(CycleState.class);
    private final Map<String, ObjectWriter> writers = new HashMap<>();
    private final Map<String, ObjectReader> readers = new HashMap<>();

    private PipelineStateSerde(DetectorSet detectors) {
        for (CycleDetector<?> detector : detectors.cycleDetectors()) {
            add(detector.name(), detector.stateType());
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
        if (writers.put(name, StateSerdes.MAPPER.writerFor(stateType)) != null) {
            throw new IllegalArgumentException("two detectors are named " + name + ": their states would mix");
        }
        readers.put(name, StateSerdes.MAPPER.readerFor(stateType));
    }

    byte[] write(PipelineState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (JsonGenerator out = StateSerdes.MAPPER.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeFieldName(CYCLE);
            cycleWriter.writeValue(out, state.cycle());
            out.writeFieldName(DETECTORS);
            out.writeStartObject();
            for (Map.Entry<String, Object> detector : state.detectorStates().entrySet()) {
                ObjectWriter writer = writers.get(detector.getKey());
                if (writer != null) {
                    out.writeFieldName(detector.getKey());
                    writer.writeValue(out, detector.getValue());
                }
            }
            out.writeEndObject();
            out.writeEndObject();
        } catch (IOException e) {
            throw new SerializationException("cannot write the pipeline state of " + state.channelId(), e);
        }
        return bytes.toByteArray();
    }

    PipelineState read(byte[] bytes) {
        try (JsonParser in = StateSerdes.MAPPER.createParser(bytes)) {
            expect(in.nextToken(), JsonToken.START_OBJECT);
            CycleState cycle = null;
            Map<String, Object> detectors = new LinkedHashMap<>();
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String field = in.currentName();
                JsonToken value = in.nextToken();
                if (field.equals(CYCLE)) {
                    cycle = cycleReader.readValue(in);
                } else if (field.equals(DETECTORS)) {
                    expect(value, JsonToken.START_OBJECT);
                    readDetectors(in, detectors);
                } else {
                    in.skipChildren();
                }
            }
            if (cycle == null) {
                throw new SerializationException("pipeline state without its cycle state");
            }
            return new PipelineState(cycle, detectors);
        } catch (IOException e) {
            throw new SerializationException("cannot read a pipeline state", e);
        }
    }

    private void readDetectors(JsonParser in, Map<String, Object> detectors) throws IOException {
        while (in.nextToken() == JsonToken.FIELD_NAME) {
            String name = in.currentName();
            in.nextToken();
            ObjectReader reader = readers.get(name);
            if (reader == null) {
                in.skipChildren(); // a detector this version no longer runs
            } else {
                detectors.put(name, reader.readValue(in));
            }
        }
    }

    private static void expect(JsonToken found, JsonToken wanted) throws IOException {
        if (found != wanted) {
            throw new IOException("expected " + wanted + " but found " + found);
        }
    }
}

package io.cellwatch.streams.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cellwatch.model.Alert;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.DetectorSet;
import io.cellwatch.streams.detect.ReadingSink;
import io.cellwatch.streams.detect.SyntheticFullCell;
import io.cellwatch.streams.detect.SyntheticSymmetricCell;
import io.cellwatch.streams.pipeline.ChannelOutput;
import io.cellwatch.streams.pipeline.ChannelPipeline;
import io.cellwatch.streams.pipeline.PipelineState;
import io.cellwatch.streams.testing.TestChannels;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/**
 * Channel states written by earlier versions still read: the files under {@code state/} were
 * written by the state codec as it was before state fields were written under short tokens of
 * their names (field names in full), from exactly the samples below. Read with today's codec they
 * must give the state today's pipeline reaches from those samples, in every field the old record
 * carries (all the fields of its day, nested objects' included). A field or a detector added since
 * starts fresh on an old record, by design, so only its absence from the record is checked.
 */
class StoredStateCompatibilityTest {
    static final DetectorSet DETECTORS = DetectorSet.standard();
    static final ChannelInfo FULL = ChannelInfo.defaultsFor("golden-full");
    static final ChannelInfo SYMMETRIC = TestChannels.symmetric("golden-sym", "Li|QCPE|Li");
    private static final ChannelOutput NOWHERE = new ChannelOutput() {
        @Override
        public void onCycle(CycleSummary cycle) {}

        @Override
        public void onAlert(Alert alert) {}
    };

    static List<Sample> fullCellSamples() {
        SyntheticFullCell cell = new SyntheticFullCell(FULL.channelId(), 3e-3, 60, 0.001, 1);
        for (int c = 1; c <= 30; c++) {
            cell.cycle(c, 0, 1.0, 1 - 0.0002 * c);
        }
        return cell.samples();
    }

    static List<Sample> symmetricSamples() {
        return new SyntheticSymmetricCell(SYMMETRIC.channelId(), 1.0, 60, 2)
                .cycling(1, 40, 0.2, t -> 0.08, t -> 0.001)
                .samples();
    }

    static PipelineState run(ChannelInfo info, List<Sample> samples) {
        ChannelPipeline pipeline = ChannelPipeline.start(DETECTORS, info, ReadingSink.NONE);
        samples.forEach(sample -> pipeline.accept(sample, NOWHERE));
        return pipeline.state();
    }

    @Test
    void aFullCellsStateWrittenWithFieldNamesInFullStillReads() throws IOException {
        assertReadsAsToday("full-cell-names-in-full.smile", run(FULL, fullCellSamples()));
    }

    @Test
    void aSymmetricCellsStateWrittenWithFieldNamesInFullStillReads() throws IOException {
        assertReadsAsToday("symmetric-cell-names-in-full.smile", run(SYMMETRIC, symmetricSamples()));
    }

    private static void assertReadsAsToday(String file, PipelineState today) throws IOException {
        Serde<PipelineState> serde = PipelineStateSerde.of(DETECTORS);
        byte[] old;
        try (InputStream in = StoredStateCompatibilityTest.class.getResourceAsStream("/state/" + file)) {
            old = in.readAllBytes();
        }
        PipelineState read = serde.deserializer().deserialize("t", old);
        JsonNode record = StateSerdes.MAPPER.readTree(old);
        int compared = sameWhereRecorded(record.get("cycle"), read.cycle(), today.cycle(), "cycle");

        JsonNode detectors = record.get("detectors");
        List<String> recorded = new ArrayList<>();
        detectors.fieldNames().forEachRemaining(recorded::add);
        assertThat(read.detectorNames())
                .as("detectors with a state in the old record, in its order (those added since start fresh)")
                .containsExactlyElementsOf(recorded.stream()
                        .filter(today.detectorNames()::contains)
                        .toList());
        for (String detector : read.detectorNames()) {
            JsonNode state = StateSerdes.MAPPER.readTree(detectors.get(detector).binaryValue());
            compared += sameWhereRecorded(state, read.detectorState(detector), today.detectorState(detector), detector);
        }
        assertThat(compared).as("fields compared").isGreaterThan(100);
    }

    /**
     * Asserts that {@code read} equals {@code today} in every field the recorded object has, nested
     * objects field by field; returns how many fields were compared. A recorded field no class has
     * any more (removed since) is skipped, as the codec skips it.
     */
    private static int sameWhereRecorded(JsonNode recorded, Object read, Object today, String path) {
        int compared = 0;
        for (Iterator<Map.Entry<String, JsonNode>> fields = recorded.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            Field javaField = declared(today.getClass(), field.getKey());
            if (javaField == null) {
                continue;
            }
            javaField.setAccessible(true);
            Object readValue;
            Object todayValue;
            try {
                readValue = javaField.get(read);
                todayValue = javaField.get(today);
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
            String at = path + "." + field.getKey();
            if (field.getValue().isObject() && readValue != null && todayValue != null) {
                compared += sameWhereRecorded(field.getValue(), readValue, todayValue, at);
            } else {
                // Against the value the record holds: the detectors may have changed what they keep since
                // the record was written (a detector learning later gives another jitter), the codec may not.
                assertThat(readValue)
                        .as(at)
                        .usingRecursiveComparison()
                        .isEqualTo(recordedValue(field.getValue(), javaField));
                compared++;
            }
        }
        return compared;
    }

    private static Field declared(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        return null;
    }

    private static Object recordedValue(JsonNode value, Field field) {
        try {
            return StateSerdes.MAPPER.treeToValue(value, field.getType());
        } catch (IOException e) {
            throw new AssertionError(field.getName() + ": " + value, e);
        }
    }
}

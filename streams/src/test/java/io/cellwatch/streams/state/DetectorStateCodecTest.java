package io.cellwatch.streams.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.streams.cycle.CycleState;
import io.cellwatch.streams.detect.CycleDetector;
import io.cellwatch.streams.detect.DetectorSet;
import io.cellwatch.streams.detect.SampleDetector;
import io.cellwatch.streams.pipeline.PipelineState;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every field of every detector's state, nested helpers included, survives the pipeline-state codec:
 * each field is set to a value unlike its default (by reflection, so a field added later is covered
 * without touching this test), the channel's state is written and read back, and every field compared.
 * A codec that forgot a field would hand the detector its default after every sample.
 */
class DetectorStateCodecTest {
    private static final DetectorSet DETECTORS = DetectorSet.standard();

    static Stream<String> detectorNames() {
        return Stream.concat(
                DETECTORS.cycleDetectors().stream().map(CycleDetector::name),
                DETECTORS.sampleDetectors().stream().map(SampleDetector::name));
    }

    @ParameterizedTest
    @MethodSource("detectorNames")
    void everyFieldOfTheDetectorsStateRoundTrips(String name) throws Exception {
        Object state = newState(name);
        int[] counter = {0};
        fill(state, counter, 0);
        assertThat(counter[0]).as("fields set").isPositive();

        Serde<PipelineState> serde = PipelineStateSerde.of(DETECTORS);
        Map<String, Object> states = new LinkedHashMap<>();
        states.put(name, state);
        PipelineState written = new PipelineState(CycleState.newChannel("ch"), states);
        PipelineState read =
                serde.deserializer().deserialize("t", serde.serializer().serialize("t", written));

        List<String> differences = new ArrayList<>();
        compare(name, state, read.detectorState(name), differences);
        assertThat(differences).as("fields that did not survive the codec").isEmpty();
    }

    private static Object newState(String name) {
        ChannelInfo channel = ChannelInfo.defaultsFor("ch");
        for (CycleDetector<?> d : DETECTORS.cycleDetectors()) {
            if (d.name().equals(name)) {
                return d.newState(channel);
            }
        }
        for (SampleDetector<?> d : DETECTORS.sampleDetectors()) {
            if (d.name().equals(name)) {
                return d.newState(channel);
            }
        }
        throw new IllegalArgumentException(name);
    }

    /** Sets every instance field to a value unlike its default; nested state objects field by field. */
    private static void fill(Object target, int[] counter, int depth) throws Exception {
        for (Field f : fields(target.getClass())) {
            f.setAccessible(true);
            Object value = valueFor(f.getType(), f.get(target), counter, depth, f);
            if (value != null) {
                f.set(target, value);
            }
        }
    }

    private static Object valueFor(Class<?> type, Object current, int[] counter, int depth, Field f) throws Exception {
        int n = ++counter[0];
        if (type == int.class || type == Integer.class) {
            return n;
        }
        if (type == long.class || type == Long.class) {
            return 1000L + n;
        }
        if (type == double.class || type == Double.class) {
            return n + 0.25;
        }
        if (type == boolean.class || type == Boolean.class) {
            return !(current instanceof Boolean b && b);
        }
        if (type == String.class) {
            return "s" + n;
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants[constants.length - 1];
        }
        if (type.isArray() && type.getComponentType().isPrimitive()) {
            Object array = Array.newInstance(type.getComponentType(), 2);
            for (int i = 0; i < 2; i++) {
                Array.set(array, i, valueFor(type.getComponentType(), null, counter, depth, f));
            }
            return array;
        }
        if (type.getName().startsWith("io.cellwatch.") && depth < 4) {
            Object nested =
                    current != null ? current : type.getDeclaredConstructor().newInstance();
            fill(nested, counter, depth + 1);
            return nested;
        }
        fail(
                "field %s.%s of type %s: teach this test to set it",
                f.getDeclaringClass().getSimpleName(), f.getName(), type);
        return null;
    }

    private static void compare(String path, Object expected, Object actual, List<String> differences)
            throws Exception {
        if (expected == null || actual == null) {
            if (expected != actual) {
                differences.add(path + ": " + expected + " != " + actual);
            }
            return;
        }
        Class<?> type = expected.getClass();
        if (type.getName().startsWith("io.cellwatch.") && !type.isEnum()) {
            for (Field f : fields(type)) {
                f.setAccessible(true);
                compare(path + "." + f.getName(), f.get(expected), f.get(actual), differences);
            }
        } else if (type.isArray()) {
            int length = Array.getLength(expected);
            if (length != Array.getLength(actual)) {
                differences.add(path + ": length " + length + " != " + Array.getLength(actual));
                return;
            }
            for (int i = 0; i < length; i++) {
                compare(path + "[" + i + "]", Array.get(expected, i), Array.get(actual, i), differences);
            }
        } else if (!expected.equals(actual)) {
            differences.add(path + ": " + expected + " != " + actual);
        }
    }

    private static List<Field> fields(Class<?> type) {
        List<Field> out = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()) {
                    out.add(f);
                }
            }
        }
        return out;
    }
}

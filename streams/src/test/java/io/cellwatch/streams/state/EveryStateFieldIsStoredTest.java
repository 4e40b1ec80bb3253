package io.cellwatch.streams.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.cellwatch.streams.cycle.CycleState;
import io.cellwatch.streams.detect.CycleDetector;
import io.cellwatch.streams.detect.DetectorSet;
import io.cellwatch.streams.detect.SampleDetector;
import io.cellwatch.streams.detect.quality.DataQualityState;
import io.cellwatch.streams.detect.quality.StallState;
import io.cellwatch.streams.pipeline.PipelineState;
import io.cellwatch.streams.pipeline.TestSequence;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/**
 * Every field of every state the channel pipeline stores comes back from the store, whoever adds
 * it: the state classes are found from the detectors the pipeline runs, and their fields (and the
 * fields of the objects they hold) by reflection, so a field added tomorrow is covered without
 * touching this test. A field the codec does not write, or writes but does not read back, fails
 * here with its path.
 *
 * <p>Two fillings: values a fresh state never holds (the codec must write them), and the zero of
 * each type (0, false, "", empty arrays): the codec leaves out a value equal to a fresh state's, so
 * a zero must still come back as a zero where a fresh state holds something else (NaN, -1).
 *
 * <p>{@code transient} fields are by declaration not state (rebuilt after a restore) and skipped.
 */
class EveryStateFieldIsStoredTest {
    private static final DetectorSet DETECTORS = DetectorSet.standard();

    private enum Filling {
        UNLIKE_FRESH,
        ZEROS
    }

    @Test
    void everyFieldOfEveryStateComesBackFromItsOwnCodec() {
        for (Filling filling : Filling.values()) {
            for (Class<?> type : stateTypes()) {
                Object state = new Filler(filling).instance(type, type.getSimpleName());
                Object read = roundTrip(type, state);
                assertThat(read)
                        .as("%s filled with %s, through the state codec", type.getSimpleName(), filling)
                        .usingRecursiveComparison()
                        .isEqualTo(state);
            }
        }
    }

    @Test
    void everyFieldOfAWholeChannelStateComesBackFromThePipelineCodec() {
        Serde<PipelineState> serde = PipelineStateSerde.of(DETECTORS);
        for (Filling filling : Filling.values()) {
            Filler filler = new Filler(filling);
            CycleState cycle = filler.instance(CycleState.class, "cycle");
            Map<String, Object> detectors = new LinkedHashMap<>();
            DETECTORS.cycleDetectors().forEach(d -> detectors.put(d.name(), filler.instance(d.stateType(), d.name())));
            DETECTORS.sampleDetectors().forEach(d -> detectors.put(d.name(), filler.instance(d.stateType(), d.name())));
            TestSequence sequence = filler.instance(TestSequence.class, "sequence");
            PipelineState written = new PipelineState(cycle, new LinkedHashMap<>(detectors), sequence);

            byte[] bytes = serde.serializer().serialize("t", written);
            PipelineState read = serde.deserializer().deserialize("t", bytes);

            assertThat(read.cycle())
                    .as("the cycle state, filled with %s", filling)
                    .usingRecursiveComparison()
                    .isEqualTo(cycle);
            assertThat(read.sequence())
                    .as("the test sequence, filled with %s", filling)
                    .usingRecursiveComparison()
                    .isEqualTo(sequence);
            assertThat(read.detectorNames()).containsExactlyInAnyOrderElementsOf(detectors.keySet());
            for (Map.Entry<String, Object> detector : detectors.entrySet()) {
                assertThat(read.detectorState(detector.getKey()))
                        .as("the state of %s, filled with %s", detector.getKey(), filling)
                        .usingRecursiveComparison()
                        .isEqualTo(detector.getValue());
            }
            // Written after the cycle detectors' states went back to their stored form: the same bytes.
            assertThat(serde.serializer().serialize("t", written)).isEqualTo(bytes);
        }
    }

    @Test
    void aChannelStateHoldsNoPartThePipelineCodecDoesNotWrite() {
        List<String> parts = new ArrayList<>();
        for (Field field : PipelineState.class.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) && !Modifier.isTransient(field.getModifiers())) {
                parts.add(field.getName());
            }
        }
        assertThat(parts)
                .as("the parts PipelineStateSerde writes; a new part must be written there, and states"
                        + " written before it must still read")
                .containsExactlyInAnyOrder("cycle", "detectors", "sequence");
    }

    /**
     * The summarizer's state, the state of every detector the standard pipeline runs (the
     * data-quality watch's among them), and the stall watch's, kept in a store of its own.
     */
    private static List<Class<?>> stateTypes() {
        List<Class<?>> types = new ArrayList<>();
        types.add(CycleState.class);
        types.add(TestSequence.class);
        DETECTORS.cycleDetectors().stream().map(CycleDetector::stateType).forEach(types::add);
        DETECTORS.sampleDetectors().stream().map(SampleDetector::stateType).forEach(types::add);
        types.add(StallState.class);
        return types;
    }

    @Test
    void theDataQualityWatchIsAmongTheStatesCovered() {
        assertThat(stateTypes()).contains(DataQualityState.class, StallState.class);
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(Class<T> type, Object value) {
        Serde<T> serde = StateSerdes.of(type);
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", (T) value));
    }

    /** Fills objects field by field; every leaf gets its own value, so two fields never swap unseen. */
    private static final class Filler {
        private final Filling filling;
        private int next = 1;

        Filler(Filling filling) {
            this.filling = filling;
        }

        @SuppressWarnings("unchecked")
        <T> T instance(Class<T> type, String path) {
            if (type.isRecord()) {
                RecordComponent[] components = type.getRecordComponents();
                Class<?>[] types = new Class<?>[components.length];
                Object[] values = new Object[components.length];
                for (int i = 0; i < components.length; i++) {
                    types[i] = components[i].getType();
                    values[i] = value(
                            components[i].getType(),
                            components[i].getGenericType(),
                            null,
                            path + "." + components[i].getName());
                }
                return construct(type, types, values, path);
            }
            T object = construct(type, new Class<?>[0], new Object[0], path);
            for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    int modifiers = field.getModifiers();
                    if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.isSynthetic()) {
                        continue;
                    }
                    field.setAccessible(true);
                    try {
                        Object fresh = field.get(object);
                        field.set(
                                object,
                                value(field.getType(), field.getGenericType(), fresh, path + "." + field.getName()));
                    } catch (IllegalAccessException e) {
                        throw new AssertionError(path + "." + field.getName() + " cannot be set", e);
                    }
                }
            }
            return object;
        }

        private static <T> T construct(Class<T> type, Class<?>[] types, Object[] values, String path) {
            try {
                Constructor<T> constructor = type.getDeclaredConstructor(types);
                constructor.setAccessible(true);
                return constructor.newInstance(values);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(
                        path + ": a state's " + type.getSimpleName()
                                + " needs a constructor without arguments for the state codec",
                        e);
            }
        }

        /** A value for a field of this type whose fresh value is {@code fresh} (null when unknown). */
        private Object value(Class<?> type, Type generic, Object fresh, String path) {
            boolean zeros = filling == Filling.ZEROS;
            int n = next++;
            if (type == boolean.class || type == Boolean.class) {
                return zeros ? Boolean.FALSE : !Boolean.TRUE.equals(fresh);
            }
            if (type == int.class || type == Integer.class) {
                return zeros ? 0 : (fresh == null ? 0 : (Integer) fresh) + n;
            }
            if (type == long.class || type == Long.class) {
                return zeros ? 0L : (fresh == null ? 0L : (Long) fresh) + n;
            }
            if (type == double.class || type == Double.class) {
                double base = fresh == null || ((Double) fresh).isNaN() ? 0 : (Double) fresh;
                return zeros ? 0.0 : base + n + 0.25;
            }
            if (type == float.class || type == Float.class) {
                float base = fresh == null || ((Float) fresh).isNaN() ? 0 : (Float) fresh;
                return zeros ? 0f : base + n + 0.25f;
            }
            if (type == String.class) {
                return zeros ? "" : "s" + n;
            }
            if (type.isEnum()) {
                Object[] constants = type.getEnumConstants();
                int unlike =
                        fresh == null ? n % constants.length : (((Enum<?>) fresh).ordinal() + 1) % constants.length;
                return constants[zeros ? 0 : unlike];
            }
            if (type.isArray()) {
                int length = zeros ? 0 : 3;
                Object array = Array.newInstance(type.getComponentType(), length);
                for (int i = 0; i < length; i++) {
                    Array.set(
                            array,
                            i,
                            value(type.getComponentType(), type.getComponentType(), null, path + "[" + i + "]"));
                }
                return array;
            }
            if (Collection.class.isAssignableFrom(type)) {
                Collection<Object> collection = Set.class.isAssignableFrom(type)
                        ? new LinkedHashSet<>()
                        : Deque.class.isAssignableFrom(type) ? new ArrayDeque<>() : new ArrayList<>();
                Type element = typeArgument(generic, 0, path);
                for (int i = 0; i < (zeros ? 0 : 3); i++) {
                    collection.add(value(raw(element), element, null, path + "[" + i + "]"));
                }
                return collection;
            }
            if (Map.class.isAssignableFrom(type)) {
                Map<Object, Object> map = new LinkedHashMap<>();
                Type key = typeArgument(generic, 0, path);
                Type entry = typeArgument(generic, 1, path);
                for (int i = 0; i < (zeros ? 0 : 3); i++) {
                    map.put(
                            value(raw(key), key, null, path + ".key"),
                            value(raw(entry), entry, null, path + "[" + i + "]"));
                }
                return map;
            }
            if (type.getPackageName().startsWith("io.cellwatch")) {
                return instance(type, path);
            }
            return fail("%s: no filling for a field of type %s; teach this test the type", path, generic);
        }

        private static Type typeArgument(Type generic, int index, String path) {
            if (generic instanceof ParameterizedType parameterized) {
                return parameterized.getActualTypeArguments()[index];
            }
            return fail("%s: a raw collection type in a state cannot be read back", path);
        }

        private static Class<?> raw(Type type) {
            return type instanceof ParameterizedType parameterized
                    ? (Class<?>) parameterized.getRawType()
                    : (Class<?>) type;
        }
    }
}

package io.cellwatch.streams.detect.profile;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/**
 * Reads a record's components and rebuilds it through its canonical constructor (so its own
 * validation runs), whatever the record: the settings the detection config lays over
 * ({@link RecordBinding}) and a profile's copies with one setting replaced ({@link DetectorProfile}).
 */
final class RecordCopy {
    private RecordCopy() {}

    /**
     * {@code base} with one component replaced: a profile's {@code withX} methods, which then need no
     * change when a component is added. A value the record's validation refuses is refused as it is.
     */
    static <R extends Record> R replaced(R base, String component, Object value) {
        RecordComponent[] components = base.getClass().getRecordComponents();
        Object[] values = values(base, components);
        int i = 0;
        while (i < components.length && !components[i].getName().equals(component)) {
            i++;
        }
        if (i == components.length || (value != null && !components[i].getType().isInstance(value))) {
            throw new IllegalArgumentException(
                    base.getClass().getSimpleName() + " has no component " + component + " taking " + value);
        }
        values[i] = value;
        try {
            return construct(base, components, values);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException refused
                    ? refused
                    : new IllegalStateException(
                            "cannot rebuild " + base.getClass().getName(), e.getCause());
        }
    }

    /**
     * A record of {@code base}'s class with these component values.
     *
     * @throws InvocationTargetException the record's own validation refused them (the cause says why)
     */
    @SuppressWarnings("unchecked")
    static <R extends Record> R construct(R base, RecordComponent[] components, Object[] values)
            throws InvocationTargetException {
        Class<?>[] types =
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Constructor<?> canonical = base.getClass().getDeclaredConstructor(types);
            return (R) canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            throw e;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot rebuild " + base.getClass().getName(), e);
        }
    }

    /** The record's component values, in declaration order. */
    static Object[] values(Record record, RecordComponent[] components) {
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = value(components[i], record);
        }
        return values;
    }

    static Object value(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }
}

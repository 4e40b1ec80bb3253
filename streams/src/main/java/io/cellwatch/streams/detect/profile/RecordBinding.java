package io.cellwatch.streams.detect.profile;

import com.fasterxml.jackson.core.JsonToken;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Lays configured values over settings records, generically: a YAML key names a record component,
 * a nested map configures a component that is itself a record, and the record is rebuilt through
 * its canonical constructor (so its own validation runs). Nothing here knows any detector: a
 * setting added to a settings record is configurable as soon as it exists.
 */
final class RecordBinding {
    /** Where one configured value came from: file, line and the rule that set it. */
    record Origin(String source, int line, String rule) {
        @Override
        public String toString() {
            return source + ":" + line + " (rule " + rule + ")";
        }
    }

    private RecordBinding() {}

    /**
     * The record with {@code node}'s entries laid over {@code base}'s values.
     *
     * @param keyPath     where the node sits in the file, for error messages ({@code rules[0].settings})
     * @param settingPath where the record sits among the settings, for origins ({@code capacityDivergence});
     *                    empty at the top
     * @param excluded    component names the file may not set
     * @param origins     receives the origin of every value set, by setting path
     */
    static <R extends Record> R overlay(
            R base,
            ConfigNode node,
            String keyPath,
            String settingPath,
            Set<String> excluded,
            Origin origin,
            Map<String, Origin> origins) {
        if (node.kind != ConfigNode.Kind.MAP) {
            throw error(origin, node, keyPath, "expected settings (a map of keys), found " + describe(node));
        }
        RecordComponent[] components = base.getClass().getRecordComponents();
        Object[] values = RecordCopy.values(base, components);
        for (Map.Entry<String, ConfigNode> entry : node.entries().entrySet()) {
            String key = keyPath + "." + entry.getKey();
            int i = indexOf(components, entry.getKey(), excluded);
            if (i < 0) {
                throw error(
                        origin, entry.getValue(), key, "unknown setting; known here: " + known(components, excluded));
            }
            String setting = settingPath.isEmpty() ? entry.getKey() : settingPath + "." + entry.getKey();
            Class<?> type = components[i].getType();
            if (type.isRecord()) {
                values[i] = overlay((Record) values[i], entry.getValue(), key, setting, Set.of(), origin, origins);
            } else {
                values[i] = scalar(type, entry.getValue(), key, origin);
                origins.put(setting, new Origin(origin.source(), entry.getValue().line, origin.rule()));
            }
        }
        return construct(base, components, values, node, keyPath, origin);
    }

    /** Every non-record value in {@code settings}, depth first, by setting path ({@code capacityDivergence.alpha}). */
    static void leaves(Record settings, String prefix, Set<String> excluded, BiConsumer<String, Object> out) {
        for (RecordComponent component : settings.getClass().getRecordComponents()) {
            if (excluded.contains(component.getName())) {
                continue;
            }
            String path = prefix.isEmpty() ? component.getName() : prefix + "." + component.getName();
            Object value = RecordCopy.value(component, settings);
            if (value instanceof Record nested) {
                leaves(nested, path, Set.of(), out);
            } else {
                out.accept(path, value);
            }
        }
    }

    private static Object scalar(Class<?> type, ConfigNode node, String key, Origin origin) {
        if (node.kind != ConfigNode.Kind.SCALAR) {
            throw error(origin, node, key, "expected one value, found " + describe(node));
        }
        if (node.token == JsonToken.VALUE_NULL) {
            if (type.isPrimitive()) {
                throw error(origin, node, key, "needs a value");
            }
            return null;
        }
        try {
            if (type == double.class || type == Double.class) {
                requireNumber(node, key, origin);
                return Double.parseDouble(node.text);
            }
            if (type == int.class || type == Integer.class) {
                requireWholeNumber(node, key, origin);
                return Integer.parseInt(node.text);
            }
            if (type == long.class || type == Long.class) {
                requireWholeNumber(node, key, origin);
                return Long.parseLong(node.text);
            }
            if (type == boolean.class || type == Boolean.class) {
                if (node.token != JsonToken.VALUE_TRUE && node.token != JsonToken.VALUE_FALSE) {
                    throw error(origin, node, key, "expected true or false, found '" + node.text + "'");
                }
                return node.token == JsonToken.VALUE_TRUE;
            }
            if (type == String.class) {
                return node.text;
            }
            if (type.isEnum()) {
                return enumValue(type, node, key, origin);
            }
        } catch (NumberFormatException e) {
            throw error(origin, node, key, "out of range for a " + type.getSimpleName() + ": '" + node.text + "'");
        }
        throw error(origin, node, key, "a " + type.getSimpleName() + " cannot be configured in a file");
    }

    private static void requireNumber(ConfigNode node, String key, Origin origin) {
        if (node.token != JsonToken.VALUE_NUMBER_INT && node.token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw error(origin, node, key, "expected a number, found '" + node.text + "'");
        }
    }

    private static void requireWholeNumber(ConfigNode node, String key, Origin origin) {
        if (node.token != JsonToken.VALUE_NUMBER_INT) {
            throw error(origin, node, key, "expected a whole number, found '" + node.text + "'");
        }
    }

    private static Object enumValue(Class<?> type, ConfigNode node, String key, Origin origin) {
        String wanted = node.text.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(wanted)) {
                return constant;
            }
        }
        throw error(
                origin,
                node,
                key,
                "expected one of "
                        + Arrays.stream(type.getEnumConstants())
                                .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
                                .toList()
                        + ", found '" + node.text + "'");
    }

    private static <R extends Record> R construct(
            R base, RecordComponent[] components, Object[] values, ConfigNode node, String key, Origin origin) {
        try {
            return RecordCopy.construct(base, components, values);
        } catch (InvocationTargetException e) {
            // The record's own validation refused the combination (e.g. a window beyond what its state holds).
            throw error(origin, node, key, String.valueOf(e.getCause().getMessage()));
        }
    }

    private static int indexOf(RecordComponent[] components, String name, Set<String> excluded) {
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(name) && !excluded.contains(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String known(RecordComponent[] components, Set<String> excluded) {
        return String.join(
                ", ",
                Arrays.stream(components)
                        .map(RecordComponent::getName)
                        .filter(name -> !excluded.contains(name))
                        .toList());
    }

    private static String describe(ConfigNode node) {
        return switch (node.kind) {
            case MAP -> "a map";
            case LIST -> "a list";
            case SCALAR -> node.text == null ? "nothing" : "'" + node.text + "'";
        };
    }

    static DetectionConfigException error(Origin origin, ConfigNode node, String key, String reason) {
        return new DetectionConfigException(origin.source(), node.line, key, reason);
    }
}

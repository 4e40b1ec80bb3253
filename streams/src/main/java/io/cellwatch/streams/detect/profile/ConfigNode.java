package io.cellwatch.streams.detect.profile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A YAML document as a tree that remembers the line of every node, so a setting that cannot be
 * bound is reported at its line. Read with Jackson's streaming YAML parser; duplicate keys are
 * refused (the second would silently win).
 */
final class ConfigNode {
    enum Kind {
        MAP,
        LIST,
        SCALAR
    }

    private static final YAMLFactory YAML = new YAMLFactory();

    final Kind kind;
    final int line;
    /** A scalar's token (number, text, boolean, null); null for maps and lists. */
    final JsonToken token;
    /** A scalar's text; null for maps, lists and YAML null. */
    final String text;

    private final Map<String, ConfigNode> entries;
    private final List<ConfigNode> items;

    private ConfigNode(Kind kind, int line, JsonToken token, String text) {
        this.kind = kind;
        this.line = line;
        this.token = token;
        this.text = text;
        this.entries = kind == Kind.MAP ? new LinkedHashMap<>() : Map.of();
        this.items = kind == Kind.LIST ? new ArrayList<>() : List.of();
    }

    /** The keys and values of a map, in file order. */
    Map<String, ConfigNode> entries() {
        return Collections.unmodifiableMap(entries);
    }

    List<ConfigNode> items() {
        return Collections.unmodifiableList(items);
    }

    /** A map holding only those of this map's entries that {@code keep} accepts (same lines). */
    ConfigNode only(Predicate<String> keep) {
        ConfigNode map = new ConfigNode(Kind.MAP, line, null, null);
        entries.forEach((key, value) -> {
            if (keep.test(key)) {
                map.entries.put(key, value);
            }
        });
        return map;
    }

    /** Parses a YAML document; an empty document is an empty map. */
    static ConfigNode parse(String source, String yaml) {
        try (JsonParser parser = YAML.createParser(yaml)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new ConfigNode(Kind.MAP, 1, null, null);
            }
            return read(source, parser, first);
        } catch (IOException e) {
            int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException p && p.getLocation() != null
                    ? p.getLocation().getLineNr()
                    : 1;
            throw new DetectionConfigException(source, line, null, "not valid YAML: " + firstLine(e.getMessage()));
        }
    }

    private static ConfigNode read(String source, JsonParser parser, JsonToken token) throws IOException {
        int line = parser.currentTokenLocation().getLineNr();
        if (token == JsonToken.START_OBJECT) {
            ConfigNode map = new ConfigNode(Kind.MAP, line, null, null);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int keyLine = parser.currentTokenLocation().getLineNr();
                ConfigNode value = read(source, parser, parser.nextToken());
                if (map.entries.put(key, value) != null) {
                    throw new DetectionConfigException(source, keyLine, key, "appears twice");
                }
            }
            return map;
        }
        if (token == JsonToken.START_ARRAY) {
            ConfigNode list = new ConfigNode(Kind.LIST, line, null, null);
            JsonToken next;
            while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                list.items.add(read(source, parser, next));
            }
            return list;
        }
        return new ConfigNode(Kind.SCALAR, line, token, token == JsonToken.VALUE_NULL ? null : parser.getText());
    }

    private static String firstLine(String message) {
        int newline = message == null ? -1 : message.indexOf('\n');
        return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
    }
}

package io.cellwatch.streams.detect.profile;

import io.cellwatch.model.CellType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One rule of a detection-config file: which channels, and the settings laid over theirs.
 *
 * @param name     the rule's name, shown in alerts' profile and where a setting came from
 * @param match    the channels it is for
 * @param settings the settings node as written (bound when a channel's settings are worked out)
 * @param keyPath  where the rule sits in the file ({@code rules[2]}), for error messages
 */
record ProfileRule(String name, ChannelMatch match, ConfigNode settings, String keyPath) {

    /** The rule at {@code node} ({@code keyPath} in the file), checked for its keys and criteria. */
    static ProfileRule read(String source, ConfigNode node, String keyPath, int index) {
        RecordBinding.Origin where = new RecordBinding.Origin(source, node.line, null);
        if (node.kind != ConfigNode.Kind.MAP) {
            throw RecordBinding.error(where, node, keyPath, "expected a rule (name, match, settings)");
        }
        String name = "rule-" + (index + 1);
        ChannelMatch match = ChannelMatch.ANY;
        ConfigNode settings = null;
        for (Map.Entry<String, ConfigNode> entry : node.entries().entrySet()) {
            String key = keyPath + "." + entry.getKey();
            ConfigNode value = entry.getValue();
            switch (entry.getKey()) {
                case "name" -> name = text(where, value, key);
                case "match" -> match = match(where, value, key);
                case "settings" -> settings = value;
                default -> throw RecordBinding.error(where, value, key, "unknown key; known: name, match, settings");
            }
        }
        if (settings == null) {
            throw RecordBinding.error(where, node, keyPath, "a rule needs 'settings'");
        }
        if (settings.kind != ConfigNode.Kind.MAP) {
            throw RecordBinding.error(where, settings, keyPath + ".settings", "expected a map of settings");
        }
        for (String key : settings.entries().keySet()) {
            if (!settable().contains(key)) {
                throw RecordBinding.error(
                        where,
                        settings.entries().get(key),
                        keyPath + ".settings." + key,
                        "unknown group of settings; known: " + String.join(", ", settable()));
            }
        }
        return new ProfileRule(name, match, settings, keyPath);
    }

    /** The groups of settings a rule may set: the profile's settings records and the data-quality watch's. */
    private static Set<String> settable() {
        Set<String> names = new TreeSet<>();
        Arrays.stream(DetectorProfile.class.getRecordComponents())
                .map(RecordComponent::getName)
                .filter(name -> !DetectionConfig.PROFILE_NOT_SETTABLE.contains(name))
                .forEach(names::add);
        names.add(EffectiveSettings.DATA_QUALITY);
        return names;
    }

    private static ChannelMatch match(RecordBinding.Origin where, ConfigNode node, String keyPath) {
        if (node.kind != ConfigNode.Kind.MAP) {
            throw RecordBinding.error(where, node, keyPath, "expected a map (cellType, chemistry, group, channel)");
        }
        CellType cellType = null;
        String chemistry = null;
        String group = null;
        String channel = null;
        for (Map.Entry<String, ConfigNode> entry : node.entries().entrySet()) {
            String key = keyPath + "." + entry.getKey();
            String value = text(where, entry.getValue(), key);
            switch (entry.getKey()) {
                case "cellType" -> cellType = cellType(where, entry.getValue(), key, value);
                case "chemistry" -> chemistry = value;
                case "group" -> group = value;
                case "channel" -> channel = value;
                default ->
                    throw RecordBinding.error(
                            where,
                            entry.getValue(),
                            key,
                            "unknown criterion; known: cellType, chemistry, group, channel");
            }
        }
        return new ChannelMatch(cellType, chemistry, group, channel);
    }

    private static CellType cellType(RecordBinding.Origin where, ConfigNode node, String key, String value) {
        try {
            return CellType.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RecordBinding.error(where, node, key, "expected full, half or symmetric, found '" + value + "'");
        }
    }

    private static String text(RecordBinding.Origin where, ConfigNode node, String key) {
        if (node.kind != ConfigNode.Kind.SCALAR || node.text == null) {
            throw RecordBinding.error(where, node, key, "expected a text value");
        }
        return node.text;
    }
}

package io.cellwatch.streams.detect.profile;

import com.fasterxml.jackson.core.JsonToken;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.streams.detect.quality.DataQualitySettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A detection-config file: rules, each laying settings over those of the channels it matches, later
 * rules over earlier ones, all over the standard profile the channel's metadata selects
 * ({@link DetectorProfiles}). Every setting of the settings records can be set; nothing else can.
 *
 * <pre>
 * rules:
 *   - name: li-in-cells                 # shown in alerts' profile and by `cellwatch detection-config`
 *     match:                            # all given must hold; left out = any
 *       cellType: full                  # full, half or symmetric
 *       chemistry: "*Li-In"             # globs: * and ?, case-insensitive
 *       group: rack-3
 *       channel: "sim-li-in-*"
 *     settings:
 *       capacityDivergence:
 *         minRelativeChange: 0.02
 *       dataQuality:
 *         stalledAfterS: 3600
 * </pre>
 *
 * <p>The whole file is checked when it is read: each rule's settings are laid over every standard
 * profile, so a wrong key, a wrong type or a value a settings record refuses is an error naming
 * file, line and key before any channel uses it.
 */
public final class DetectionConfig {
    static final Set<String> PROFILE_NOT_SETTABLE = Set.of("name");
    private static final List<DetectorProfile> STANDARD_PROFILES = List.of(
            DetectorProfile.liIon(),
            DetectorProfile.lithiumMetal(),
            DetectorProfile.halfCell(),
            DetectorProfile.symmetric());

    private final String source;
    private final String text;
    private final List<ProfileRule> rules;

    private DetectionConfig(String source, String text, List<ProfileRule> rules) {
        this.source = source;
        this.text = text;
        this.rules = List.copyOf(rules);
    }

    /** No rules: every channel gets its standard profile. */
    public static DetectionConfig none() {
        return new DetectionConfig("(none)", "", List.of());
    }

    /** Reads and checks a file. */
    public static DetectionConfig load(Path file) throws IOException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Parses and checks a file's text.
     *
     * @param source names the file in error messages and origins
     * @throws DetectionConfigException naming file, line and key of the first problem
     */
    public static DetectionConfig parse(String source, String yaml) {
        ConfigNode root = ConfigNode.parse(source, yaml);
        RecordBinding.Origin where = new RecordBinding.Origin(source, root.line, null);
        if (root.kind != ConfigNode.Kind.MAP) {
            throw RecordBinding.error(where, root, null, "expected a map with 'rules'");
        }
        for (Map.Entry<String, ConfigNode> entry : root.entries().entrySet()) {
            if (!entry.getKey().equals("rules")) {
                throw RecordBinding.error(where, entry.getValue(), entry.getKey(), "unknown key; known: rules");
            }
        }
        ConfigNode list = root.entries().get("rules");
        List<ProfileRule> rules = new ArrayList<>();
        if (list != null && list.token != JsonToken.VALUE_NULL) {
            if (list.kind != ConfigNode.Kind.LIST) {
                throw RecordBinding.error(where, list, "rules", "expected a list of rules");
            }
            for (int i = 0; i < list.items().size(); i++) {
                rules.add(ProfileRule.read(source, list.items().get(i), "rules[" + i + "]", i));
            }
        }
        DetectionConfig config = new DetectionConfig(source, yaml, rules);
        config.check();
        return config;
    }

    public String source() {
        return source;
    }

    /** The file's text as read (what is published to the other instances). */
    public String text() {
        return text;
    }

    public List<String> ruleNames() {
        return rules.stream().map(ProfileRule::name).toList();
    }

    /** The settings of a channel: its standard profile with every matching rule laid over it, in file order. */
    public EffectiveSettings settingsFor(ChannelInfo channel) {
        DetectorProfile base = DetectorProfiles.STANDARD.forChannel(channel);
        EffectiveSettings settings =
                new EffectiveSettings(base, DataQualitySettings.defaults(), base.name(), List.of(), Map.of());
        for (ProfileRule rule : rules) {
            if (rule.match().matches(channel)) {
                settings = apply(rule, settings);
            }
        }
        return settings;
    }

    private EffectiveSettings apply(ProfileRule rule, EffectiveSettings base) {
        RecordBinding.Origin origin = new RecordBinding.Origin(source, rule.settings().line, rule.name());
        Map<String, String> origins = new HashMap<>(base.origins());
        Map<String, RecordBinding.Origin> set = new HashMap<>();
        String keyPath = rule.keyPath() + ".settings";
        DetectorProfile profile = RecordBinding.overlay(
                base.profile(),
                rule.settings().only(key -> !key.equals(EffectiveSettings.DATA_QUALITY)),
                keyPath,
                "",
                PROFILE_NOT_SETTABLE,
                origin,
                set);
        ConfigNode quality = rule.settings().entries().get(EffectiveSettings.DATA_QUALITY);
        DataQualitySettings dataQuality = quality == null
                ? base.dataQuality()
                : RecordBinding.overlay(
                        base.dataQuality(),
                        quality,
                        keyPath + "." + EffectiveSettings.DATA_QUALITY,
                        EffectiveSettings.DATA_QUALITY,
                        Set.of(),
                        origin,
                        set);
        set.forEach((path, from) -> origins.put(path, from.toString()));
        List<String> applied = new ArrayList<>(base.rules());
        applied.add(rule.name());
        return new EffectiveSettings(
                profile.named(base.profile().name() + "+" + rule.name()),
                dataQuality,
                base.baseProfile(),
                applied,
                origins);
    }

    /** Lays every rule over every standard profile, so each problem surfaces now, not at some channel's sample. */
    private void check() {
        for (ProfileRule rule : rules) {
            for (DetectorProfile profile : STANDARD_PROFILES) {
                apply(
                        rule,
                        new EffectiveSettings(
                                profile, DataQualitySettings.defaults(), profile.name(), List.of(), Map.of()));
            }
        }
    }
}

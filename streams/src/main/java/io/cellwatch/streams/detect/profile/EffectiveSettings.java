package io.cellwatch.streams.detect.profile;

import io.cellwatch.streams.detect.quality.DataQualitySettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every setting one channel's detectors use, and where each came from.
 *
 * @param profile     the detector thresholds, named after the standard profile and the rules laid over it
 *                    ({@code lithium-metal+li-in-cells})
 * @param dataQuality the data-quality watch's thresholds
 * @param baseProfile the standard profile the channel's metadata selects
 * @param rules       the names of the rules that matched, in the order they were applied
 * @param origins     for each configured setting (by path, {@code capacityDivergence.minRelativeChange}),
 *                    the file, line and rule that set it; settings absent here are the base profile's defaults
 */
public record EffectiveSettings(
        DetectorProfile profile,
        DataQualitySettings dataQuality,
        String baseProfile,
        List<String> rules,
        Map<String, String> origins) {

    static final String DATA_QUALITY = "dataQuality";

    public EffectiveSettings {
        rules = List.copyOf(rules);
        origins = Map.copyOf(origins);
    }

    /** One setting: its path, value and origin. */
    public record Setting(String path, Object value, String origin) {}

    /** Every setting, detector thresholds first and the data-quality watch's last, each with its origin. */
    public List<Setting> settings() {
        List<Setting> all = new ArrayList<>();
        String byDefault = "default (profile " + baseProfile + ")";
        RecordBinding.leaves(
                profile,
                "",
                Set.of("name"),
                (path, value) -> all.add(new Setting(path, value, origins.getOrDefault(path, byDefault))));
        RecordBinding.leaves(
                dataQuality,
                DATA_QUALITY,
                Set.of(),
                (path, value) -> all.add(new Setting(path, value, origins.getOrDefault(path, "default"))));
        return all;
    }
}

package io.cellwatch.streams.detect.profile;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.streams.detect.quality.DataQualitySettings;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The profiles of a {@link DetectionConfig}: each channel's standard profile with the file's
 * matching rules laid over it. Detectors ask for their settings on every sample, so a channel's
 * settings are worked out once per channel metadata and remembered (bounded: forgotten wholesale
 * past {@value #REMEMBERED} metadata values, far above any lab's channel count per instance).
 */
public final class ConfiguredProfiles implements ProfileSelector {
    private static final int REMEMBERED = 200_000;

    private final DetectionConfig config;
    private final Map<ChannelInfo, EffectiveSettings> remembered = new ConcurrentHashMap<>();

    public ConfiguredProfiles(DetectionConfig config) {
        this.config = config;
    }

    public DetectionConfig config() {
        return config;
    }

    /** The channel's settings, each with where it came from. */
    public EffectiveSettings settingsFor(ChannelInfo channel) {
        EffectiveSettings known = remembered.get(channel);
        if (known != null) {
            return known;
        }
        if (remembered.size() >= REMEMBERED) {
            remembered.clear();
        }
        return remembered.computeIfAbsent(channel, config::settingsFor);
    }

    @Override
    public DetectorProfile forChannel(ChannelInfo channel) {
        return settingsFor(channel).profile();
    }

    @Override
    public DataQualitySettings dataQualityFor(ChannelInfo channel) {
        return settingsFor(channel).dataQuality();
    }
}

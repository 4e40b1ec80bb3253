package io.cellwatch.streams.detect.profile;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.streams.detect.quality.DataQualitySettings;

/**
 * Profiles that can be replaced while detectors run: the live topology swaps in each new
 * detection config its instances receive, and every detector's next judgement uses it. Only ever
 * swapped for a config that was checked whole, so a detector never sees a half-applied file.
 */
public final class SwitchableProfiles implements ProfileSelector {
    private volatile ConfiguredProfiles current;

    public SwitchableProfiles(DetectionConfig initial) {
        this.current = new ConfiguredProfiles(initial);
    }

    /** From now on, these settings. */
    public void use(DetectionConfig config) {
        current = new ConfiguredProfiles(config);
    }

    public DetectionConfig config() {
        return current.config();
    }

    public EffectiveSettings settingsFor(ChannelInfo channel) {
        return current.settingsFor(channel);
    }

    @Override
    public DetectorProfile forChannel(ChannelInfo channel) {
        return current.forChannel(channel);
    }

    @Override
    public DataQualitySettings dataQualityFor(ChannelInfo channel) {
        return current.dataQualityFor(channel);
    }
}

package io.cellwatch.streams.detect.profile;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.streams.detect.quality.DataQualitySettings;

/** Picks the detector profile (thresholds) for a channel from its metadata. */
@FunctionalInterface
public interface ProfileSelector {

    DetectorProfile forChannel(ChannelInfo channel);

    /** The data-quality watch's thresholds for a channel: the documented defaults unless configured. */
    default DataQualitySettings dataQualityFor(ChannelInfo channel) {
        return DataQualitySettings.defaults();
    }

    /** The same profile for every channel. */
    static ProfileSelector fixed(DetectorProfile profile) {
        return channel -> profile;
    }

    /** The standard profiles by cell type and anode ({@link DetectorProfiles}). */
    static ProfileSelector standard() {
        return DetectorProfiles.STANDARD;
    }
}

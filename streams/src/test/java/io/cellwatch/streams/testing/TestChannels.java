package io.cellwatch.streams.testing;

import io.cellwatch.model.CeConvention;
import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.TestProtocol;

/** Channel metadata the tests describe their cells with. */
public final class TestChannels {
    private TestChannels() {}

    /** A symmetric Li|electrolyte|Li cell of 1 cm², cycling at a steady rate (chemistry may be null). */
    public static ChannelInfo symmetric(String channelId, String chemistry) {
        return new ChannelInfo(
                1,
                channelId,
                CellType.SYMMETRIC,
                chemistry,
                1.0,
                null,
                null,
                TestProtocol.CYCLING,
                CeConvention.DISCHARGE_OVER_CHARGE);
    }
}

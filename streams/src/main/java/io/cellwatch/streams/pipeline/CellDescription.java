package io.cellwatch.streams.pipeline;

import io.cellwatch.model.ChannelInfo;
import java.util.Locale;
import java.util.Objects;

/**
 * What identifies the cell in a channel's metadata, as {@link TestSequence} compares it: another
 * description than the one a test was started for means another cell, so a new test. The group is
 * left out: it says which cells are compared, not which cell this is.
 */
final class CellDescription {
    private CellDescription() {}

    /** The cell's description; null for a channel nobody described (the defaults). */
    static String of(ChannelInfo info) {
        ChannelInfo undescribed = ChannelInfo.defaultsFor(info.channelId());
        if (sameCell(info, undescribed)) {
            return null;
        }
        return info.cellType().name().toLowerCase(Locale.ROOT)
                + "|" + Objects.toString(info.chemistry(), "")
                + "|area=" + Objects.toString(info.electrodeAreaCm2(), "")
                + "|mass=" + Objects.toString(info.activeMassG(), "")
                + "|nominal=" + Objects.toString(info.nominalCapacityAh(), "")
                + "|" + info.protocol().name().toLowerCase(Locale.ROOT)
                + "|" + info.ceConvention().name().toLowerCase(Locale.ROOT);
    }

    private static boolean sameCell(ChannelInfo a, ChannelInfo b) {
        return a.cellType() == b.cellType()
                && Objects.equals(a.chemistry(), b.chemistry())
                && Objects.equals(a.electrodeAreaCm2(), b.electrodeAreaCm2())
                && Objects.equals(a.activeMassG(), b.activeMassG())
                && Objects.equals(a.nominalCapacityAh(), b.nominalCapacityAh())
                && a.protocol() == b.protocol()
                && a.ceConvention() == b.ceConvention();
    }
}

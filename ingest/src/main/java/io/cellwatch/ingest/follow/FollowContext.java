package io.cellwatch.ingest.follow;

import io.cellwatch.ingest.channels.ChannelCatalog;
import io.cellwatch.ingest.channels.ChannelRecords;
import io.cellwatch.ingest.channels.DataPointSequence;
import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryCyclerFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What every file of one follower shares: the channel catalog, the channels' record numbers across
 * files, which formats a file may be in, and how long a short file must stay quiet before its
 * format is chosen from what it has.
 */
record FollowContext(
        ChannelCatalog catalog,
        DataPointSequence dataPoints,
        CyclerFormat forcedFormat,
        List<BinaryCyclerFormat> extraBinaryFormats,
        long detectAfterNanos) {

    static FollowContext of(FollowSettings settings, DataPointSequence dataPoints) {
        return new FollowContext(
                settings.catalog(),
                dataPoints,
                settings.forcedFormat(),
                settings.binaryFormats(),
                settings.detectAfter().toNanos());
    }

    /** The binary format whose magic bytes a file starts with: the follower's own first, then cellwatch's. */
    Optional<BinaryCyclerFormat> recogniseBinary(Path file, byte[] head) {
        for (BinaryCyclerFormat format : extraBinaryFormats) {
            if (format.recognisesBytes(file, head)) {
                return Optional.of(format);
            }
        }
        return CyclerFormats.recogniseBinary(file, head);
    }

    /**
     * The format a file was delivered in by an earlier run.
     *
     * @throws IllegalArgumentException when this run knows no format of that name
     */
    CyclerFormat formatNamed(String name) {
        if (forcedFormat != null && forcedFormat.name().equals(name)) {
            return forcedFormat;
        }
        for (BinaryCyclerFormat format : extraBinaryFormats) {
            if (format.name().equals(name)) {
                return format;
            }
        }
        return CyclerFormats.byName(name);
    }

    /** A new generation of a file: its records continue the channel's numbers from here. */
    ChannelRecords startRecords(Path catalogPath) {
        SourceFile source = catalog.source(catalogPath);
        return new ChannelRecords(catalog, source, dataPoints.startFile(source.channelId()));
    }

    /** A generation an earlier run delivered up to {@code p}: numbered as it was numbered then. */
    ChannelRecords resumeRecords(Path catalogPath, FilePosition p) {
        SourceFile source = catalog.source(catalogPath);
        return new ChannelRecords(
                catalog, source, dataPoints.resumeFile(source.channelId(), p.dataPointShift(), p.lastDataPoint()));
    }
}

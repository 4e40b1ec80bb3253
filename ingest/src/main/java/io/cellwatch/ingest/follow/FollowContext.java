package io.cellwatch.ingest.follow;

import io.cellwatch.ingest.channels.ChannelCatalog;
import io.cellwatch.ingest.channels.ChannelRecords;
import io.cellwatch.ingest.channels.DataPointSequence;
import io.cellwatch.ingest.format.SourceFile;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * What every file of one follower shares: the channel catalog, the channels' record numbers across
 * files, which formats a file may be in, how long a short file must stay quiet before its
 * format is chosen from what it has, how a binary file rotated away is found again, the clock
 * that says how long a file has been idle ({@link System#nanoTime}; tests move their own), and how a
 * file is opened ({@link FileOpener#READ_ONLY}; tests give one whose reads fail).
 */
record FollowContext(
        ChannelCatalog catalog,
        DataPointSequence dataPoints,
        FollowFormats formats,
        long detectAfterNanos,
        MovedFiles movedFiles,
        LongSupplier nanoClock,
        FileOpener opener) {

    static FollowContext of(
            FollowSettings settings,
            DataPointSequence dataPoints,
            MovedFiles movedFiles,
            LongSupplier nanoClock,
            FileOpener opener) {
        return new FollowContext(
                settings.catalog(),
                dataPoints,
                settings.formats(),
                settings.detectAfter().toNanos(),
                movedFiles,
                nanoClock,
                opener);
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

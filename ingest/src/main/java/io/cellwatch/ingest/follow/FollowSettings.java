package io.cellwatch.ingest.follow;

import io.cellwatch.ingest.channels.ChannelCatalog;
import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.binary.BinaryCyclerFormat;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link FileFollower} follows and how.
 *
 * @param paths          files and directories; a directory's regular files (not its subdirectories) are
 *                       followed, including files created later
 * @param include        glob on file names inside followed directories ({@code *.csv}); {@code *} takes all
 *                       but hidden files
 * @param forcedFormat   the format of every file, or null to detect each one
 * @param catalog        channel ids and metadata
 * @param pollInterval   how long to wait when no file grew
 * @param linesPerBatch  roughly how many lines one transaction delivers at most (a backlog goes in several)
 * @param detectAfter    how long a file with fewer lines than detection wants must stay unchanged before its
 *                       format is detected from what it has; and how long a binary file that cannot be read is
 *                       tried again while it changes before it is reported
 * @param binaryFormats  binary formats recognised by their magic bytes besides cellwatch's own (a lab's own
 *                       format, a test's), tried first
 */
public record FollowSettings(
        List<Path> paths,
        String include,
        CyclerFormat forcedFormat,
        ChannelCatalog catalog,
        Duration pollInterval,
        int linesPerBatch,
        Duration detectAfter,
        List<BinaryCyclerFormat> binaryFormats) {

    public FollowSettings {
        paths = paths.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        Objects.requireNonNull(catalog, "catalog");
        include = include == null || include.isBlank() ? "*" : include;
        binaryFormats = binaryFormats == null ? List.of() : List.copyOf(binaryFormats);
        if (linesPerBatch < 1) {
            throw new IllegalArgumentException("linesPerBatch must be at least 1, was " + linesPerBatch);
        }
    }

    /** Defaults: detect formats, all files, 500 ms polls, 20,000 lines per transaction, detection after 2 s of quiet. */
    public static FollowSettings of(List<Path> paths, ChannelCatalog catalog) {
        return new FollowSettings(
                paths, "*", null, catalog, Duration.ofMillis(500), 20_000, Duration.ofSeconds(2), List.of());
    }

    public FollowSettings withFormat(CyclerFormat format) {
        return new FollowSettings(
                paths, include, format, catalog, pollInterval, linesPerBatch, detectAfter, binaryFormats);
    }

    public FollowSettings withInclude(String glob) {
        return new FollowSettings(
                paths, glob, forcedFormat, catalog, pollInterval, linesPerBatch, detectAfter, binaryFormats);
    }

    public FollowSettings withPollInterval(Duration interval) {
        return new FollowSettings(
                paths, include, forcedFormat, catalog, interval, linesPerBatch, detectAfter, binaryFormats);
    }

    public FollowSettings withLinesPerBatch(int lines) {
        return new FollowSettings(
                paths, include, forcedFormat, catalog, pollInterval, lines, detectAfter, binaryFormats);
    }

    public FollowSettings withDetectAfter(Duration quiet) {
        return new FollowSettings(
                paths, include, forcedFormat, catalog, pollInterval, linesPerBatch, quiet, binaryFormats);
    }

    /** Also recognises these binary formats, before cellwatch's own. */
    public FollowSettings withBinaryFormats(List<BinaryCyclerFormat> formats) {
        return new FollowSettings(
                paths, include, forcedFormat, catalog, pollInterval, linesPerBatch, detectAfter, formats);
    }

    PathMatcher includeMatcher() {
        return FileSystems.getDefault().getPathMatcher("glob:" + include);
    }
}

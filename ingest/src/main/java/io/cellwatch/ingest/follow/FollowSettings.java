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
 * @param formats        the formats files are read in: detected unless one is forced
 * @param catalog        channel ids and metadata
 * @param pollInterval   how long to wait when no file grew
 * @param linesPerBatch  roughly how many lines one transaction delivers at most (a backlog goes in several);
 *                       a binary file's poll is delivered whole
 * @param detectAfter    how long a file with fewer lines than detection wants must stay unchanged before its
 *                       format is detected from what it has; and how long a binary file that cannot be read is
 *                       tried again while it changes before it is reported; and how long a text file found
 *                       shorter than read must stay so, unchanged, to be a new file rather than an export
 *                       being saved whole again
 * @param closeIdleAfter how long a text file may stay unchanged before it is closed, until it changes (its
 *                       descriptor given back; see {@link IdleFile})
 */
public record FollowSettings(
        List<Path> paths,
        String include,
        FollowFormats formats,
        ChannelCatalog catalog,
        Duration pollInterval,
        int linesPerBatch,
        Duration detectAfter,
        Duration closeIdleAfter) {

    public FollowSettings {
        paths = paths.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        Objects.requireNonNull(catalog, "catalog");
        include = include == null || include.isBlank() ? "*" : include;
        formats = formats == null ? FollowFormats.DETECTED : formats;
        if (closeIdleAfter == null || closeIdleAfter.isNegative() || closeIdleAfter.isZero()) {
            throw new IllegalArgumentException("closeIdleAfter must be positive, was " + closeIdleAfter);
        }
        if (linesPerBatch < 1) {
            throw new IllegalArgumentException("linesPerBatch must be at least 1, was " + linesPerBatch);
        }
    }

    /**
     * Defaults: detect formats, all files, 500 ms polls, 20,000 lines per transaction, detection after 2 s of
     * quiet, text files closed after an hour unchanged.
     */
    public static FollowSettings of(List<Path> paths, ChannelCatalog catalog) {
        return new FollowSettings(
                paths,
                "*",
                null,
                catalog,
                Duration.ofMillis(500),
                20_000,
                Duration.ofSeconds(2),
                DEFAULT_CLOSE_IDLE_AFTER);
    }

    /**
     * An hour: longer than the logging intervals labs set (a second to ten minutes), so a running
     * channel's file stays open, while a
     * finished test's export, or a channel paused for days, gives its descriptor back. Waking costs one
     * re-read of the file up to its delivered position (as a restart does).
     */
    public static final Duration DEFAULT_CLOSE_IDLE_AFTER = Duration.ofHours(1);

    /** Reads every file as {@code format} (null: detects each one's). */
    public FollowSettings withFormat(CyclerFormat format) {
        return withFormats(new FollowFormats(format, formats.extraBinary()));
    }

    /** Also recognises these binary formats by their magic bytes, before cellwatch's own. */
    public FollowSettings withBinaryFormats(List<BinaryCyclerFormat> extra) {
        return withFormats(new FollowFormats(formats.forced(), extra));
    }

    private FollowSettings withFormats(FollowFormats f) {
        return new FollowSettings(paths, include, f, catalog, pollInterval, linesPerBatch, detectAfter, closeIdleAfter);
    }

    public FollowSettings withInclude(String glob) {
        return new FollowSettings(
                paths, glob, formats, catalog, pollInterval, linesPerBatch, detectAfter, closeIdleAfter);
    }

    public FollowSettings withPollInterval(Duration interval) {
        return new FollowSettings(
                paths, include, formats, catalog, interval, linesPerBatch, detectAfter, closeIdleAfter);
    }

    public FollowSettings withLinesPerBatch(int lines) {
        return new FollowSettings(paths, include, formats, catalog, pollInterval, lines, detectAfter, closeIdleAfter);
    }

    public FollowSettings withDetectAfter(Duration quiet) {
        return new FollowSettings(paths, include, formats, catalog, pollInterval, linesPerBatch, quiet, closeIdleAfter);
    }

    /** Closes a text file unchanged for {@code idle}, until it changes. */
    public FollowSettings withCloseIdleAfter(Duration idle) {
        return new FollowSettings(paths, include, formats, catalog, pollInterval, linesPerBatch, detectAfter, idle);
    }

    /** @throws IllegalArgumentException when {@code include} is not a glob */
    public PathMatcher includeMatcher() {
        return FileSystems.getDefault().getPathMatcher("glob:" + include);
    }
}

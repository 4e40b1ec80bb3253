package io.cellwatch.ingest.format;

import io.cellwatch.ingest.format.text.TimeValues;
import io.cellwatch.model.ChannelInfo;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A file about to be read, with what the reader needs to know that the file itself may not say.
 *
 * @param path          the file
 * @param channel       the channel its rows belong to (id from the file name unless a channels file maps it)
 * @param channelMapped true when the channel id was given by the user (a channels file), so it beats
 *                      an id written inside the file
 * @param zone          time zone of wall-clock stamps written without one (cycler PCs write local time)
 * @param dateOrder     which field of a slashed date is the month (cycler PCs write their locale's order)
 * @param clockPattern  a {@link java.time.format.DateTimeFormatter} pattern the user gave for wall-clock stamps
 *                      in a form of the lab's own ({@code --clock-format}), tried before the forms cyclers
 *                      commonly write; null for none
 */
public record SourceFile(
        Path path,
        ChannelInfo channel,
        boolean channelMapped,
        ZoneId zone,
        TimeValues.DateOrder dateOrder,
        String clockPattern) {

    public SourceFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(dateOrder, "dateOrder");
    }

    /** Only the forms cyclers commonly write. */
    public SourceFile(
            Path path, ChannelInfo channel, boolean channelMapped, ZoneId zone, TimeValues.DateOrder dateOrder) {
        this(path, channel, channelMapped, zone, dateOrder, null);
    }

    /** Slashed dates month first, as the vendors' US-locale exports write them. */
    public SourceFile(Path path, ChannelInfo channel, boolean channelMapped, ZoneId zone) {
        this(path, channel, channelMapped, zone, TimeValues.DateOrder.MONTH_FIRST);
    }

    /** A file read with defaults: channel id from the file name, default metadata, stamps in UTC. */
    public static SourceFile of(Path path) {
        return new SourceFile(path, ChannelInfo.defaultsFor(stem(path)), false, ZoneOffset.UTC);
    }

    /** The same file's channel and reading settings, at another path (a file renamed since, or a candidate for it). */
    public SourceFile at(Path other) {
        return new SourceFile(other, channel, channelMapped, zone, dateOrder, clockPattern);
    }

    public String channelId() {
        return channel.channelId();
    }

    /** The file name without its last extension: {@code lab/ch07.csv} → {@code ch07}. */
    public static String stem(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}

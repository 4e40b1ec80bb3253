package io.cellwatch.ingest.channels;

import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.text.TimeValues;
import io.cellwatch.model.ChannelInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Which channel a file belongs to and what is known about its cell. The channel id is the file
 * name's stem unless a channels-file row maps it; metadata is, from strongest to weakest: the
 * matching channels-file row, the command-line flags, what the file itself carries, the defaults.
 */
public final class ChannelCatalog {
    private final List<ChannelsFile.Rule> rules;
    private final ChannelOverrides flags;
    private final ZoneId zone;
    private final TimeValues.DateOrder dateOrder;
    private final String clockPattern;

    public ChannelCatalog(List<ChannelsFile.Rule> rules, ChannelOverrides flags, ZoneId zone) {
        this(rules, flags, zone, TimeValues.DateOrder.MONTH_FIRST);
    }

    public ChannelCatalog(
            List<ChannelsFile.Rule> rules, ChannelOverrides flags, ZoneId zone, TimeValues.DateOrder dateOrder) {
        this(rules, flags, zone, dateOrder, null);
    }

    /** @param clockPattern the lab's own form of wall-clock stamps ({@link SourceFile#clockPattern}), or null */
    public ChannelCatalog(
            List<ChannelsFile.Rule> rules,
            ChannelOverrides flags,
            ZoneId zone,
            TimeValues.DateOrder dateOrder,
            String clockPattern) {
        this.rules = List.copyOf(rules);
        this.flags = flags;
        this.zone = zone;
        this.dateOrder = dateOrder;
        this.clockPattern = clockPattern;
    }

    /** A catalog from an optional channels file and the flags. */
    public static ChannelCatalog of(Path channelsFile, ChannelOverrides flags, ZoneId zone) throws IOException {
        return of(channelsFile, flags, zone, TimeValues.DateOrder.MONTH_FIRST);
    }

    /** A catalog from an optional channels file and the flags, slashed dates read in {@code dateOrder}. */
    public static ChannelCatalog of(
            Path channelsFile, ChannelOverrides flags, ZoneId zone, TimeValues.DateOrder dateOrder) throws IOException {
        return of(channelsFile, flags, zone, dateOrder, null);
    }

    /** As above, with the lab's own form of wall-clock stamps tried first ({@code --clock-format}), or null. */
    public static ChannelCatalog of(
            Path channelsFile, ChannelOverrides flags, ZoneId zone, TimeValues.DateOrder dateOrder, String clockPattern)
            throws IOException {
        return new ChannelCatalog(
                channelsFile == null ? List.of() : ChannelsFile.read(channelsFile),
                flags,
                zone,
                dateOrder,
                clockPattern);
    }

    /** What a reader needs to read {@code file}. */
    public SourceFile source(Path file) {
        Optional<ChannelsFile.Rule> rule = rule(file);
        String id = rule.map(ChannelsFile.Rule::channelId).orElse(null);
        boolean mapped = id != null;
        ChannelInfo info = overrides(rule).applyTo(ChannelInfo.defaultsFor(mapped ? id : SourceFile.stem(file)));
        return new SourceFile(file, info, mapped, zone, dateOrder, clockPattern);
    }

    /** Metadata a file carries itself (the simulator's header), with the lab's flags and channels file laid over it. */
    public ChannelInfo overlay(Path file, ChannelInfo fromFile) {
        return overrides(rule(file)).applyTo(fromFile);
    }

    private ChannelOverrides overrides(Optional<ChannelsFile.Rule> rule) {
        return rule.map(r -> flags.under(r.overrides())).orElse(flags);
    }

    private Optional<ChannelsFile.Rule> rule(Path file) {
        return rules.stream().filter(r -> r.matches(file)).findFirst();
    }
}

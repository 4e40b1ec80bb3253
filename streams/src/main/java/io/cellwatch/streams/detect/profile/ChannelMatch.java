package io.cellwatch.streams.detect.profile;

import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which channels a rule is for: cell type, and globs ({@code *}, {@code ?}, case-insensitive) on
 * chemistry, replicate group ({@link ChannelInfo#group()}) and channel id. A criterion left out
 * matches every channel; a glob never matches a channel that has no such value (a group glob, a
 * channel in no group).
 */
final class ChannelMatch {
    static final ChannelMatch ANY = new ChannelMatch(null, null, null, null);

    private final CellType cellType;
    private final String[] globs;
    private final Pattern chemistry;
    private final Pattern group;
    private final Pattern channel;

    /** Null for a criterion left out. */
    ChannelMatch(CellType cellType, String chemistry, String group, String channel) {
        this.cellType = cellType;
        this.globs = new String[] {chemistry, group, channel};
        this.chemistry = chemistry == null ? null : glob(chemistry);
        this.group = group == null ? null : glob(group);
        this.channel = channel == null ? null : glob(channel);
    }

    boolean matches(ChannelInfo info) {
        return (cellType == null || cellType == info.cellType())
                && matches(chemistry, info.chemistry())
                && matches(group, info.group())
                && matches(channel, info.channelId());
    }

    private static boolean matches(Pattern glob, String value) {
        return glob == null || (value != null && glob.matcher(value).matches());
    }

    /** A shell-style glob as a pattern: {@code *} any run of characters, {@code ?} one. */
    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(Character.toString(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (cellType != null) {
            text.append("cellType=")
                    .append(cellType.name().toLowerCase(Locale.ROOT))
                    .append(' ');
        }
        String[] names = {"chemistry", "group", "channel"};
        for (int i = 0; i < names.length; i++) {
            if (globs[i] != null) {
                text.append(names[i]).append('=').append(globs[i]).append(' ');
            }
        }
        return text.isEmpty() ? "every channel" : text.toString().trim();
    }
}

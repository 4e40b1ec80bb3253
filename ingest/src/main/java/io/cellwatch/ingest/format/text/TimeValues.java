package io.cellwatch.ingest.format.text;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.List;
import java.util.Locale;

/** Durations and wall-clock stamps as cyclers write them. */
public final class TimeValues {
    /**
     * Which field of a slashed date is the month. Slashes are written month first by a PC set to a US
     * locale (the vendors' default, and the form their manuals show) and day first by one set to a UK,
     * French, Spanish, Italian or Australian locale; nothing in {@code 03/04/2021} says which, so it is
     * the user's to say ({@code --date-order}).
     */
    public enum DateOrder {
        MONTH_FIRST,
        DAY_FIRST
    }

    // Seconds optional here too: a file saved again by Excel writes "2016-08-05 16:22".
    private static final DateTimeFormatter ISO_SPACE = withFraction("yyyy-MM-dd[' ']['T']HH:mm[:ss]", "", Locale.ROOT);
    /** ISO's date with a 12-hour clock ({@code 2023-06-14 5:22:45 PM}): Novonix's software writes it so. */
    private static final DateTimeFormatter ISO_DATE_12H = withFraction("yyyy-MM-dd h:mm[:ss]", " a", Locale.ENGLISH);
    /**
     * ISO with an offset the strict ISO parser refuses: a space for the {@code T} ({@code 2021-08-12
     * 23:59:00+02:00}, as databases and Python's {@code str(datetime)} write it) or an offset without its
     * colon ({@code +0200}, as {@code strftime("%z")} writes it). The offset says the instant: never ambiguous.
     */
    private static final DateTimeFormatter ISO_ANY_OFFSET =
            withFraction("yyyy-MM-dd[' ']['T']HH:mm[:ss]", "[' '][XXX][XX]", Locale.ROOT);
    /**
     * The month by its English name, day first ({@code 12-Aug-2021 23:59:00}: MATLAB's {@code datestr} and
     * Excel's {@code dd-mmm-yyyy}): a name is never ambiguous.
     */
    private static final DateTimeFormatter MONTH_NAME = withFraction("d-MMM-yyyy H:mm[:ss]", "", Locale.ENGLISH);
    /**
     * The month by its name with a two-digit year and a 12-hour clock ({@code 23-Nov-23 3:56:11 PM}): Maccor's
     * MIMS writes its {@code DPT Time} so; the two-digit year is this century's.
     */
    private static final DateTimeFormatter MONTH_NAME_SHORT_YEAR_12H =
            withFraction("d-MMM-yy h:mm[:ss]", " a", Locale.ENGLISH);

    private static final DateTimeFormatter MONTH_NAME_12H = withFraction("d-MMM-yyyy h:mm[:ss]", " a", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH_NAME_SHORT_YEAR =
            withFraction("d-MMM-yy H:mm[:ss]", "", Locale.ENGLISH);
    // Seconds optional: a file saved again by Excel writes "8/5/2016 16:22".
    private static final DateTimeFormatter SLASH_24H = withFraction("M/d/yyyy H:mm[:ss]", "", Locale.ROOT);
    private static final DateTimeFormatter SLASH_12H = withFraction("M/d/yyyy h:mm[:ss]", " a", Locale.US);
    private static final DateTimeFormatter DAY_SLASH_24H = withFraction("d/M/yyyy H:mm[:ss]", "", Locale.ROOT);
    private static final DateTimeFormatter DAY_SLASH_12H = withFraction("d/M/yyyy h:mm[:ss]", " a", Locale.UK);
    /** Year first with slashes, as some Arbin exports and East-Asian locales write it: never ambiguous. */
    private static final DateTimeFormatter YEAR_SLASH_24H =
            withFraction("yyyy/M/d[' ']['T']H:mm[:ss]", "", Locale.ROOT);
    /**
     * Day first with dots, as a PC set to a German, Swiss, Austrian, Dutch-Belgian, Scandinavian or Russian
     * locale writes dates ({@code 23.08.2021 18:04:18}): dots are written day first in every locale that
     * uses them, so this form is not ambiguous as slashes are.
     */
    private static final DateTimeFormatter DOTS_24H = withFraction("d.M.yyyy H:mm[:ss]", "", Locale.ROOT);
    /** Day first with dots and a two-digit year ({@code 30.04.24 14:33:19}), a German PC's short form: this century's. */
    private static final DateTimeFormatter DOTS_SHORT_YEAR_24H = withFraction("d.M.yy H:mm[:ss]", "", Locale.ROOT);
    /** Year first with dots ({@code 2024.04.30 14:33:19}), as Korean and Hungarian locales write it: never ambiguous. */
    private static final DateTimeFormatter YEAR_DOTS_24H = withFraction("yyyy.M.d H:mm[:ss]", "", Locale.ROOT);
    /**
     * Year first with dashes but the month and day unpadded ({@code 2024-4-30 9:05:00}), as a spreadsheet saved
     * again in a Chinese locale writes it: ISO's order, so never ambiguous.
     */
    private static final DateTimeFormatter YEAR_DASHES_UNPADDED =
            withFraction("yyyy-M-d[' ']['T']H:mm[:ss]", "", Locale.ROOT);

    /**
     * Year, month and day marked 年, 月, 日 ({@code 2024年4月30日 14:33:19}), as a PC set to a Chinese or Japanese
     * locale writes a long date: never ambiguous.
     */
    private static final DateTimeFormatter YEAR_MONTH_DAY_MARKED =
            withFraction("yyyy'年'M'月'd'日'[' ']H:mm[:ss]", "", Locale.ROOT);

    private static final List<DateTimeFormatter> MONTH_FIRST_LOCAL = localForms(SLASH_24H, SLASH_12H);
    private static final List<DateTimeFormatter> DAY_FIRST_LOCAL = localForms(DAY_SLASH_24H, DAY_SLASH_12H);
    /** Days from MATLAB's day 0 to 1970-01-01 (MATLAB datenum of the Unix epoch). */
    private static final double MATLAB_EPOCH_DATENUM = 719529.0;

    private TimeValues() {}

    /**
     * The local forms in the order they are tried, with the slashed pair of the date order: only slashes are
     * ambiguous, every other form reads alike in both orders.
     */
    private static List<DateTimeFormatter> localForms(DateTimeFormatter slash24h, DateTimeFormatter slash12h) {
        return List.of(
                ISO_SPACE,
                ISO_DATE_12H,
                slash24h,
                slash12h,
                DOTS_24H,
                YEAR_SLASH_24H,
                DOTS_SHORT_YEAR_24H,
                YEAR_DOTS_24H,
                YEAR_DASHES_UNPADDED,
                YEAR_MONTH_DAY_MARKED,
                MONTH_NAME,
                MONTH_NAME_12H,
                MONTH_NAME_SHORT_YEAR,
                MONTH_NAME_SHORT_YEAR_12H);
    }

    /** A stamp pattern with optional fractional seconds (1 to 9 digits) before {@code suffix}; case-insensitive. */
    private static DateTimeFormatter withFraction(String pattern, String suffix, Locale locale) {
        DateTimeFormatterBuilder b = new DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .appendPattern(pattern)
                .optionalStart()
                .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
                .optionalEnd();
        if (!suffix.isEmpty()) {
            b.appendPattern(suffix);
        }
        return b.toFormatter(locale);
    }

    /**
     * A lab's own form of wall-clock stamps ({@code --clock-format}), as a {@link DateTimeFormatter} pattern
     * ({@code yyyyMMdd HHmmss}); case-insensitive, English month names.
     *
     * @throws IllegalArgumentException when the pattern is not one, or does not give a date and a time of
     *                                  day (a stamp read by {@code yyyyMMdd} alone would otherwise be taken
     *                                  for something else)
     */
    public static DateTimeFormatter userForm(String pattern) {
        DateTimeFormatter form = new DateTimeFormatterBuilder()
                .parseCaseInsensitive()
                .appendPattern(pattern)
                .toFormatter(Locale.ENGLISH);
        try {
            // A stamp the form writes must read back as a date and a time of day.
            String written = form.format(ZonedDateTime.of(2021, 8, 12, 23, 59, 1, 0, ZoneId.of("Europe/Berlin")));
            epochMillisInForm(written, form, ZoneId.of("UTC"));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "'" + pattern + "' does not give a date and a time of day: " + e.getMessage());
        }
        return form;
    }

    /**
     * Epoch milliseconds of a stamp in a form of the lab's own: at the offset or zone the form names, else
     * in {@code zone}. One parse: no exception is thrown for a stamp in the form.
     *
     * @throws java.time.DateTimeException when the stamp is not in that form
     */
    public static long epochMillisInForm(String text, DateTimeFormatter form, ZoneId zone) {
        TemporalAccessor parsed = form.parse(text);
        ZoneId named = parsed.query(TemporalQueries.zone());
        return LocalDateTime.from(parsed)
                .atZone(named != null ? named : zone)
                .toInstant()
                .toEpochMilli();
    }

    /**
     * Seconds in a duration written as seconds ({@code 1804441.3}), {@code hh:mm:ss[.fff]} with hours
     * beyond 24 ({@code 144:01:18}, Neware), {@code Nd hh:mm:ss.ff} ({@code 1d 04:10:50.18}, Maccor),
     * {@code d.hh:mm:ss[.fff]} ({@code 1.12:01:00.00}, a .NET TimeSpan), {@code d hh:mm:ss[.fff]} ({@code 2
     * 03:15:07.500}, Landt's LANHE software) or {@code d-hh:mm:ss[.fff]} ({@code 2-03:15:07.500}, LAND's).
     *
     * @throws IllegalArgumentException when it is none of these
     */
    public static double durationSeconds(String text) {
        String s = text.strip();
        if (s.indexOf(':') < 0) {
            return Double.parseDouble(s);
        }
        double days = 0;
        int d = s.indexOf('d');
        int hyphen = daysBeforeHyphen(s);
        if (d > 0) {
            days = Double.parseDouble(s.substring(0, d).strip());
            s = s.substring(d + 1).strip();
        } else if (hyphen > 0) {
            days = Double.parseDouble(s.substring(0, hyphen));
            s = s.substring(hyphen + 1);
        } else {
            int space = s.indexOf(' ');
            // Up to five digits of days (273 years): a compact stamp's date (20260115 09:00:00) is no duration.
            if (space > 0 && space <= 5 && space < s.indexOf(':') && isDigits(s.substring(0, space))) {
                days = Double.parseDouble(s.substring(0, space));
                s = s.substring(space + 1).strip();
            }
        }
        String[] parts = s.split(":");
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("not a duration: '" + text + "'");
        }
        int dot = parts[0].indexOf('.');
        if (parts.length == 3 && dot > 0 && d < 0) {
            // d.hh:mm:ss, as .NET writes a TimeSpan of a day or more: hours with a fraction before the
            // minutes mean nothing, so the part before the dot is days.
            days = Double.parseDouble(parts[0].substring(0, dot).strip());
            parts[0] = parts[0].substring(dot + 1);
        }
        double seconds = 0;
        for (String part : parts) {
            seconds = seconds * 60 + Double.parseDouble(part.strip());
        }
        if (parts.length == 2) {
            seconds *= 60; // hh:mm
        }
        return days * 86400 + seconds;
    }

    /**
     * Whether the text is a duration written {@code d-hh:mm:ss[.fff]} ({@code 1-02:03:04}), as LAND's software
     * writes a test time, and not a date ({@code 2022-05-18 16:27:52}, whose part after the first hyphen holds
     * another hyphen or a space).
     */
    public static boolean isDaysHyphenDuration(String text) {
        return daysBeforeHyphen(text.strip()) > 0;
    }

    /** Where the hyphen after up to five digits of days is, in a {@code d-hh:mm:ss} duration; −1 otherwise. */
    private static int daysBeforeHyphen(String s) {
        int hyphen = s.indexOf('-');
        if (hyphen <= 0 || hyphen > 5 || !isDigits(s.substring(0, hyphen))) {
            return -1;
        }
        String clock = s.substring(hyphen + 1);
        boolean clockOnly =
                clock.indexOf(':') > 0 && clock.chars().allMatch(c -> c >= '0' && c <= '9' || c == ':' || c == '.');
        return clockOnly ? hyphen : -1;
    }

    private static boolean isDigits(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /**
     * Epoch milliseconds of a wall-clock stamp: ISO-8601 with or without offset
     * ({@code 2019-11-03T06:28:51+00:00}, {@code 2022-05-18 16:27:52}), US slashes in 24 or 12 hour
     * form ({@code 11/02/2019 23:28:51}, {@code 08/23/2021 6:04:18 PM}), day-first dots ({@code
     * 23.08.2021 18:04:18}, {@code 23.08.21 18:04:18}), year-first dots or unpadded dashes ({@code 2021.08.23
     * 18:04:18}, {@code 2021-8-23 18:04:18}), ISO with a space before its offset or an offset without a colon
     * ({@code 2021-08-12 23:59:00+0200}), an English month name ({@code 12-Aug-2021 23:59:00}), or epoch seconds
     * ({@code 1499006353}, Arbin). Stamps without an offset are read in {@code zone}.
     *
     * @throws IllegalArgumentException when it is none of these
     */
    public static long epochMillis(String text, ZoneId zone) {
        return epochMillis(text, zone, DateOrder.MONTH_FIRST);
    }

    /** {@link #epochMillis(String, ZoneId)} with slashed dates read in {@code order}. */
    public static long epochMillis(String text, ZoneId zone, DateOrder order) {
        String s = text.strip();
        if (isEpochSeconds(s)) {
            double seconds = Double.parseDouble(s);
            return Math.round(seconds * 1000);
        }
        try {
            return OffsetDateTime.parse(s).toInstant().toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // not ISO with an offset: try the looser offset forms, then the local ones
        }
        try {
            return OffsetDateTime.parse(s, ISO_ANY_OFFSET).toInstant().toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // no offset
        }
        for (DateTimeFormatter f : local(order)) {
            try {
                return LocalDateTime.parse(s, f).atZone(zone).toInstant().toEpochMilli();
            } catch (DateTimeParseException ignored) {
                // next form
            }
        }
        if (order == DateOrder.MONTH_FIRST && dayFirstReads(s, zone)) {
            throw new IllegalArgumentException("not a date and time: '" + text + "' (it reads with the day first: "
                    + "an export from a PC set to a UK or French locale; read it with --date-order day-first)");
        }
        throw new IllegalArgumentException("not a date and time: '" + text + "'");
    }

    private static List<DateTimeFormatter> local(DateOrder order) {
        return order == DateOrder.DAY_FIRST ? DAY_FIRST_LOCAL : MONTH_FIRST_LOCAL;
    }

    private static boolean dayFirstReads(String s, ZoneId zone) {
        try {
            epochMillis(s, zone, DateOrder.DAY_FIRST);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * {@link #epochMillis} for one file: remembers which form the file's stamps are in, so each row
     * is parsed once instead of failing through the other forms first (a parse failure costs an
     * exception; on a million-row export that is most of the reading time).
     */
    public static final class WallClock {
        private final ZoneId zone;
        private final DateOrder order;
        private final List<DateTimeFormatter> local;
        private int form = -1; // index into local, or -1 unknown, -2 ISO with offset, -3 epoch seconds, -4 loose offset

        public WallClock(ZoneId zone) {
            this(zone, DateOrder.MONTH_FIRST);
        }

        public WallClock(ZoneId zone, DateOrder order) {
            this.zone = zone;
            this.order = order;
            this.local = local(order);
        }

        /** @throws IllegalArgumentException when the stamp is in none of the known forms */
        public long epochMillis(String text) {
            String s = text.strip();
            try {
                if (form >= 0) {
                    return LocalDateTime.parse(s, local.get(form))
                            .atZone(zone)
                            .toInstant()
                            .toEpochMilli();
                }
                if (form == -2) {
                    return OffsetDateTime.parse(s).toInstant().toEpochMilli();
                }
                if (form == -3) {
                    return Math.round(Double.parseDouble(s) * 1000);
                }
                if (form == -4) {
                    return OffsetDateTime.parse(s, ISO_ANY_OFFSET).toInstant().toEpochMilli();
                }
            } catch (DateTimeParseException | NumberFormatException e) {
                // the file changed form: find the new one below
            }
            long millis = TimeValues.epochMillis(s, zone, order);
            form = formOf(s);
            return millis;
        }

        private int formOf(String s) {
            if (isEpochSeconds(s)) {
                return -3;
            }
            try {
                OffsetDateTime.parse(s);
                return -2;
            } catch (DateTimeParseException e) {
                try {
                    OffsetDateTime.parse(s, ISO_ANY_OFFSET);
                    return -4;
                } catch (DateTimeParseException noOffset) {
                    // a local form
                }
                for (int i = 0; i < local.size(); i++) {
                    try {
                        LocalDateTime.parse(s, local.get(i));
                        return i;
                    } catch (DateTimeParseException next) {
                        // try the next form
                    }
                }
                return -1;
            }
        }
    }

    /** A number of seconds: a stamp of digits with a blank in it ({@code 20210812 235900}) is a form, not a number. */
    private static boolean isEpochSeconds(String s) {
        if (s.isEmpty()
                || !(Character.isDigit(s.charAt(0)) || s.charAt(0) == '-')
                || s.indexOf('-', 1) >= 0
                || s.indexOf('/') >= 0
                || s.indexOf(':') >= 0) {
            return false; // a date's marks: no exception thrown to find it out
        }
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Epoch milliseconds of a MATLAB datenum (days since year 0), as the DOE Battery Data Hub writes them. */
    public static long fromMatlabDatenum(double datenum) {
        return Math.round((datenum - MATLAB_EPOCH_DATENUM) * 86_400_000.0);
    }
}

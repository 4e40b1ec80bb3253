package io.cellwatch.ingest.format.text;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;

/** Durations and wall-clock stamps as cyclers write them. */
public final class TimeValues {
    private static final DateTimeFormatter ISO_SPACE = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd[' ']['T']HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter SLASH_24H = new DateTimeFormatterBuilder()
            .appendPattern("M/d/yyyy H:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter SLASH_12H = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("M/d/yyyy h:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendPattern(" a")
            .toFormatter(Locale.US);
    private static final List<DateTimeFormatter> LOCAL = List.of(ISO_SPACE, SLASH_24H, SLASH_12H);
    /** Days from MATLAB's day 0 to 1970-01-01 (MATLAB datenum of the Unix epoch). */
    private static final double MATLAB_EPOCH_DATENUM = 719529.0;

    private TimeValues() {
    }

    /**
     * Seconds in a duration written as seconds ({@code 1804441.3}), {@code hh:mm:ss[.fff]} with hours
     * beyond 24 ({@code 144:01:18}, Neware), or {@code Nd hh:mm:ss.ff} ({@code 1d 04:10:50.18}, Maccor).
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
        if (d > 0) {
            days = Double.parseDouble(s.substring(0, d).strip());
            s = s.substring(d + 1).strip();
        }
        String[] parts = s.split(":");
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("not a duration: '" + text + "'");
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
     * Epoch milliseconds of a wall-clock stamp: ISO-8601 with or without offset
     * ({@code 2019-11-03T06:28:51+00:00}, {@code 2022-05-18 16:27:52}), US slashes in 24 or 12 hour
     * form ({@code 11/02/2019 23:28:51}, {@code 08/23/2021 6:04:18 PM}), or epoch seconds
     * ({@code 1499006353}, Arbin). Stamps without an offset are read in {@code zone}.
     *
     * @throws IllegalArgumentException when it is none of these
     */
    public static long epochMillis(String text, ZoneId zone) {
        String s = text.strip();
        if (!s.isEmpty() && (Character.isDigit(s.charAt(0)) || s.charAt(0) == '-')
                && s.indexOf('-', 1) < 0 && s.indexOf('/') < 0 && s.indexOf(':') < 0) {
            double seconds = Double.parseDouble(s);
            return Math.round(seconds * 1000);
        }
        try {
            return OffsetDateTime.parse(s).toInstant().toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // not ISO with an offset: try the local forms
        }
        for (DateTimeFormatter f : LOCAL) {
            try {
                return LocalDateTime.parse(s, f).atZone(zone).toInstant().toEpochMilli();
            } catch (DateTimeParseException ignored) {
                // next form
            }
        }
        throw new IllegalArgumentException("not a date and time: '" + text + "'");
    }

    /** Epoch milliseconds of a MATLAB datenum (days since year 0), as the DOE Battery Data Hub writes them. */
    public static long fromMatlabDatenum(double datenum) {
        return Math.round((datenum - MATLAB_EPOCH_DATENUM) * 86_400_000.0);
    }
}

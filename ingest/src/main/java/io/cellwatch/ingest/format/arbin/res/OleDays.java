package io.cellwatch.ingest.format.arbin.res;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * Arbin's {@code DateTime} and {@code Start_DateTime}: OLE Automation dates (as Excel writes them),
 * days since 1899-12-30 with the time of day as the fraction, in the cycler PC's local time.
 */
final class OleDays {
    private static final LocalDate EPOCH = LocalDate.of(1899, 12, 30);
    private static final double MICROS_PER_DAY = 86_400_000_000.0;

    /** Whole days beyond this (year 9999) are not a date a cycler wrote. */
    private static final double LAST_DAY = 2_958_465;

    private OleDays() {}

    /**
     * The local date-time, to the nearest microsecond (what cellpy and pandas keep). The fraction is
     * scaled on its own so the day count does not eat the double's precision: a day is 8.64e10 µs,
     * well inside the 15-16 digits a double holds.
     *
     * @throws IllegalArgumentException for NaN, negative days (dates before 1899 are written
     *                                  differently and no cycler writes them) or days beyond 9999
     */
    static LocalDateTime toLocalDateTime(double days) {
        if (!(days >= 0 && days <= LAST_DAY)) {
            throw new IllegalArgumentException("not an OLE date (days since 1899-12-30): " + days);
        }
        double whole = Math.floor(days);
        long micros = Math.round((days - whole) * MICROS_PER_DAY);
        return EPOCH.atStartOfDay().plusDays((long) whole).plus(micros, ChronoUnit.MICROS);
    }

    /** Epoch milliseconds of the local date-time in the zone the cycler PC ran in (sub-millisecond part dropped). */
    static long toEpochMillis(double days, ZoneId zone) {
        return toLocalDateTime(days).atZone(zone).toInstant().toEpochMilli();
    }
}

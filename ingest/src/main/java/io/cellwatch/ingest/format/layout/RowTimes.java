package io.cellwatch.ingest.format.layout;

import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.row.SampleRow;
import io.cellwatch.ingest.format.text.Cells;
import io.cellwatch.ingest.format.text.Header.Column;
import io.cellwatch.ingest.format.text.TimeValues;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * One file's times: test time in the forms cyclers write it and wall-clock stamps, in the file's
 * zone, counted from the file's first stamp where the test time is itself a stamp or is missing.
 */
final class RowTimes {
    private final ZoneId zone;
    private final TimeValues.WallClock wallClock;
    private DateTimeFormatter pattern;
    /** The lab's own form ({@code --clock-format}), tried before the common forms, and as the user wrote it. */
    private DateTimeFormatter userForm;

    private String userPattern;
    /**
     * Whether this file's first stamp was in the lab's form: a file of another form (another vendor's
     * export in the same folder) is not made to fail the form on every row first.
     */
    private Boolean userFormFits;

    private Long firstWallTimeMs;

    RowTimes(ZoneId zone, TimeValues.DateOrder order) {
        this.zone = zone;
        this.wallClock = new TimeValues.WallClock(zone, order);
    }

    /** Stamps in one fixed pattern (a mapping's {@code format}) instead of the forms cyclers commonly write. */
    void usePattern(DateTimeFormatter pattern) {
        this.pattern = pattern;
    }

    /**
     * Stamps in the lab's own form where they are in it, else in the forms cyclers commonly write: one
     * {@code --clock-format} serves every file of a run, a followed folder of several vendors' exports too.
     *
     * @throws IllegalArgumentException for a pattern {@link DateTimeFormatter} cannot read
     */
    void tryFirst(String userPattern) {
        this.userForm = TimeValues.userForm(userPattern);
        this.userPattern = userPattern;
    }

    /**
     * Test time as cyclers write it: seconds (times {@code factor} for the column's unit), a duration
     * ({@code 144:01:18}, {@code 1d 04:10:50.18}), or an absolute stamp (EC-Lab's "absolute" time
     * format), which is also the row's wall-clock time and counts from the file's first stamp.
     */
    void testTime(Cells c, Column column, double factor, SampleRow r) throws MalformedRowException {
        String text = c.timeText(column);
        if (text.indexOf(':') < 0) { // seconds: most rows of most files, so tested first
            r.testTimeS = c.number(column) * factor;
        } else if (isStamp(text)) {
            r.wallTimeMs = wallTime(c, column);
            r.testTimeS = sinceFirstStamp(r.wallTimeMs);
        } else {
            try {
                r.testTimeS = TimeValues.durationSeconds(text);
            } catch (IllegalArgumentException e) {
                throw c.malformed(column, "not a duration: '" + text + "'");
            }
        }
    }

    /**
     * {@code 05/05/2021 15:36:22.757} or {@code 2022-05-18 16:27:52}, not a duration ({@code 1d 04:10:50.18},
     * {@code 1-04:10:50}).
     */
    private static boolean isStamp(String text) {
        int dash = text.indexOf('-');
        return text.indexOf('/') > 0 || dash > 0 && text.indexOf(':') > dash && !TimeValues.isDaysHyphenDuration(text);
    }

    /** The cell's wall-clock time in epoch milliseconds. */
    long wallTime(Cells c, Column column) throws MalformedRowException {
        // A mapping's own pattern reads the text as written (it may say where a comma goes).
        String text = pattern != null ? c.text(column) : c.timeText(column);
        try {
            if (pattern != null) {
                return LocalDateTime.parse(text.strip(), pattern)
                        .atZone(zone)
                        .toInstant()
                        .toEpochMilli();
            }
            if (userForm != null && userFormFits != Boolean.FALSE) {
                try {
                    long millis = TimeValues.epochMillisInForm(text.strip(), userForm, zone);
                    userFormFits = true;
                    return millis;
                } catch (DateTimeException notInIt) {
                    // A file of another form in the same run: the common forms, from its first stamp on.
                    if (userFormFits == null) {
                        userFormFits = false;
                    }
                }
            }
            return wallClock.epochMillis(text);
        } catch (IllegalArgumentException e) {
            throw c.malformed(column, notAStamp(e.getMessage()));
        } catch (RuntimeException e) {
            throw c.malformed(column, "not a date and time: '" + text + "'");
        }
    }

    /** Why a stamp was not read, with the date order that would read it or the flag that reads a form of one's own. */
    private String notAStamp(String reason) {
        if (userForm != null) {
            return reason + " (nor in --clock-format '" + userPattern + "')";
        }
        if (reason.contains("--date-order")) {
            return reason;
        }
        return reason + " (a form of the lab's own reads with --clock-format PATTERN, e.g. 'yyyyMMdd HHmmss')";
    }

    /** Seconds since the file's first stamp (this one, if it is the first). */
    double sinceFirstStamp(long wallTimeMs) {
        if (firstWallTimeMs == null) {
            firstWallTimeMs = wallTimeMs;
        }
        return (wallTimeMs - firstWallTimeMs) / 1000.0;
    }
}

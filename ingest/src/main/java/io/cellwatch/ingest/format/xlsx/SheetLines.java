package io.cellwatch.ingest.format.xlsx;

import io.cellwatch.ingest.format.text.LineAssembler;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.Row;

/**
 * A worksheet row as the line of a comma-separated file, as Excel's "Save as CSV" writes it: the text
 * cycler software put in each cell, numbers in full, dates as ISO stamps and times as durations. So
 * every text reader reads a workbook's sheet as it reads the sheet saved as CSV.
 *
 * <p>A cell's number is a date where its number format is one: Excel keeps a wall clock as days since
 * 1900 and shows it as a date only through the format (built-in formats 14–22 and 45–47, or a custom one
 * with a year or a day). A format with hours or seconds and no date ({@code [h]:mm:ss}, {@code h:mm:ss})
 * is a duration, as the step and test times of cycler exports are, written {@code h:mm:ss.fff} with hours
 * past 24. Any other number is written as Excel stored it, without an exponent.
 */
final class SheetLines {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT);
    /**
     * Excel's built-in formats that show a date (14–17, 22; and those of East Asian locales, 27–31, 36, 50–54,
     * 57, 58: {@code yyyy"年"m"月"d"日"} on a Chinese PC) or a time of day or elapsed time (18–21, 45–47; 32–35,
     * 55, 56: {@code h"时"mm"分"}). A workbook need not write these formats out, so they are known by number.
     */
    private static final Set<Integer> BUILT_IN_DATES =
            Set.of(14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58);

    private static final Set<Integer> BUILT_IN_TIMES = Set.of(18, 19, 20, 21, 32, 33, 34, 35, 45, 46, 47, 55, 56);
    /** {@code [h]:mm:ss}: elapsed hours. */
    private static final int ELAPSED_HOURS = 46;
    /** Marks an elapsed bracket's letters in {@link #shownPart}: a character no format writes. */
    private static final char ELAPSED_MARK = '\uE000';
    /**
     * 1970-01-01 as Excel's day number: a time-of-day format on a value past it is a wall clock shown without
     * its date; below it, a duration (a step of more than a day shown as {@code hh:mm:ss} is still a step).
     */
    private static final double FIRST_WALL_CLOCK_DAY = 25_569;
    /** The longest row read, as CSV: {@link LineAssembler#MAX_LINE_BYTES}, a text line's. */
    static final int MAX_LINE_CHARS = LineAssembler.MAX_LINE_BYTES;

    /** Beyond this many digits' scale a number is not a cycler's reading. */
    private static final int MAX_SCALE = 400;

    private SheetLines() {}

    /**
     * The row's cells joined by commas, quoted where they hold a comma, a quote or a line break; {@code
     * extraDays} added to its dates (the 1904 date system where the workbook library missed it).
     */
    static String line(Row row, int extraDays) {
        return line(row, Cell::getColumnIndex, cell -> text(cell, extraDays));
    }

    /**
     * A row's cells, in column order, joined by commas as Excel's "Save as CSV" joins them: whatever library read
     * the workbook ({@code .xlsx} or {@code .xls}), a sheet reads as the same lines.
     */
    static <C> String line(Iterable<C> cells, ToIntFunction<C> column, Function<C, String> text) {
        StringBuilder line = new StringBuilder();
        int columns = 0; // columns written so far
        for (C cell : cells) {
            if (cell == null) {
                continue;
            }
            // Cells a sheet leaves out (a sparse row) are empty columns.
            for (; columns < column.applyAsInt(cell); columns++) {
                if (columns > 0) {
                    line.append(',');
                }
            }
            if (columns > 0) {
                line.append(',');
            }
            appendQuoted(line, text.apply(cell));
            columns++;
            if (line.length() > MAX_LINE_CHARS) {
                // As a text file's line is held to its first MiB: a row that long is damage (one long shared
                // string named by every cell), and held whole it would take the reader's memory.
                throw new SheetDamageException("a row of more than " + MAX_LINE_CHARS + " characters as CSV (" + columns
                        + " columns so far): not a cycler's row");
            }
        }
        return line.toString();
    }

    /** The cell as it reads in the sheet saved as CSV. */
    static String text(Cell cell, int extraDays) {
        CellType type = cell.getType();
        String raw = cell.getRawValue();
        if (raw == null || type == CellType.EMPTY) {
            return "";
        }
        // A formula's cached value has the type Excel saved it as (its cell's t attribute), which the library
        // reads into the value's class: text that looks like a number ("007") stays text, a flag is no number.
        Object value = cell.getValue();
        if (type == CellType.NUMBER || type == CellType.FORMULA && value instanceof BigDecimal) {
            return number(cell, raw, extraDays);
        }
        if (type == CellType.BOOLEAN || type == CellType.FORMULA && value instanceof Boolean) {
            return Boolean.TRUE.equals(value) ? "TRUE" : "FALSE";
        }
        return type == CellType.STRING ? cell.asString() : raw;
    }

    private static String number(Cell cell, String raw, int extraDays) {
        BigDecimal value = new BigDecimal(raw.strip());
        if (Math.abs(value.scale()) > MAX_SCALE) {
            return raw.strip(); // 1E2000000000 written out would take gigabytes; the reader refuses it as it is
        }
        return shown(value, cell.getDataFormatId(), cell.getDataFormatString(), () -> {
            LocalDateTime stamp = cell.asDate();
            return stamp == null ? null : stamp.plusDays(extraDays);
        });
    }

    /**
     * A cell's number as its format shows it ({@link #kind}): a date as an ISO stamp ({@code date} gives it, null
     * or a {@link DateTimeException} where the number is no date), a duration as {@code h:mm:ss.fff}, anything
     * else written out in full.
     */
    static String shown(BigDecimal value, Integer formatId, String format, Supplier<LocalDateTime> date) {
        Kind kind = kind(formatId, format, value.doubleValue());
        if (kind == Kind.DATE) {
            try {
                LocalDateTime stamp = date.get();
                return stamp == null ? value.toPlainString() : STAMP.format(stamp);
            } catch (DateTimeException outOfRange) {
                return value.toPlainString(); // no date: the reader names the field that wanted one
            }
        }
        if (kind == Kind.DURATION) {
            return duration(value.doubleValue() * 86_400);
        }
        return value.toPlainString();
    }

    /**
     * {@code h:mm:ss.fff}, hours past 24, as the readers take a duration; a negative one as seconds, which
     * every reader's duration takes with its sign.
     */
    static String duration(double seconds) {
        if (seconds < 0) {
            return String.format(Locale.ROOT, "%.3f", seconds);
        }
        long millis = Math.round(seconds * 1000);
        long hours = millis / 3_600_000;
        long minutes = millis / 60_000 % 60;
        double secs = millis % 60_000 / 1000.0;
        return String.format(Locale.ROOT, "%d:%02d:%06.3f", hours, minutes, secs);
    }

    enum Kind {
        NUMBER,
        DATE,
        DURATION
    }

    /**
     * What a number format shows a number as. A time format with elapsed brackets ({@code [h]:mm:ss}, built-in
     * 46) is a duration; a time of day ({@code h:mm:ss}, built-ins 18–21, 45, 47) is a duration before
     * {@link #FIRST_WALL_CLOCK_DAY} and otherwise a wall clock shown without its date.
     */
    static Kind kind(Integer formatId, String format, double value) {
        if (formatId != null && BUILT_IN_DATES.contains(formatId)) {
            return Kind.DATE;
        }
        if (formatId != null && BUILT_IN_TIMES.contains(formatId)) {
            return formatId == ELAPSED_HOURS || value < FIRST_WALL_CLOCK_DAY ? Kind.DURATION : Kind.DATE;
        }
        if (format == null) {
            return Kind.NUMBER;
        }
        String shown = shownPart(format).toLowerCase(Locale.ROOT);
        if (shown.indexOf('y') >= 0 || shown.indexOf('d') >= 0) {
            return Kind.DATE;
        }
        if (shown.indexOf('h') >= 0 || shown.indexOf('s') >= 0) {
            return shown.indexOf(ELAPSED_MARK) >= 0 || value < FIRST_WALL_CLOCK_DAY ? Kind.DURATION : Kind.DATE;
        }
        return Kind.NUMBER;
    }

    /**
     * The first section of a format without what is not a date or time code: quoted text, escaped
     * characters, and bracketed colours and locales ({@code [Red]}, {@code [$-409]}); elapsed-time brackets
     * ({@code [h]}, {@code [mm]}, {@code [ss]}) keep their letters.
     */
    private static String shownPart(String format) {
        StringBuilder codes = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == ';') {
                break;
            }
            if (c == '"') {
                int close = format.indexOf('"', i + 1);
                i = close < 0 ? format.length() : close;
            } else if (c == '\\' || c == '_' || c == '*') {
                i++; // the next character is shown as itself, or pads
            } else if (c == '[') {
                int close = format.indexOf(']', i + 1);
                String inside = close < 0 ? "" : format.substring(i + 1, close).toLowerCase(Locale.ROOT);
                if (inside.matches("h+|m+|s+")) {
                    codes.append(ELAPSED_MARK).append(inside);
                }
                i = close < 0 ? format.length() : close;
            } else {
                codes.append(c);
            }
        }
        return codes.toString();
    }

    private static void appendQuoted(StringBuilder line, String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            line.append(text);
            return;
        }
        line.append('"').append(text.replace("\"", "\"\"")).append('"');
    }
}

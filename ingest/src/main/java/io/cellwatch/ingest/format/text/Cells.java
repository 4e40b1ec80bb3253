package io.cellwatch.ingest.format.text;

import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.text.Header.Column;
import java.nio.file.Path;

/**
 * The cells of one data row, read by column with errors that name file, line and the vendor's
 * column name. Reused row after row ({@link #reset}) so a reader allocates nothing per row here.
 */
public final class Cells {
    private final Path file;
    private final boolean decimalComma;
    private String[] cells;
    private long line;

    /**
     * @param decimalComma true for exports that may write {@code 3,71} for 3.71 (EC-Lab in European
     *                     locales); only sensible when the delimiter is not a comma
     */
    public Cells(Path file, boolean decimalComma) {
        this.file = file;
        this.decimalComma = decimalComma;
    }

    public Cells reset(String[] cells, long line) {
        this.cells = cells;
        this.line = line;
        return this;
    }

    /** The row's first cell, "" when it has none: for a reader that finds marks among its rows. */
    public String first() {
        return cells.length == 0 ? "" : cells[0];
    }

    /** The row's cells as split (a copy): for a reader that finds a header row among its data rows. */
    public String[] values() {
        return cells.clone();
    }

    public long line() {
        return line;
    }

    public Path file() {
        return file;
    }

    /** The cell's text, "" when the row is shorter than the header. */
    public String text(Column c) {
        return c.index() < cells.length ? cells[c.index()] : "";
    }

    /**
     * The cell's text as a time: in an export that may write decimal commas, a comma after the last colon
     * is the seconds' decimal point ({@code 14:03:22,5}, {@code 144:01:18,25} from a European PC).
     */
    public String timeText(Column c) {
        String s = text(c);
        if (!decimalComma) {
            return s;
        }
        int colon = s.lastIndexOf(':');
        int comma = s.lastIndexOf(',');
        return colon >= 0 && comma > colon ? s.substring(0, comma) + '.' + s.substring(comma + 1) : s;
    }

    public boolean blank(Column c) {
        return c == null || text(c).isEmpty();
    }

    /** Whether every cell of the row is empty or spaces (a row of delimiters alone). */
    public boolean allBlank() {
        for (String cell : cells) {
            if (!cell.isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** A required finite number. */
    public double number(Column c) throws MalformedRowException {
        String s = text(c);
        if (s.isEmpty()) {
            throw malformed(
                    c, c.index() < cells.length ? "missing" : "missing: the row has " + cells.length + " fields");
        }
        double v = parse(c, s);
        if (!Double.isFinite(v)) {
            throw malformed(c, "not a finite number: '" + s + "'");
        }
        return v;
    }

    /** A number, or null when the column is absent, the cell empty or NaN (how pandas writes "no value"). */
    public Double optionalNumber(Column c) throws MalformedRowException {
        if (c == null) {
            return null;
        }
        String s = text(c);
        if (s.isEmpty() || s.equalsIgnoreCase("nan") || s.equalsIgnoreCase("N/A")) {
            return null;
        }
        double v = parse(c, s);
        if (Double.isNaN(v)) {
            return null;
        }
        if (!Double.isFinite(v)) {
            throw malformed(c, "not a finite number: '" + s + "'");
        }
        return v;
    }

    /** A whole number; {@code 3.0} and {@code 3.000000E+000} are accepted (EC-Lab writes indexes as floats). */
    public int integer(Column c) throws MalformedRowException {
        long v = longInteger(c);
        if (v != (int) v) {
            throw malformed(c, "not a whole number: '" + shorten(text(c)) + "'");
        }
        return (int) v;
    }

    /** {@link #integer} for record numbers, which may pass 2^31 on a long test. */
    public long longInteger(Column c) throws MalformedRowException {
        String s = text(c);
        if (s.isEmpty()) {
            throw malformed(c, "missing");
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            double v = parse(c, s);
            if (v != Math.rint(v) || Math.abs(v) > 9.0e15) {
                throw malformed(c, "not a whole number: '" + s + "'");
            }
            return (long) v;
        }
    }

    private double parse(Column c, String s) throws MalformedRowException {
        String t = decimalComma && s.indexOf(',') >= 0 && s.indexOf('.') < 0 ? s.replace(',', '.') : s;
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw malformed(c, "not a number: '" + shorten(s) + "'");
        }
    }

    public MalformedRowException malformed(Column c, String reason) {
        return new MalformedRowException(file, line, c.name(), reason);
    }

    public MalformedRowException malformed(String field, String reason) {
        return new MalformedRowException(file, line, field, reason);
    }

    static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}

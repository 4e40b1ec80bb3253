package io.cellwatch.ingest.format.biologic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * EC-Lab's loop index file ({@code <export>_LOOP.txt}), written beside the text export of a technique
 * run in a loop: the line {@code VMP EXPERIMENT LOOP INDEXES}, then the 0-based data row at which
 * each loop begins, ascending. It is the only record of where one loop ends and the next begins
 * when the export's columns do not say so (a GCPL export of time and voltage alone, with each loop's
 * impedance scan in another file): the rows run on at one current, and a 7 s gap in the time column
 * is no different from the logging interval. Loop {@code k} (0-based) holds the rows from its index up
 * to the next one's; the rows after the last index are the last loop's.
 */
public final class EcLabLoopIndexes {
    /** The first line EC-Lab writes. */
    public static final String TITLE = "VMP EXPERIMENT LOOP INDEXES";

    /** A loop file larger than this is not one (a loop per data row of a month at 1 s is 2.6 M lines). */
    private static final long MAX_BYTES = 64L * 1024 * 1024;

    private final long[] firstRows;
    private int loop;

    private EcLabLoopIndexes(long[] firstRows) {
        this.firstRows = firstRows;
    }

    /**
     * Reads a loop file.
     *
     * @throws IOException naming the loop file and its line: missing, too large, without its title, a
     *     line that is not a row index, indexes not ascending, or none at all
     */
    public static EcLabLoopIndexes read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such loop file");
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException(file + ": " + Files.size(file) + " bytes is not a loop index file");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        if (lines.isEmpty() || !lines.get(0).strip().equals(TITLE)) {
            throw new IOException(file + ":1: expected '" + TITLE + "'");
        }
        long[] rows = new long[lines.size() - 1];
        int n = 0;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            long row;
            try {
                row = Long.parseLong(line);
            } catch (NumberFormatException e) {
                throw new IOException(file + ":" + (i + 1) + ": '" + abbreviated(line) + "' is not a row index");
            }
            if (row < 0 || (n > 0 && row <= rows[n - 1])) {
                throw new IOException(file + ":" + (i + 1) + ": row index " + row + " does not follow "
                        + (n > 0 ? rows[n - 1] : "the start") + " (indexes are ascending, from 0)");
            }
            rows[n++] = row;
        }
        if (n == 0) {
            throw new IOException(file + ": no loop indexes after its title line");
        }
        return new EcLabLoopIndexes(Arrays.copyOf(rows, n));
    }

    /**
     * The 0-based loop holding this 0-based data row. Rows are asked for in file order (the answer is
     * found by moving forward from the previous one); a row before the first index is in loop 0.
     */
    public int loopOf(long dataRow) {
        while (loop + 1 < firstRows.length && dataRow >= firstRows[loop + 1]) {
            loop++;
        }
        return loop;
    }

    /** Loops the file names. */
    public int loops() {
        return firstRows.length;
    }

    private static String abbreviated(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}

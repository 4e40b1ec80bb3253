package io.cellwatch.ingest.format.arbin.res;

import com.healthmarketscience.jackcess.Cursor;
import com.healthmarketscience.jackcess.CursorBuilder;
import com.healthmarketscience.jackcess.Row;
import com.healthmarketscience.jackcess.Table;
import io.cellwatch.ingest.format.binary.BinaryFormatException;
import java.io.IOException;
import java.util.Collection;
import java.util.Set;

/**
 * Rows of one test from a data point on, in data-point order, through the table's index on
 * ({@code Test_ID}, {@code Data_Point}): a poll of a growing file seeks to where it stopped instead of
 * reading the whole table again, and gets the rows sorted whatever page they were written to.
 */
final class KeyRange {
    private final ResDatabase db;
    private final Table table;
    private final Cursor cursor;
    private final Collection<String> columns;
    private long previous = Long.MIN_VALUE;

    private KeyRange(ResDatabase db, Table table, Cursor cursor, Collection<String> columns) {
        this.db = db;
        this.table = table;
        this.cursor = cursor;
        this.columns = columns;
    }

    /** The rows of {@code testId} with a data point at or after {@code fromDataPoint}. */
    static KeyRange open(ResDatabase db, Table table, int testId, long fromDataPoint, Collection<String> columns)
            throws BinaryFormatException {
        int from = (int) Math.min(Math.max(fromDataPoint, Integer.MIN_VALUE), Integer.MAX_VALUE);
        try {
            Cursor cursor = new CursorBuilder(table)
                    .setIndexByColumnNames(NormalColumns.TEST_ID, NormalColumns.DATA_POINT)
                    .setStartEntry(testId, from)
                    .setStartRowInclusive(true)
                    .setEndEntry(testId, Integer.MAX_VALUE)
                    .setEndRowInclusive(true)
                    .toCursor();
            // A set: Jackcess asks it about every column of every row.
            return new KeyRange(db, table, cursor, Set.copyOf(columns));
        } catch (IllegalArgumentException e) {
            throw new BinaryFormatException(
                    db.file(),
                    "table " + table.getName(),
                    "an index on (Test_ID, Data_Point), as MITS Pro creates",
                    "none usable (" + e.getMessage() + ")");
        } catch (IOException | RuntimeException e) {
            throw db.damaged(table.getName(), e);
        }
    }

    /** The next row, or null at the end of the test's rows. */
    Row next() throws BinaryFormatException {
        Row row;
        try {
            row = cursor.getNextRow(columns);
        } catch (IOException | RuntimeException e) {
            throw db.damaged(table.getName(), e);
        }
        if (row == null) {
            return null;
        }
        Number point = ResTest.number(row, NormalColumns.DATA_POINT);
        long dataPoint = point == null ? Long.MIN_VALUE : point.longValue();
        // The index keeps data points ascending; one going back is a damaged index, and following it
        // could go round a loop for ever.
        if (dataPoint < previous) {
            throw new BinaryFormatException(
                    db.file(),
                    "table " + table.getName() + ", column " + NormalColumns.DATA_POINT + " after data point "
                            + previous,
                    "data points ascending in the index",
                    Long.toString(dataPoint));
        }
        previous = dataPoint;
        return row;
    }
}

package io.cellwatch.ingest.format.arbin.res;

import com.healthmarketscience.jackcess.Row;
import com.healthmarketscience.jackcess.Table;
import io.cellwatch.ingest.format.binary.BinaryFormatException;
import java.util.List;
import java.util.Optional;

/**
 * {@code Auxiliary_Table} read alongside the data points: one row per (data point, input), in the
 * same key order as {@code Channel_Normal_Table}, so the two are merged in one pass.
 */
final class AuxRows {
    static final String TABLE = "Auxiliary_Table";
    private static final List<String> READ =
            List.of(NormalColumns.TEST_ID, NormalColumns.DATA_POINT, "Auxiliary_Index", "Data_Type", "X");

    private final AuxChannels channels;
    private final KeyRange rows;
    private Row ahead;

    private AuxRows(AuxChannels channels, KeyRange rows) {
        this.channels = channels;
        this.rows = rows;
    }

    /** The test's aux rows from a data point on; none when the file has no such table. */
    static AuxRows open(ResDatabase db, AuxChannels channels, int testId, long fromDataPoint)
            throws BinaryFormatException {
        Optional<Table> table = db.optionalTable(TABLE);
        if (table.isEmpty()) {
            return new AuxRows(channels, null);
        }
        db.requireNumeric(table.get(), READ.toArray(String[]::new));
        return new AuxRows(channels, KeyRange.open(db, table.get(), testId, fromDataPoint, READ));
    }

    /** The aux values written for this data point (skipping those of points before it, which have no data row). */
    AuxValues valuesFor(long dataPoint) throws BinaryFormatException {
        AuxValues values = new AuxValues();
        if (rows == null) {
            return values;
        }
        while (true) {
            if (ahead == null) {
                ahead = rows.next();
                if (ahead == null) {
                    return values;
                }
            }
            Number point = ResTest.number(ahead, NormalColumns.DATA_POINT);
            long at = point == null ? Long.MIN_VALUE : point.longValue();
            if (at > dataPoint) {
                return values;
            }
            if (at == dataPoint) {
                Number index = ResTest.number(ahead, "Auxiliary_Index");
                Number type = ResTest.number(ahead, "Data_Type");
                Number x = ResTest.number(ahead, "X");
                if (index != null && type != null && x != null) {
                    values.add(channels, index.intValue(), type.intValue(), x.doubleValue());
                }
            }
            ahead = null;
        }
    }
}

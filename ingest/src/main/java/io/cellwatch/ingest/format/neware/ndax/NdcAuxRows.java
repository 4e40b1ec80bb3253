package io.cellwatch.ingest.format.neware.ndax;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The common walk of every auxiliary table: keep one row ahead, pass over rows for earlier
 * records, hand over the readings of the row whose index matches. Subclasses decode a row.
 */
abstract class NdcAuxRows implements NdcAuxTable {
    private final NdcRows rows;
    private final Map<String, Double> current = new LinkedHashMap<>();
    private long currentIndex = Long.MIN_VALUE;
    private boolean ended;

    NdcAuxRows(NdcRows rows) {
        this.rows = rows;
    }

    /** Decodes the row at {@code rows.offset()} into {@code into}; returns the record index it belongs to. */
    abstract long decode(NdcRows rows, Map<String, Double> into);

    @Override
    public final void readingsFor(long index, Map<String, Double> into) throws IOException {
        while (!ended && currentIndex < index) {
            if (rows.next()) {
                current.clear();
                currentIndex = decode(rows, current);
            } else {
                ended = true;
            }
        }
        if (currentIndex == index) {
            into.putAll(current);
        }
    }

    @Override
    public void close() throws IOException {
        rows.member().close();
    }
}

package io.cellwatch.deploy;

import com.healthmarketscience.jackcess.Cursor;
import com.healthmarketscience.jackcess.CursorBuilder;
import com.healthmarketscience.jackcess.Database;
import com.healthmarketscience.jackcess.DatabaseBuilder;
import com.healthmarketscience.jackcess.Row;
import com.healthmarketscience.jackcess.Table;
import io.cellwatch.testing.IngesterSigkill;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Arbin {@code .res} written again as MITS Pro writes it during a test: a copy of the result
 * database with its data points taken out of {@code Channel_Normal_Table}, then inserted back in
 * their order, a batch per write, with Jackcess (the same Access library the reader uses), each
 * write committed to disk before the next.
 */
final class GrowingRes {
    private static final String DATA_POINTS = "Channel_Normal_Table";

    private final Path file;
    private final List<Map<String, Object>> rows;

    private GrowingRes(Path file, List<Map<String, Object>> rows) {
        this.file = file;
        this.rows = rows;
    }

    /** Copies {@code real} to {@code target} and takes its data points out, to be written back by {@link #writes}. */
    static GrowingRes emptied(Path real, Path target) throws IOException {
        Files.copy(real, target);
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Database db = DatabaseBuilder.open(target.toFile())) {
            Table table = db.getTable(DATA_POINTS);
            for (Row row : table) {
                rows.add(new LinkedHashMap<>(row));
            }
            Cursor cursor = CursorBuilder.createCursor(table);
            while (cursor.moveToNextRow()) {
                cursor.deleteCurrentRow();
            }
        }
        return new GrowingRes(target, rows);
    }

    int rows() {
        return rows.size();
    }

    /** The writes that put the data points back, {@code rowsPerWrite} at a time. */
    List<IngesterSigkill.Write> writes(int rowsPerWrite) {
        List<IngesterSigkill.Write> writes = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += rowsPerWrite) {
            List<Map<String, Object>> batch = rows.subList(from, Math.min(rows.size(), from + rowsPerWrite));
            writes.add(() -> {
                try (Database db = DatabaseBuilder.open(file.toFile())) {
                    db.getTable(DATA_POINTS).addRowsFromMaps(batch);
                }
            });
        }
        return writes;
    }
}

package io.cellwatch.ingest.format.biologic.mpr;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of an EC-Lab {@code .mpt} export, read directly (as yadg's consistency test does):
 * windows-1252, an {@code EC-Lab ASCII FILE} preamble whose {@code Nb header lines : N} puts the
 * column row at line N, tab-separated, decimal commas in German exports. Kept as text too, so a
 * test can check the digits EC-Lab printed.
 */
final class MptTable {
    private final Map<String, List<String>> text = new LinkedHashMap<>();
    private int rows;

    static MptTable read(Path mpt) throws IOException {
        List<String> lines = Files.readAllLines(mpt, Charset.forName("windows-1252"));
        int headerLine = 1;
        if (lines.get(0).startsWith("EC-Lab ASCII FILE") || lines.get(0).startsWith("BT-Lab ASCII FILE")) {
            headerLine = Integer.parseInt(lines.get(1).replaceAll("[^0-9]", ""));
        }
        MptTable table = new MptTable();
        String[] names = lines.get(headerLine - 1).split("\t", -1);
        List<List<String>> columns = new ArrayList<>();
        for (String name : names) {
            List<String> column = new ArrayList<>();
            columns.add(column);
            if (!name.isEmpty() && !table.text.containsKey(name)) {
                table.text.put(name, column);
            }
        }
        for (String line : lines.subList(headerLine, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            for (int i = 0; i < names.length; i++) {
                columns.get(i).add(i < cells.length ? cells[i] : "");
            }
            table.rows++;
        }
        return table;
    }

    int rows() {
        return rows;
    }

    boolean has(String column) {
        return text.containsKey(column);
    }

    /** The first of these column names the export has, or null. */
    String firstOf(String... names) {
        for (String name : names) {
            if (has(name)) {
                return name;
            }
        }
        return null;
    }

    /** The cell as EC-Lab printed it, a decimal comma turned into a point. */
    String text(String column, int row) {
        return text.get(column).get(row).replace(',', '.');
    }

    double number(String column, int row) {
        return Double.parseDouble(text(column, row));
    }
}

package io.cellwatch.ingest.format.neware;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A peer's reference frame from the CSV dump of its feather or parquet file ({@code *.csv.gz} in
 * the shared data): numbers as doubles (empty cells NaN), time stamps as epoch seconds (naive ones
 * read as UTC, for comparing offsets), the step names as text.
 */
public final class ReferenceFrame {
    private final Map<String, double[]> numbers = new LinkedHashMap<>();
    private final Map<String, String[]> texts = new LinkedHashMap<>();
    private final int rows;

    private ReferenceFrame(List<String> names, List<String[]> cells) {
        rows = cells.size();
        for (int c = 0; c < names.size(); c++) {
            String name = names.get(c);
            if (name.equals("Status") || name.equals("Step Type")) {
                String[] column = new String[rows];
                for (int r = 0; r < rows; r++) {
                    column[r] = cells.get(r)[c];
                }
                texts.put(name, column);
            } else {
                double[] column = new double[rows];
                boolean stamp = name.equals("Timestamp") || name.equals("Date");
                for (int r = 0; r < rows; r++) {
                    String cell = c < cells.get(r).length ? cells.get(r)[c] : "";
                    column[r] = cell.isEmpty() ? Double.NaN : stamp ? epochSeconds(cell) : Double.parseDouble(cell);
                }
                numbers.put(name, column);
            }
        }
    }

    public static ReferenceFrame read(Path csvGz) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(csvGz), 1 << 16), StandardCharsets.UTF_8))) {
            List<String> names = Arrays.asList(in.readLine().split(",", -1));
            List<String[]> cells = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                cells.add(line.split(",", -1));
            }
            return new ReferenceFrame(names, cells);
        }
    }

    private static double epochSeconds(String cell) {
        Instant instant = cell.endsWith("Z")
                ? Instant.parse(cell)
                : LocalDateTime.parse(cell).toInstant(ZoneOffset.UTC);
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }

    public int rows() {
        return rows;
    }

    public boolean has(String column) {
        return numbers.containsKey(column) || texts.containsKey(column);
    }

    public double[] numbers(String column) {
        double[] c = numbers.get(column);
        if (c == null) {
            throw new IllegalArgumentException("no numeric column " + column + " in " + numbers.keySet());
        }
        return c;
    }

    public String[] texts(String column) {
        return texts.get(column);
    }

    public List<String> columns() {
        List<String> all = new ArrayList<>(numbers.keySet());
        all.addAll(texts.keySet());
        return all;
    }
}

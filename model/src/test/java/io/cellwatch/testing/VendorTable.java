package io.cellwatch.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cycler export as its vendor wrote it, for checking cellwatch's readers against: the header
 * row's exact column names and the data rows' cells, found without any of cellwatch's reading code
 * (EC-Lab's {@code Nb header lines}, Maccor's {@code Rec#} row, otherwise the first line; tab,
 * {@code ;} or comma; UTF-8 or windows-1252). Columns are looked up by their exact header text.
 */
public final class VendorTable {
    private static final Pattern HEADER_LINES = Pattern.compile("Nb header lines\\s*:\\s*(\\d+)");

    private final List<String> header;
    private final List<String[]> rows;

    private VendorTable(List<String> header, List<String[]> rows) {
        this.header = header;
        this.rows = rows;
    }

    public static VendorTable read(Path file) throws IOException {
        List<String> lines = decode(Files.readAllBytes(file)).lines().toList();
        int headerIndex = 0;
        Matcher m = lines.size() > 1 ? HEADER_LINES.matcher(lines.get(1)) : null;
        if (m != null && m.find()) {
            headerIndex = Integer.parseInt(m.group(1)) - 1;
        } else {
            for (int i = 0; i < Math.min(lines.size(), 20); i++) {
                if (lines.get(i).startsWith("Rec#\t")) {
                    headerIndex = i;
                }
            }
        }
        String headerLine = lines.get(headerIndex);
        String delimiter = headerLine.contains("\t") ? "\t" : headerLine.contains(";") ? ";" : ",";
        List<String> header = Arrays.asList(cells(headerLine, delimiter));
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(headerIndex + 1, lines.size())) {
            if (!line.isBlank()) {
                rows.add(cells(line, delimiter));
            }
        }
        return new VendorTable(header, rows);
    }

    /** A line's cells, stripped; a one-character delimiter that is no regex metacharacter splits without a regex. */
    private static String[] cells(String line, String delimiter) {
        String[] cells = line.split(delimiter, -1);
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].strip();
        }
        return cells;
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, Charset.forName("windows-1252"));
        }
    }

    public List<String> header() {
        return header;
    }

    public List<String[]> rows() {
        return rows;
    }

    /** The index of the first of these exact column names the header has, or -1. */
    public int column(String... names) {
        for (String name : names) {
            int i = header.indexOf(name);
            if (i >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** A cell as a number (decimal comma allowed); NaN when empty or missing. */
    public static double number(String[] row, int column) {
        if (column < 0 || column >= row.length || row[column].isEmpty()) {
            return Double.NaN;
        }
        String s = row[column];
        return Double.parseDouble(s.indexOf('.') < 0 ? s.replace(',', '.') : s);
    }
}

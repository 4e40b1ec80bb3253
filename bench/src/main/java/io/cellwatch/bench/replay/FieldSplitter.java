package io.cellwatch.bench.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline of the replay figures: a file's lines split into fields at its delimiter, each field
 * a string, and nothing more (no header, no numbers parsed). Bytes are decoded as ISO-8859-1, the
 * cheapest decoding there is, so the baseline is a floor.
 */
final class FieldSplitter {
    private final char delimiter;

    private FieldSplitter(char delimiter) {
        this.delimiter = delimiter;
    }

    /** A splitter at whichever of tab, comma or semicolon the file's first lines hold most of. */
    static FieldSplitter of(Path file) throws IOException {
        char[] candidates = {'\t', ',', ';'};
        long[] counts = new long[candidates.length];
        try (BufferedReader in = reader(file)) {
            String line;
            for (int n = 0; n < 40 && (line = in.readLine()) != null; n++) {
                for (int c = 0; c < candidates.length; c++) {
                    char candidate = candidates[c];
                    counts[c] += line.chars().filter(ch -> ch == candidate).count();
                }
            }
        }
        int best = 0;
        for (int c = 1; c < counts.length; c++) {
            if (counts[c] > counts[best]) {
                best = c;
            }
        }
        return new FieldSplitter(candidates[best]);
    }

    /** Splits every line of the file; returns the lines split. */
    long split(Path file) throws IOException {
        long lines = 0;
        long fields = 0;
        List<String> row = new ArrayList<>(64);
        try (BufferedReader in = reader(file)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                row.clear();
                int start = 0;
                for (int at = line.indexOf(delimiter); at >= 0; at = line.indexOf(delimiter, start)) {
                    row.add(line.substring(start, at));
                    start = at + 1;
                }
                row.add(line.substring(start));
                fields += row.size();
                lines++;
            }
        }
        return fields > 0 ? lines : 0;
    }

    private static BufferedReader reader(Path file) throws IOException {
        return new BufferedReader(
                new InputStreamReader(Files.newInputStream(file), StandardCharsets.ISO_8859_1), 1 << 16);
    }
}

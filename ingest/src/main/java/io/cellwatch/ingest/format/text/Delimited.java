package io.cellwatch.ingest.format.text;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line of a delimited export into its cells. Cycler exports almost never quote: those
 * lines are cut at the delimiter directly (a few hundred nanoseconds a row, which matters for
 * multi-million-row files); a line with a quote goes through Jackson's CSV parser, which knows
 * RFC 4180 quoting. A quoted cell spanning lines is not supported: no cycler writes one.
 */
public final class Delimited {
    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

    private final char delimiter;
    private final ObjectReader quotedReader;

    public Delimited(char delimiter) {
        this.delimiter = delimiter;
        this.quotedReader = CSV.readerForListOf(String.class)
                .with(CsvSchema.emptySchema().withColumnSeparator(delimiter).withQuoteChar('"'));
    }

    public char delimiter() {
        return delimiter;
    }

    /** The cells of a line, each stripped of surrounding blanks. */
    public String[] split(String line) throws IOException {
        if (line.indexOf('"') >= 0) {
            try (MappingIterator<List<String>> rows = quotedReader.readValues(line)) {
                List<String> cells = rows.hasNext() ? rows.next() : List.of();
                String[] out = new String[cells.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = cells.get(i) == null ? "" : cells.get(i).strip();
                }
                return out;
            } catch (RuntimeJsonMappingException unclosedQuote) {
                // A quote that never closes quotes nothing: cut at the delimiter like any other line,
                // so a cell that then cannot be read is reported with its field, not the whole file.
            }
        }
        List<String> cells = new ArrayList<>(32);
        int start = 0;
        while (true) {
            int cut = line.indexOf(delimiter, start);
            if (cut < 0) {
                cells.add(line.substring(start).strip());
                return cells.toArray(new String[0]);
            }
            cells.add(line.substring(start, cut).strip());
            start = cut + 1;
        }
    }
}

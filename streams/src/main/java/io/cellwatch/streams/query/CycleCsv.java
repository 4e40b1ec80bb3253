package io.cellwatch.streams.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.cellwatch.model.CycleSummary;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * A channel's cycle history as CSV: a header row, then one row per cycle with the fields of
 * {@link CycleSummary} in their declared order (the same names as the JSON); empty cells for nulls.
 */
final class CycleCsv {
    private static final CsvMapper MAPPER = new CsvMapper();
    private static final CsvSchema SCHEMA = schema();

    private CycleCsv() {}

    static String write(List<CycleSummary> cycles) {
        try {
            return MAPPER.writer(SCHEMA).writeValueAsString(cycles);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> columns() {
        return SCHEMA.getColumnNames().stream().toList();
    }

    private static CsvSchema schema() {
        CsvSchema.Builder builder = CsvSchema.builder().setUseHeader(true);
        for (RecordComponent component : CycleSummary.class.getRecordComponents()) {
            builder.addColumn(component.getName());
        }
        return builder.build();
    }
}

package io.cellwatch.ingest.format.simcsv;

import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.RecordSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The simulator's own CSV (one channel per file, metadata in the header). */
public final class SimCsvFormat implements CyclerFormat {
    public static final String NAME = "cellwatch-sim";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "cellwatch simulator CSV, first line '" + SimCsvWriter.FORMAT_LINE + "'";
    }

    @Override
    public boolean recognises(Path file, List<String> firstLines) {
        return SimCsvReader.recognises(firstLines);
    }

    @Override
    public void read(Path file, RecordSink sink) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            SimCsvReader.read(in, file, sink::channel, sink::sample, sink::malformed);
        }
    }
}

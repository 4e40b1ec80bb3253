package io.cellwatch.ingest.format.simcsv;

import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.NamedFormat;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.RowReader;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.text.FileFormatException;
import io.cellwatch.model.ChannelInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;

/** The simulator's own CSV (one channel per file, metadata in the header). */
public final class SimCsvFormat extends NamedFormat {
    public static final String NAME = "cellwatch-sim";
    private static final int HEADER_LINES = 3;

    public SimCsvFormat() {
        super(NAME, "cellwatch simulator CSV, first line '" + SimCsvWriter.FORMAT_LINE + "'");
    }

    @Override
    public boolean recognises(Path file, List<String> firstLines) {
        return SimCsvReader.recognises(firstLines);
    }

    @Override
    public RowReader open(SourceFile source) {
        return new Reader(source);
    }

    /** Collects the three header lines, then parses rows; the channel comes from the header unless the user mapped it. */
    private static final class Reader implements RowReader {
        private final SourceFile source;
        private final StringBuilder header = new StringBuilder();
        private String channelId;

        Reader(SourceFile source) {
            this.source = source;
        }

        @Override
        public void line(String line, long lineNumber, RecordSink sink) throws IOException {
            if (lineNumber <= HEADER_LINES) {
                header.append(line).append('\n');
                if (lineNumber == HEADER_LINES) {
                    ChannelInfo channel = SimCsvReader.readHeader(
                            new BufferedReader(new StringReader(header.toString())), source.path());
                    if (source.channelMapped()) {
                        channel = new ChannelInfo(
                                channel.schemaVersion(),
                                source.channelId(),
                                channel.cellType(),
                                channel.chemistry(),
                                channel.electrodeAreaCm2(),
                                channel.activeMassG(),
                                channel.nominalCapacityAh(),
                                channel.protocol(),
                                channel.ceConvention());
                    }
                    channelId = channel.channelId();
                    sink.channel(channel);
                }
                return;
            }
            if (line.isBlank() || line.startsWith("#")) {
                return;
            }
            try {
                sink.sample(SimCsvReader.parseRow(channelId, line, source.path(), lineNumber));
            } catch (MalformedRowException e) {
                sink.malformed(e);
            }
        }

        @Override
        public void end(RecordSink sink) throws IOException {
            if (channelId == null) {
                throw new FileFormatException(
                        source.path(), 0, "the file ended inside its " + HEADER_LINES + "-line header");
            }
        }
    }
}

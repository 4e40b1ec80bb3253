package io.cellwatch.ingest.format;

import io.cellwatch.ingest.format.text.TextFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** One way cyclers write their data to files. */
public interface CyclerFormat {

    /** The name users pass to {@code --format}. */
    String name();

    /** A short description for help texts and "formats tried" messages. */
    String description();

    /** Whether a file looks like this format, judged from its first lines (up to {@link CyclerFormats#SNIFF_LINES}). */
    boolean recognises(Path file, List<String> firstLines);

    /**
     * A reader for one file, to be fed its lines in order: the whole file ({@link #read}) or lines
     * as a cycler writes them ({@code ingest --follow}).
     */
    RowReader open(SourceFile source) throws IOException;

    /**
     * Reads a whole file into the sink in file order; metadata the file carries is handed over
     * before the first sample. Unreadable rows go to {@link RecordSink#malformed} and the rest
     * continues.
     *
     * @throws IOException when the file cannot be read at all or is not this format
     */
    default void read(SourceFile source, RecordSink sink) throws IOException {
        TextFiles.read(source.path(), open(source), sink);
    }

    /** {@link #read(SourceFile, RecordSink)} with the channel id taken from the file name and default metadata. */
    default void read(Path file, RecordSink sink) throws IOException {
        read(SourceFile.of(file), sink);
    }
}

package io.cellwatch.ingest.format.text;

import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.RowReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Whole-file reading on top of {@link LineAssembler}. */
public final class TextFiles {
    private static final int CHUNK = 1 << 16;

    private TextFiles() {}

    /** Feeds every line of a recorded file to the reader, the last one even without a newline, then ends it. */
    public static void read(Path file, RowReader reader, RecordSink sink) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            LineAssembler lines = new LineAssembler(0);
            long[] lineNumber = {0};
            byte[] buffer = new byte[CHUNK];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                lines.feed(buffer, 0, read, (line, end) -> reader.line(line, ++lineNumber[0], sink));
            }
            if (lines.hasPartialLine()) {
                reader.line(lines.takePartialLine(), ++lineNumber[0], sink);
            }
            reader.end(sink);
        }
    }

    /**
     * Up to {@code max} first lines of a file (the last one even without a newline). Stops at a line cut at
     * {@link LineAssembler#MAX_LINE_BYTES}: a file without a newline in its first megabyte is not text, and
     * reading a binary file of gigabytes to its end to learn so would take minutes.
     */
    public static List<String> firstLines(Path file, int max) throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            LineAssembler lines = new LineAssembler(0);
            byte[] buffer = new byte[8192];
            for (int read = in.read(buffer);
                    read >= 0
                            && out.size() < max
                            && lines.fedOffset() - lines.completeOffset() < LineAssembler.MAX_LINE_BYTES;
                    read = in.read(buffer)) {
                lines.feed(buffer, 0, read, (line, end) -> out.add(line));
            }
            if (out.size() < max && lines.hasPartialLine()) {
                out.add(lines.takePartialLine());
            }
        }
        return out.size() > max ? new ArrayList<>(out.subList(0, max)) : out;
    }
}

package io.cellwatch.ingest.format.simcsv;

import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.row.SampleRow;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.InvalidRecordException;
import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import io.cellwatch.model.WireCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads files written by {@link SimCsvWriter}. A row that cannot be read is reported as a
 * {@link MalformedRowException} naming file, line and field, and skipped; the rest of the file is
 * still read. A file that is not in this format fails as a whole.
 */
public final class SimCsvReader {
    private static final int COLUMN_COUNT = SimCsvWriter.COLUMNS.size();
    private static final String BOM = "\uFEFF";

    private SimCsvReader() {}

    /** True when these first lines of a file (at least the first) are this format, any version. */
    public static boolean recognises(List<String> firstLines) {
        return firstLines != null
                && !firstLines.isEmpty()
                && firstLines.get(0) != null
                && stripBom(firstLines.get(0)).startsWith(SimCsvWriter.FORMAT_PREFIX);
    }

    /**
     * Reads a whole file.
     *
     * @param samples   receives every readable row, in file order
     * @param rowErrors receives one exception per unreadable row
     * @return the channel's metadata from the file header
     * @throws IOException when the file cannot be read or is not this format (the message says which)
     */
    public static ChannelInfo read(Path file, Consumer<Sample> samples, Consumer<MalformedRowException> rowErrors)
            throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file, samples, rowErrors);
        }
    }

    /**
     * Reads from an open reader; file only names the source in messages. Does not close the reader.
     *
     * @see #read(Path, Consumer, Consumer)
     */
    public static ChannelInfo read(
            Reader reader, Path file, Consumer<Sample> samples, Consumer<MalformedRowException> rowErrors)
            throws IOException {
        return read(reader, file, channel -> {}, samples, rowErrors);
    }

    /**
     * Reads from an open reader, handing the channel's metadata to {@code onChannel} before the first
     * sample, so a consumer can set the channel up before its data arrives. Does not close the reader.
     */
    public static ChannelInfo read(
            Reader reader,
            Path file,
            Consumer<ChannelInfo> onChannel,
            Consumer<Sample> samples,
            Consumer<MalformedRowException> rowErrors)
            throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
        ChannelInfo channel = readHeader(in, file);
        onChannel.accept(channel);
        String id = channel.channelId();
        long lineNumber = 3;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                samples.accept(parseRow(id, line, file, lineNumber));
            } catch (MalformedRowException e) {
                rowErrors.accept(e);
            }
        }
        return channel;
    }

    /**
     * Reads the three header lines and returns the channel they describe.
     *
     * @throws IOException when they are not this format's header
     */
    public static ChannelInfo readHeader(BufferedReader in, Path file) throws IOException {
        String first = in.readLine();
        if (first == null || !stripBom(first).startsWith(SimCsvWriter.FORMAT_PREFIX)) {
            throw new IOException(file + ": not a cellwatch simulator CSV (line 1 should be '"
                    + SimCsvWriter.FORMAT_LINE + "', found " + quote(first) + ")");
        }
        if (!stripBom(first).strip().equals(SimCsvWriter.FORMAT_LINE)) {
            throw new IOException(file + ": unsupported cellwatch simulator CSV version: " + quote(first)
                    + " (this build reads '" + SimCsvWriter.FORMAT_LINE + "')");
        }
        String second = in.readLine();
        if (second == null || !second.startsWith(SimCsvWriter.CHANNEL_PREFIX)) {
            throw new IOException(file + ": line 2 should be '" + SimCsvWriter.CHANNEL_PREFIX
                    + "<channel JSON>', found " + quote(second));
        }
        ChannelInfo channel;
        try {
            channel = WireCodec.CHANNEL_INFO.fromJson(second.substring(SimCsvWriter.CHANNEL_PREFIX.length()));
        } catch (InvalidRecordException e) {
            throw new IOException(file + ": line 2: invalid channel metadata: " + e.getMessage(), e);
        }
        String header = in.readLine();
        if (header == null || !header.strip().equals(SimCsvWriter.HEADER)) {
            throw new IOException(
                    file + ": line 3 should be the header '" + SimCsvWriter.HEADER + "', found " + quote(header));
        }
        return channel;
    }

    /**
     * Parses one data row (for readers that follow a growing file line by line).
     *
     * @throws MalformedRowException naming the first field that cannot be read
     */
    public static Sample parseRow(String channelId, String line, Path file, long lineNumber)
            throws MalformedRowException {
        String[] f = new String[COLUMN_COUNT];
        int start = 0;
        int count = 0;
        while (true) {
            int comma = line.indexOf(',', start);
            String cell = comma < 0 ? line.substring(start) : line.substring(start, comma);
            if (count == COLUMN_COUNT) {
                throw new MalformedRowException(file, lineNumber, "row", "more than " + COLUMN_COUNT + " fields");
            }
            f[count++] = cell.strip();
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
        if (count < COLUMN_COUNT) {
            throw new MalformedRowException(
                    file,
                    lineNumber,
                    SimCsvWriter.COLUMNS.get(count),
                    "missing: the row has " + count + " fields, " + COLUMN_COUNT + " expected");
        }
        RowParser p = new RowParser(f, file, lineNumber);
        SampleRow r = new SampleRow();
        r.dataPoint = p.requiredLong(0);
        r.wallTimeMs = f[1].isEmpty() ? null : p.requiredLong(1);
        r.testTimeS = p.requiredDouble(2);
        r.cycleIndex = p.requiredInt(3);
        r.stepIndex = p.requiredInt(4);
        r.stepType = p.stepType(5);
        r.voltageV = p.requiredDouble(6);
        r.currentA = p.requiredDouble(7);
        r.chargeAh = p.optionalDouble(8);
        r.dischargeAh = p.optionalDouble(9);
        r.chargeWh = p.optionalDouble(10);
        r.dischargeWh = p.optionalDouble(11);
        r.temperatureC = p.optionalDouble(12);
        return r.toSample(channelId, r.dataPoint, file, lineNumber);
    }

    /** Field parsing with errors that name the column. */
    private record RowParser(String[] f, Path file, long line) {
        long requiredLong(int i) throws MalformedRowException {
            return parsed(i, Long::parseLong, "not an integer: ");
        }

        int requiredInt(int i) throws MalformedRowException {
            long v = requiredLong(i);
            if (v != (int) v) {
                throw malformed(i, "not an integer: " + quote(f[i]), null);
            }
            return (int) v;
        }

        double requiredDouble(int i) throws MalformedRowException {
            return number(i, required(i));
        }

        Double optionalDouble(int i) throws MalformedRowException {
            return f[i].isEmpty() ? null : number(i, f[i]);
        }

        StepType stepType(int i) throws MalformedRowException {
            return parsed(i, StepType::valueOf, "not a step type (CHARGE, DISCHARGE, REST, OTHER): ");
        }

        private <T> T parsed(int i, Function<String, T> parse, String expected) throws MalformedRowException {
            String s = required(i);
            try {
                return parse.apply(s);
            } catch (IllegalArgumentException e) {
                throw malformed(i, expected + quote(s), e);
            }
        }

        private double number(int i, String s) throws MalformedRowException {
            double v;
            try {
                v = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw malformed(i, "not a number: " + quote(s), e);
            }
            if (!Double.isFinite(v)) {
                throw malformed(i, "not a finite number: " + quote(s), null);
            }
            return v;
        }

        private String required(int i) throws MalformedRowException {
            if (f[i].isEmpty()) {
                throw malformed(i, "missing", null);
            }
            return f[i];
        }

        private MalformedRowException malformed(int i, String reason, Throwable cause) {
            return new MalformedRowException(file, line, SimCsvWriter.COLUMNS.get(i), reason, cause);
        }
    }

    private static String stripBom(String s) {
        return s.startsWith(BOM) ? s.substring(1) : s;
    }

    private static String quote(String s) {
        if (s == null) {
            return "end of file";
        }
        return "'" + (s.length() > 80 ? s.substring(0, 80) + "…" : s) + "'";
    }
}

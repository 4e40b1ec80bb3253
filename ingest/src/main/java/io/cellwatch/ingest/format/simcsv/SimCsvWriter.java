package io.cellwatch.ingest.format.simcsv;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.cellwatch.model.WireCodec;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Writes one channel's samples in the cellwatch simulator CSV format:
 *
 * <pre>
 * # cellwatch-sim 1
 * # channel {"schemaVersion":1,"channelId":"sim-ncm-001",...}      (ChannelInfo JSON)
 * dataPoint,wallTimeMs,testTimeS,cycleIndex,stepIndex,stepType,voltageV,currentA,chargeCapacityAh,...
 * 1,1736150400000,0.0,1,1,CHARGE,3.61234,0.0015,0.0,0.0,0.0,0.0,25.1
 * </pre>
 *
 * Numbers are written in Java's shortest round-trip decimal form, so {@link SimCsvReader} gives back
 * exactly the doubles written; an empty cell is a null. Rows are formatted into one reused buffer:
 * no strings are built per row.
 */
public final class SimCsvWriter implements Closeable, Flushable {
    /** The first line of every file in this format; the number is the format version. */
    public static final String FORMAT_LINE = "# cellwatch-sim 1";
    /** Prefix of the first line, whatever the version. */
    static final String FORMAT_PREFIX = "# cellwatch-sim ";
    /** Prefix of the second line, followed by the channel's {@link ChannelInfo} as JSON. */
    public static final String CHANNEL_PREFIX = "# channel ";
    /** The columns, in order: the {@link Sample} fields except schema version and channel id. */
    public static final List<String> COLUMNS = List.of(
            "dataPoint",
            "wallTimeMs",
            "testTimeS",
            "cycleIndex",
            "stepIndex",
            "stepType",
            "voltageV",
            "currentA",
            "chargeCapacityAh",
            "dischargeCapacityAh",
            "chargeEnergyWh",
            "dischargeEnergyWh",
            "temperatureC");
    /** The header line. */
    public static final String HEADER = String.join(",", COLUMNS);

    private static final int BUFFER_CHARS = 1 << 16;

    private final Writer out;
    private final String channelId;
    private final StringBuilder row = new StringBuilder(192);
    private char[] chars = new char[192];
    private long rows;

    /** Writes the three header lines to out; the writer takes ownership of out. */
    public SimCsvWriter(Writer out, ChannelInfo channel) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        this.channelId = Objects.requireNonNull(channel, "channel").channelId();
        out.write(FORMAT_LINE);
        out.write('\n');
        out.write(CHANNEL_PREFIX);
        out.write(WireCodec.CHANNEL_INFO.toJson(channel));
        out.write('\n');
        out.write(HEADER);
        out.write('\n');
    }

    /** Creates (or replaces) file, UTF-8 and buffered, and writes the header lines. */
    public static SimCsvWriter create(Path file, ChannelInfo channel) throws IOException {
        Writer w = new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), BUFFER_CHARS);
        try {
            return new SimCsvWriter(w, channel);
        } catch (IOException | RuntimeException e) {
            w.close();
            throw e;
        }
    }

    /**
     * Appends one sample.
     *
     * @throws IllegalArgumentException when the sample belongs to another channel
     */
    public void write(Sample s) throws IOException {
        if (!channelId.equals(s.channelId())) {
            throw new IllegalArgumentException(
                    "sample of channel " + s.channelId() + " written to the file of " + channelId);
        }
        StringBuilder b = row;
        b.setLength(0);
        // StringBuilder.append(double) writes the same digits as Double.toString without a String.
        b.append(s.dataPoint()).append(',');
        if (s.wallTimeMs() != null) {
            b.append(s.wallTimeMs().longValue());
        }
        b.append(',')
                .append(s.testTimeS())
                .append(',')
                .append(s.cycleIndex())
                .append(',')
                .append(s.stepIndex())
                .append(',')
                .append(s.stepType().name())
                .append(',')
                .append(s.voltageV())
                .append(',')
                .append(s.currentA());
        appendNullable(b, s.chargeCapacityAh());
        appendNullable(b, s.dischargeCapacityAh());
        appendNullable(b, s.chargeEnergyWh());
        appendNullable(b, s.dischargeEnergyWh());
        appendNullable(b, s.temperatureC());
        b.append('\n');
        int n = b.length();
        if (chars.length < n) {
            chars = new char[Math.max(n, 2 * chars.length)];
        }
        b.getChars(0, n, chars, 0);
        out.write(chars, 0, n);
        rows++;
    }

    private static void appendNullable(StringBuilder b, Double value) {
        b.append(',');
        if (value != null) {
            b.append(value.doubleValue());
        }
    }

    /** Sample rows written so far. */
    public long rowsWritten() {
        return rows;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

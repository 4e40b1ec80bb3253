package io.cellwatch.ingest.format.biologic;

import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.RowReader;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.row.SampleRow;
import io.cellwatch.ingest.format.text.Cells;
import io.cellwatch.ingest.format.text.FileFormatException;
import io.cellwatch.ingest.format.text.Header;
import io.cellwatch.ingest.format.text.Header.Column;
import io.cellwatch.ingest.format.text.HeaderedRowReader;
import io.cellwatch.ingest.format.text.TimeValues;
import io.cellwatch.ingest.format.text.Units;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BioLogic EC-Lab / BT-Lab text exports ({@code .mpt}, {@code .txt}): tab- or semicolon-separated,
 * latin-1, an optional {@code EC-Lab ASCII FILE} preamble whose {@code Nb header lines : N} says
 * where the column row is, columns named with slash units ({@code time/s}, {@code Ewe/V} or
 * {@code Ecell/V}, {@code I/mA}, {@code Q charge/mA.h}, {@code Q discharge/mA.h},
 * {@code Energy charge/W.h}, {@code Energy discharge/W.h} written negative, {@code cycle number},
 * {@code Ns}). Time is seconds or an absolute {@code MM/DD/YYYY hh:mm:ss.fff} stamp; numbers may
 * use a decimal comma.
 *
 * <p>{@code Q charge} and {@code Q discharge} count up through a half cycle and reset when the
 * direction changes; they go to the summarizer as they are.
 */
public final class EcLabTextFormat implements CyclerFormat {
    public static final String NAME = "biologic";
    private static final Pattern HEADER_LINES = Pattern.compile("Nb header lines\\s*:\\s*(\\d+)");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "BioLogic EC-Lab text (.mpt/.txt): 'EC-Lab ASCII FILE' preamble or a 'time/s', 'Ewe/V' or 'Ecell/V' header, tab or ';'";
    }

    @Override
    public boolean recognises(Path file, List<String> firstLines) {
        if (firstLines.isEmpty()) {
            return false;
        }
        String first = firstLines.get(0);
        if (first.startsWith("EC-Lab ASCII FILE") || first.startsWith("BT-Lab ASCII FILE")) {
            return true;
        }
        for (String line : firstLines) {
            if (isColumnRow(line)) {
                return true;
            }
        }
        return false;
    }

    static boolean isColumnRow(String line) {
        boolean delimited = line.indexOf('\t') >= 0 || line.indexOf(';') >= 0;
        return delimited
                && line.contains("time/s")
                && (line.contains("Ewe/V") || line.contains("Ecell/V") || line.contains("<Ewe>/V"));
    }

    @Override
    public RowReader open(SourceFile source) {
        return new Reader(source);
    }

    private static final class Reader extends HeaderedRowReader {
        private final TimeValues.WallClock wallClock;
        private long headerLine = -1;
        private Column time;
        private double timeScale;
        private Column voltage;
        private double voltageScale;
        private Column current;
        private double currentScale;
        private Column chargeQ;
        private Column dischargeQ;
        private double capacityScale;
        private Column chargeE;
        private Column dischargeE;
        private double energyScale;
        private Column cycle;
        private Column step;
        private Column temperature;
        private Double firstTimeS;

        Reader(SourceFile source) {
            super(source);
            this.wallClock = new TimeValues.WallClock(source.zone());
        }

        @Override
        protected void preamble(String line, long lineNumber) {
            Matcher m = HEADER_LINES.matcher(line);
            if (m.find()) {
                headerLine = Long.parseLong(m.group(1));
            }
        }

        @Override
        protected boolean isHeader(String line, long lineNumber) {
            return headerLine > 0 ? lineNumber == headerLine : isColumnRow(line);
        }

        @Override
        protected char delimiter(String headerLine) {
            return headerLine.indexOf('\t') >= 0 ? '\t' : ';';
        }

        @Override
        protected String expectedHeader() {
            return headerLine > 0
                    ? "column row at line " + headerLine + " ('Nb header lines')"
                    : "EC-Lab column row (with 'time/s' and 'Ewe/V' or 'Ecell/V', tab or ';')";
        }

        @Override
        protected Header.UnitStyle unitStyle() {
            return Header.UnitStyle.SLASH;
        }

        @Override
        protected boolean decimalComma(char delimiter) {
            return true;
        }

        @Override
        protected void bind(Header h, long line) throws IOException {
            Path file = source.path();
            time = h.require(file, line, "time", "time");
            voltage = h.require(file, line, "voltage", "Ewe", "Ecell", "<Ewe>", "<Ecell>");
            current = h.find("I", "<I>");
            if (current == null) {
                throw new FileFormatException(
                        file,
                        line,
                        "no current column (looked for 'I/mA', '<I>/mA'); a file "
                                + "recorded at a constant current can be read with --format generic and a mapping that "
                                + "gives 'constantCurrent'");
            }
            chargeQ = h.find("Q charge");
            dischargeQ = h.find("Q discharge");
            chargeE = h.find("Energy charge");
            dischargeE = h.find("Energy discharge");
            cycle = h.find("cycle number");
            step = h.find("Ns");
            temperature = h.find("Temperature", "T");
            try {
                timeScale = Units.time(time.unitOr("s"));
                voltageScale = Units.voltage(voltage.unitOr("V"));
                currentScale = Units.current(current.unitOr("mA"));
                capacityScale = chargeQ == null ? 1 : Units.capacity(chargeQ.unitOr("mAh"));
                energyScale = chargeE == null ? 1 : Units.energy(chargeE.unitOr("Wh"));
            } catch (IllegalArgumentException e) {
                throw new FileFormatException(file, line, e.getMessage());
            }
        }

        @Override
        protected boolean read(Cells c, SampleRow r, RecordSink sink) throws MalformedRowException {
            String t = c.text(time);
            double seconds;
            if (t.indexOf('/') > 0 || t.indexOf('-') > 0 && t.indexOf(':') > 0) {
                try {
                    long ms = wallClock.epochMillis(t);
                    r.wallTimeMs = ms;
                    seconds = ms / 1000.0;
                } catch (IllegalArgumentException e) {
                    throw c.malformed(time, e.getMessage());
                }
            } else {
                seconds = c.number(time) * timeScale;
            }
            if (firstTimeS == null) {
                firstTimeS = seconds;
            }
            r.testTimeS = r.wallTimeMs != null ? seconds - firstTimeS : seconds;
            r.voltageV = c.number(voltage) * voltageScale;
            r.currentA = c.number(current) * currentScale;
            r.cycleIndex = cycle == null ? 0 : c.integer(cycle);
            r.stepIndex = step == null ? 0 : c.integer(step);
            r.chargeAh = SampleRow.counter(c.optionalNumber(chargeQ), capacityScale);
            r.dischargeAh = SampleRow.counter(c.optionalNumber(dischargeQ), capacityScale);
            r.chargeWh = SampleRow.counter(c.optionalNumber(chargeE), energyScale);
            r.dischargeWh = SampleRow.counter(c.optionalNumber(dischargeE), energyScale);
            r.temperatureC = c.optionalNumber(temperature);
            return true;
        }
    }
}

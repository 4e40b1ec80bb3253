package io.cellwatch.ingest.format.biologic;

import static io.cellwatch.ingest.format.layout.Quantity.CHARGE_CAPACITY;
import static io.cellwatch.ingest.format.layout.Quantity.CHARGE_ENERGY;
import static io.cellwatch.ingest.format.layout.Quantity.CHARGE_INCREMENT;
import static io.cellwatch.ingest.format.layout.Quantity.CURRENT;
import static io.cellwatch.ingest.format.layout.Quantity.CYCLE;
import static io.cellwatch.ingest.format.layout.Quantity.DISCHARGE_CAPACITY;
import static io.cellwatch.ingest.format.layout.Quantity.DISCHARGE_ENERGY;
import static io.cellwatch.ingest.format.layout.Quantity.HALF_CYCLE;
import static io.cellwatch.ingest.format.layout.Quantity.HALF_CYCLE_CHARGE;
import static io.cellwatch.ingest.format.layout.Quantity.NET_CHARGE;
import static io.cellwatch.ingest.format.layout.Quantity.STEP;
import static io.cellwatch.ingest.format.layout.Quantity.TEMPERATURE;
import static io.cellwatch.ingest.format.layout.Quantity.TEST_TIME;
import static io.cellwatch.ingest.format.layout.Quantity.VOLTAGE;

import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.NamedFormat;
import io.cellwatch.ingest.format.RowReader;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.layout.BoundColumns;
import io.cellwatch.ingest.format.layout.ColumnLayout;
import io.cellwatch.ingest.format.layout.CounterRule;
import io.cellwatch.ingest.format.layout.LayoutRowReader;
import io.cellwatch.ingest.format.row.DirectionCycles;
import io.cellwatch.ingest.format.row.HalfCycleCounters;
import io.cellwatch.ingest.format.row.NetChargeSplit;
import io.cellwatch.ingest.format.row.SampleRow;
import io.cellwatch.ingest.format.text.Cells;
import io.cellwatch.ingest.format.text.FileFormatException;
import io.cellwatch.ingest.format.text.Header;
import io.cellwatch.ingest.format.text.Header.Column;
import io.cellwatch.model.StepType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BioLogic EC-Lab / BT-Lab text exports ({@code .mpt}, {@code .txt}), EC-Lab 11.12 to 11.61 and
 * BT-Lab 1.79: tab- or semicolon-separated, windows-1252 (or UTF-8), an optional
 * {@code EC-Lab ASCII FILE} preamble whose {@code Nb header lines : N} says where the column row is
 * and whose next line names the technique, columns named with slash units ({@code time/s},
 * {@code Ewe/V}, {@code <Ewe>/V}, {@code <Ewe/V>} or {@code Ecell/V}, {@code I/mA} or
 * {@code <I>/mA}, {@code Q charge/discharge/mA.h}, {@code (Q-Qo)/mA.h}, {@code control/V/mA}, ...;
 * the unit is the part after the last slash). Time is seconds or an absolute
 * {@code MM/DD/YYYY hh:mm:ss.fff} stamp; numbers may use a decimal comma (German-locale exports).
 *
 * <p>Counters: EC-Lab's {@code Q charge/discharge} (split by its export into {@code Q charge} and
 * {@code Q discharge}) is the net charge of the current half cycle and falls when a little charge
 * flows back within it, which is not a reset: {@link HalfCycleCounters} holds it at its largest
 * within the half cycle, so rows without a fall carry exactly EC-Lab's values. Files without those
 * columns take charge from {@code dq} (charge since the previous row) or else {@code (Q-Qo)}, split
 * by sign ({@link NetChargeSplit}). {@code Energy charge} and {@code Energy discharge} count per
 * cycle and go to the summarizer as written (discharge energy is written negative and kept positive).
 *
 * <p>Open-circuit exports (OCV) have no current column: their rows are in control mode 3 (open
 * circuit) and are read at zero current. Impedance, voltammetry and Wait exports are refused as
 * not battery-cycling data ({@link EcLabTechniques}); so are EC-Lab's settings, log and loop files.
 */
public final class EcLabTextFormat extends NamedFormat {
    public static final String NAME = "biologic";
    private static final Pattern HEADER_LINES = Pattern.compile("Nb header lines\\s*:\\s*(\\d+)");
    /** EC-Lab's control mode of a row at open circuit (1 galvanostatic, 2 potentiostatic, 3 rest). */
    private static final int OPEN_CIRCUIT_MODE = 3;
    /** A million half cycles is two years of one-minute half cycles: a count beyond it is garbled, not a cycle. */
    private static final long MAX_HALF_CYCLE = 1_000_000;
    /** The same, as the mode column writes it (a mode the row leaves out or garbles is no open circuit). */
    private static final String OPEN_CIRCUIT = String.valueOf(OPEN_CIRCUIT_MODE);

    static final ColumnLayout LAYOUT = ColumnLayout.builder()
            .required(TEST_TIME, "time")
            .required(VOLTAGE, "Ewe", "Ecell", "<Ewe>", "<Ecell>")
            .optional(CURRENT, "I", "<I>")
            .defaultUnit(CURRENT, "mA")
            .optional(CYCLE, "cycle number")
            .optional(STEP, "Ns")
            .optional(HALF_CYCLE_CHARGE, "Q charge/discharge")
            .optional(HALF_CYCLE, "half cycle")
            .optional(CHARGE_CAPACITY, "Q charge")
            .optional(DISCHARGE_CAPACITY, "Q discharge")
            .optional(CHARGE_INCREMENT, "dq")
            .optional(NET_CHARGE, "(Q-Qo)")
            .optional(CHARGE_ENERGY, "Energy charge", "Energy we charge")
            .optional(DISCHARGE_ENERGY, "Energy discharge", "Energy we discharge")
            .optional(TEMPERATURE, "Temperature", "T")
            .counters(CounterRule.NET_PER_HALF_CYCLE)
            .build();

    public EcLabTextFormat() {
        super(
                NAME,
                "BioLogic EC-Lab text (.mpt/.txt): 'EC-Lab ASCII FILE' preamble or a 'time/s', 'Ewe/V' or 'Ecell/V' header, tab or ';'");
    }

    @Override
    public boolean recognises(Path file, List<String> firstLines) {
        if (firstLines.isEmpty()) {
            return false;
        }
        String first = firstLines.get(0);
        if (first.startsWith("EC-Lab ASCII FILE")
                || first.startsWith("BT-Lab ASCII FILE")
                || EcLabTechniques.notData(first).isPresent()) {
            return true;
        }
        return firstLines.stream().anyMatch(EcLabTextFormat::isColumnRow);
    }

    static boolean isColumnRow(String line) {
        boolean delimited = line.indexOf('\t') >= 0 || line.indexOf(';') >= 0;
        return delimited && line.contains("time/s") && (line.contains("Ewe") || line.contains("Ecell"));
    }

    @Override
    public RowReader open(SourceFile source) {
        return new Reader(source);
    }

    /** The layout behind EC-Lab's preamble, with its technique check and the open-circuit rule. */
    private static final class Reader extends LayoutRowReader {
        private long headerLine = -1;
        private boolean techniqueSeen;
        /** The control mode column, wherever the file has one (a file without a current must have it). */
        private Column modeColumn;
        /** Cycles from the direction, for an export with neither {@code cycle number} nor {@code half cycle}. */
        private final DirectionCycles directionCycles = new DirectionCycles();

        Reader(SourceFile source) {
            super(source, LAYOUT);
        }

        @Override
        protected void preamble(String line, long lineNumber) throws IOException {
            if (lineNumber == 1) {
                Optional<String> notData = EcLabTechniques.notData(line);
                if (notData.isPresent()) {
                    throw new FileFormatException(
                            source.path(),
                            lineNumber,
                            "not cycler data: " + notData.get() + "; replay the run's .mpt text export");
                }
            }
            Matcher m = HEADER_LINES.matcher(line);
            if (m.find()) {
                // More digits than a long holds is no EC-Lab file's count (fuzzing found one): taken as too many.
                String count = m.group(1);
                headerLine = count.length() > 9 ? Integer.MAX_VALUE : Long.parseLong(count);
            } else if (headerLine > 0 && !techniqueSeen && !line.isBlank()) {
                // The first line after "Nb header lines" that says something names the technique.
                techniqueSeen = true;
                Optional<String> refused = EcLabTechniques.notCycling(line);
                if (refused.isPresent()) {
                    throw new FileFormatException(
                            source.path(), lineNumber, EcLabTechniques.refusal(line, refused.get()));
                }
            }
        }

        /**
         * EC-Lab exports the columns the user ticks. Without {@code cycle number}: half its {@code half cycle}, which
         * is EC-Lab's own numbering (equal to {@code cycle number} on every row of the real exports that have both);
         * without either, counted from the direction from 0 as EC-Lab counts, rows at open circuit (mode 3: a
         * Modulo Bat sequence's may still show a current) in the cycle they fall in. An open-circuit export (no
         * current) stays one cycle.
         */
        private int cycleWithoutItsColumn(Cells c, SampleRow r, BoundColumns columns) throws MalformedRowException {
            if (columns.has(HALF_CYCLE)) {
                long halfCycle = c.longInteger(columns.column(HALF_CYCLE));
                if (halfCycle < 0 || halfCycle > MAX_HALF_CYCLE) {
                    throw c.malformed(columns.column(HALF_CYCLE), "not a half cycle count: " + halfCycle);
                }
                return (int) (halfCycle / 2);
            }
            boolean openCircuit =
                    modeColumn != null && c.text(modeColumn).strip().equals(OPEN_CIRCUIT);
            return (openCircuit ? directionCycles.cycleOf(StepType.REST) : directionCycles.cycleOf(r)) - 1;
        }

        @Override
        protected boolean isHeader(String line, long lineNumber) {
            return headerLine > 0 ? lineNumber == headerLine : isColumnRow(line);
        }

        @Override
        protected long preambleLimit() {
            // A sequence of linked techniques writes each one's settings: "Nb header lines" of several hundred.
            return headerLine > 0 ? Math.min(headerLine + 1, MAX_DECLARED_HEADER_LINE) : MAX_PREAMBLE_LINES;
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
        protected void bound(Header header, BoundColumns columns, long line) throws IOException {
            if (header.size() > 0 && header.name(0).strip().equals("freq/Hz")) {
                throw new FileFormatException(
                        source.path(),
                        line,
                        "not battery-cycling data: an impedance spectroscopy export (every row a frequency, "
                                + "first column 'freq/Hz'); cellwatch reads cycling techniques");
            }
            modeColumn = header.find("mode");
            if (!columns.has(CURRENT)) {
                if (modeColumn == null) {
                    throw new FileFormatException(
                            source.path(),
                            line,
                            "no current column (looked for 'I/mA', '<I>/mA'); a file recorded at a constant "
                                    + "current can be read with --format generic and a mapping that gives "
                                    + "'constantCurrent'");
                }
            }
        }

        @Override
        protected void adjust(Cells c, SampleRow r, BoundColumns columns) throws MalformedRowException {
            if (!columns.has(CYCLE) && columns.has(CURRENT)) {
                r.cycleIndex = cycleWithoutItsColumn(c, r, columns);
            }
            if (!columns.has(CURRENT)) {
                int m = c.integer(modeColumn);
                if (m != OPEN_CIRCUIT_MODE) {
                    throw c.malformed(
                            modeColumn,
                            "the file has no current column, and this row is in control mode " + m
                                    + ", not at open circuit (3)");
                }
                r.currentA = 0;
            }
        }
    }
}

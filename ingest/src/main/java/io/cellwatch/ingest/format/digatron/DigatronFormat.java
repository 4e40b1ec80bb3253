package io.cellwatch.ingest.format.digatron;

import static io.cellwatch.ingest.format.layout.Quantity.CHARGE_CAPACITY;
import static io.cellwatch.ingest.format.layout.Quantity.CHARGE_ENERGY;
import static io.cellwatch.ingest.format.layout.Quantity.CURRENT;
import static io.cellwatch.ingest.format.layout.Quantity.CYCLE;
import static io.cellwatch.ingest.format.layout.Quantity.DISCHARGE_CAPACITY;
import static io.cellwatch.ingest.format.layout.Quantity.DISCHARGE_ENERGY;
import static io.cellwatch.ingest.format.layout.Quantity.STEP;
import static io.cellwatch.ingest.format.layout.Quantity.STEP_TYPE;
import static io.cellwatch.ingest.format.layout.Quantity.TEMPERATURE;
import static io.cellwatch.ingest.format.layout.Quantity.TEST_TIME;
import static io.cellwatch.ingest.format.layout.Quantity.VOLTAGE;
import static io.cellwatch.ingest.format.layout.Quantity.WALL_TIME;

import io.cellwatch.ingest.format.NamedFormat;
import io.cellwatch.ingest.format.RowReader;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.layout.BoundColumns;
import io.cellwatch.ingest.format.layout.ColumnLayout;
import io.cellwatch.ingest.format.layout.LayoutRowReader;
import io.cellwatch.ingest.format.row.DirectionCycles;
import io.cellwatch.ingest.format.row.StepTypes;
import io.cellwatch.ingest.format.text.Cells;
import io.cellwatch.ingest.format.text.Delimited;
import io.cellwatch.ingest.format.text.Header;
import io.cellwatch.ingest.format.text.Units;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Digatron CSV exports (BTS-600 and its successors): a comma-separated header on the first line (semicolons or
 * tabs, with decimal commas, from a PC whose locale writes them) whose names
 * carry their unit after a {@code #} ({@code Timestamp, Step, Cycle, Status, Voltage#V, Current#A, AhCha#Ah,
 * AhDch#Ah, WhCha#Wh, WhDch#Wh, T1#degC, Tenv#degC, Program Duration#s}), the unit's case not kept the same
 * within a file ({@code AhCha#AH} beside {@code AhDch#Ah}: units are read whatever their case). The current is
 * positive on charge, as cellwatch's; {@code Status} says {@code CHA}, {@code DCH} or {@code PAU}
 * ({@link StepTypes#digatron}).
 *
 * <p>Older exports begin {@code Step,Status,Step Time,Prog Time,...}, with no {@code #} units and a row of units
 * under the header (read as the columns' units, not as a row; BTS-600 writes them in brackets, {@code [mA]}),
 * and take test time from {@code Prog Time}. BTS-600 writes rows of metadata above the header ({@code Version},
 * {@code Start of Test}), which are passed over.
 * Otherwise test time is counted from the {@code Timestamp} (ISO-8601 with an offset, {@code 2025-06-06
 * 09:10:07.970000+00:00}, fractional seconds written only when not zero), never from {@code Program
 * Duration#s}, which exports have been seen to write in milliseconds under its seconds header. The
 * charge and discharge counters are read as written (they rise within the span Digatron counts them over
 * and fall only where it resets them). Without a {@code Cycle} column, cycles come from the direction
 * ({@link DirectionCycles}). The cell temperature is {@code T1}, else the chamber's {@code Tenv}.
 */
public final class DigatronFormat extends NamedFormat {
    public static final String NAME = "digatron";

    static final ColumnLayout LAYOUT = ColumnLayout.builder()
            .optional(WALL_TIME, "Timestamp")
            // Older exports: no timestamp, the program's time as a duration (hh:mm:ss), a row of units under the
            // header.
            .optional(TEST_TIME, "Prog Time")
            .optional(CYCLE, "Cycle")
            .optional(STEP, "Step")
            .optional(STEP_TYPE, "Status")
            .required(VOLTAGE, "Voltage")
            .required(CURRENT, "Current")
            .optional(CHARGE_CAPACITY, "AhCha")
            .optional(DISCHARGE_CAPACITY, "AhDch")
            .optional(CHARGE_ENERGY, "WhCha")
            .optional(DISCHARGE_ENERGY, "WhDch")
            .optional(TEMPERATURE, "T1", "LogTemp001", "Tenv")
            .stepTypes(StepTypes::digatron)
            .build();

    public DigatronFormat() {
        super(
                NAME,
                "Digatron CSV: 'Timestamp,...,Voltage#V,Current#A,...' with units after '#' "
                        + "(AhCha#Ah, AhDch#Ah, T1#degC, ...)");
    }

    /** The header on the first line, or below rows of metadata (BTS-600: {@code Version}, {@code Start of Test}). */
    @Override
    public boolean recognises(Path file, List<String> firstLines) {
        return firstLines.stream().anyMatch(DigatronFormat::isHeaderLine);
    }

    /**
     * The first line names the timestamp ({@code Timestamp} or {@code Time Stamp}), {@code Voltage#V} and
     * {@code Current#A}, in any case, separated by commas (or, from a PC whose locale writes a decimal comma,
     * semicolons or tabs).
     */
    static boolean isHeaderLine(String line) {
        String s = line.strip().toLowerCase(Locale.ROOT);
        boolean delimited = s.indexOf(',') > 0 || s.indexOf(';') > 0 || s.indexOf('\t') > 0;
        String compact = s.replace(" ", "");
        boolean current = compact.contains("timestamp") && s.contains("voltage#") && s.contains("current#");
        boolean older = compact.replace(';', ',').replace('\t', ',').startsWith("step,status,steptime,progtime,");
        return delimited && (current || older);
    }

    @Override
    public RowReader open(SourceFile source) {
        return new Reader(source);
    }

    /** The layout, its delimiter from the header, cycles derived where the file counts none. */
    private static final class Reader extends LayoutRowReader {
        private String headerLine = "";
        /** Whether a row has been taken for a sample: a units row is looked for only before. */
        private boolean sampleSeen;

        Reader(SourceFile source) {
            super(source, LAYOUT);
        }

        @Override
        protected Header.UnitStyle unitStyle() {
            return Header.UnitStyle.HASH;
        }

        @Override
        protected String expectedHeader() {
            return "Digatron header ('Timestamp,...,Voltage#V,Current#A,...' or 'Step,Status,Step Time,Prog Time,...')";
        }

        /**
         * The first line that is a Digatron header, or that has a column named {@code Voltage} and one named
         * {@code Current} (their units after {@code #} or in brackets; a variant read with {@code --format
         * digatron}): rows of metadata above it ({@code Voltage Limit [V],4.2,...}) name neither.
         */
        @Override
        protected boolean isHeader(String line, long lineNumber) {
            if (isHeaderLine(line)) {
                return true;
            }
            boolean voltage = false;
            boolean current = false;
            for (String cell : line.split(Pattern.quote(String.valueOf(Header.delimiterOf(line))), -1)) {
                String name = bareName(cell);
                voltage |= name.equals("voltage");
                current |= name.equals("current");
            }
            return voltage && current;
        }

        /** A header cell's name without its unit ({@code Voltage#V}, {@code Voltage [V]}), in lower case. */
        private static String bareName(String cell) {
            String name = cell.strip().replace("\"", "");
            for (char unitMark : new char[] {'#', '[', '('}) {
                int at = name.indexOf(unitMark);
                name = at >= 0 ? name.substring(0, at) : name;
            }
            return name.strip().toLowerCase(Locale.ROOT);
        }

        /**
         * The row of units some exports write under the header ({@code ,,hh:mm:ss,hh:mm:ss,V,A,Ah,...}), told by
         * its voltage cell being a unit: the columns are bound again with those units ({@code mV}, {@code mA},
         * {@code mAh} are read as such), a duration's pattern ({@code hh:mm:ss}) left out, since a duration reads
         * whatever its unit. A unit no reader knows refuses the file, naming it.
         */
        @Override
        protected boolean isSample(Cells c, BoundColumns columns) throws IOException {
            if (c.allBlank()) {
                return false; // a row of delimiters alone (BTS-600 writes them between steps): nothing to read
            }
            // The units row comes before any sample: looked for until one has come, not on the first row only,
            // so an empty row above it does not leave milliamperes read as amperes.
            if (sampleSeen || !isUnit(unit(c.text(columns.column(VOLTAGE))))) {
                sampleSeen = true;
                return true;
            }
            char delimiter = Header.delimiterOf(headerLine);
            String[] names = new Delimited(delimiter).split(headerLine);
            String[] withUnits = new String[names.length];
            for (int i = 0; i < names.length; i++) {
                String unit = unit(c.text(new Header.Column(i, names[i], null)));
                boolean named = names[i].indexOf('#') > 0;
                withUnits[i] = named || unit.isEmpty() || unit.indexOf(':') >= 0 ? names[i] : names[i] + "#" + unit;
            }
            bind(new Header(withUnits, Header.UnitStyle.HASH), c.line());
            return false;
        }

        /** A cell of the units row: {@code mA}, or {@code [mA]} as BTS-600 writes it. */
        private static String unit(String cell) {
            String unit = cell.strip();
            return unit.length() >= 2 && unit.startsWith("[") && unit.endsWith("]")
                    ? unit.substring(1, unit.length() - 1).strip()
                    : unit;
        }

        private static boolean isUnit(String voltageCell) {
            try {
                Units.voltage(voltageCell);
                return true;
            } catch (IllegalArgumentException notAUnit) {
                return false;
            }
        }

        /** Kept to bind the columns again with a row of units. */
        @Override
        protected String headerText(String headerLine) {
            this.headerLine = headerLine;
            return headerLine;
        }

        @Override
        protected boolean cyclesFromDirection(BoundColumns columns) {
            return !columns.has(CYCLE);
        }
    }
}

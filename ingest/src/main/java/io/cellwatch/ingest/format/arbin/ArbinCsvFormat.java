package io.cellwatch.ingest.format.arbin;

import static io.cellwatch.ingest.format.layout.Quantity.CHARGE_CAPACITY;
import static io.cellwatch.ingest.format.layout.Quantity.CHARGE_ENERGY;
import static io.cellwatch.ingest.format.layout.Quantity.CURRENT;
import static io.cellwatch.ingest.format.layout.Quantity.CYCLE;
import static io.cellwatch.ingest.format.layout.Quantity.DATA_POINT;
import static io.cellwatch.ingest.format.layout.Quantity.DISCHARGE_CAPACITY;
import static io.cellwatch.ingest.format.layout.Quantity.DISCHARGE_ENERGY;
import static io.cellwatch.ingest.format.layout.Quantity.STEP;
import static io.cellwatch.ingest.format.layout.Quantity.TEMPERATURE;
import static io.cellwatch.ingest.format.layout.Quantity.TEST_TIME;
import static io.cellwatch.ingest.format.layout.Quantity.VOLTAGE;
import static io.cellwatch.ingest.format.layout.Quantity.WALL_TIME;

import io.cellwatch.ingest.format.RowReader;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.layout.BoundColumns;
import io.cellwatch.ingest.format.layout.ColumnLayout;
import io.cellwatch.ingest.format.layout.LayoutFormat;
import io.cellwatch.ingest.format.layout.LayoutRowReader;
import io.cellwatch.ingest.format.layout.Quantity;
import io.cellwatch.ingest.format.row.DirectionCycles;
import io.cellwatch.ingest.format.row.SampleRow;
import io.cellwatch.ingest.format.text.Cells;
import io.cellwatch.ingest.format.text.Delimited;
import io.cellwatch.ingest.format.text.Header;
import java.io.IOException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Arbin CSV exports (MITS Pro / Data Watcher), headers with unit suffixes
 * ({@code Current(A)}, {@code Charge_Capacity(Ah)}, {@code Test_Time(s)}) or without them
 * ({@code Current}, {@code Charge_Capacity}: then A, Ah, Wh, s), including the lower-case column
 * names cellpy stores Arbin {@code .res} rows under.
 *
 * <p>Arbin's {@code Charge_Capacity} and {@code Discharge_Capacity} accumulate through a cycle and
 * reset when the next cycle starts; they go to the summarizer as they are. Arbin writes no step
 * type: it follows from the sign of the current.
 *
 * <p>While {@code Cycle_Index} has been blank on every row (BEEP's test export leaves it and {@code Step_Index}
 * blank on all of them), cycles are counted from the direction, as if the file had no such column, and a blank
 * {@code Step_Index} is no step column; from the first row with a value on, the file's own column is read, and
 * a blank cell after that is a row without its cycle.
 */
public final class ArbinCsvFormat extends LayoutFormat {
    public static final String NAME = "arbin";

    static final ColumnLayout LAYOUT = ColumnLayout.builder()
            .required(DATA_POINT, "Data_Point")
            .required(TEST_TIME, "Test_Time")
            .optional(CYCLE, "Cycle_Index") // the header must name it (recognised below), its cells may be blank
            .optional(STEP, "Step_Index")
            .required(CURRENT, "Current")
            .required(VOLTAGE, "Voltage")
            .optional(WALL_TIME, "Date_Time", "DateTime")
            .optional(CHARGE_CAPACITY, "Charge_Capacity")
            .optional(DISCHARGE_CAPACITY, "Discharge_Capacity")
            .optional(CHARGE_ENERGY, "Charge_Energy")
            .optional(DISCHARGE_ENERGY, "Discharge_Energy")
            .optional(TEMPERATURE, "Temperature", "Aux_Temperature_1", "Aux_Temperature(C)_1", "Aux_Temperature")
            .build();

    public ArbinCsvFormat() {
        super(
                NAME,
                "Arbin CSV: Data_Point, Test_Time, Cycle_Index, Current, Voltage, Charge_Capacity, ... (units optional)",
                h -> h.has("Data_Point") && h.has("Cycle_Index") && h.has("Current") && h.has("Voltage"),
                LAYOUT);
    }

    @Override
    public RowReader open(SourceFile source) {
        return new Reader(source);
    }

    /**
     * The layout, with cycles from the direction while {@code Cycle_Index} has been blank on every row so far (and
     * no step column while {@code Step_Index} has): the first row with a value binds the column again, so a file
     * that leaves only its first rows blank reads its own cycles from there on.
     */
    private static final class Reader extends LayoutRowReader {
        private static final List<Quantity> COUNTED = List.of(CYCLE, STEP);
        private String headerLine = "";
        /** Each counted column's place in the header, as first bound (absent: the header names none). */
        private final Map<Quantity, Integer> places = new EnumMap<>(Quantity.class);
        /** The counted columns that have held a value on some row: bound for good. */
        private final Set<Quantity> valued = EnumSet.noneOf(Quantity.class);
        /** The counted columns taken as absent while they are blank. */
        private final Set<Quantity> leftBlank = EnumSet.noneOf(Quantity.class);

        private final DirectionCycles directionCycles = new DirectionCycles();
        /** The last cycle counted from the direction (0: none). */
        private int lastDerivedCycle;
        /** Added to the file's own cycle numbers once they follow counted ones (null: not decided yet). */
        private Integer numberedOffset;

        Reader(SourceFile source) {
            super(source, LAYOUT);
        }

        @Override
        protected String headerText(String headerLine) {
            this.headerLine = headerLine;
            return headerLine;
        }

        @Override
        protected void bound(Header header, BoundColumns columns, long line) {
            for (Quantity counted : COUNTED) {
                if (columns.has(counted)) {
                    places.putIfAbsent(counted, columns.column(counted).index());
                }
            }
        }

        @Override
        protected boolean isSample(Cells c, BoundColumns columns) throws IOException {
            boolean changed = false;
            for (Quantity counted : COUNTED) {
                Integer place = places.get(counted);
                if (place == null || valued.contains(counted)) {
                    continue;
                }
                boolean blank = c.blank(new Header.Column(place, counted.name(), null));
                if (!blank) {
                    valued.add(counted);
                }
                changed |= blank ? leftBlank.add(counted) : leftBlank.remove(counted);
            }
            if (changed) {
                String[] names = new Delimited(Header.delimiterOf(headerLine)).split(headerLine);
                for (Quantity counted : leftBlank) {
                    names[places.get(counted)] += " left blank";
                }
                bind(new Header(names, unitStyle()), c.line());
            }
            return true;
        }

        /**
         * A cycle from the direction while the column is blank, from one count kept across the column's rebinding
         * (a {@code Step_Index} getting its first value does not start it again). Once the file's own numbers come,
         * they go on from the count: the first numbered row has the cycle the count gives it (a charge after a
         * whole counted cycle, the next one), so no number is given twice or goes back.
         */
        @Override
        protected void adjust(Cells c, SampleRow r, BoundColumns columns) {
            if (!columns.has(CYCLE)) {
                r.cycleIndex = directionCycles.cycleOf(r);
                lastDerivedCycle = r.cycleIndex;
                return;
            }
            if (lastDerivedCycle > 0 && numberedOffset == null) {
                // The count this row would have had: a charge after a whole counted cycle starts the next one.
                numberedOffset = Math.max(0, directionCycles.cycleOf(r) - r.cycleIndex);
            }
            if (numberedOffset != null) {
                r.cycleIndex += numberedOffset;
            }
        }
    }
}

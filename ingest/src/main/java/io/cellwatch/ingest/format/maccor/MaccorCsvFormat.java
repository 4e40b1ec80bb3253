package io.cellwatch.ingest.format.maccor;

import static io.cellwatch.ingest.format.layout.Quantity.CAPACITY;
import static io.cellwatch.ingest.format.layout.Quantity.CURRENT;
import static io.cellwatch.ingest.format.layout.Quantity.CYCLE;
import static io.cellwatch.ingest.format.layout.Quantity.DATA_POINT;
import static io.cellwatch.ingest.format.layout.Quantity.ENERGY;
import static io.cellwatch.ingest.format.layout.Quantity.STEP;
import static io.cellwatch.ingest.format.layout.Quantity.TEMPERATURE;
import static io.cellwatch.ingest.format.layout.Quantity.TEST_TIME;
import static io.cellwatch.ingest.format.layout.Quantity.VOLTAGE;
import static io.cellwatch.ingest.format.layout.Quantity.WALL_TIME;

import io.cellwatch.ingest.format.NamedFormat;
import io.cellwatch.ingest.format.RowReader;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.layout.ColumnLayout;
import io.cellwatch.ingest.format.layout.CounterRule;
import io.cellwatch.ingest.format.layout.LayoutRowReader;
import java.nio.file.Path;
import java.util.List;

/**
 * Maccor's comma-separated export (MIMS): two metadata lines ({@code Today's Date ,28-Nov-23}, {@code Date of
 * Test:,23-Nov-23 3:56:08 PM}), then {@code Rec, Cycle C, Step, Test Time (sec), Step Time (sec), Capacity,
 * Energy, Current, Voltage, DPT Time, Temp 1} in A, V, Ah and Wh. It has no {@code State}: the current is
 * signed (positive on charge) and its sign is the direction of the single {@code Capacity} and {@code Energy}
 * counters, which count per step. {@code DPT Time} is written {@code 23-Nov-23 3:56:11 PM}.
 */
public final class MaccorCsvFormat extends NamedFormat {
    public static final String NAME = "maccor-csv";

    static final ColumnLayout LAYOUT = ColumnLayout.builder()
            .optional(DATA_POINT, "Rec")
            .required(CYCLE, "Cycle C", "Cyc#", "Cycle")
            .optional(STEP, "Step")
            .required(TEST_TIME, "Test Time")
            .columnRequired(CAPACITY, "Capacity")
            .optional(ENERGY, "Energy")
            .required(CURRENT, "Current")
            .required(VOLTAGE, "Voltage")
            .optional(WALL_TIME, "DPT Time", "DPt Time")
            .optional(TEMPERATURE, "Temp 1", "Temperature 1")
            .counters(CounterRule.SPLIT_BY_DIRECTION)
            .build();

    public MaccorCsvFormat() {
        super(
                NAME,
                "Maccor comma-separated export: 'Today's Date ,...', 'Date of Test:,...', then 'Rec,Cycle C,Step,"
                        + "Test Time (sec),...,Capacity,Energy,Current,Voltage,DPT Time,...'");
    }

    @Override
    public boolean recognises(Path file, List<String> firstLines) {
        return !firstLines.isEmpty()
                && firstLines.get(0).startsWith("Today's Date")
                && firstLines.stream().anyMatch(MaccorCsvFormat::isHeaderLine);
    }

    static boolean isHeaderLine(String line) {
        String s = line.strip();
        return s.startsWith("Rec,") && s.contains(",Capacity") && s.contains(",Current") && s.contains(",Voltage");
    }

    @Override
    public RowReader open(SourceFile source) {
        return new Reader(source);
    }

    /** The layout after the metadata lines, comma-separated with decimal points. */
    private static final class Reader extends LayoutRowReader {
        Reader(SourceFile source) {
            super(source, LAYOUT);
        }

        @Override
        protected boolean isHeader(String line, long lineNumber) {
            return isHeaderLine(line);
        }

        @Override
        protected char delimiter(String headerLine) {
            return ',';
        }

        @Override
        protected boolean decimalComma(char delimiter) {
            return false;
        }

        @Override
        protected String expectedHeader() {
            return "Maccor CSV header row ('Rec,Cycle C,Step,Test Time (sec),...,Capacity,Energy,Current,Voltage,...')";
        }
    }
}

package io.cellwatch.ingest.format.arbin.res;

import com.healthmarketscience.jackcess.Row;
import com.healthmarketscience.jackcess.Table;
import io.cellwatch.ingest.format.binary.BinaryFormatException;
import io.cellwatch.model.ChannelInfo;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The test a {@code .res} file records, from its {@code Global_Table} row: MITS Pro creates one
 * result file per test on one channel, so a file with several tests is refused rather than having
 * their data points (each test counts from 1) interleaved on one channel.
 *
 * @param testId          {@code Test_ID}, the key of every data row of this test
 * @param channelIndex    the cycler channel ({@code Channel_Index}), or null when not written
 * @param testName        {@code Test_Name}, or null
 * @param creator         {@code Creator}, or null
 * @param scheduleFile    {@code Schedule_File_Name}, or null
 * @param startDays       {@code Start_DateTime} in OLE days, or null
 * @param activeMassG     {@code MASS} when positive: grams (the example file's 8.5e-4 with
 *                        {@code Specific_Capacity} 3.579 Ah/g is 0.85 mg of silicon at its 3579 mAh/g)
 * @param nominalCapacityAh {@code Capacity} when positive, in Ah
 */
record ResTest(
        int testId,
        Integer channelIndex,
        String testName,
        String creator,
        String scheduleFile,
        Double startDays,
        Double activeMassG,
        Double nominalCapacityAh) {

    static final String TABLE = "Global_Table";

    /** The file's one test; an error naming the table when it has none or several. */
    static ResTest read(ResDatabase db) throws BinaryFormatException {
        Table table = db.table(TABLE);
        db.requireNumeric(table, "Test_ID");
        List<Row> rows = new ArrayList<>();
        try {
            for (Row row : table) {
                rows.add(row);
                if (rows.size() > 16) {
                    break; // enough to say there are several; a damaged row count must not fill memory
                }
            }
        } catch (RuntimeException e) {
            throw db.damaged(TABLE, e);
        }
        if (rows.size() != 1) {
            List<Object> ids = rows.stream().map(r -> r.get("Test_ID")).toList();
            String found = rows.size() > 16 ? "more than 16" : Integer.toString(rows.size());
            throw new BinaryFormatException(
                    db.file(),
                    "table " + TABLE,
                    "one test per result file"
                            + (rows.isEmpty()
                                    ? ""
                                    : " (MITS Pro writes one file per test; export each test on its own)"),
                    found + " tests" + (rows.isEmpty() ? "" : " with Test_ID " + ids));
        }
        Row row = rows.get(0);
        Number id = number(row, "Test_ID");
        if (id == null) {
            throw new BinaryFormatException(
                    db.file(), "table " + TABLE + ", column Test_ID", "a test id", "an empty cell");
        }
        Number channel = number(row, "Channel_Index");
        Number start = number(row, "Start_DateTime");
        return new ResTest(
                id.intValue(),
                channel == null ? null : channel.intValue(),
                text(row, "Test_Name"),
                text(row, "Creator"),
                text(row, "Schedule_File_Name"),
                start == null ? null : start.doubleValue(),
                positive(row, "MASS"),
                positive(row, "Capacity"));
    }

    /**
     * The channel's metadata with what this file adds (active mass, nominal capacity) where the given
     * one has nothing: a channels file written by the lab beats values typed into the schedule.
     */
    Optional<ChannelInfo> enrich(ChannelInfo known) {
        Double mass = known.activeMassG() != null ? known.activeMassG() : activeMassG;
        Double capacity = known.nominalCapacityAh() != null ? known.nominalCapacityAh() : nominalCapacityAh;
        if (Objects.equals(mass, known.activeMassG()) && Objects.equals(capacity, known.nominalCapacityAh())) {
            return Optional.empty();
        }
        return Optional.of(new ChannelInfo(
                known.schemaVersion(),
                known.channelId(),
                known.cellType(),
                known.chemistry(),
                known.electrodeAreaCm2(),
                mass,
                capacity,
                known.protocol(),
                known.ceConvention()));
    }

    /** When the test started, cycler-local, or null when the file does not say (or says something that is no date). */
    LocalDateTime started() {
        try {
            return startDays == null ? null : OleDays.toLocalDateTime(startDays);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether the test's latest event is MITS Pro's "Test end" ({@code Event_Type} 1): nothing more will come. */
    static boolean ended(ResDatabase db, int testId) throws BinaryFormatException {
        Optional<Table> events = db.optionalTable("Event_Table");
        if (events.isEmpty()
                || ResDatabase.column(events.get(), "Event_Type").isEmpty()
                || ResDatabase.column(events.get(), "Test_Time").isEmpty()) {
            return false;
        }
        double latest = Double.NEGATIVE_INFINITY;
        boolean ended = false;
        try {
            for (Row row : events.get()) {
                Number id = number(row, "Test_ID");
                Number time = number(row, "Test_Time");
                Number type = number(row, "Event_Type");
                if (id != null
                        && id.intValue() == testId
                        && time != null
                        && type != null
                        && time.doubleValue() >= latest) {
                    latest = time.doubleValue();
                    ended = type.intValue() == 1;
                }
            }
        } catch (RuntimeException e) {
            throw db.damaged("Event_Table", e);
        }
        return ended;
    }

    static Number number(Row row, String column) {
        return row.get(column) instanceof Number n ? n : null;
    }

    private static String text(Row row, String column) {
        return row.get(column) instanceof String s && !s.isBlank() ? s : null;
    }

    private static Double positive(Row row, String column) {
        Number n = number(row, column);
        return n != null && n.doubleValue() > 0 && Double.isFinite(n.doubleValue()) ? n.doubleValue() : null;
    }
}

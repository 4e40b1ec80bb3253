package io.cellwatch.ingest.format.neware.nda;

import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** Field groups that several Neware record layouts share, read the same way wherever they sit. */
public final class RecordFields {
    private RecordFields() {}

    /**
     * The four step counters as 64-bit integers (charge and discharge capacity, charge and
     * discharge energy, one after the other from {@code at}) in units of the current range,
     * mA·s and mW·s, into the row's mAh and mWh.
     */
    public static void rangedCounters(ByteBuffer b, int at, double milliampsPerUnit, NewareRow row) {
        double toHours = milliampsPerUnit / 3600;
        row.chargeMah = Math.abs(b.getLong(at) * toHours);
        row.dischargeMah = Math.abs(b.getLong(at + 8) * toHours);
        row.chargeMwh = Math.abs(b.getLong(at + 16) * toHours);
        row.dischargeMwh = Math.abs(b.getLong(at + 24) * toHours);
    }

    /**
     * A UNIX time in whole seconds, a 64-bit integer at {@code at}; zero (not stamped) or a value past
     * the year 3000 (not a time) leaves the row without a wall-clock time.
     */
    public static void unixSeconds(ByteBuffer b, int at, NewareRow row) {
        long seconds = b.getLong(at);
        if (seconds > 0 && seconds < 32_503_680_000L) {
            row.wallTime(seconds * 1000);
        }
    }

    /**
     * A local date and time in separate fields (year u16, month, day, hour, minute, second) as the
     * cycler PC's clock showed it, read in the channel's zone; a stamp that is no date leaves the
     * row without a wall-clock time.
     */
    public static void localStamp(ByteBuffer b, int at, ZoneId zone, NewareRow row) {
        try {
            LocalDateTime t = LocalDateTime.of(
                    b.getShort(at) & 0xFFFF, b.get(at + 2), b.get(at + 3), b.get(at + 4), b.get(at + 5), b.get(at + 6));
            row.wallTime(t.atZone(zone).toInstant().toEpochMilli());
        } catch (DateTimeException e) {
            // The record keeps its test time.
        }
    }
}

package io.cellwatch.ingest.format.biologic.mpr;

import io.cellwatch.ingest.format.binary.BinaryFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * What the modules other than the data module say: the technique (first byte of the settings module),
 * the acquisition start (an OLE date in the LOG module: at 0x249 in the EC-Lab versions of the shared
 * files, at 465, 469 or 473 in older ones, as galvani reads them) and the loop start indexes (loop
 * module: a count, then that many u32). External-device settings carry nothing cellwatch uses.
 *
 * <p>EC-Lab adds the LOG and loop modules only when the acquisition stops (galvani PR 102), so a file
 * still being written has no start time yet.
 */
final class ModuleFacts {
    /** Where EC-Lab versions put the start date in the LOG module, the one of the shared files first. */
    private static final int[] LOG_START_OFFSETS = {0x249, 465, 469, 473};

    private static final LocalDateTime OLE_EPOCH = LocalDateTime.of(1899, 12, 30, 0, 0);
    // OLE days of 1990-01-01 and 2100-01-01: a value outside is not a start time, whatever the offset holds.
    private static final double PLAUSIBLE_FROM = 32874;
    private static final double PLAUSIBLE_TO = 73051;

    private int technique = -1;
    private long techniqueOffset = -1;
    private Double startOleDays;
    private long[] loopStarts = new long[0];

    /** Takes in one module other than the data module (its whole data lies inside the file). */
    void take(MprModule module, FileBytes bytes) throws IOException {
        switch (module.name()) {
            case ModuleFraming.SETTINGS -> {
                if (module.length() > 0) {
                    technique = bytes.read(module.dataOffset(), 1).get(0) & 0xFF;
                    techniqueOffset = module.dataOffset();
                }
            }
            case ModuleFraming.LOG -> startOleDays = startDate(module, bytes);
            case ModuleFraming.LOOP -> loopStarts = loops(module, bytes);
            default -> {
                // VMP ExtDev: analog-input settings of external devices; skipped.
            }
        }
    }

    /** The first offset of {@link #LOG_START_OFFSETS} inside the module that holds a plausible date, or null. */
    private static Double startDate(MprModule module, FileBytes bytes) throws IOException {
        for (int offset : LOG_START_OFFSETS) {
            if (module.length() >= offset + 8) {
                double days = bytes.read(module.dataOffset() + offset, 8).getDouble(0);
                if (days >= PLAUSIBLE_FROM && days <= PLAUSIBLE_TO) {
                    return days;
                }
            }
        }
        return null;
    }

    private static long[] loops(MprModule module, FileBytes bytes) throws IOException {
        if (module.length() < 4) {
            return new long[0];
        }
        long count = bytes.u32(module.dataOffset());
        if (count > (module.length() - 4) / 4) {
            throw new BinaryFormatException(
                    bytes.file(),
                    "loop module, loop count",
                    module.dataOffset(),
                    "a loop count whose start indexes fit the module's " + module.length() + " bytes",
                    Long.toString(count));
        }
        ByteBuffer starts = bytes.read(module.dataOffset() + 4, (int) count * 4);
        long[] result = new long[(int) count];
        for (int i = 0; i < result.length; i++) {
            result[i] = starts.getInt(i * 4) & 0xFFFF_FFFFL;
        }
        return result;
    }

    /** The technique byte of the settings module, or -1 without one. */
    int technique() {
        return technique;
    }

    /** The file offset of the technique byte, or -1 without a settings module. */
    long techniqueOffset() {
        return techniqueOffset;
    }

    /** The record indexes at which the technique's loops start (empty without a loop module). */
    long[] loopStarts() {
        return loopStarts.clone();
    }

    /** Epoch milliseconds of the acquisition start, read as local time of the cycler PC, or null without a LOG. */
    Long acquisitionStartMs(ZoneId zone) {
        if (startOleDays == null) {
            return null;
        }
        long ms = Math.round(startOleDays * 86_400_000d);
        return OLE_EPOCH.plus(ms, ChronoUnit.MILLIS).atZone(zone).toInstant().toEpochMilli();
    }
}

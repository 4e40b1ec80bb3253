package io.cellwatch.ingest.follow;

import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.binary.BinaryCyclerFormat;
import io.cellwatch.ingest.format.xlsx.WorkbookFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which formats a follower reads files in: each file's detected ({@link CyclerFormats}), unless one
 * is forced, and any binary formats besides cellwatch's own (a lab's own, a test's), recognised by
 * their magic bytes before them.
 *
 * @param forced      the format of every file, or null to detect each one
 * @param extraBinary binary formats tried before cellwatch's own
 */
public record FollowFormats(CyclerFormat forced, List<BinaryCyclerFormat> extraBinary) {

    /** Every file's format detected among cellwatch's own. */
    public static final FollowFormats DETECTED = new FollowFormats(null, List.of());

    public FollowFormats {
        extraBinary = extraBinary == null ? List.of() : List.copyOf(extraBinary);
    }

    /** The binary format whose magic bytes a file starts with. */
    Optional<BinaryCyclerFormat> recogniseBinary(Path file, byte[] head) {
        for (BinaryCyclerFormat format : extraBinary) {
            if (format.recognisesBytes(file, head)) {
                return Optional.of(format);
            }
        }
        return CyclerFormats.recogniseBinary(file, head);
    }

    /**
     * The format a file was delivered in by an earlier run.
     *
     * @throws IllegalArgumentException when this run knows no format of that name
     */
    CyclerFormat named(String name) {
        if (forced != null && forced.name().equals(name)) {
            return forced;
        }
        for (WorkbookFormat workbook : CyclerFormats.workbooks()) {
            String sheetsAs = workbook.kind() + WorkbookFormat.FORCED_SEPARATOR;
            if (name.startsWith(sheetsAs)) {
                // A workbook delivered with its sheet read in a forced format: read on in it (the mapping of this
                // run's --format where that is the one), as a text file is read on in the format it was delivered in.
                String sheetFormat = name.substring(sheetsAs.length());
                CyclerFormat text = forced != null && forced.name().equals(sheetFormat)
                        ? forced
                        : CyclerFormats.byName(sheetFormat);
                return workbook.readingSheetsAs(text);
            }
        }
        for (BinaryCyclerFormat format : extraBinary) {
            if (format.name().equals(name)) {
                return format;
            }
        }
        return CyclerFormats.byName(name);
    }
}

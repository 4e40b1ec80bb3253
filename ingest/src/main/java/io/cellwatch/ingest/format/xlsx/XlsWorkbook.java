package io.cellwatch.ingest.format.xlsx;

import io.cellwatch.ingest.format.text.FileFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.hssf.record.BOFRecord;
import org.apache.poi.hssf.record.BoundSheetRecord;
import org.apache.poi.hssf.record.DateWindow1904Record;
import org.apache.poi.hssf.record.EOFRecord;
import org.apache.poi.hssf.record.ExtendedFormatRecord;
import org.apache.poi.hssf.record.FilePassRecord;
import org.apache.poi.hssf.record.FormatRecord;
import org.apache.poi.hssf.record.Record;
import org.apache.poi.hssf.record.RecordFactoryInputStream;
import org.apache.poi.hssf.record.SSTRecord;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.util.LittleEndian;

/**
 * An {@code .xls} read record by record with Apache POI's HSSF record stream, as the {@code .xlsx} reader
 * streams its XML: only the workbook's globals (sheet names and where each begins, the shared strings, the
 * number formats, the date system) are held; a sheet's rows are read as they are asked for ({@link XlsSheetRows}),
 * so memory stays that of one row however long the export. (POI's own workbook model holds every cell, and a
 * damaged row record of a few bytes makes it allocate tens of kilobytes: a small hostile file filled the heap.)
 *
 * <p>The file stays open while the workbook is, as an {@code .xlsx}'s does. An encrypted workbook is refused:
 * its records cannot be read from where a sheet begins without decrypting every one before it.
 */
final class XlsWorkbook implements OpenWorkbook {
    /** 9999-12-31's day number: Excel shows no date past it, and POI's conversion wraps beyond 2^31. */
    static final double LAST_DATE_DAY = 2_958_465;

    private final FileChannel channel;
    private final POIFSFileSystem compound;
    private final String streamName;
    private final Globals globals;
    private final List<SheetRows> sheets = new ArrayList<>();

    private XlsWorkbook(FileChannel channel, POIFSFileSystem compound, String streamName, Globals globals) {
        this.channel = channel;
        this.compound = compound;
        this.streamName = streamName;
        this.globals = globals;
        for (BoundSheetRecord sheet : globals.sheets) {
            sheets.add(new XlsSheetRows(this, sheet.getSheetname(), sheet.getPositionOfBof()));
        }
    }

    /**
     * Opens the workbook and reads its globals. The file's own errors (gone, not allowed) are I/O errors as they
     * are for any file; whatever POI refuses is a typed error naming the file.
     */
    static XlsWorkbook open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        POIFSFileSystem compound = null;
        try {
            compound = new POIFSFileSystem(channel, true);
            DirectoryNode root = compound.getRoot();
            // "Workbook" (Excel 97 on); POI refuses Excel 5.0/95's "Book" naming the version.
            String streamName = HSSFWorkbook.getWorkbookDirEntryName(root);
            requireNotEncrypted(file, root, streamName);
            Globals globals;
            try (InputStream in = root.createDocumentInputStream(streamName)) {
                globals = Globals.read(file, new RecordFactoryInputStream(in, false));
            }
            return new XlsWorkbook(channel, compound, streamName, globals);
        } catch (IOException | RuntimeException e) {
            closeQuietly(compound, channel);
            if (e instanceof FileFormatException typed) {
                throw typed;
            }
            throw new FileFormatException(
                    file, 0, "not an Excel 97-2003 workbook cellwatch can read: " + WorkbookRowSource.message(e));
        }
    }

    /** WRITEPROT: a workbook saved "read-only recommended", whose FILEPASS, if any, follows it. */
    private static final int WRITE_PROTECT_SID = 0x86;

    /** An encrypted workbook's stream has FILEPASS right after its BOF, or after a WRITEPROT there. */
    private static void requireNotEncrypted(Path file, DirectoryNode root, String streamName) throws IOException {
        try (InputStream in = root.createDocumentInputStream(streamName)) {
            int sid = -1;
            for (int record = 0; record < 3; record++) { // BOF, [WRITEPROT], then FILEPASS or not
                byte[] header = in.readNBytes(4);
                if (header.length < 4) {
                    return; // the record stream says what is wrong
                }
                sid = LittleEndian.getUShort(header, 0);
                if (record > 0 && sid != WRITE_PROTECT_SID) {
                    break;
                }
                skipFully(in, LittleEndian.getUShort(header, 2));
            }
            if (sid == FilePassRecord.sid) {
                throw new FileFormatException(
                        file,
                        0,
                        "an encrypted Excel 97-2003 workbook (a password to open it, or Excel's default protection):"
                                + " save it without one, or as .xlsx or CSV");
            }
        }
    }

    /**
     * Skips through a small buffer: POI's {@code DocumentInputStream.skip} allocates what it skips, and a damaged
     * offset near the end of a large stream would take that much memory.
     */
    static void skipFully(InputStream in, long bytes) throws IOException {
        byte[] buffer = new byte[8192];
        for (long left = bytes; left > 0; ) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new java.io.EOFException("the workbook's stream ends " + left + " bytes short of what it names");
            }
            left -= n;
        }
    }

    Globals globals() {
        return globals;
    }

    /** The workbook's record stream, for a sheet's rows to be read from where it begins. */
    InputStream recordStream() throws IOException {
        return compound.getRoot().createDocumentInputStream(streamName);
    }

    @Override
    public List<SheetRows> sheets() {
        return sheets;
    }

    @Override
    public void close() throws IOException {
        closeQuietly(compound, channel);
    }

    private static void closeQuietly(POIFSFileSystem compound, FileChannel channel) throws IOException {
        try {
            if (compound != null) {
                compound.close();
            }
        } finally {
            channel.close();
        }
    }

    /**
     * The workbook's globals: its sheets in workbook order, the shared strings, each cell format's number format
     * (by its index in the format table, as cells name it) and the date system.
     */
    static final class Globals {
        /**
         * The most sheets read: an export of a test too long for one sheet runs to a few dozen (65,536 rows each);
         * every sheet is looked for from the start of the stream, so thousands of sheet records pointing at its
         * end would make choosing one read the file thousands of times.
         */
        static final int MAX_SHEETS = 1024;

        final List<BoundSheetRecord> sheets = new ArrayList<>();
        SSTRecord sharedStrings;
        final Map<Integer, String> formats = new HashMap<>();
        final List<Integer> cellFormats = new ArrayList<>();
        boolean date1904;

        static Globals read(Path file, RecordFactoryInputStream records) throws FileFormatException {
            Globals globals = new Globals();
            Record first = records.nextRecord();
            if (!(first instanceof BOFRecord bof) || bof.getType() != BOFRecord.TYPE_WORKBOOK) {
                throw new FileFormatException(
                        file, 0, "not an Excel 97-2003 workbook: its stream begins with no workbook BOF record");
            }
            if (bof.getVersion() != BOFRecord.VERSION) {
                throw new FileFormatException(
                        file,
                        0,
                        String.format(
                                "BIFF version 0x%04X, not Excel 97-2003's BIFF8 (0x0600): save it again as .xls or .xlsx",
                                bof.getVersion()));
            }
            for (Record record = records.nextRecord(); record != null; record = records.nextRecord()) {
                if (record instanceof EOFRecord) {
                    break;
                } else if (record instanceof BoundSheetRecord sheet) {
                    if (globals.sheets.size() == MAX_SHEETS) {
                        throw new FileFormatException(
                                file,
                                0,
                                "more than " + MAX_SHEETS + " sheets: not a cycler's"
                                        + " export (each sheet is looked for from the start of the workbook's stream)");
                    }
                    globals.sheets.add(sheet);
                } else if (record instanceof SSTRecord sst) {
                    globals.sharedStrings = sst;
                } else if (record instanceof FormatRecord format) {
                    globals.formats.put(format.getIndexCode(), format.getFormatString());
                } else if (record instanceof ExtendedFormatRecord cellFormat) {
                    globals.cellFormats.add(cellFormat.getFormatIndex() & 0xFFFF);
                } else if (record instanceof DateWindow1904Record window) {
                    globals.date1904 = window.getWindowing() == 1;
                }
            }
            return globals;
        }

        /** A number in the cell format {@code xfIndex}, as the sheet shows it ({@link SheetLines#shown}). */
        String number(double value, int xfIndex) {
            if (!Double.isFinite(value)) {
                return Double.toString(value); // the bits of an .xls number can say NaN; the reader refuses it as it is
            }
            Integer formatId = xfIndex >= 0 && xfIndex < cellFormats.size() ? cellFormats.get(xfIndex) : null;
            String format = formatId == null
                    ? null
                    : formats.containsKey(formatId) ? formats.get(formatId) : BuiltinFormats.getBuiltinFormat(formatId);
            // The shortest decimal that reads back as the stored double: what Excel shows, without an exponent.
            BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
            return SheetLines.shown(
                    decimal,
                    formatId,
                    format,
                    () -> value < 0 || value > LAST_DATE_DAY ? null : DateUtil.getLocalDateTime(value, date1904));
        }

        /** The shared string a cell names, or a refusal naming {@code where} the table has none of that number. */
        String sharedString(int index, String where) {
            if (sharedStrings == null || index < 0 || index >= sharedStrings.getNumUniqueStrings()) {
                throw new SheetDamageException(
                        where + ": a cell names shared string " + index + ", which the workbook's table does not hold");
            }
            try {
                return sharedStrings.getString(index).getString();
            } catch (RuntimeException cutShort) {
                // The table's count says more strings than its records hold (POI stops where they run out).
                throw new SheetDamageException(
                        where + ": a cell names shared string " + index + ", past the last the workbook's table holds");
            }
        }

        static String error(int code) {
            try {
                return FormulaError.forInt(code).getString();
            } catch (IllegalArgumentException unknown) {
                return "#ERROR";
            }
        }
    }
}

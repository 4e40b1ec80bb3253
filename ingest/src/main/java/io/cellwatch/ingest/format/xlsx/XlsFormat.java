package io.cellwatch.ingest.format.xlsx;

import io.cellwatch.ingest.format.CyclerFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Excel 97–2003 workbooks ({@code .xls}: BIFF8 records in an OLE2 compound file), which Arbin MITS Pro, Neware
 * BTSDA and Landt's software still export, read with Apache POI ({@link XlsWorkbook}). The same sheets as an
 * {@code .xlsx} of the same export, read the same way ({@link WorkbookFormat}).
 */
public final class XlsFormat extends WorkbookFormat {
    public static final String NAME = "xls";

    /** The first bytes of every OLE2 compound file (Excel 97–2003, Word 97–2003, Outlook messages, …). */
    private static final byte[] OLE2_SIGNATURE = {
        (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1
    };

    /** Whether {@code head} is an OLE2 file's signature or its start (a workbook still being copied in). */
    public static boolean mayBeginOle2(byte[] head) {
        for (int i = 0; i < Math.min(head.length, OLE2_SIGNATURE.length); i++) {
            if (head[i] != OLE2_SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    public XlsFormat() {
        this(null);
    }

    private XlsFormat(CyclerFormat sheetFormat) {
        super(NAME, "Excel 97-2003 workbook (.xls)", sheetFormat);
    }

    @Override
    XlsFormat withSheetFormat(CyclerFormat textFormat) {
        return new XlsFormat(textFormat);
    }

    @Override
    OpenWorkbook open(Path file) throws IOException {
        return XlsWorkbook.open(file);
    }

    /**
     * An OLE2 compound file named {@code .xls} (or {@code .xlt}, a template). Word documents and Outlook messages
     * are OLE2 files too, so the signature alone does not claim a file; a text export that cycler software names
     * {@code .xls} (tab-separated or HTML) is not OLE2 and is read by its content as any text file.
     */
    @Override
    public boolean recognisesBytes(Path file, byte[] head) {
        if (head.length < OLE2_SIGNATURE.length || !mayBeginOle2(head)) {
            return false;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".xls") || name.endsWith(".xlt");
    }
}

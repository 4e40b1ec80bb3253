package io.cellwatch.ingest.format.xlsx;

import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.binary.ZipArchives;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Excel workbooks of Office Open XML ({@code .xlsx}, {@code .xlsm}), read by a streaming reader ({@link XlsxWorkbook}). */
public final class XlsxFormat extends WorkbookFormat {
    public static final String NAME = "xlsx";

    public XlsxFormat() {
        this(null);
    }

    private XlsxFormat(CyclerFormat sheetFormat) {
        super(NAME, "Excel workbook (.xlsx)", sheetFormat);
    }

    @Override
    XlsxFormat withSheetFormat(CyclerFormat textFormat) {
        return new XlsxFormat(textFormat);
    }

    @Override
    OpenWorkbook open(Path file) throws IOException {
        return XlsxWorkbook.open(file);
    }

    /**
     * A ZIP whose name ends in {@code .xlsx} or {@code .xlsm}, or whose first member is a workbook's part
     * ({@code xl/...}). Word and PowerPoint files begin as workbooks do ({@code [Content_Types].xml}), so that
     * alone does not claim a file.
     */
    @Override
    public boolean recognisesBytes(Path file, byte[] head) {
        if (!ZipArchives.startsWithMember(head)) {
            return false;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".xlsx")
                || name.endsWith(".xlsm")
                || ZipArchives.firstMemberNameStart(head).startsWith("xl/");
    }
}

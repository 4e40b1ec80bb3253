package io.cellwatch.ingest.format.xlsx;

/**
 * What a sheet's records cannot give (a cell past the sheet's columns, a shared string the workbook's table lacks),
 * carried out of a sheet's stream of lines, which throws nothing checked. The reason names the sheet and its row as
 * Excel numbers it; the workbook reading types it, naming the file and the line of the table
 * ({@link WorkbookRowSource}).
 */
final class SheetDamageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SheetDamageException(String reason) {
        super(reason);
    }
}

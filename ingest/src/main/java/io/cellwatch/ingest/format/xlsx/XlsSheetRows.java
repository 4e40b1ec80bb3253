package io.cellwatch.ingest.format.xlsx;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.poi.hssf.record.ArrayRecord;
import org.apache.poi.hssf.record.BOFRecord;
import org.apache.poi.hssf.record.BlankRecord;
import org.apache.poi.hssf.record.BoolErrRecord;
import org.apache.poi.hssf.record.CellValueRecordInterface;
import org.apache.poi.hssf.record.EOFRecord;
import org.apache.poi.hssf.record.FormulaRecord;
import org.apache.poi.hssf.record.LabelRecord;
import org.apache.poi.hssf.record.LabelSSTRecord;
import org.apache.poi.hssf.record.MulBlankRecord;
import org.apache.poi.hssf.record.NumberRecord;
import org.apache.poi.hssf.record.Record;
import org.apache.poi.hssf.record.RecordFactoryInputStream;
import org.apache.poi.hssf.record.RowRecord;
import org.apache.poi.hssf.record.SharedFormulaRecord;
import org.apache.poi.hssf.record.StringRecord;
import org.apache.poi.hssf.record.TableRecord;
import org.apache.poi.ss.usermodel.CellType;

/**
 * One sheet of an {@code .xls}: its rows read from its records as they are asked for, each as the line of the
 * sheet saved as CSV. A sheet's substream holds, block by block, up to 32 row records and then those rows'
 * cells in row order ({@code RK} and {@code MULRK} numbers come as numbers from POI's record stream); a row with
 * a row record and no cell (a formatted empty row) is an empty line, as in an {@code .xlsx} and in POI's own
 * workbook model. A chart sheet or a macro sheet has no rows. What the records cannot give (a cell past the
 * sheet's columns, a shared string the table lacks) is a {@link SheetDamageException} naming the sheet and row.
 */
final class XlsSheetRows implements OpenWorkbook.SheetRows {
    /** Columns A to IV: an {@code .xls} sheet has 256. A cell beyond them is damage, refused, not padded out. */
    static final int COLUMNS = 256;

    private final XlsWorkbook workbook;
    private final String name;
    private final int bofPosition;

    XlsSheetRows(XlsWorkbook workbook, String name, int bofPosition) {
        this.workbook = workbook;
        this.name = name;
        this.bofPosition = bofPosition;
    }

    @Override
    public String name() {
        return name;
    }

    /** The sheet's records as a stream of lines, from the workbook's record stream, closed with the stream. */
    @Override
    public Stream<String> lines() throws IOException {
        InputStream in = workbook.recordStream();
        try {
            return new Lines(workbook, name, bofPosition, in).stream().onClose(() -> {
                try {
                    in.close();
                } catch (IOException e) {
                    // a read-only stream over the workbook, which stays open: nothing is lost
                }
            });
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** The sheet's lines, read from its BOF record to its EOF record. */
    static final class Lines implements Iterator<String> {
        private final XlsWorkbook workbook;
        private final String sheet;
        private final RecordFactoryInputStream records;
        private final Deque<String> ready = new ArrayDeque<>();
        /** Rows whose row record has come and whose line has not been given yet. */
        private final TreeSet<Integer> declaredRows = new TreeSet<>();

        private final List<Cell> cells = new ArrayList<>();
        private int currentRow = -1;
        private int lastGivenRow = -1;
        /** Nesting of BOF records: an embedded chart's substream sits inside a sheet's. */
        private int depth;

        private boolean ended;
        /** What ended the sheet early, thrown once the lines before it are given. */
        private SheetDamageException damage;
        /** A formula whose text result follows in the next record (a STRING record). */
        private FormulaRecord stringFormula;

        private record Cell(int column, String text) {}

        Lines(XlsWorkbook workbook, String sheet, int bofPosition, InputStream in) throws IOException {
            this.workbook = workbook;
            this.sheet = sheet;
            if (bofPosition < 0 || bofPosition >= in.available()) {
                throw refusal("begins at " + bofPosition + ", past the end of the workbook's stream");
            }
            XlsWorkbook.skipFully(in, bofPosition);
            this.records = new RecordFactoryInputStream(in, false);
            Record first = records.nextRecord();
            if (!(first instanceof BOFRecord bof)) {
                throw refusal("does not begin with a BOF record where the workbook says (" + bofPosition + ")");
            }
            depth = 1;
            // A chart or macro sheet's substream: none of its records are a data table's rows.
            ended = bof.getType() != BOFRecord.TYPE_WORKSHEET;
        }

        Stream<String> stream() {
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false);
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty() && !ended) {
                try {
                    step();
                } catch (SheetDamageException e) {
                    damage = e;
                    ended = true;
                } catch (RuntimeException e) {
                    // POI's own refusal of a damaged record: the rows before it are read, the sheet ends with it.
                    damage = new SheetDamageException("sheet '" + sheet + "', after row " + (lastGivenRow + 1)
                            + ": the workbook cannot be read past here: " + WorkbookRowSource.message(e));
                    ended = true;
                }
            }
            if (ready.isEmpty() && damage != null) {
                throw damage; // once the rows before it are given
            }
            return !ready.isEmpty();
        }

        @Override
        public String next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }

        private void step() {
            Record record = records.nextRecord();
            if (record == null) {
                // The records ran out inside the sheet: a file cut short, not a sheet that ended.
                throw new SheetDamageException("sheet '" + sheet + "', after row " + (lastGivenRow + 1)
                        + ": its records end before the sheet does (the workbook is cut short)");
            }
            if (stringFormula != null) {
                if (record instanceof SharedFormulaRecord
                        || record instanceof ArrayRecord
                        || record instanceof TableRecord) {
                    return; // written between a formula and its text (Excel's order): the text still follows
                }
                FormulaRecord formula = stringFormula;
                stringFormula = null;
                cell(formula, record instanceof StringRecord text ? text.getString() : "");
                if (record instanceof StringRecord) {
                    return;
                }
            }
            if (record instanceof BOFRecord) {
                depth++;
            } else if (record instanceof EOFRecord) {
                depth--;
                if (depth == 0) {
                    end();
                }
            } else if (depth == 1) {
                sheetRecord(record);
            }
        }

        private void sheetRecord(Record record) {
            XlsWorkbook.Globals globals = workbook.globals();
            if (record instanceof RowRecord row) {
                if (row.getRowNumber() > lastGivenRow) {
                    declaredRows.add(row.getRowNumber());
                }
            } else if (record instanceof NumberRecord number) {
                cell(number, () -> globals.number(number.getValue(), number.getXFIndex() & 0xFFFF));
            } else if (record instanceof LabelSSTRecord label) {
                cell(label, () -> globals.sharedString(label.getSSTIndex(), where(label.getRow())));
            } else if (record instanceof LabelRecord label) {
                cell(label, label.getValue() == null ? "" : label.getValue());
            } else if (record instanceof BoolErrRecord value) {
                cell(
                        value,
                        value.isBoolean()
                                ? value.getBooleanValue() ? "TRUE" : "FALSE"
                                : XlsWorkbook.Globals.error(value.getErrorValue()));
            } else if (record instanceof FormulaRecord formula) {
                formula(formula, globals);
            } else if (record instanceof BlankRecord blank) {
                cell(blank, "");
            } else if (record instanceof MulBlankRecord blanks) {
                for (int i = 0; i < blanks.getNumColumns(); i++) {
                    cell(blanks.getRow(), blanks.getFirstColumn() + i, "");
                }
            }
        }

        /** A formula reads as its last computed value, as Excel saves it as CSV. */
        private void formula(FormulaRecord formula, XlsWorkbook.Globals globals) {
            CellType result = formula.getCachedResultTypeEnum();
            if (result == CellType.NUMERIC) {
                cell(formula, globals.number(formula.getValue(), formula.getXFIndex() & 0xFFFF));
            } else if (result == CellType.BOOLEAN) {
                cell(formula, formula.getCachedBooleanValue() ? "TRUE" : "FALSE");
            } else if (result == CellType.ERROR) {
                cell(formula, XlsWorkbook.Globals.error(formula.getCachedErrorValue()));
            } else if (result == CellType.STRING && formula.hasCachedResultString()) {
                stringFormula = formula; // its text is the next record's
            } else {
                cell(formula, "");
            }
        }

        private void cell(CellValueRecordInterface cell, String text) {
            cell(cell, () -> text);
        }

        private void cell(CellValueRecordInterface cell, Supplier<String> text) {
            cell(cell.getRow(), cell.getColumn() & 0xFFFF, text);
        }

        private void cell(int row, int column, String text) {
            cell(row, column, () -> text);
        }

        /** A cell of {@code row}: the rows before it are given first, so a refusal of its text is about its own. */
        private void cell(int row, int column, Supplier<String> text) {
            if (row != currentRow) {
                giveRow();
                if (row <= lastGivenRow) {
                    // Excel writes a sheet's cells row by row; a writer that wrote them column by column would have
                    // every cell read as a row of its own, silently. Refused: saved again by Excel it reads.
                    throw new SheetDamageException(where(row) + ": its cells come after row " + (lastGivenRow + 1)
                            + "'s, not in row order as Excel writes them; save the workbook again in Excel");
                }
                giveEmptyRowsBefore(row);
                currentRow = row;
            }
            if (column >= COLUMNS) {
                throw new SheetDamageException(where(row) + ": a cell in column " + (column + 1) + ", past the "
                        + COLUMNS + " columns an .xls sheet has");
            }
            if (cells.size() == COLUMNS) {
                // Cells written again over one another: a row held in memory must not grow without end.
                throw new SheetDamageException(where(row) + ": more cells than the " + COLUMNS + " columns of a row");
            }
            cells.add(new Cell(column, text.get()));
        }

        /** The sheet and the row as Excel numbers it, for a refusal. */
        private String where(int row) {
            return "sheet '" + sheet + "', row " + (row + 1);
        }

        private void giveRow() {
            if (currentRow < 0) {
                return;
            }
            cells.sort(Comparator.comparingInt(Cell::column)); // a row's cells as its columns run, whoever wrote them
            // A cell written twice (a writer's correction): the later record holds, as in Excel's own reading,
            // not both, which would shift every later column right. The sort is stable: the later comes last.
            int kept = 0;
            for (Cell cell : cells) {
                if (kept > 0 && cells.get(kept - 1).column() == cell.column()) {
                    cells.set(kept - 1, cell);
                } else {
                    cells.set(kept++, cell);
                }
            }
            cells.subList(kept, cells.size()).clear();
            try {
                ready.add(SheetLines.line(cells, Cell::column, Cell::text));
            } catch (SheetDamageException tooLong) {
                throw new SheetDamageException(where(currentRow) + ": " + tooLong.getMessage());
            }
            declaredRows.remove(currentRow);
            lastGivenRow = Math.max(lastGivenRow, currentRow);
            cells.clear();
            currentRow = -1;
        }

        private void giveEmptyRowsBefore(int row) {
            while (!declaredRows.isEmpty() && declaredRows.first() < row) {
                int empty = declaredRows.pollFirst();
                if (empty > lastGivenRow) {
                    ready.add("");
                    lastGivenRow = empty;
                }
            }
        }

        private void end() {
            if (stringFormula != null) {
                cell(stringFormula, "");
                stringFormula = null;
            }
            giveRow();
            giveEmptyRowsBefore(Integer.MAX_VALUE);
            ended = true;
        }

        private SheetDamageException refusal(String what) {
            return new SheetDamageException("sheet '" + sheet + "' " + what);
        }
    }
}

package io.cellwatch.ingest.format.biologic.mpr;

import io.cellwatch.ingest.format.binary.BinaryFormatException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where each column sits in one packed data record, worked out from the column IDs of the data module.
 * Every column, each flag included, gets a slot in the decoded {@code double[]}.
 */
final class RecordLayout {
    private final List<MprColumn> columns;
    private final ValueType[] types;
    private final int[] offsets;
    private final int[] flagMasks;
    private final int recordBytes;
    private final int[] allSlots;

    private RecordLayout(List<MprColumn> columns, int[] offsets, int[] flagMasks, int recordBytes) {
        this.columns = List.copyOf(columns);
        this.types = columns.stream().map(MprColumn::type).toArray(ValueType[]::new);
        this.offsets = offsets;
        this.flagMasks = flagMasks;
        this.recordBytes = recordBytes;
        this.allSlots = java.util.stream.IntStream.range(0, offsets.length).toArray();
    }

    /**
     * The layout for these column IDs.
     *
     * @param idOffsets file offset of each ID, for the message naming an unknown one
     * @throws BinaryFormatException for an ID the table does not know: the record length is then unknown
     */
    static RecordLayout of(int[] ids, long[] idOffsets, int technique, Path file) throws BinaryFormatException {
        return of(ids, idOffsets, technique, file, -1);
    }

    /**
     * The layout for these column IDs, where one ID the table does not know takes what is left of
     * {@code closedRecordBytes}: a data module another module follows gives its records' length (its
     * length over its point count), and one unknown column's width is that less the known ones', when it
     * is a width a column has (1, 2, 4 or 8 bytes). Its value is not read. yadg reads an unknown ID as 4
     * bytes on trust; here the module says it.
     *
     * @param closedRecordBytes the record length a closed data module gives, or -1 (still being written)
     */
    static RecordLayout of(int[] ids, long[] idOffsets, int technique, Path file, int closedRecordBytes)
            throws BinaryFormatException {
        int[] bases = Arrays.stream(ids).map(ColumnIds::baseOf).toArray();
        ValueType unknownType = unknownColumnType(ids, bases, technique, closedRecordBytes);
        List<MprColumn> columns = new ArrayList<>();
        int[] offsets = new int[ids.length];
        int[] masks = new int[ids.length];
        int position = 0;
        int flagByte = -1;
        for (int i = 0; i < ids.length; i++) {
            MprColumn column = ColumnIds.describe(ids[i], base -> contains(bases, base), technique);
            if (column == null && unknownType != null) {
                column = new MprColumn(ids[i], "unknown column " + ids[i], "", unknownType);
            }
            if (column == null) {
                throw new BinaryFormatException(
                        file,
                        "data module column list, column " + (i + 1),
                        idOffsets[i],
                        "a known EC-Lab column ID (without it the record length is unknown, so no row can be read;"
                                + " one unknown ID is read once the data module is closed, from the length it gives)",
                        String.format(
                                Locale.ROOT,
                                "%d (after column '%s')",
                                ids[i],
                                i == 0 ? "none" : columns.get(i - 1).label()));
            }
            columns.add(column);
            if (ColumnIds.isFlag(ids[i])) {
                if (flagByte < 0) {
                    flagByte = position;
                    position += 1;
                }
                offsets[i] = flagByte;
                masks[i] = ColumnIds.flagMask(ids[i]);
            } else {
                offsets[i] = position;
                position += column.type().bytes;
            }
        }
        return new RecordLayout(columns, offsets, masks, position);
    }

    /** The type an only unknown column has, by the width the closed module leaves it, or null. */
    private static ValueType unknownColumnType(int[] ids, int[] bases, int technique, int closedRecordBytes) {
        if (closedRecordBytes <= 0) {
            return null;
        }
        int known = 0;
        int unknown = 0;
        boolean flagByte = false;
        for (int id : ids) {
            MprColumn column = ColumnIds.describe(id, base -> contains(bases, base), technique);
            if (column == null) {
                unknown++;
            } else if (ColumnIds.isFlag(id)) {
                known += flagByte ? 0 : 1;
                flagByte = true;
            } else {
                known += column.type().bytes;
            }
        }
        if (unknown != 1) {
            return null;
        }
        return switch (closedRecordBytes - known) {
            case 1 -> ValueType.U1;
            case 2 -> ValueType.U2;
            case 4 -> ValueType.F4;
            case 8 -> ValueType.F8;
            default -> null;
        };
    }

    private static boolean contains(int[] values, int wanted) {
        for (int v : values) {
            if (v == wanted) {
                return true;
            }
        }
        return false;
    }

    int recordBytes() {
        return recordBytes;
    }

    List<MprColumn> columns() {
        return columns;
    }

    /** The slot of the first column whose base ID is one of {@code baseIds} (tried in order), or -1. */
    int slotOf(int... baseIds) {
        for (int base : baseIds) {
            for (int i = 0; i < columns.size(); i++) {
                MprColumn c = columns.get(i);
                if (c.baseId() == base && !ColumnIds.isFlag(c.id()) && !isPhaseReading(c)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The slot of a flag (1 mode, 2 ox/red, ...), or -1. */
    int flagSlot(int flagId) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).id() == flagId) {
                return i;
            }
        }
        return -1;
    }

    // ID 174 read as Phase(Zwe-ce) must not stand in for <Ewe>.
    private static boolean isPhaseReading(MprColumn c) {
        return c.baseId() == ColumnIds.MEAN_EWE_OR_PHASE && c.unit().equals("deg");
    }

    /** Decodes the record starting at {@code position} of a little-endian buffer into one value per slot. */
    void decode(ByteBuffer records, int position, double[] into) {
        decode(records, position, into, allSlots);
    }

    /**
     * Decodes only these slots of the record (a sample needs a dozen of a record's up to 40 columns);
     * the others keep whatever {@code into} held.
     */
    void decode(ByteBuffer records, int position, double[] into, int[] slots) {
        for (int i : slots) {
            int mask = flagMasks[i];
            if (mask != 0) {
                int bits = records.get(position + offsets[i]) & mask;
                into[i] = bits >>> Integer.numberOfTrailingZeros(mask);
            } else {
                into[i] = types[i].read(records, position + offsets[i]);
            }
        }
    }
}

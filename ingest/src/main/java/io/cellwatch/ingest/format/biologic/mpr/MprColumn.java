package io.cellwatch.ingest.format.biologic.mpr;

/**
 * One column of an {@code .mpr} data record as EC-Lab names it in its {@code .mpt} export.
 *
 * @param id     the column ID written in the data module header
 * @param name   EC-Lab's name ({@code Ewe}, {@code Q charge/discharge}, {@code half cycle})
 * @param unit   EC-Lab's unit as the export writes it ({@code V}, {@code mA.h}, {@code C}), empty for counts
 * @param type   how the value is stored
 */
record MprColumn(int id, String name, String unit, ValueType type) {

    /** The ID with EC-Lab's variant bits removed: IDs that differ by multiples of 256 are the same quantity. */
    int baseId() {
        return ColumnIds.baseOf(id);
    }

    /** The column header of the {@code .mpt} export: {@code Ewe/V}, {@code half cycle}. */
    String label() {
        return unit.isEmpty() ? name : name + "/" + unit;
    }
}

package io.cellwatch.ingest.format.biologic.mpr;

import io.cellwatch.ingest.format.binary.BinaryFormatException;
import java.io.IOException;
import java.util.Locale;

/**
 * How many records the data module holds at one poll. EC-Lab raises the point count at the start of
 * the module as it appends records, so the records to read are the counted ones that are fully in
 * the file. Once another module follows the data module (EC-Lab adds LOG and loop when it stops), the
 * module is closed and its length field must hold exactly the counted records.
 *
 * @param declaredPoints  the point count in the module header
 * @param completeRecords counted records whose every byte is in the file
 * @param closed          whether a module header follows the data module
 * @param moduleEnd       where the module ends by its length field
 * @param recordsEnd      where the counted records end
 * @param fileSize        the file's length at this poll
 * @param damage          a closed module whose length and count disagree, else null
 */
record DataExtent(
        long declaredPoints,
        long completeRecords,
        boolean closed,
        long moduleEnd,
        long recordsEnd,
        long fileSize,
        BinaryFormatException damage) {

    static DataExtent of(MprStructure structure, FileBytes bytes) throws IOException {
        MprModule data = structure.data();
        long recordBytes = structure.layout().recordBytes();
        long recordsStart = structure.recordsStart();
        long declared = bytes.u32(data.dataOffset());
        long length = bytes.u32(data.lengthFieldOffset());
        long moduleEnd = data.dataOffset() + length;
        boolean closed = bytes.startsWith(moduleEnd, ModuleFraming.MODULE);
        long limit = closed ? moduleEnd : bytes.size();
        long fit = Math.max(0, limit - recordsStart) / recordBytes;
        long complete = Math.min(declared, fit);
        long recordsEnd = recordsStart + declared * recordBytes;
        BinaryFormatException damage = null;
        if (closed && moduleEnd != recordsEnd) {
            damage = new BinaryFormatException(
                    bytes.file(),
                    "data module header, module length",
                    data.lengthFieldOffset(),
                    String.format(
                            Locale.ROOT,
                            "%d bytes for %d records of %d bytes after a %d-byte header",
                            recordsEnd - data.dataOffset(),
                            declared,
                            recordBytes,
                            structure.format().recordsOffset()),
                    String.format(Locale.ROOT, "%d (room for %d records)", length, fit));
        }
        return new DataExtent(declared, complete, closed, moduleEnd, recordsEnd, bytes.size(), damage);
    }
}

package io.cellwatch.ingest.format.biologic.mpr;

import io.cellwatch.ingest.format.binary.BinaryFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

/**
 * The top of an {@code .mpr} up to its first record: the modules before the data module and the data
 * module's header (version, column IDs, hence the record layout). Read once per file; what grows
 * afterwards (the point count, the records, the modules EC-Lab appends when it stops) is read per poll.
 *
 * @param data          the data module
 * @param format        its version's layout
 * @param layout        the record layout its column IDs give
 * @param facts         what the other modules said (more is added when modules after the data appear)
 */
record MprStructure(MprModule data, DataFormat format, RecordLayout layout, ModuleFacts facts) implements TopOfFile {

    /** File offset of the first record. */
    long recordsStart() {
        return data.dataOffset() + format.recordsOffset();
    }

    /**
     * Reads the top of the file.
     *
     * @return the structure, or a {@link Shortfall} when the file does not yet hold all of it
     * @throws BinaryFormatException when what is there is not a readable {@code .mpr}
     */
    static TopOfFile read(FileBytes bytes) throws IOException {
        if (!ModuleFraming.fileHeaderPresent(bytes)) {
            return new Shortfall("file header", bytes.size(), "the 52-byte BioLogic header");
        }
        ModuleFacts facts = new ModuleFacts();
        ModuleWalk walk = ModuleWalk.from(bytes, ModuleFraming.FIRST_MODULE, facts);
        if (walk.data() != null) {
            return readDataHeader(bytes, walk.data(), facts);
        }
        return walk.shortfall() != null
                ? walk.shortfall()
                : new Shortfall("module header", bytes.size(), "a module header (the file has no data module yet)");
    }

    private static TopOfFile readDataHeader(FileBytes bytes, MprModule data, ModuleFacts facts) throws IOException {
        DataFormat format = DataFormat.of(data.version());
        if (format == null) {
            throw new BinaryFormatException(
                    bytes.file(),
                    "data module header, version",
                    data.headerOffset(),
                    "version " + DataFormat.SUPPORTED,
                    Integer.toString(data.version()));
        }
        if (!bytes.has(data.dataOffset(), format.recordsOffset())) {
            return new Shortfall("data module header", data.dataOffset(), "the column list before the first record");
        }
        ByteBuffer header = bytes.read(data.dataOffset(), format.recordsOffset());
        int columns = header.get(4) & 0xFF;
        if (columns == 0 || format.idsEnd(columns) > format.recordsOffset()) {
            throw new BinaryFormatException(
                    bytes.file(),
                    "data module header, column count",
                    data.dataOffset() + 4,
                    String.format(
                            Locale.ROOT,
                            "between 1 and %d columns for version %d",
                            (format.recordsOffset() - 5) / format.idBytes(),
                            format.version()),
                    Integer.toString(columns));
        }
        header.order(format.bigEndianIds() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int[] ids = new int[columns];
        long[] idOffsets = new long[columns];
        for (int i = 0; i < columns; i++) {
            int at = 5 + i * format.idBytes();
            ids[i] = format.idBytes() == 1 ? header.get(at) & 0xFF : header.getShort(at) & 0xFFFF;
            idOffsets[i] = data.dataOffset() + at;
        }
        RecordLayout layout = RecordLayout.of(
                ids, idOffsets, facts.technique(), bytes.file(), closedRecordBytes(bytes, data, format));
        return new MprStructure(data, format, layout, facts);
    }

    /**
     * The record length a closed data module gives (another module follows it: its length and point count
     * are final), or -1 while it is still being written or does not divide evenly.
     */
    private static int closedRecordBytes(FileBytes bytes, MprModule data, DataFormat format) throws IOException {
        long length = bytes.u32(data.lengthFieldOffset());
        long declared = bytes.u32(data.dataOffset());
        long records = length - format.recordsOffset();
        if (declared <= 0
                || records <= 0
                || records % declared != 0
                || !bytes.startsWith(data.dataOffset() + length, ModuleFraming.MODULE)) {
            return -1;
        }
        long recordBytes = records / declared;
        return recordBytes <= Integer.MAX_VALUE ? (int) recordBytes : -1;
    }

    /** What the data module holds at this poll. */
    DataExtent extent(FileBytes bytes) throws IOException {
        return DataExtent.of(this, bytes);
    }
}

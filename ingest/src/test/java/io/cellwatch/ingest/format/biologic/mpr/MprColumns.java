package io.cellwatch.ingest.format.biologic.mpr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Every record of a finished {@code .mpr} decoded column by column, for comparing with a reference. */
record MprColumns(MprStructure structure, List<double[]> rows) {

    static MprColumns read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            FileBytes bytes = new FileBytes(channel, file);
            MprStructure structure = (MprStructure) MprStructure.read(bytes);
            RecordLayout layout = structure.layout();
            long points = structure.extent(bytes).completeRecords();
            int recordBytes = layout.recordBytes();
            ByteBuffer records = bytes.read(structure.recordsStart(), (int) (points * recordBytes))
                    .order(ByteOrder.LITTLE_ENDIAN);
            List<double[]> rows = new ArrayList<>();
            for (int i = 0; i < points; i++) {
                double[] values = new double[layout.columns().size()];
                layout.decode(records, i * recordBytes, values);
                rows.add(values);
            }
            return new MprColumns(structure, rows);
        }
    }

    List<MprColumn> columns() {
        return structure.layout().columns();
    }
}

package io.cellwatch.ingest.format.biologic.mpr;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Small synthetic {@code .mpr} files for tests: written from the format description, independently
 * of the reader's own layout code, so that a test reads what a writer following the description wrote.
 */
final class MprBuilder {
    /** A GCPL record as EC-Lab 11.x writes it: flags, Ns, time, dq, (Q-Qo), control, Ewe, I Range, Q, half cycle. */
    static final int[] GCPL = {1, 2, 3, 21, 31, 65, 131, 4, 7, 13, 5, 6, 39, 211, 468};

    private int version = 3;
    private int technique = 4;
    private int[] ids = GCPL;
    private final List<double[]> records = new ArrayList<>();
    private Double logStartOleDays = 45_000.25; // 2023-03-15 06:00 local
    private long[] loopStarts;
    private boolean externalDevice;

    MprBuilder version(int dataVersion) {
        this.version = dataVersion;
        return this;
    }

    MprBuilder technique(int techniqueByte) {
        this.technique = techniqueByte;
        return this;
    }

    MprBuilder columns(int... columnIds) {
        this.ids = columnIds.clone();
        return this;
    }

    /** One record: a value per column ID, flags included (mode 1..3, the others 0/1). */
    MprBuilder record(double... values) {
        if (values.length != ids.length) {
            throw new IllegalArgumentException(ids.length + " values expected");
        }
        records.add(values.clone());
        return this;
    }

    /** A GCPL record: mode, ox/red, Ns, time, dq, (Q-Qo), control, Ewe, Q charge/discharge, half cycle. */
    MprBuilder gcpl(
            int mode, int oxRed, int ns, double timeS, double dqMah, double netMah, double ewe, double q, int half) {
        return record(mode, oxRed, 0, 0, 0, 0, ns, timeS, dqMah, netMah, 0.1, ewe, 13, q, half);
    }

    MprBuilder log(Double startOleDays) {
        this.logStartOleDays = startOleDays;
        return this;
    }

    MprBuilder loops(long... starts) {
        this.loopStarts = starts.clone();
        return this;
    }

    MprBuilder externalDevice() {
        this.externalDevice = true;
        return this;
    }

    private boolean newHeaders() {
        return version >= 10;
    }

    private DataFormat format() {
        DataFormat f = DataFormat.of(version);
        return f != null ? f : new DataFormat(version, 2, false, 0x196);
    }

    int recordBytes() {
        int bytes = 0;
        boolean flags = false;
        for (int id : ids) {
            if (ColumnIds.isFlag(id)) {
                bytes += flags ? 0 : 1;
                flags = true;
            } else {
                bytes += typeOf(id).bytes;
            }
        }
        return bytes;
    }

    /** The column's type; an ID the reader does not know is written as a float32 (for the unknown-ID test). */
    private ValueType typeOf(int id) {
        MprColumn known = ColumnIds.describe(id, x -> false, technique);
        return known == null ? ValueType.F4 : known.type();
    }

    /** The whole file. */
    byte[] build() {
        return concat(top(), recordBytes(0, records.size()), tail());
    }

    /** File header, the modules before the data, the data module's header and column list (point count as now). */
    byte[] top() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ModuleFraming.FILE_MAGIC);
        byte[] settings = new byte[64];
        settings[0] = (byte) technique;
        module(out, "VMP Set", "VMP settings", settings, newHeaders() ? 10 : 0);
        if (externalDevice) {
            module(out, "VMP ExtDev", "VMP external device", new byte[40], newHeaders() ? 10 : 0);
        }
        DataFormat f = format();
        ByteBuffer header = ByteBuffer.allocate(f.recordsOffset()).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(records.size()).put((byte) ids.length);
        for (int id : ids) {
            if (f.idBytes() == 1) {
                header.put((byte) id);
            } else if (f.bigEndianIds()) {
                header.put((byte) (id >> 8)).put((byte) id);
            } else {
                header.put((byte) id).put((byte) (id >> 8));
            }
        }
        long length = f.recordsOffset() + (long) records.size() * recordBytes();
        moduleHeader(out, "VMP data", "VMP data", length, newHeaders() ? 11 : version);
        out.writeBytes(header.array());
        return out.toByteArray();
    }

    /** Records {@code from} (inclusive) to {@code to} (exclusive), packed. */
    byte[] recordBytes(int from, int to) {
        ByteBuffer b = ByteBuffer.allocate((to - from) * recordBytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (double[] values : records.subList(from, to)) {
            int flagAt = -1;
            int flags = 0;
            for (int i = 0; i < ids.length; i++) {
                if (ColumnIds.isFlag(ids[i])) {
                    if (flagAt < 0) {
                        flagAt = b.position();
                        b.put((byte) 0);
                    }
                    int mask = ColumnIds.flagMask(ids[i]);
                    flags |= ((int) values[i] << Integer.numberOfTrailingZeros(mask)) & mask;
                    continue;
                }
                switch (typeOf(ids[i])) {
                    case U1 -> b.put((byte) values[i]);
                    case U2 -> b.putShort((short) values[i]);
                    case U4 -> b.putInt((int) (long) values[i]);
                    case F4 -> b.putFloat((float) values[i]);
                    case F8 -> b.putDouble(values[i]);
                }
            }
            if (flagAt >= 0) {
                b.put(flagAt, (byte) flags);
            }
        }
        return b.array();
    }

    /** The modules EC-Lab appends when the acquisition stops. */
    byte[] tail() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (logStartOleDays != null) {
            ByteBuffer log = ByteBuffer.allocate(0x300).order(ByteOrder.LITTLE_ENDIAN);
            log.putDouble(0x249, logStartOleDays);
            module(out, "VMP LOG", "VMP LOG", log.array(), newHeaders() ? 10 : 0);
        }
        if (loopStarts != null) {
            ByteBuffer loop = ByteBuffer.allocate(4 + 4 * loopStarts.length).order(ByteOrder.LITTLE_ENDIAN);
            loop.putInt(loopStarts.length);
            Arrays.stream(loopStarts).forEach(s -> loop.putInt((int) s));
            module(out, "VMP loop", "VMP loop", loop.array(), newHeaders() ? 10 : 0);
        }
        return out.toByteArray();
    }

    private void module(ByteArrayOutputStream out, String name, String longName, byte[] data, int moduleVersion) {
        moduleHeader(out, name, longName, data.length, moduleVersion);
        out.writeBytes(data);
    }

    private void moduleHeader(ByteArrayOutputStream out, String name, String longName, long length, int moduleVersion) {
        out.writeBytes(ModuleFraming.MODULE);
        out.writeBytes(padded(name, 10));
        out.writeBytes(padded(longName, 25));
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        if (newHeaders()) {
            b.putInt(0xFFFF_FFFF).putInt((int) length).putInt(0).putInt(moduleVersion);
        } else {
            b.putInt((int) length).putInt(moduleVersion);
        }
        b.put("03/15/23".getBytes(StandardCharsets.US_ASCII));
        out.write(b.array(), 0, b.position());
    }

    private static byte[] padded(String text, int length) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) ' ');
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, b, 0, t.length);
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A three-record GCPL file: rest, charge, discharge. */
    static MprBuilder threeRecordGcpl() {
        return new MprBuilder()
                .gcpl(3, 1, 0, 0.0, 0, 0, 3.40, 0, 0)
                .gcpl(1, 1, 1, 10.0, 0.05, 0.05, 3.60, 0.05, 0)
                .gcpl(1, 0, 2, 20.0, -0.02, 0.03, 3.50, -0.02, 1);
    }
}

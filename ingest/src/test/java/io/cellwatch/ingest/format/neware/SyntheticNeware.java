package io.cellwatch.ingest.format.neware;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Small Neware files written from scratch, with values that follow from the record number, so a
 * reader's output can be checked without the shared real data and fuzzing has seeds of every
 * layout. Record {@code k} (from 1): step 1 charges at +1 mA for the first half of the records,
 * step 2 discharges at -1 mA; voltage 3.5 V + k mV; one record per second of wall-clock time;
 * temperature 25 °C.
 */
public final class SyntheticNeware {
    /** 2020-03-25 11:16:50 UTC, the first record's time. */
    public static final long START_EPOCH_S = 1_585_135_010L;

    private SyntheticNeware() {}

    public static double voltage(int k) {
        return 3.5 + k / 1000.0;
    }

    public static double currentMa(int k, int records) {
        return step(k, records) == 1 ? 1 : -1;
    }

    public static int step(int k, int records) {
        return k <= (records + 1) / 2 ? 1 : 2;
    }

    /** Step time in s: the step's first record is at 0. */
    public static int stepTime(int k, int records) {
        return step(k, records) == 1 ? k - 1 : k - (records + 1) / 2 - 1;
    }

    /**
     * Time since the test began, the way Neware counts it: a step's first record has the time of the
     * previous step's last (the step times of finished steps added up).
     */
    public static int totalTime(int k, int records) {
        int half = (records + 1) / 2;
        return step(k, records) == 1 ? stepTime(k, records) : stepTime(k, records) + stepTime(half, records);
    }

    /** The step's counter in mAh after {@code stepTime} seconds at 1 mA. */
    public static double counterMah(int k, int records) {
        return stepTime(k, records) / 3600.0;
    }

    /** nda version 29: a step header record, then {@code records} data records, an aux record after each. */
    public static byte[] nda29(int records) {
        int dataStart = 2100;
        ByteBuffer b = little(dataStart + (2 * records + 1) * 86);
        b.put(0, "NEWARE20200325".getBytes(StandardCharsets.US_ASCII));
        b.put(14, (byte) 29);
        b.putInt(16, 2048); // the block holding the fixed current range
        b.putInt(2048 + 26, 50); // range 50: current in µA
        b.putInt(64, dataStart);
        b.putInt(68, (2 * records + 1) * 86);
        int at = dataStart;
        b.put(at, (byte) 0xAA).putInt(at + 2, 1).putShort(at + 10, (short) 1).put(at + 12, (byte) 1);
        at += 86;
        for (int k = 1; k <= records; k++, at += 86) {
            int step = step(k, records);
            b.put(at, (byte) 0x55).putInt(at + 2, k).putInt(at + 6, 0);
            b.putShort(at + 10, (short) step).put(at + 12, (byte) step).put(at + 13, (byte) step);
            b.putLong(at + 14, stepTime(k, records) * 1000L);
            b.putInt(at + 22, (int) Math.round(voltage(k) * 10000));
            b.putInt(at + 26, (int) Math.round(currentMa(k, records) * 1000)); // µA
            long counterUas = Math.round(counterMah(k, records) * 3600 * 1000); // µA·s
            b.putLong(at + (step == 1 ? 38 : 46), counterUas);
            long seconds = START_EPOCH_S + k - 1;
            java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(seconds, 0, java.time.ZoneOffset.UTC);
            b.putShort(at + 70, (short) t.getYear()).put(at + 72, (byte) t.getMonthValue());
            b.put(at + 73, (byte) t.getDayOfMonth()).put(at + 74, (byte) t.getHour());
            b.put(at + 75, (byte) t.getMinute()).put(at + 76, (byte) t.getSecond());
            at += 86;
            b.put(at, (byte) 0x65).put(at + 1, (byte) 1).putInt(at + 2, k);
            b.putInt(at + 22, 12345).putShort(at + 34, (short) 250);
        }
        return b.array();
    }

    /** nda version 130 as BTS 9.1 writes it: 56-byte records with a temperature, then the 0x81 block. */
    public static byte[] bts91(int records) {
        int length = 56;
        ByteBuffer b = little(1024 + records * length + 40);
        b.put(0, "NEWARE20240403".getBytes(StandardCharsets.US_ASCII));
        b.put(14, (byte) 130);
        for (int k = 1; k <= records; k++) {
            int at = 1024 + (k - 1) * length;
            int step = step(k, records);
            b.put(at, (byte) 0x55)
                    .put(at + 1, (byte) 0x06)
                    .put(at + 2, (byte) step)
                    .put(at + 3, (byte) step);
            b.putInt(at + 8, k).putInt(at + 12, totalTime(k, records)).putInt(at + 16, 0);
            b.putFloat(at + 20, (float) currentMa(k, records)).putFloat(at + 24, (float) voltage(k));
            double mas = counterMah(k, records) * 3600 * (step == 1 ? 1 : -1);
            b.putFloat(at + 28, (float) mas).putFloat(at + 32, (float) (mas * 3.6));
            b.putInt(at + 36, 0).putInt(at + 44, (int) (START_EPOCH_S + k - 1)).putFloat(at + 52, 25f);
        }
        b.put(1024 + records * length, (byte) 0x81);
        return b.array();
    }

    /** {@link #ndax(int, int, int)} in ndc version 14. */
    public static byte[] ndax14(int records, int coverEvery) {
        return ndax(14, records, coverEvery);
    }

    /**
     * An ndax with tables of ndc version 11, 14, 16 or 17: data, runInfo (a row for every
     * {@code coverEvery}-th record and the first of each step), step, one auxiliary channel (T1, in
     * versions 11 and 16 with a voltage V1 of 0) named in TestInfo.xml. Versions differ as the
     * readers expect: 11 and 16 store 0.1 mV, mA and mA·s; 14 and 17 V, A and Ah; runInfo rows are
     * 47, 55 or 100 bytes, step rows 37 or 100.
     */
    public static byte[] ndax(int version, int records, int coverEvery) {
        boolean tenthMillivolts = version == 11 || version == 16;
        int runInfoRow = version == 11 ? 47 : version == 14 ? 55 : 100;
        int stepRow = version <= 14 ? 37 : 100;
        List<byte[]> data = new ArrayList<>();
        List<byte[]> runInfo = new ArrayList<>();
        List<byte[]> aux = new ArrayList<>();
        int lastStep = 0;
        for (int k = 1; k <= records; k++) {
            double volts = voltage(k) * (tenthMillivolts ? 1e4 : 1);
            double current = currentMa(k, records) / (tenthMillivolts ? 1 : 1000);
            data.add(little(8)
                    .putFloat(0, (float) volts)
                    .putFloat(4, (float) current)
                    .array());
            aux.add(
                    tenthMillivolts
                            ? little(7)
                                    .put(0, (byte) 0x65)
                                    .putShort(5, (short) 250)
                                    .array()
                            : little(4).putFloat(0, 25f).array());
            int step = step(k, records);
            if (step != lastStep || (k - 1) % coverEvery == 0) {
                ByteBuffer r = little(runInfoRow);
                r.putInt(0, stepTime(k, records) * 1000);
                double counter = tenthMillivolts ? counterMah(k, records) * 3600 : counterMah(k, records) / 1000;
                r.putFloat(step == 1 ? 5 : 9, (float) counter);
                r.putInt(29, 1000)
                        .putInt(33, (int) (START_EPOCH_S + k - 1))
                        .putInt(37, step)
                        .putInt(41, k);
                runInfo.add(r.array());
                lastStep = step;
            }
        }
        List<byte[]> steps = new ArrayList<>();
        for (int step = 1; step <= (records > 1 ? 2 : 1); step++) {
            steps.add(little(stepRow)
                    .putInt(0, 0)
                    .putInt(4, step)
                    .put(24, (byte) step)
                    .array());
        }
        String testInfo = "<?xml version=\"1.0\" encoding=\"GB2312\"?>\r\n<root><config><TestInfo AuxCount=\"1\">"
                + "<Aux1 AuxID=\"1\" RealChlID=\"9\" ChlType=\"103\" /></TestInfo></config></root>";
        return zip(
                "VersionInfo.xml", "<root/>".getBytes(StandardCharsets.US_ASCII),
                "TestInfo.xml", testInfo.getBytes(StandardCharsets.US_ASCII),
                "data.ndc", ndc(1, version, 8, data),
                "data_AUX_9_3_1.ndc", ndc(5, version, tenthMillivolts ? 7 : 4, aux),
                "data_step.ndc", ndc(7, version, stepRow, steps),
                "data_runInfo.ndc", ndc(18, version, runInfoRow, runInfo));
    }

    /**
     * An ndax of ndc version 5: whole 87-byte records (marker 0x55, index, cycle, step, status, step
     * time, voltage, current, counters in units of current range 50 (µA), local date) in pages with
     * a bitmask; no runInfo or step tables.
     */
    public static byte[] ndax5(int records) {
        List<byte[]> rows = new ArrayList<>();
        for (int k = 1; k <= records; k++) {
            int step = step(k, records);
            ByteBuffer r = little(87);
            r.put(0, (byte) 0x55).putInt(1, k).putInt(5, 0).put(9, (byte) step).put(10, (byte) step);
            r.putLong(16, stepTime(k, records) * 1000L);
            r.putInt(24, (int) Math.round(voltage(k) * 10000));
            r.putInt(28, (int) Math.round(currentMa(k, records) * 1000));
            r.putLong(step == 1 ? 36 : 44, Math.round(counterMah(k, records) * 3600 * 1000));
            java.time.LocalDateTime t =
                    java.time.LocalDateTime.ofEpochSecond(START_EPOCH_S + k - 1, 0, java.time.ZoneOffset.UTC);
            r.putShort(68, (short) t.getYear())
                    .put(70, (byte) t.getMonthValue())
                    .put(71, (byte) t.getDayOfMonth());
            r.put(72, (byte) t.getHour()).put(73, (byte) t.getMinute()).put(74, (byte) t.getSecond());
            r.putInt(75, 50);
            rows.add(r.array());
        }
        return zip("data.ndc", ndc(1, 5, 87, rows));
    }

    /** An ndc table: a 4096-byte header page, then pages with a count, a bitmask and rows from byte 132. */
    public static byte[] ndc(int fileType, int version, int rowSize, List<byte[]> rows) {
        int perPage = (4096 - 132 - 1) / rowSize;
        int pages = (rows.size() + perPage - 1) / perPage;
        ByteBuffer b = little(4096 * (1 + pages));
        b.put(0, (byte) fileType).put(2, (byte) version).put(4, (byte) 1);
        for (int i = 0; i < rows.size(); i++) {
            int page = 4096 * (1 + i / perPage);
            int slot = i % perPage;
            b.put(page, (byte) (fileType + 1));
            b.putShort(page + 2, (short) (Math.min(perPage, rows.size() - (i - slot))));
            b.put(page + 4 + slot / 8, (byte) (b.get(page + 4 + slot / 8) | 1 << (slot % 8)));
            b.put(page + 132 + slot * rowSize, rows.get(i));
        }
        return b.array();
    }

    /** A ZIP archive of name/bytes pairs, in order. */
    public static byte[] zip(Object... namesAndBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < namesAndBytes.length; i += 2) {
                zip.putNextEntry(new ZipEntry((String) namesAndBytes[i]));
                zip.write((byte[]) namesAndBytes[i + 1]);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static ByteBuffer little(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}

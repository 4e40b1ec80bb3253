package io.cellwatch.ingest.format.neware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryFileIncompleteException;
import io.cellwatch.ingest.format.binary.BinaryFormatException;
import io.cellwatch.ingest.format.neware.nda.NdaFormat;
import io.cellwatch.ingest.format.neware.ndax.NdaxFormat;
import io.cellwatch.model.Sample;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged Neware files: each an error naming the file (and archive member), the offset and what was
 * expected, with the records before the damage delivered. Written from scratch, so they run
 * without the shared data.
 */
class NewareBadInputTest {
    private static final int RECORDS = 12;
    /** Where {@link SyntheticNeware#nda29}'s records start, and their length. */
    private static final int NDA_DATA = 2100;

    private static final int NDA_RECORD = 86;

    @TempDir
    Path dir;

    @Test
    void emptyNdaIsIncompleteAtOffsetZero() throws IOException {
        Path file = write("empty.nda", new byte[0]);
        assertThatThrownBy(() -> NewareRead.of(file))
                .isInstanceOf(BinaryFileIncompleteException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("offset 0")
                .hasMessageContaining("magic");
    }

    @Test
    void ndaCutInsideItsHeaderIsIncomplete() throws IOException {
        Path file = write("cut.nda", Arrays.copyOf(SyntheticNeware.nda29(RECORDS), 40));
        assertThatThrownBy(() -> NewareRead.of(file))
                .isInstanceOf(BinaryFileIncompleteException.class)
                .hasMessageContaining("offset 40")
                .hasMessageContaining("pointer to the first record");
    }

    @Test
    void ndaCutInsideARecordDeliversTheWholeRecordsBeforeIt() throws IOException {
        int whole = 5; // the step header, then data/aux pairs
        int cut = NDA_DATA + NDA_RECORD * (1 + 2 * whole) + 30;
        NewareRead read = NewareRead.of(write("cut.nda", Arrays.copyOf(SyntheticNeware.nda29(RECORDS), cut)));
        assertThat(read.samples).extracting(Sample::dataPoint).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void ndaOfAnUnknownVersionNamesTheVersion() throws IOException {
        byte[] bytes = SyntheticNeware.nda29(RECORDS);
        bytes[14] = 99;
        Path file = write("v99.nda", bytes);
        assertThatThrownBy(() -> NewareRead.of(file))
                .isInstanceOf(BinaryFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("offset 14")
                .hasMessageContaining("found version 99");
    }

    @Test
    void ndaWithoutTheMagicIsNotTakenForOne() throws IOException {
        byte[] bytes = SyntheticNeware.nda29(RECORDS);
        bytes[0] = 'X';
        Path file = write("other.nda", bytes);
        assertThat(new NdaFormat().recognisesBytes(file, Arrays.copyOf(bytes, 64)))
                .isFalse();
        assertThatThrownBy(() -> NewareRead.of(file))
                .isInstanceOf(BinaryFormatException.class)
                .hasMessage(file + ": header, magic at offset 0: expected the magic 'NEWARE' that starts every .nda"
                        + " file, found 'XEWARE'");
    }

    @Test
    void ndaWithADamagedRecordKeepsTheRecordsBeforeIt() throws IOException {
        byte[] bytes = SyntheticNeware.nda29(RECORDS);
        int damaged = NDA_DATA + NDA_RECORD * (1 + 2 * 6); // the 7th data record
        bytes[damaged] = 0x33;
        Path file = write("damaged.nda", bytes);
        NewareRead read = new NewareRead();
        assertThatThrownBy(() -> new NdaFormat().read(SourceFile.of(file), read, read))
                .isInstanceOf(BinaryFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("record at offset " + damaged)
                .hasMessageContaining("starting with 0x55 (data)");
        assertThat(read.samples).extracting(Sample::dataPoint).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void emptyNdaxIsIncomplete() throws IOException {
        Path file = write("empty.ndax", new byte[0]);
        assertThatThrownBy(() -> NewareRead.of(file))
                .isInstanceOf(BinaryFileIncompleteException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("found an empty file");
    }

    @Test
    void ndaxStillBeingWrittenIsIncompleteNotCorrupt() throws IOException {
        byte[] whole = SyntheticNeware.ndax14(RECORDS, 1);
        Path file = write("writing.ndax", Arrays.copyOf(whole, whole.length - 30));
        assertThatThrownBy(() -> NewareRead.of(file))
                .isInstanceOf(BinaryFileIncompleteException.class)
                .hasMessageContaining("offset " + (whole.length - 30))
                .hasMessageContaining("end-of-central-directory");
    }

    @Test
    void ndaxWithoutDataNdcNamesTheMissingMember() throws IOException {
        Path file = write("nodata.ndax", withoutMember(SyntheticNeware.ndax14(RECORDS, 1), "data.ndc"));
        assertThatThrownBy(() -> NewareRead.of(file))
                .isInstanceOf(BinaryFormatException.class)
                .isNotInstanceOf(BinaryFileIncompleteException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("data.ndc")
                .hasMessageContaining("TestInfo.xml"); // the members it does have
    }

    @Test
    void ndaxWithAnUnknownNdcVersionNamesMemberAndOffset() throws IOException {
        byte[] data = SyntheticNeware.ndc(1, 99, 8, java.util.List.of(new byte[8]));
        Path file = write("v99.ndax", SyntheticNeware.zip("data.ndc", data));
        assertThatThrownBy(() -> NewareRead.of(file))
                .isInstanceOf(BinaryFormatException.class)
                .hasMessage(file + ": data.ndc, version at offset 2: expected an ndc version cellwatch reads"
                        + " (2, 5, 11, 14, 16, 17), found version 99");
    }

    @Test
    void ndaxWhoseDataTableEndsInsideAPageKeepsTheRowsBefore() throws IOException {
        java.util.List<byte[]> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 600; i++) { // two pages of 495 rows
            rows.add(java.nio.ByteBuffer.allocate(8)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                    .putFloat(0, 3.7f)
                    .array());
        }
        byte[] table = SyntheticNeware.ndc(1, 14, 8, rows);
        byte[] cut = Arrays.copyOf(table, table.length - 1000);
        byte[] runInfo = SyntheticNeware.ndc(18, 14, 55, java.util.List.of());
        Path file = write("cut.ndax", SyntheticNeware.zip("data.ndc", cut, "data_runInfo.ndc", runInfo));
        NewareRead read = new NewareRead();
        assertThatThrownBy(() -> new NdaxFormat().read(SourceFile.of(file), read, read))
                .isInstanceOf(BinaryFormatException.class)
                .hasMessageContaining("data.ndc, page 2 at offset " + cut.length)
                .hasMessageContaining("a whole page of 4096 bytes");
        assertThat(read.samples).hasSize(495);
    }

    @Test
    void ndaxWithDamagedCompressedDataNamesTheMember() throws IOException {
        byte[] bytes = SyntheticNeware.ndax14(RECORDS, 1);
        int at = indexOf(bytes, "data.ndc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) + 8;
        for (int i = at + 10; i < at + 60; i++) {
            bytes[i] = (byte) 0xFF; // inside data.ndc's deflated bytes
        }
        Path file = write("damaged.ndax", bytes);
        assertThatThrownBy(() -> NewareRead.of(file))
                .isInstanceOf(BinaryFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("data.ndc");
    }

    private static byte[] withoutMember(byte[] zip, String leftOut) throws IOException {
        java.util.List<Object> kept = new java.util.ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!e.getName().equals(leftOut)) {
                    kept.add(e.getName());
                    kept.add(in.readAllBytes());
                }
            }
        }
        return SyntheticNeware.zip(kept.toArray());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }
}

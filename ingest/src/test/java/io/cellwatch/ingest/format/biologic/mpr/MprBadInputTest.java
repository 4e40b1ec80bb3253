package io.cellwatch.ingest.format.biologic.mpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cellwatch.ingest.format.Collected;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged files: each a {@link BinaryFormatException} naming the file, where and what was expected,
 * after the rows before the damage. A file that is merely short is, to a live reader, one EC-Lab is
 * still writing: it waits; read as finished it is truncated.
 */
class MprBadInputTest {
    private final EcLabMprFormat format = new EcLabMprFormat();

    @TempDir
    Path dir;

    private final MprBuilder gcpl = MprBuilder.threeRecordGcpl();
    private final byte[] whole = gcpl.build();
    private final int dataHeaderStart = gcpl.top().length - 0x196 - 57;

    private Path write(byte[] bytes) throws IOException {
        return Files.write(dir.resolve("ch07.mpr"), bytes);
    }

    /** Reads as a finished file; returns what arrived before the exception it must throw. */
    private Collected readExpectingFailure(Path file, String... messageParts) {
        Collected c = new Collected();
        assertThatThrownBy(() -> format.read(SourceFile.of(file), c))
                .isInstanceOf(BinaryFormatException.class)
                .hasMessageStartingWith(file.toString() + ": ")
                .hasMessageContainingAll(messageParts);
        return c;
    }

    private static int liveRows(Path file) throws IOException {
        try (MprRowSource rows = new MprRowSource(SourceFile.of(file))) {
            return rows.readNew(new Collected());
        }
    }

    @Test
    void anEmptyFileIsAnErrorReadWholeAndNothingYetToAFollower() throws IOException {
        Path file = write(new byte[0]);
        readExpectingFailure(
                file, "file header at offset 0: expected the 52-byte BioLogic header, found an empty file");
        assertThat(liveRows(file)).isZero();
    }

    @Test
    void aFileWithAnotherMagicNamesTheFirstWrongByte() throws IOException {
        byte[] bytes = whole.clone();
        bytes[10] = 'X';
        Path file = write(bytes);
        readExpectingFailure(file, "file header at offset 10", "BIO-LOGIC MODULAR FILE");
        assertThatThrownBy(() -> liveRows(file)).isInstanceOf(BinaryFormatException.class);
    }

    @Test
    void aFileCutInsideAnyHeaderIsTruncatedAndWaitsWhenFollowed() throws IOException {
        for (int cut : new int[] {20, 60, 100, dataHeaderStart + 30, dataHeaderStart + 100}) {
            Path file = write(Arrays.copyOf(whole, cut));
            readExpectingFailure(file, "truncated");
            assertThat(liveRows(file)).as("rows from a file cut at %d", cut).isZero();
        }
    }

    @Test
    void aFileCutInsideARecordKeepsTheRecordsBeforeIt() throws IOException {
        int cut = gcpl.top().length + gcpl.recordBytes() + 7;
        Path file = write(Arrays.copyOf(whole, cut));
        Collected c = readExpectingFailure(
                file,
                "data record 2 at offset " + (gcpl.top().length + gcpl.recordBytes()),
                "3 records of " + gcpl.recordBytes() + " bytes",
                "ends after 1 (truncated)");
        assertThat(c.samples).hasSize(1);
        assertThat(liveRows(file)).isEqualTo(1);
    }

    @Test
    void anUnknownModuleNamesItAndTheModulesExpected() throws IOException {
        byte[] bytes = whole.clone();
        byte[] name = "VMP Weird ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, bytes, 0x34 + 6, name.length);
        Path file = write(bytes);
        readExpectingFailure(
                file,
                "module header, module name at offset " + (0x34 + 6),
                "expected one of the modules EC-Lab writes (VMP Set, VMP data",
                "found 'VMP Weird'");
    }

    @Test
    void aMissingModuleKeywordIsNamed() throws IOException {
        byte[] bytes = whole.clone();
        bytes[0x34] = 'm';
        // The wording every binary reader uses: where, what the format has there, what the file has.
        readExpectingFailure(
                write(bytes),
                "ch07.mpr: module header at offset 52: expected the keyword 'MODULE' that starts a module,"
                        + " found 'mODULE'");
    }

    @Test
    void anUnknownColumnIdNamesTheIdItsOffsetAndTheColumnBefore() throws IOException {
        // Two unknown IDs: the record length the closed module gives cannot be split between them.
        byte[] bytes = new MprBuilder()
                .columns(4, 6, 8, 150, 151)
                .record(1, 3.3, 1, 0, 0)
                .build();
        Path file = write(bytes);
        int idOffset = new MprBuilder().columns(4, 6, 8, 150, 151).top().length - 0x196 + 5 + 3 * 2;
        readExpectingFailure(
                file,
                "data module column list, column 4 at offset " + idOffset,
                "expected a known EC-Lab column ID",
                "found 150 (after column 'I/mA')",
                "record length is unknown");
    }

    @Test
    void anUnsupportedDataVersionNamesTheVersionsKnown() throws IOException {
        byte[] bytes = MprBuilder.threeRecordGcpl().version(5).build();
        readExpectingFailure(write(bytes), "data module header", "version 0, 2, 3, 10 or 11, found 5");
    }

    @Test
    void noColumnsAtAllIsDamage() throws IOException {
        byte[] bytes = whole.clone();
        bytes[dataHeaderStart + 57 + 4] = 0;
        readExpectingFailure(write(bytes), "between 1 and", "found 0");
    }

    @Test
    void aClosedDataModuleCountingMorePointsThanItHoldsDeliversWhatItHolds() throws IOException {
        byte[] bytes = whole.clone();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(dataHeaderStart + 57, 5);
        Path file = write(bytes);
        Collected c = readExpectingFailure(
                file,
                "data module header, module length at offset ",
                "for 5 records of " + gcpl.recordBytes() + " bytes",
                "(room for 3 records)");
        assertThat(c.samples).hasSize(3);
    }

    @Test
    void aHugePointCountOrModuleLengthAllocatesNothingForIt() throws IOException {
        byte[] bytes = Arrays.copyOf(whole, gcpl.top().length + 2 * gcpl.recordBytes());
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(dataHeaderStart + 57, -1); // 4,294,967,295 points
        b.putInt(dataHeaderStart + 41, -16); // module length near 4 GiB: not closed, so read as growing
        Collected c = readExpectingFailure(write(bytes), "4294967295 records", "ends after 2 (truncated)");
        assertThat(c.samples).hasSize(2);

        byte[] settings = whole.clone();
        ByteBuffer.wrap(settings).order(ByteOrder.LITTLE_ENDIAN).putInt(0x34 + 41, 0x7FFF_FFF0);
        readExpectingFailure(write(settings), "VMP Set module", "2147483632 bytes its header announces");
    }

    @Test
    void bytesAfterTheLastRecordThatAreNoModuleAreNamed() throws IOException {
        byte[] bytes = MprBuilder.concat(gcpl.top(), gcpl.recordBytes(0, 3), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(dataHeaderStart + 41, 0x7FFF_FFFF);
        Collected c = readExpectingFailure(write(bytes), "after the last data record", "found 8 more bytes");
        assertThat(c.samples).hasSize(3);
    }

    @Test
    void aDamagedModuleAfterTheDataComesAfterTheRows() throws IOException {
        MprBuilder withLoop = MprBuilder.threeRecordGcpl().loops(0, 1);
        byte[] bytes = withLoop.build();
        int loopData = bytes.length - 12;
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(loopData, 1000);
        Collected c = readExpectingFailure(
                write(bytes), "loop module, loop count at offset " + loopData, "expected a loop count", "found 1000");
        assertThat(c.samples).hasSize(3);
    }

    @Test
    void aSecondDataModuleIsDamage() throws IOException {
        byte[] bytes = MprBuilder.concat(whole, Arrays.copyOfRange(gcpl.top(), dataHeaderStart, gcpl.top().length));
        readExpectingFailure(write(bytes), "one data module per file");
    }

    @Test
    void aRecordThatBreaksAWireRuleIsAMalformedRowAndTheRestFlows() throws IOException {
        byte[] bytes = new MprBuilder()
                .gcpl(3, 1, 0, 0.0, 0, 0, 3.40, 0, 0)
                .gcpl(1, 1, 1, 10.0, 0.05, 0.05, Double.NaN, 0.05, 0)
                .gcpl(1, 1, 1, 20.0, 0.05, 0.10, 3.61, 0.10, 0)
                .build();
        Path file = write(bytes);
        Collected c = new Collected();
        format.read(SourceFile.of(file), c);
        assertThat(c.samples).extracting(s -> s.dataPoint()).containsExactly(1L, 3L);
        assertThat(c.errors).singleElement().satisfies(e -> {
            assertThat(e.getMessage()).startsWith(file + ":2: field 'voltageV'");
            assertThat(e.line()).isEqualTo(2);
        });
    }

    @Test
    void aPointCountGoingDownMeansTheFileWasRewritten() throws IOException {
        Path file = write(whole);
        try (MprRowSource rows = new MprRowSource(SourceFile.of(file))) {
            assertThat(rows.readNew(new Collected())).isEqualTo(3);
            byte[] fewer = MprBuilder.concat(gcpl.top(), gcpl.recordBytes(0, 3));
            ByteBuffer.wrap(fewer).order(ByteOrder.LITTLE_ENDIAN).putInt(dataHeaderStart + 57, 2);
            write(fewer);
            assertThatThrownBy(() -> rows.readNew(new Collected()))
                    .isInstanceOf(BinaryFormatException.class)
                    .hasMessageContaining("the 3 points already read, found 2: the file was rewritten");
        }
    }
}

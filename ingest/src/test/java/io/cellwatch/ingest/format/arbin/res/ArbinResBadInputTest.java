package io.cellwatch.ingest.format.arbin.res;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.healthmarketscience.jackcess.DataType;
import com.healthmarketscience.jackcess.Database;
import com.healthmarketscience.jackcess.DatabaseBuilder;
import com.healthmarketscience.jackcess.Table;
import com.healthmarketscience.jackcess.TableBuilder;
import io.cellwatch.ingest.format.Collected;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryFormatException;
import io.cellwatch.ingest.format.binary.BinaryRowSource;
import io.cellwatch.model.Sample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged and wrong files: each is a {@link BinaryFormatException} naming the file, the table and what
 * was expected; rows read before the damage are kept and are rows the intact file has; nothing hangs
 * (the timeouts only catch a loop that never ends, they measure nothing).
 */
@Timeout(120)
class ArbinResBadInputTest {
    private final ArbinResFormat format = new ArbinResFormat();

    @TempDir
    Path dir;

    private Path intact;
    private List<Sample> intactSamples;

    private void writeAnIntactFile() throws IOException {
        intact = dir.resolve("intact.res");
        try (ResFixture cycler = ResFixture.create(intact, 1, 1)) {
            cycler.logged(1, 400);
        }
        intactSamples = Collected.read(format, intact).samples;
        assertThat(intactSamples).hasSize(400);
    }

    @Test
    void anEmptyFileIsNotADatabase() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.res"));
        assertThatThrownBy(() -> Collected.read(format, empty))
                .isInstanceOf(BinaryFormatException.class)
                .hasMessageContaining(empty.toString())
                .hasMessageContaining("a readable Jet 4 database");
    }

    @Test
    void aTextFileIsNotADatabase() throws IOException {
        Path text = Files.writeString(dir.resolve("export.res"), "Data_Point,Test_Time,Current,Voltage\n1,0,0,3.1\n");
        assertThat(format.recognisesBytes(text, Files.readAllBytes(text))).isFalse();
        assertThatThrownBy(() -> Collected.read(format, text))
                .isInstanceOf(BinaryFormatException.class)
                .hasMessageContaining(text.toString())
                .hasMessageContaining("Jet 4 database");
    }

    @Test
    void aTruncatedFileKeepsTheRowsBeforeTheCutAndNamesTheDamage() throws IOException {
        writeAnIntactFile();
        byte[] bytes = Files.readAllBytes(intact);
        int failures = 0;
        int partial = 0;
        for (int cut = 4096; cut < bytes.length; cut += Math.max(4096, bytes.length / 32)) {
            Path truncated = Files.write(dir.resolve("cut-" + cut + ".res"), Arrays.copyOf(bytes, cut));
            Collected read = new Collected();
            try (BinaryRowSource source = format.openBinary(asIntact(truncated))) {
                source.readNew(read);
            } catch (BinaryFormatException e) {
                failures++;
                partial += read.samples.isEmpty() ? 0 : 1;
                assertThat(e).hasMessageContaining(truncated.toString());
            }
            assertKeptRowsAreIntactRows(read.samples);
        }
        assertThat(failures).as("cuts that break the file").isPositive();
        assertThat(partial)
                .as("cuts after which the rows before the damage came through")
                .isPositive();
    }

    @Test
    void corruptPagesGiveTheTypedErrorOrRowsNeverAnythingElse() throws IOException {
        writeAnIntactFile();
        byte[] bytes = Files.readAllBytes(intact);
        Random random = new Random(20160805);
        for (int trial = 0; trial < 40; trial++) {
            byte[] damaged = bytes.clone();
            int at = 4096 + random.nextInt(bytes.length - 4096 - 64);
            for (int i = 0; i < 1 + random.nextInt(48); i++) {
                damaged[at + i] = (byte) random.nextInt();
            }
            Path file = Files.write(dir.resolve("corrupt-" + trial + ".res"), damaged);
            try {
                Collected.read(format, file);
            } catch (BinaryFormatException e) {
                assertThat(e).hasMessageContaining(file.toString());
            }
        }
    }

    @Test
    void aDatabaseWithoutTheDataTableNamesIt() throws IOException {
        assertRefused(
                "no-data.res",
                db -> globalTable(db, 1),
                "table Channel_Normal_Table: expected the table, which every Arbin result file has, found none of that name");
    }

    @Test
    void aDataTableWithoutVoltageNamesTheColumn() throws IOException {
        assertRefused(
                "no-voltage.res",
                db -> {
                    globalTable(db, 1);
                    ResFixture.normalTable(db, false);
                },
                "table Channel_Normal_Table: expected a column Voltage, found none of that name");
    }

    @Test
    void severalTestsInOneFileAreRefusedWithTheirIds() throws IOException {
        assertRefused(
                "two-tests.res",
                db -> {
                    globalTable(db, 2);
                    ResFixture.normalTable(db, true);
                },
                "table Global_Table: expected one test per result file (MITS Pro writes one file per test; export each"
                        + " test on its own), found 2 tests with Test_ID [1, 2]");
    }

    @Test
    void aDataTableWithoutItsKeyIndexIsNamed() throws IOException {
        assertRefused(
                "no-index.res",
                db -> {
                    globalTable(db, 1);
                    new TableBuilder(NormalColumns.TABLE)
                            .addColumns(NormalColumns.READ.stream()
                                    .map(name -> ResFixture.col(name, DataType.DOUBLE))
                                    .toList())
                            .toTable(db);
                },
                "table Channel_Normal_Table: expected an index on (Test_ID, Data_Point), as MITS Pro creates, found none usable");
    }

    @Test
    void theJetSignatureIsWhatRecognisesAResultFile() throws IOException {
        writeAnIntactFile();
        assertThat(format.recognisesBytes(intact, Arrays.copyOf(Files.readAllBytes(intact), 64)))
                .isTrue();
        byte[] ace = Arrays.copyOf(Files.readAllBytes(intact), 64);
        System.arraycopy("Standard ACE DB".getBytes(StandardCharsets.US_ASCII), 0, ace, 4, 15);
        assertThat(format.recognisesBytes(intact, ace)).isFalse();
        assertThat(format.recognisesBytes(intact, new byte[10])).isFalse();
    }

    private void assertKeptRowsAreIntactRows(List<Sample> kept) {
        assertThat(kept.size()).isLessThanOrEqualTo(intactSamples.size());
        for (int i = 0; i < kept.size(); i++) {
            assertThat(kept.get(i)).as("kept row %d", i).isEqualTo(intactSamples.get(i));
        }
    }

    /** A damaged copy read as the intact file's channel, so its rows compare equal to the intact ones. */
    private SourceFile asIntact(Path copy) {
        SourceFile original = SourceFile.of(intact);
        return new SourceFile(copy, original.channel(), false, original.zone());
    }

    /** Builds a database with {@code schema}, then expects the reader to refuse it naming file and {@code what}. */
    private void assertRefused(String name, Schema schema, String what) throws IOException {
        Path file = dir.resolve(name);
        try (Database db = new DatabaseBuilder(file.toFile())
                .setFileFormat(Database.FileFormat.V2003)
                .create()) {
            schema.build(db);
        }
        assertThatThrownBy(() -> Collected.read(format, file))
                .isInstanceOf(BinaryFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(what);
    }

    private interface Schema {
        void build(Database db) throws IOException;
    }

    private static void globalTable(Database db, int tests) throws IOException {
        Table global = new TableBuilder("Global_Table")
                .addColumn(ResFixture.col("Test_ID", DataType.LONG))
                .toTable(db);
        for (int id = 1; id <= tests; id++) {
            global.addRow(id);
        }
    }
}

package io.cellwatch.ingest.format.xlsx;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cellwatch.ingest.format.BinaryFuzzSeeds;
import io.cellwatch.ingest.format.Collected;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.TextFuzzing;
import io.cellwatch.ingest.format.binary.BinaryFormatException;
import io.cellwatch.ingest.format.binary.BinaryRowSource;
import io.cellwatch.ingest.format.text.FileFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any bytes given to the workbook reader give rows or a typed error naming the file ({@link
 * FileFormatException}, {@link BinaryFormatException}); nothing else escapes, and a second call on an
 * unchanged file finds nothing new. The committed seeds (an Arbin workbook and a Chinese Neware one, written
 * by a spreadsheet library) run in every build; {@code JAZZER_FUZZ=1 mvn -pl ingest test -Dtest=XlsxFuzzTest}
 * fuzzes for real.
 */
class XlsxFuzzTest {
    private static final Path FILE = TextFuzzing.scratchFile("fuzz.xlsx");

    @MethodSource("realSeeds")
    @FuzzTest(maxDuration = "30s")
    void anyBytesGiveRecordsOrATypedError(byte[] bytes) throws IOException {
        check(new XlsxFormat(), FILE, bytes);
    }

    /** The same with a text format forced on the workbook: every sheet tried by binding its header. */
    @MethodSource("realSeeds")
    @FuzzTest(maxDuration = "30s")
    void anyBytesGiveRecordsOrATypedErrorWithAForcedSheetFormat(byte[] bytes) throws IOException {
        check(new XlsxFormat().readingSheetsAs(CyclerFormats.byName("arbin")), FILE, bytes);
    }

    /**
     * Rows or a typed error naming the file, by a whole read and by a follower's source, whose second call on the
     * unchanged file finds nothing new: the property of every workbook kind's target ({@link XlsFuzzTest} too).
     */
    static void check(WorkbookFormat format, Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
        try {
            format.read(SourceFile.of(file), new Collected());
        } catch (FileFormatException | BinaryFormatException expected) {
            assertThat(expected).hasMessageContaining(file.toString());
        }
        try (BinaryRowSource rows = format.openBinary(SourceFile.of(file))) {
            Collected growing = new Collected();
            rows.readNew(growing);
            assertThat(rows.readNew(growing))
                    .as("a second call on an unchanged file")
                    .isZero();
        } catch (FileFormatException | BinaryFormatException expected) {
            assertThat(expected).hasMessageContaining(file.toString());
        }
    }

    /** Any real workbooks in the shared data ({@link BinaryFuzzSeeds}), besides the committed corpus. */
    static Stream<Arguments> realSeeds() {
        return BinaryFuzzSeeds.real(".xlsx");
    }
}

package io.cellwatch.ingest.format.xlsx;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cellwatch.ingest.format.BinaryFuzzSeeds;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.TextFuzzing;
import io.cellwatch.ingest.format.binary.BinaryFormatException;
import io.cellwatch.ingest.format.text.FileFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any bytes given to the {@code .xls} reader give rows or a typed error naming the file ({@link
 * FileFormatException}, {@link BinaryFormatException}); nothing else escapes from Apache POI, and a second call
 * on an unchanged file finds nothing new. The committed seeds (an Arbin workbook and a Chinese Neware one,
 * written with POI) run in every build; {@code JAZZER_FUZZ=1 mvn -pl ingest test -Dtest=XlsFuzzTest} fuzzes for
 * real.
 */
class XlsFuzzTest {
    private static final Path FILE = TextFuzzing.scratchFile("fuzz.xls");

    @MethodSource("realSeeds")
    @FuzzTest(maxDuration = "30s")
    void anyBytesGiveRecordsOrATypedError(byte[] bytes) throws IOException {
        XlsxFuzzTest.check(new XlsFormat(), FILE, bytes);
    }

    /** The same with a text format forced on the workbook: every sheet tried by binding its header. */
    @MethodSource("realSeeds")
    @FuzzTest(maxDuration = "30s")
    void anyBytesGiveRecordsOrATypedErrorWithAForcedSheetFormat(byte[] bytes) throws IOException {
        XlsxFuzzTest.check(new XlsFormat().readingSheetsAs(CyclerFormats.byName("arbin")), FILE, bytes);
    }

    /** Any real Excel 97-2003 workbooks in the shared data ({@link BinaryFuzzSeeds}), besides the committed corpus. */
    static Stream<Arguments> realSeeds() {
        return BinaryFuzzSeeds.real(".xls");
    }
}

package io.cellwatch.ingest.format.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.neware.RealNewareFiles;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.testing.RealData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every binary cycler file of the shared real data ({@code .mpr}, {@code .res}, {@code .nda},
 * {@code .ndax}, zipped {@code .nda} unzipped to a scratch folder) read with a small row budget in a
 * loop (about 40 calls a file; one row a call for small files) hands over exactly what one unlimited read hands over: the same records in the same order,
 * and the same failure at the end for a file that fails.
 */
class BudgetedReadRealFilesTest {
    private static final List<String> ENDINGS = List.of(".mpr", ".res", ".nda", ".ndax", ".nda.zip");

    @TempDir
    Path scratch;

    static Stream<Path> files() throws IOException {
        Path root = RealData.root().resolve("binary");
        if (!Files.isDirectory(root)) {
            return Stream.of(root); // reported as skipped by the test
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> found = walk.filter(Files::isRegularFile)
                    .filter(p -> ENDINGS.stream()
                            .anyMatch(e -> p.getFileName()
                                    .toString()
                                    .toLowerCase(Locale.ROOT)
                                    .endsWith(e)))
                    .sorted()
                    .toList();
            return found.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void aSmallBudgetInALoopHandsOverWhatOneReadDoes(Path stored) throws IOException {
        assumeFalse(!Files.exists(stored), "no real data at " + stored + " (set the RealData path)");
        Path file = unzipped(stored);
        Optional<BinaryCyclerFormat> format = CyclerFormats.recogniseBinary(file, CyclerFormats.firstBytes(file));
        assumeFalse(format.isEmpty(), file + " is not recognised as a binary cycler format");
        SourceFile source = SourceFile.of(file);

        List<Object> whole = new ArrayList<>();
        try (BinaryRowSource rows = format.get().openBinary(source)) {
            rows.readNew(recording(whole));
        } catch (IOException e) {
            whole.add("failed: " + e.getMessage());
        }

        // About 40 calls a file (a .res opens its database on every call), and one row a call for small files.
        int[] budgets = whole.size() <= 300 ? new int[] {1, 7} : new int[] {whole.size() / 37 + 1};
        for (int budget : budgets) {
            List<Object> parts = new ArrayList<>();
            int calls = 0;
            try (BinaryRowSource rows = format.get().openBinary(source)) {
                int before;
                do {
                    before = parts.size();
                    rows.readNew(recording(parts), budget);
                    calls++;
                    assertTrue(parts.size() - before <= budget + 2, "about the budget per call, at most a row more");
                } while (parts.size() > before);
            } catch (IOException e) {
                parts.add("failed: " + e.getMessage());
            }
            assertEquals(whole, parts, "budget " + budget + " over " + calls + " calls, " + file);
        }
    }

    /** A zipped {@code .nda} unzipped into the scratch folder, as the Neware readers' tests unzip it. */
    private Path unzipped(Path stored) throws IOException {
        return new RealNewareFiles.Case(stored.getFileName().toString(), stored, null, null).materialise(scratch);
    }

    /** Every record handed over, in order (samples and channels compared as records, dead letters by message). */
    private static RecordSink recording(List<Object> into) {
        return new RecordSink() {
            @Override
            public void channel(ChannelInfo info) {
                into.add(info);
            }

            @Override
            public void sample(Sample sample) {
                into.add(sample);
            }

            @Override
            public void cycle(CycleSummary cycle) {
                into.add(cycle);
            }

            @Override
            public void malformed(MalformedRowException error) {
                into.add("dead letter " + error.getMessage());
            }
        };
    }
}

package io.cellwatch.ingest.format.generic;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cellwatch.ingest.format.Collected;
import io.cellwatch.ingest.format.TextFuzzing;
import io.cellwatch.testing.RealCorpus;
import io.cellwatch.testing.RealData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generic format under any bytes, both of its inputs: the delimited file, read through a few
 * fixed mappings ({@link TextFuzzing}'s property), and the mapping file itself, which either gives
 * an error naming the file or a mapping that then reads a small file with the mapping's own columns
 * (units, time formats, step names, signs all from the fuzzed YAML). Seeds: the committed corpus
 * ({@code GenericCsvFuzzTestInputs/}), the mappings below, and the real exports read with a mapping
 * ({@link RealCorpus#MAPPINGS}) at test time. {@code JAZZER_FUZZ=1 mvn -pl ingest test
 * -Dtest='GenericCsvFuzzTest#anyMappingFile'} fuzzes for real.
 */
class GenericCsvFuzzTest {
    /** The README's example: a tab-separated EC-Lab export without a current column. */
    private static final String CONSTANT_CURRENT = """
            delimiter: "\\t"
            columns:
              testTime: time/s
              voltage: Ewe/V
            constantCurrent: {value: 0.4, unit: mA}
            """;

    /** Every quantity a mapping can name, in units other than the default, durations and named steps. */
    private static final String EVERY_COLUMN = """
            headerLine: 2
            columns:
              dataPoint: Record
              testTime: {name: Elapsed, format: duration}
              wallTime: {name: Stamp, format: auto}
              cycle: Cycle
              step: Step
              stepType: Mode
              voltage: {name: U, unit: mV}
              current: {name: I, unit: mA}
              chargeCapacity: {name: Qc, unit: mAh}
              dischargeCapacity: {name: Qd, unit: mAh}
              chargeEnergy: {name: Ec, unit: mWh}
              dischargeEnergy: {name: Ed, unit: mWh}
              temperature: T
            stepTypes: {CC_Chg: charge, CC_DChg: discharge, Pause: rest}
            currentSign: discharge-positive
            """;

    /** One net counter, wall-clock stamps in a fixed pattern, semicolons: a European spreadsheet export. */
    private static final String NET_COUNTER = """
            delimiter: ";"
            columns:
              testTime: t
              wallTime: {name: Date, format: dd.MM.yyyy HH:mm:ss}
              voltage: E
              current: I
              capacity: Q
              energy: W
            """;

    private static final List<ColumnMapping> MAPPINGS = List.of(
            mapping("constant-current", CONSTANT_CURRENT),
            mapping("every-column", EVERY_COLUMN),
            mapping("net-counter", NET_COUNTER));

    private static final Path DATA = TextFuzzing.scratchFile("fuzz.csv");
    private static final Path MAPPING = TextFuzzing.scratchFile("fuzz-mapping.yaml");
    private static final Path MAPPED_DATA = TextFuzzing.scratchFile("mapped.csv");

    @MethodSource("realMappedExports")
    @FuzzTest(maxDuration = "60s")
    void anyFileReadThroughAMapping(byte[] bytes) throws IOException {
        for (ColumnMapping mapping : MAPPINGS) {
            TextFuzzing.check(new GenericCsvFormat(mapping), DATA, bytes);
        }
    }

    @MethodSource("mappingSeeds")
    @FuzzTest(maxDuration = "60s")
    void anyMappingFile(byte[] bytes) throws IOException {
        Files.write(MAPPING, bytes);
        ColumnMapping mapping;
        try {
            mapping = ColumnMapping.read(MAPPING);
        } catch (IOException refused) {
            if (refused.getMessage() == null || !refused.getMessage().startsWith(MAPPING + ":")) {
                throw new AssertionError("a refused mapping must name its file: " + refused.getMessage(), refused);
            }
            return;
        }
        TextFuzzing.check(new GenericCsvFormat(mapping), MAPPED_DATA, fileWithItsColumns(mapping));
    }

    /** The hand-written seeds are what they stand for: mappings that parse, files a mapping reads rows from. */
    @Test
    void handWrittenSeedsAreValid() throws Exception {
        for (Path seed : handWritten("anyMappingFile")) {
            assertThat(ColumnMapping.read(seed).columns())
                    .as("%s", seed.getFileName())
                    .isNotEmpty();
        }
        for (Path seed : handWritten("anyFileReadThroughAMapping")) {
            long rows = 0;
            for (ColumnMapping mapping : MAPPINGS) {
                try {
                    rows += Collected.read(new GenericCsvFormat(mapping), seed)
                            .samples
                            .size();
                } catch (IOException notItsColumns) {
                    // each seed is written for one of the mappings
                }
            }
            assertThat(rows)
                    .as("rows of %s through the mappings", seed.getFileName())
                    .isPositive();
        }
    }

    private static List<Path> handWritten(String target) throws Exception {
        URL dir = GenericCsvFuzzTest.class.getResource("GenericCsvFuzzTestInputs/" + target);
        assertThat(dir).as("seeds of %s", target).isNotNull();
        try (Stream<Path> seeds = Files.list(Path.of(dir.toURI()))) {
            return seeds.filter(p -> !p.getFileName().toString().startsWith("crash-"))
                    .sorted()
                    .toList();
        }
    }

    /** A header of the mapping's own column names at its header line, then rows a cycler could write. */
    private static byte[] fileWithItsColumns(ColumnMapping mapping) {
        String delimiter = mapping.delimiter() == null ? "," : mapping.delimiter();
        StringBuilder file = new StringBuilder();
        int headerLine = mapping.headerLine() == null ? 1 : Math.min(mapping.headerLine(), 50);
        file.append("preamble\n".repeat(headerLine - 1));
        List<String> names = new ArrayList<>();
        List<String[]> values = new ArrayList<>();
        for (Map.Entry<String, ColumnMapping.ColumnRef> c : mapping.columns().entrySet()) {
            names.add(c.getValue().name());
            values.add(valuesOf(c.getKey(), c.getValue()));
        }
        file.append(String.join(delimiter, names)).append('\n');
        for (int row = 0; row < 3; row++) {
            List<String> cells = new ArrayList<>();
            for (String[] v : values) {
                cells.add(v[row]);
            }
            file.append(String.join(delimiter, cells)).append('\n');
        }
        return file.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String[] valuesOf(String quantity, ColumnMapping.ColumnRef ref) {
        return switch (quantity) {
            case "testTime" ->
                "duration".equals(ref.format())
                        ? new String[] {"00:00:00", "00:00:01.5", "01:00:00"}
                        : new String[] {"0", "1.5", "3600"};
            case "wallTime" -> new String[] {"2024-03-01T10:00:00", "01.03.2024 10:00:01", "1709287203"};
            case "stepType" -> new String[] {"CC_Chg", "Rest", "CC_DChg"};
            case "dataPoint", "cycle", "step" -> new String[] {"1", "2", "3"};
            case "current" -> new String[] {"0.5", "0", "-0.5"};
            default -> new String[] {"3.7", "3.8", "3.6"};
        };
    }

    static Stream<Arguments> realMappedExports() throws IOException {
        List<Arguments> seeds = new ArrayList<>();
        for (String relative : RealCorpus.MAPPINGS.keySet()) {
            Path file = RealData.root().resolve(relative);
            if (Files.isRegularFile(file)) {
                seeds.add(Arguments.of(Named.of(relative, TextFuzzing.head(file))));
            }
        }
        return seeds.stream();
    }

    static Stream<Arguments> mappingSeeds() {
        return Stream.concat(
                        Stream.of(CONSTANT_CURRENT, EVERY_COLUMN, NET_COUNTER), RealCorpus.MAPPINGS.values().stream())
                .map(yaml -> Arguments.of(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private static ColumnMapping mapping(String name, String yaml) {
        try {
            Path file = TextFuzzing.scratchFile(name + ".yaml");
            return ColumnMapping.read(Files.writeString(file, yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

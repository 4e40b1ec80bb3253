package io.cellwatch.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cellwatch.ingest.format.binary.BinaryCyclerFormat;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every text reader under any bytes ({@link TextFuzzing}), one fuzz target per format, each taken
 * from the format registry by its {@code --format} name. Seeds: the committed corpus
 * ({@code TextFormatFuzzTestInputs/<format>/}: hand-written files and every input fuzzing found
 * a bug with) and the tops of the real exports detection gives to that format, read at test time.
 * Both replay in every build; {@code JAZZER_FUZZ=1 mvn -pl ingest test -Dtest='TextFormatFuzzTest#maccor'}
 * fuzzes one format for real (README, "Fuzzing").
 */
class TextFormatFuzzTest {
    private static final Path FILE = TextFuzzing.scratchFile("fuzz.txt");

    /** Each target below by method name, with the format it reads; every text format in the registry must be one. */
    private static final Map<String, String> FUZZED = Map.ofEntries(
            Map.entry("simCsv", "cellwatch-sim"),
            Map.entry("maccor", "maccor"),
            Map.entry("maccorCsv", "maccor-csv"),
            Map.entry("ecLab", "biologic"),
            Map.entry("newareBtsda", "neware-btsda"),
            Map.entry("newareCsv", "neware"),
            Map.entry("newareChinese", "neware-zh"),
            Map.entry("newareDetail", "neware-detail"),
            Map.entry("batteryArchive", "battery-archive"),
            Map.entry("arbinCsv", "arbin"),
            Map.entry("bdf", "bdf"),
            Map.entry("novonix", "novonix"),
            Map.entry("basytec", "basytec"),
            Map.entry("digatron", "digatron"),
            Map.entry("landt", "landt"),
            Map.entry("cycleSummary", "cycle-summary"));

    @Test
    void everyTextFormatInTheRegistryHasAFuzzTarget() {
        assertThat(CyclerFormats.all())
                .filteredOn(f -> !(f instanceof BinaryCyclerFormat))
                .extracting(CyclerFormat::name)
                .allMatch(FUZZED::containsValue, "has a fuzz target here");
    }

    /** The hand-written seeds are files of their format, so fuzzing starts from rows, not refusals. */
    @Test
    void handWrittenSeedsAreReadAsTheirFormat() throws Exception {
        for (Map.Entry<String, String> target : FUZZED.entrySet()) {
            URL dir = TextFormatFuzzTest.class.getResource("TextFormatFuzzTestInputs/" + target.getKey());
            assertThat(dir).as("seeds of %s", target.getKey()).isNotNull();
            try (Stream<Path> seeds = Files.list(Path.of(dir.toURI()))) {
                for (Path seed : seeds.filter(p -> !p.getFileName().toString().startsWith("crash-"))
                        .toList()) {
                    Collected read = Collected.read(CyclerFormats.byName(target.getValue()), seed);
                    assertThat(read.samples.size() + read.cycles.size())
                            .as("%s read as %s", seed.getFileName(), target.getValue())
                            .isPositive();
                }
            }
        }
    }

    @MethodSource("simCsvSeeds")
    @FuzzTest(maxDuration = "60s")
    void simCsv(byte[] bytes) throws IOException {
        check("cellwatch-sim", bytes);
    }

    @MethodSource("maccorSeeds")
    @FuzzTest(maxDuration = "60s")
    void maccor(byte[] bytes) throws IOException {
        check("maccor", bytes);
    }

    @MethodSource("maccorCsvSeeds")
    @FuzzTest(maxDuration = "60s")
    void maccorCsv(byte[] bytes) throws IOException {
        check("maccor-csv", bytes);
    }

    @MethodSource("ecLabSeeds")
    @FuzzTest(maxDuration = "60s")
    void ecLab(byte[] bytes) throws IOException {
        check("biologic", bytes);
    }

    @MethodSource("newareBtsdaSeeds")
    @FuzzTest(maxDuration = "60s")
    void newareBtsda(byte[] bytes) throws IOException {
        check("neware-btsda", bytes);
    }

    @MethodSource("newareCsvSeeds")
    @FuzzTest(maxDuration = "60s")
    void newareCsv(byte[] bytes) throws IOException {
        check("neware", bytes);
    }

    @MethodSource("newareDetailSeeds")
    @FuzzTest(maxDuration = "60s")
    void newareDetail(byte[] bytes) throws IOException {
        check("neware-detail", bytes);
    }

    @MethodSource("newareChineseSeeds")
    @FuzzTest(maxDuration = "60s")
    void newareChinese(byte[] bytes) throws IOException {
        check("neware-zh", bytes);
    }

    @MethodSource("batteryArchiveSeeds")
    @FuzzTest(maxDuration = "60s")
    void batteryArchive(byte[] bytes) throws IOException {
        check("battery-archive", bytes);
    }

    @MethodSource("arbinCsvSeeds")
    @FuzzTest(maxDuration = "60s")
    void arbinCsv(byte[] bytes) throws IOException {
        check("arbin", bytes);
    }

    @MethodSource("bdfSeeds")
    @FuzzTest(maxDuration = "60s")
    void bdf(byte[] bytes) throws IOException {
        check("bdf", bytes);
    }

    @MethodSource("novonixSeeds")
    @FuzzTest(maxDuration = "60s")
    void novonix(byte[] bytes) throws IOException {
        check("novonix", bytes);
    }

    @MethodSource("basytecSeeds")
    @FuzzTest(maxDuration = "60s")
    void basytec(byte[] bytes) throws IOException {
        check("basytec", bytes);
    }

    @MethodSource("digatronSeeds")
    @FuzzTest(maxDuration = "60s")
    void digatron(byte[] bytes) throws IOException {
        check("digatron", bytes);
    }

    @MethodSource("landtSeeds")
    @FuzzTest(maxDuration = "60s")
    void landt(byte[] bytes) throws IOException {
        check("landt", bytes);
    }

    @MethodSource("cycleSummarySeeds")
    @FuzzTest(maxDuration = "60s")
    void cycleSummary(byte[] bytes) throws IOException {
        check("cycle-summary", bytes);
    }

    private static void check(String format, byte[] bytes) throws IOException {
        if (!FUZZED.containsValue(format)) {
            throw new IllegalStateException(format + " is missing from FUZZED");
        }
        TextFuzzing.check(CyclerFormats.byName(format), FILE, bytes);
    }

    static Stream<Arguments> simCsvSeeds() {
        return TextFuzzing.realSeeds("cellwatch-sim");
    }

    static Stream<Arguments> maccorSeeds() {
        return TextFuzzing.realSeeds("maccor");
    }

    static Stream<Arguments> maccorCsvSeeds() {
        return TextFuzzing.realSeeds("maccor-csv");
    }

    static Stream<Arguments> ecLabSeeds() {
        return TextFuzzing.realSeeds("biologic");
    }

    static Stream<Arguments> newareBtsdaSeeds() {
        return TextFuzzing.realSeeds("neware-btsda");
    }

    static Stream<Arguments> newareCsvSeeds() {
        return TextFuzzing.realSeeds("neware");
    }

    static Stream<Arguments> newareChineseSeeds() {
        return TextFuzzing.realSeeds("neware-zh");
    }

    static Stream<Arguments> newareDetailSeeds() {
        return TextFuzzing.realSeeds("neware-detail");
    }

    static Stream<Arguments> batteryArchiveSeeds() {
        return TextFuzzing.realSeeds("battery-archive");
    }

    static Stream<Arguments> arbinCsvSeeds() {
        return TextFuzzing.realSeeds("arbin");
    }

    static Stream<Arguments> bdfSeeds() {
        return TextFuzzing.realSeeds("bdf");
    }

    static Stream<Arguments> novonixSeeds() {
        return TextFuzzing.realSeeds("novonix");
    }

    static Stream<Arguments> basytecSeeds() {
        return TextFuzzing.realSeeds("basytec");
    }

    static Stream<Arguments> digatronSeeds() {
        return TextFuzzing.realSeeds("digatron");
    }

    static Stream<Arguments> landtSeeds() {
        return TextFuzzing.realSeeds("landt");
    }

    static Stream<Arguments> cycleSummarySeeds() {
        return TextFuzzing.realSeeds("cycle-summary");
    }
}

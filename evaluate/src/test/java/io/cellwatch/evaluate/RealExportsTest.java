package io.cellwatch.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.streams.topology.TopologySettings;
import io.cellwatch.testing.RealData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every real export present gets a row with every alert episode and what the lab knows about the
 * cell. Iterates over what is present (files may be held back); skips when the folder is absent.
 */
class RealExportsTest {

    @Test
    void everyTextExportPresentHasARowAndTheKnownCellsTheirMetadata() throws IOException {
        Path dir = RealData.root();
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.isDirectory(dir),
                () -> "real cycler data not found at " + dir + " (set -Dcellwatch.realData=DIR)");
        RealExports.Result result = RealExports.run(dir, TopologySettings.defaultDetectors());
        List<String> files = result.rows().stream().map(RealExports.Row::file).toList();
        try (Stream<Path> top = Files.list(dir)) {
            for (Path folder : top.filter(Files::isDirectory)
                    .filter(p -> !p.endsWith("binary"))
                    .toList()) {
                try (Stream<Path> inside = Files.list(folder)) {
                    for (Path file : inside.toList()) {
                        String name = dir.relativize(file).toString().replace('\\', '/');
                        boolean companion = name.contains(".recomputed")
                                || name.contains("cellpy-")
                                || name.contains("BEEPDatapath")
                                || name.contains("diagnostic-summary")
                                || name.contains("vendor-cycle-summary")
                                || name.endsWith(".json")
                                || name.endsWith(".mpl")
                                || name.endsWith(".mps")
                                || name.endsWith("_LOOP.txt");
                        if (!companion) {
                            assertThat(files.contains(name)
                                            || result.unreadable().contains(name))
                                    .as(name)
                                    .isTrue();
                        }
                    }
                }
            }
        }
        result.rows().stream().filter(r -> r.file().contains("LiLi")).forEach(r -> {
            assertThat(r.declared()).startsWith("symmetric");
            assertThat(r.samples()).isGreaterThan(10_000);
            assertThat(r.expectation()).contains("soft short");
        });
        result.rows().stream()
                .filter(r -> r.file().endsWith("20160805_test001_45_cc.raw-from-cellpy-h5.csv"))
                .forEach(r -> {
                    assertThat(r.declared()).contains("half").contains("CE = Qc/Qd");
                    assertThat(r.expectation()).contains("parasitic");
                });
        // Every alert is listed, warnings and non-short kinds included (RealDataDetectionTest: cycle 88).
        result.rows().stream()
                .filter(r -> r.file().endsWith("PredictionDiagnostics_000109_tztest.010"))
                .forEach(r -> assertThat(r.episodes())
                        .anySatisfy(e ->
                                assertThat(e.toString()).startsWith("soft_short_ce_fluctuation warning at cycle 88")));
        // The top-level exports are all readable (some binary/ text exports are not yet: the report says which).
        assertThat(result.rows().stream().filter(r -> !r.file().startsWith("binary/")))
                .allSatisfy(r -> assertThat(r.error()).as(r.file()).isNull());
    }
}

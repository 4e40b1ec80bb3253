package io.cellwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The functional core (segmentation, summaries, detectors, offline replay) must not know about
 * Kafka or Micrometer, so it can run in replay, in tests and in the topology alike.
 */
class CorePurityTest {
    private static final List<String> CORE_PACKAGES = List.of("cycle", "detect", "replay");

    @Test
    void coreSourcesImportNoKafkaOrMetricsTypes() throws IOException {
        Path root = Path.of("src/main/java/io/cellwatch/streams");
        for (String pkg : CORE_PACKAGES) {
            try (Stream<Path> files = Files.walk(root.resolve(pkg))) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    assertThat(Files.readString(file))
                            .as(file.toString())
                            .doesNotContain("org.apache.kafka")
                            .doesNotContain("io.micrometer");
                }
            }
        }
    }
}

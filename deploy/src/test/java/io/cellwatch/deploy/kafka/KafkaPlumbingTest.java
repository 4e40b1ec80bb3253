package io.cellwatch.deploy.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Kafka client cellwatch creates takes its properties from {@code model/…/kafka}
 * ({@code KafkaConnection}), so the operator's {@code --kafka-config} reaches all of them: no main
 * source elsewhere names the bootstrap servers property or creates topics itself.
 */
class KafkaPlumbingTest {
    private static final Path PROJECT = Path.of("..");
    private static final Path PLUMBING = Path.of("model/src/main/java/io/cellwatch/model/kafka");
    private static final Pattern CLIENT_SETTINGS =
            Pattern.compile("BOOTSTRAP_SERVERS_CONFIG|\"bootstrap\\.servers\"|new NewTopic\\(|\\.createTopics\\(");

    @Test
    void onlyTheKafkaPackageOfModelSetsBootstrapServersOrCreatesTopics() throws IOException {
        List<String> offenders = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> modules = Files.list(PROJECT)) {
            for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("src/main/java")))
                    .toList()) {
                try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
                    for (Path file :
                            files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        scanned++;
                        Path relative = PROJECT.relativize(file);
                        if (!relative.startsWith(PLUMBING)
                                && CLIENT_SETTINGS
                                        .matcher(Files.readString(file))
                                        .find()) {
                            offenders.add(relative.toString());
                        }
                    }
                }
            }
        }
        assertThat(scanned).as("main sources scanned").isGreaterThan(100);
        assertThat(offenders).isEmpty();
    }
}

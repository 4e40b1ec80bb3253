package io.cellwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --kafka-config}: on every command that talks to Kafka, and a wrong file stops a command before it starts. */
class KafkaConfigOptionTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void everyCommandThatTalksToKafkaTakesIt() {
        for (String command : new String[] {"demo", "ingest", "streams", "alerts"}) {
            CliRun help = run(command, "--help");
            assertThat(help.exit()).isZero();
            assertThat(help.out()).as(command).contains("--kafka-config=FILE", "CELLWATCH_KAFKA_");
        }
    }

    @Test
    void aPropertyCellwatchSetsItselfIsAUsageErrorNamingTheFile() throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SASL_SSL\nenable.auto.commit=true\n");
        // The unreachable broker is never contacted: the file is refused first, before streams makes its state.
        String[] refused = {"--bootstrap-servers", "127.0.0.1:1", "--kafka-config", file.toString()};
        CliRun streams = run(
                concat(refused, "streams", "--state-dir", dir.resolve("state").toString()));
        CliRun alerts = run(concat(refused, "alerts"));
        for (CliRun run : List.of(streams, alerts)) {
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains(file + ": 'enable.auto.commit' is set by cellwatch itself");
        }
        assertThat(dir.resolve("state")).doesNotExist();
    }

    @Test
    void anUnreadableFileIsAUsageError() {
        Path missing = dir.resolve("missing.properties");
        CliRun run =
                run("ingest", "--simulate", "--bootstrap-servers", "127.0.0.1:1", "--kafka-config", missing.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(missing + ": cannot read Kafka client properties");
    }

    @Test
    void theEmbeddedBrokerTakesNoClientProperties() throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SASL_SSL\n");
        CliRun demo = run(
                "demo",
                "--kafka-config",
                file.toString(),
                "--state-dir",
                dir.resolve("state").toString());
        assertThat(demo.exit()).isEqualTo(2);
        assertThat(demo.err()).contains(file.toString(), "the embedded broker takes none");
        assertThat(dir.resolve("state")).doesNotExist();
    }

    /** The command and its own options, then the options every case shares. */
    private static String[] concat(String[] shared, String... command) {
        return Stream.concat(Stream.of(command), Stream.of(shared)).toArray(String[]::new);
    }
}

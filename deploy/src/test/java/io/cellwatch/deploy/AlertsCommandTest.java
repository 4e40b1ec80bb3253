package io.cellwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The receiver flags of {@code alerts} and {@code demo}: wrong input stops them at once, clearly, without leaking secrets. */
class AlertsCommandTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void helpDocumentsEveryReceiverFlag() {
        for (String command : new String[] {"alerts", "demo"}) {
            CliRun help = run(command, "--help");
            assertThat(help.exit()).isZero();
            assertThat(help.out())
                    .as(command)
                    .contains(
                            "--alertmanager-url=URL",
                            "--webhook-url=URL",
                            "--pause-on-severity=SEVERITY",
                            "--receivers-file=FILE",
                            "${VAR}"); // picocli prints "null" for an unescaped ${VAR}
        }
    }

    @Test
    void aWrongReceiversFileIsAUsageErrorNamingFileLineAndField() throws Exception {
        Path file = dir.resolve("receivers.yml");
        Files.writeString(file, """
                alertmanager:
                  urls: [http://am:9093]
                pause:
                  severity: sometimes
                """);

        // The unreachable broker is never contacted: the file is refused first.
        CliRun alerts = run("alerts", "--bootstrap-servers", "127.0.0.1:1", "--receivers-file", file.toString());
        assertThat(alerts.exit()).isEqualTo(2);
        assertThat(alerts.err()).contains(file + ":4: field 'pause.severity': must be warning or critical");

        CliRun demo = run(
                "demo",
                "--receivers-file",
                file.toString(),
                "--state-dir",
                dir.resolve("state").toString());
        assertThat(demo.exit()).isEqualTo(2);
        assertThat(demo.err()).contains("field 'pause.severity'");
        assertThat(dir.resolve("state")).doesNotExist();
    }

    @Test
    void aWrongUrlIsNamedByItsReceiverAndNeverQuoted() {
        CliRun run = run(
                "alerts",
                "--bootstrap-servers",
                "127.0.0.1:1",
                "--webhook-url",
                "https://chat.example.org/hooks/T0",
                "--webhook-url",
                "hxxps://chat.example.org/hooks/TOKEN-SECRET");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err())
                .contains("webhook 2: URL must start with http:// or https://")
                .doesNotContain("TOKEN-SECRET");
    }

    @Test
    void anUnknownSeverityIsRefusedByPicocli() {
        CliRun run = run("alerts", "--bootstrap-servers", "127.0.0.1:1", "--pause-on-severity", "panic");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--pause-on-severity").contains("WARNING, CRITICAL");
    }

    @Test
    void theAlertServiceNeedsAClusterOfItsOwn() {
        CliRun run = run("alerts", "--webhook-url", "http://127.0.0.1:9/x");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("alerts needs --bootstrap-servers");
    }
}

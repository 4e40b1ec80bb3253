package io.cellwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.deploy.cli.CellwatchCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** What a failing command says: the reason, on one line, with exit code 1 or 2; no stack trace. */
class CliErrorsTest {

    @Test
    void aFollowOptionOutOfRangeIsAUsageErrorNamingTheFlag() {
        CliRun lines = CliRun.of(
                "ingest",
                "--follow",
                "/nonexistent",
                "--bootstrap-servers",
                "localhost:1",
                "--lines-per-transaction",
                "0");
        assertThat(lines.exit()).isEqualTo(2);
        assertThat(lines.err()).contains("--lines-per-transaction must be at least 1, was 0");
        CliRun glob =
                CliRun.of("ingest", "--follow", "/nonexistent", "--bootstrap-servers", "localhost:1", "--include", "[");
        assertThat(glob.exit()).isEqualTo(2);
        assertThat(glob.err()).contains("--include '[' is not a glob").doesNotContain("\tat ");
        CliRun idle = CliRun.of(
                "ingest", "--follow", "/nonexistent", "--bootstrap-servers", "localhost:1", "--close-idle-after", "0");
        assertThat(idle.exit()).isEqualTo(2);
        assertThat(idle.err()).contains("--close-idle-after must be positive, was PT0S");
    }

    @Test
    void aCommandThatFailsWhileRunningSaysWhyOnOneLineWithoutAStackTrace() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Failing()).setExecutionExceptionHandler(CellwatchCli::failed);
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute()).isEqualTo(1);
        assertThat(err.toString().strip())
                .isEqualTo("cellwatch failing: cannot create topics on localhost:9093: SaslAuthenticationException:"
                        + " Authentication failed: Invalid username or password")
                .doesNotContain("\tat ");
    }

    @Command(name = "failing")
    static final class Failing implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            throw new IllegalStateException(
                    "cannot create topics on localhost:9093: SaslAuthenticationException: Authentication failed: Invalid"
                            + " username or password",
                    new IOException("Authentication failed: Invalid username or password"));
        }
    }
}

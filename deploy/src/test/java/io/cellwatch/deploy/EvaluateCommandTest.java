package io.cellwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.deploy.cli.CellwatchCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {

    @Test
    void printsTheFiguresShowsProgressAndWritesThePlot(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = CellwatchCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        Path plot = dir.resolve("plots/symmetric.svg");
        int exit = cli.execute(
                "evaluate",
                "--population-channels",
                "6",
                "--population-days",
                "3",
                "--threads",
                "2",
                "--plot",
                plot.toString(),
                "--plot-scenario",
                "symmetric_drift_short");
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("| li-in soft short | sim-li-in-short-01 | cycle 891")
                .contains("False alarms on healthy channels")
                .contains("| 6 | 18 |");
        assertThat(err.toString()).contains("[evaluate]").contains("done").contains("finished");
        assertThat(Files.readString(plot)).startsWith("<svg").contains("overpotential_collapse");
        assertThat(out.toString()).contains("Plot: " + plot.toAbsolutePath());
    }

    @Test
    void anUnknownScenarioToPlotIsAUsageError() {
        StringWriter err = new StringWriter();
        var cli = CellwatchCli.commandLine();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("evaluate", "--plot-scenario", "no_such_scenario"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--plot-scenario");
    }
}

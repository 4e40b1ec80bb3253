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
    void printsTheTablesShowsProgressAndWritesThePlot(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = CellwatchCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        Path plot = dir.resolve("plots/symmetric.svg");
        int exit = cli.execute(
                "evaluate",
                "--scenario-seeds",
                "1",
                "--population-channels",
                "1",
                "--population-days",
                "1",
                "--threads",
                "2",
                "--no-real-data",
                "--plot",
                plot.toString(),
                "--plot-scenario",
                "symmetric-soft-short");
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("## Lab-conditions scenarios (1 seeds per template: 1 to 1")
                .contains("| symmetric-soft-short | soft short | 1 |")
                .contains("## False alarms on the healthy population (1 channels per template, 1 days each")
                // One channel of each of the 27 single-cell templates, and the 6 cells of the replicate group
                // seed 1 draws.
                .contains("| replicate-group-healthy |")
                .contains("| **all healthy** | every template | 33 |")
                .contains("## Real exports");
        assertThat(err.toString()).contains("[evaluate]").contains("finished");
        assertThat(Files.readString(plot)).startsWith("<svg").contains("overpotential");
        assertThat(out.toString()).contains("Plot: " + plot.toAbsolutePath());
    }

    @Test
    void templatesRunsOnlyTheTemplatesNamedAndPlotsTheFirst(@TempDir Path dir) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = CellwatchCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(
                "evaluate",
                "--scenario-seeds",
                "1",
                "--population-channels",
                "1",
                "--population-days",
                "1",
                "--no-real-data",
                "--plot",
                dir.resolve("p.svg").toString(),
                "--templates",
                "symmetric-soft-short,healthy-symmetric");
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("| symmetric-soft-short | soft short | 1 |")
                .contains("| healthy-symmetric |")
                .doesNotContain("| soft-short-slow |")
                .doesNotContain("| healthy-li-ion |")
                .contains("symmetric-soft-short-1");
        assertThat(cli.execute("evaluate", "--templates", "no-such-template")).isEqualTo(2);
        assertThat(err.toString()).contains("--templates").contains("no-such-template");
    }

    @Test
    void anUnknownTemplateToPlotIsAUsageError() {
        StringWriter err = new StringWriter();
        var cli = CellwatchCli.commandLine();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("evaluate", "--plot-scenario", "no-such-template"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--plot-scenario").contains("soft-short-fast");
    }
}

package io.cellwatch.deploy.cli;

import io.cellwatch.evaluate.Evaluation;
import io.cellwatch.evaluate.EvaluationProgress;
import io.cellwatch.evaluate.EvaluationSettings;
import io.cellwatch.evaluate.ReportPrinter;
import io.cellwatch.evaluate.ScenarioScore;
import io.cellwatch.evaluate.SvgPlot;
import io.cellwatch.simulator.Scenario;
import io.cellwatch.streams.topology.TopologySettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Scores the detectors on simulated failures and a healthy population, and plots one channel. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        header = "Scores the detectors: lead times, false alarms, a plot.",
        description = {
            "Scores the detectors on simulated failures and healthy cells: runs the scenario suite (every "
                    + "seeded failure, a 2100 h healthy symmetric cell, a 1300-cycle healthy LFP cell) and a healthy "
                    + "population through the same detectors as the live pipeline, and prints per scenario the fault "
                    + "onset, the first alert (cycle and time), the lead time before death and the false alarms, the same "
                    + "over several seeds, then the false alarms per 1,000 channel-days. Writes an SVG plot of one "
                    + "scenario's channel with its alerts.",
            "Progress goes to stderr, the figures (Markdown tables) to stdout."
        })
public final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seed", defaultValue = "7", description = "Simulator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--sample-interval",
            defaultValue = "30",
            paramLabel = "SECONDS",
            description = "Simulated seconds between samples (default: ${DEFAULT-VALUE}).")
    double sampleIntervalS;

    @Option(
            names = "--scenario-seeds",
            defaultValue = "10",
            paramLabel = "N",
            description =
                    "Seeds each failure scenario runs with, for the robustness table (default: ${DEFAULT-VALUE}).")
    int scenarioSeeds;

    @Option(
            names = "--population-channels",
            defaultValue = "500",
            paramLabel = "N",
            description = "Healthy channels in the false-alarm population (default: ${DEFAULT-VALUE}).")
    int populationChannels;

    @Option(
            names = "--population-days",
            defaultValue = "60",
            paramLabel = "DAYS",
            description = "Simulated days per population channel (default: ${DEFAULT-VALUE}).")
    double populationDays;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the available processors).")
    Integer threads;

    @Option(
            names = "--plot",
            defaultValue = "cellwatch-evaluate.svg",
            paramLabel = "FILE",
            description = "Where to write the SVG plot (default: ${DEFAULT-VALUE}).")
    Path plot;

    @Option(
            names = "--plot-scenario",
            defaultValue = "LI_IN_SOFT_SHORT",
            paramLabel = "SCENARIO",
            description = "Which scenario's channel to plot: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Scenario plotScenario;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EvaluationSettings settings = new EvaluationSettings(
                seed,
                sampleIntervalS,
                populationChannels,
                populationDays,
                threads == null ? EvaluationSettings.defaults().threads() : threads,
                scenarioSeeds);
        Evaluation.Result result =
                Evaluation.run(settings, TopologySettings.defaultDetectors(), new EvaluationProgress(err, 5));
        ReportPrinter.print(result, settings, out);
        ScenarioScore plotted = result.scenarios().stream()
                .filter(s -> s.scenario() == plotScenario)
                .findFirst()
                .orElse(null);
        if (plotted == null) {
            err.println("error: the suite has no " + plotScenario + " run to plot; choose one of its scenarios");
            return 2;
        }
        String shows = SvgPlot.write(plotted.log(), plot);
        out.println();
        out.println("Plot: " + plot.toAbsolutePath() + " (" + plotted.log().channelId() + ": " + shows + ")");
        out.flush();
        return 0;
    }
}

package io.cellwatch.deploy.cli;

import io.cellwatch.evaluate.Evaluation;
import io.cellwatch.evaluate.EvaluationProgress;
import io.cellwatch.evaluate.EvaluationSettings;
import io.cellwatch.evaluate.ReportPrinter;
import io.cellwatch.evaluate.SvgPlot;
import io.cellwatch.simulator.lab.ScenarioLibrary;
import io.cellwatch.streams.topology.TopologySettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Scores the detectors on the lab-conditions library, the healthy population and the real exports. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        header = "Scores the detectors: detections, misses, delays, false alarms, a plot.",
        description = {
            "Scores the detectors on the lab-conditions scenario library: every fault template (soft shorts of "
                    + "every size and growth, resistive and hard shorts, CCD step-ups, overpotential rise, sudden "
                    + "capacity loss, in full, half and symmetric cells of every chemistry) on several seeds with "
                    + "trajectories drawn per seed, a healthy population with every benign lab condition, and each "
                    + "shared real export, all through the same detectors as the live pipeline. Prints per template "
                    + "the detections, late detections, misses, delays, lead before the cell's physical death and the "
                    + "false alarms; the false alarms per 1,000 channel-days per healthy template and chemistry; and "
                    + "every alert on each real export. Writes an SVG plot of one template's first seed.",
            "Progress goes to stderr, the figures (Markdown tables) to stdout."
        })
public final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "First seed of every template (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--scenario-seeds",
            defaultValue = "20",
            paramLabel = "N",
            description = "Seeds per fault template (default: ${DEFAULT-VALUE}).")
    int scenarioSeeds;

    @Option(
            names = "--population-channels",
            defaultValue = "20",
            paramLabel = "N",
            description = "Channels per healthy template (default: ${DEFAULT-VALUE}).")
    int populationChannels;

    @Option(
            names = "--population-days",
            defaultValue = "30",
            paramLabel = "DAYS",
            description = "Days each healthy channel runs (default: ${DEFAULT-VALUE}).")
    double populationDays;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the available processors).")
    Integer threads;

    @Option(
            names = "--real-data",
            paramLabel = "DIR",
            description = "The shared real exports (default: -Dcellwatch.realData, $CELLWATCH_REAL_DATA or "
                    + "../shared/data/real); left out when absent.")
    Path realData;

    @Option(names = "--no-real-data", description = "Leave the real exports out.")
    boolean noRealData;

    @Option(
            names = "--plot",
            defaultValue = "cellwatch-evaluate.svg",
            paramLabel = "FILE",
            description = "Where to write the SVG plot (default: ${DEFAULT-VALUE}).")
    Path plot;

    @Option(
            names = "--plot-scenario",
            defaultValue = "soft-short-fast",
            paramLabel = "TEMPLATE",
            description =
                    "Which template's first seed to plot (default: ${DEFAULT-VALUE}); any fault or healthy template.")
    String plotTemplate;

    @Option(
            names = "--templates",
            split = ",",
            paramLabel = "TEMPLATE",
            description = "Run only these templates (fault or healthy, comma-separated; default: every template). "
                    + "For checking a change on the templates it concerns; the README's figures are the whole table.")
    List<String> templates = List.of();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (String name : templates) {
            if (ScenarioLibrary.named(name).isEmpty()) {
                return unknownTemplate(err, "--templates", name);
            }
        }
        if (ScenarioLibrary.named(plotTemplate).isEmpty()) {
            return unknownTemplate(err, "--plot-scenario", plotTemplate);
        }
        if (!templates.isEmpty() && !templates.contains(plotTemplate)) {
            plotTemplate = templates.get(0);
        }
        Path real = noRealData ? null : realData != null ? realData : defaultRealData();
        if (real != null && !Files.isDirectory(real)) {
            err.println("[evaluate] no real-data folder at " + real + ": the real exports are left out");
        }
        EvaluationSettings settings = new EvaluationSettings(
                seed,
                scenarioSeeds,
                populationChannels,
                populationDays,
                threads == null ? Math.max(1, Runtime.getRuntime().availableProcessors()) : threads,
                real,
                plotTemplate,
                templates);
        Evaluation.Result result =
                Evaluation.run(settings, TopologySettings.defaultDetectors(), new EvaluationProgress(err, 5));
        ReportPrinter.print(result, settings, out);
        if (result.plotted() != null) {
            String shows = SvgPlot.write(result.plotted(), plot);
            out.println();
            out.println(
                    "Plot: " + plot.toAbsolutePath() + " (" + result.plotted().channelId() + ": " + shows + ")");
        } else {
            err.println("[evaluate] nothing to plot: template " + plotTemplate + " ran no channel");
        }
        out.flush();
        return 0;
    }

    private static int unknownTemplate(PrintWriter err, String option, String name) {
        err.println("error: " + option + ": no template '" + name + "'; templates: "
                + Stream.concat(ScenarioLibrary.faults().stream(), ScenarioLibrary.healthy().stream())
                        .map(ScenarioLibrary.Template::name)
                        .collect(Collectors.joining(", ")));
        return 2;
    }

    /** The same lookup as the tests' real-data helper: a system property, the environment, then beside the project. */
    private static Path defaultRealData() {
        String property = System.getProperty("cellwatch.realData");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String env = System.getenv("CELLWATCH_REAL_DATA");
        return Path.of(env != null && !env.isBlank() ? env : "../shared/data/real");
    }
}

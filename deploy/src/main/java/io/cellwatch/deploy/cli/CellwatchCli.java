package io.cellwatch.deploy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code cellwatch} command line. */
@Command(
        name = "cellwatch",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description =
                "Streaming battery health monitor: cycler samples in, per-cycle summaries and short-circuit alerts out.",
        subcommands = {
            DemoCommand.class,
            ReplayCommand.class,
            EvaluateCommand.class,
            SimulateCommand.class,
            IngestCommand.class,
            StreamsCommand.class,
            AlertsCommand.class,
            BrokerCommand.class,
            ChaosCommand.class,
            SoakCommand.class,
            DetectionConfigCommand.class,
            CommandLine.HelpCommand.class
        })
public final class CellwatchCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new CellwatchCli()).setCaseInsensitiveEnumValuesAllowed(true);
    }
}

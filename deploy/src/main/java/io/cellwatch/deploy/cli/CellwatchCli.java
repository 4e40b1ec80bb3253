package io.cellwatch.deploy.cli;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
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
            EndTestCommand.class,
            CommandLine.HelpCommand.class
        })
public final class CellwatchCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new CellwatchCli())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(CellwatchCli::failed);
    }

    /**
     * A command that failed while running: its message and its causes' on one line, exit code 1,
     * rather than picocli's stack trace (a wrong password, a port in use, a Kafka setting the client
     * refused: what the operator needs is the reason). {@code CELLWATCH_STACKTRACE=1} prints the
     * trace as well, for a bug report.
     */
    public static int failed(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        command.getErr().println("cellwatch " + command.getCommandName() + ": " + reasons(e));
        if ("1".equals(System.getenv("CELLWATCH_STACKTRACE"))) {
            e.printStackTrace(command.getErr());
        }
        command.getErr().flush();
        return 1;
    }

    /** The exception's message, then each cause's where it says more. */
    static String reasons(Throwable e) {
        StringBuilder said = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            String message = t.getMessage() == null || t.getMessage().isBlank()
                    ? t.getClass().getSimpleName()
                    : t.getMessage();
            if (said.indexOf(message) >= 0) {
                continue; // a wrapper repeating its cause's text
            }
            if (!said.isEmpty()) {
                said.append(": ");
            }
            said.append(message);
        }
        return said.toString();
    }
}

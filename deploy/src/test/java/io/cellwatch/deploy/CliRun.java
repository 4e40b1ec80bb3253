package io.cellwatch.deploy;

import io.cellwatch.deploy.cli.CellwatchCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** {@code cellwatch ARGS} run in this JVM: its exit code and what it printed. */
record CliRun(int exit, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = CellwatchCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }
}

package io.cellwatch.deploy.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where cellwatch keeps what must survive a restart on disk: the embedded broker's log and Kafka
 * Streams state. Only the commands that keep such state take it; the alert service keeps its ledger
 * in Kafka ({@code PREFIXalert-deliveries}) and has nothing on disk.
 */
public final class StateOptions {
    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            description = "State directory (default: $XDG_STATE_HOME/cellwatch or ~/.local/state/cellwatch).")
    Path stateDir;

    public Path root() {
        if (stateDir != null) {
            return stateDir.toAbsolutePath();
        }
        String xdg = System.getenv("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("cellwatch").toAbsolutePath();
    }
}

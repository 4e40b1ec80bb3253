package io.cellwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.deploy.cli.CellwatchCli;
import io.cellwatch.testing.Waiting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code cellwatch ARGS} in its own JVM (this test's classpath), output to a log file, stoppable with
 * SIGKILL and pausable with SIGSTOP.
 */
public final class CliProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private CliProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static CliProcess start(Path log, List<String> args) throws Exception {
        return start(log, args, Map.of());
    }

    /** @param environment variables added to this JVM's environment for the child */
    public static CliProcess start(Path log, List<String> args, Map<String, String> environment) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                CellwatchCli.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return new CliProcess(builder.start(), log);
    }

    /** Waits until the process's output contains {@code text}; false if it did not within the timeout. */
    public boolean awaitLog(String text, Duration timeout) throws Exception {
        return Waiting.until(
                timeout,
                Duration.ofMillis(200),
                () -> Files.exists(log) && Files.readString(log).contains(text));
    }

    public String log() throws Exception {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no final commit, no goodbye. */
    public void kill() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS))
                .as("cellwatch process killed")
                .isTrue();
    }

    /**
     * SIGSTOP: every thread of the JVM stops where it is, as in a long GC pause or a paused VM; its
     * sockets stay open and nothing tells Kafka it is gone until its session times out.
     */
    public void pause() throws Exception {
        signal("STOP");
    }

    /** SIGCONT: the paused JVM goes on from where it stopped. */
    public void resume() throws Exception {
        signal("CONT");
    }

    private void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                .inheritIO()
                .start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0)
                .as("SIG" + name + " sent to the cellwatch process")
                .isTrue();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}

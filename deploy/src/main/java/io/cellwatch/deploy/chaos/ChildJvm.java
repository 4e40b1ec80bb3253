package io.cellwatch.deploy.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A JVM started from this one's class path (so {@code java -jar cellwatch.jar chaos} and a test
 * run the same classes in their children), its output appended to a log file. It can be killed
 * with SIGKILL and started again with the same command, as a crashed container is.
 */
public final class ChildJvm implements AutoCloseable {
    private final String name;
    private final List<String> jvm;
    private final List<String> program;
    private final Path log;
    private Supplier<List<String>> startOptions = List::of;
    private Process process;
    private int starts;

    /**
     * @param name      names the child in reports and its log file
     * @param jvmOptions JVM options (heap size, garbage collector, system properties)
     * @param mainClass the class whose {@code main} runs
     * @param args      its arguments
     * @param logDir    where {@code NAME.log} goes
     */
    public ChildJvm(String name, List<String> jvmOptions, String mainClass, List<String> args, Path logDir) {
        this.name = name;
        this.log = logDir.resolve(name + ".log");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+ExitOnOutOfMemoryError"));
        cmd.addAll(jvmOptions);
        this.jvm = List.copyOf(cmd);
        List<String> rest = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        rest.addAll(args);
        this.program = List.copyOf(rest);
    }

    /** JVM options asked for anew at each start (a class-data archive that exists from some start on). */
    public synchronized ChildJvm startOptions(Supplier<List<String>> options) {
        this.startOptions = options;
        return this;
    }

    /** Starts the child (again, after a kill). */
    public synchronized ChildJvm start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        Files.createDirectories(log.getParent());
        Files.writeString(
                log,
                "==== start " + (++starts) + " of " + name + " ====\n",
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        List<String> command = new ArrayList<>(jvm);
        command.addAll(startOptions.get());
        command.addAll(program);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // The lab's own cluster is plain: an operator's CELLWATCH_KAFKA_* (SASL, TLS) exported in the shell
        // would otherwise reach every child's Kafka clients and fail them against it.
        builder.environment().keySet().removeIf(variable -> variable.startsWith("CELLWATCH_KAFKA_"));
        process = builder.start();
        return this;
    }

    /** SIGKILL: no shutdown hook, no final commit, no goodbye. Waits until the process is gone. */
    public synchronized void kill() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " survived SIGKILL for 30 s");
        }
    }

    /** SIGTERM, then SIGKILL if it has not stopped within the grace period. */
    public synchronized void stop(long graceSeconds) throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
            kill();
        }
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return process.pid();
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    /** The log so far (empty if none). */
    public String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}

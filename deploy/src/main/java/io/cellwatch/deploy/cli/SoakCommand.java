package io.cellwatch.deploy.cli;

import io.cellwatch.deploy.soak.SoakReport;
import io.cellwatch.deploy.soak.SoakRun;
import io.cellwatch.deploy.soak.SoakSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A long run of one streams instance under a big simulated fleet, measuring what must not grow. */
@Command(
        name = "soak",
        mixinStandardHelpOptions = true,
        header = "Runs a streams instance under a large simulated fleet and reports resource slopes.",
        description = {
            "Starts a broker, `cellwatch streams` and `cellwatch ingest --simulate` (each its own JVM but the broker)",
            "and measures the streams JVM every --every: heap after a full GC (jcmd), live threads and open files",
            "(/proc), and the bytes of each state store. At the end it fits a line through each series after",
            "--warm-up and prints the slopes; exit code 1 unless heap, threads, open files and the stores that",
            "must not grow are flat. Linux with a JDK (jcmd)."
        })
public final class SoakCommand implements Callable<Integer> {
    @Mixin
    StateOptions state;

    @Option(
            names = "--work-dir",
            paramLabel = "DIR",
            description = "Broker data, state, logs and soak.csv (default: STATE_DIR/soak, emptied first).")
    Path workDir;

    @Option(
            names = "--channels",
            defaultValue = "2000",
            description = "Simulated channels (default: ${DEFAULT-VALUE}).")
    int channels;

    @Option(
            names = "--acceleration",
            defaultValue = "4000",
            description = "Simulated seconds per second, the demo's by default (default: ${DEFAULT-VALUE}).")
    double acceleration;

    @Option(names = "--partitions", defaultValue = "4", description = "Topic partitions (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
            names = "--duration",
            defaultValue = "30m",
            converter = DurationConverter.class,
            description = "How long to run, e.g. 30m, 2h (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(
            names = "--every",
            defaultValue = "60s",
            converter = DurationConverter.class,
            description = "How often to measure (default: ${DEFAULT-VALUE}).")
    Duration every;

    @Option(
            names = "--warm-up",
            defaultValue = "5m",
            converter = DurationConverter.class,
            description = "Left out of the slopes (default: ${DEFAULT-VALUE}).")
    Duration warmUp;

    @Option(
            names = "--streams-heap",
            defaultValue = "1g",
            description = "-Xmx of the streams JVM, the launcher's default (default: ${DEFAULT-VALUE}).")
    String streamsHeap;

    @Override
    public Integer call() throws Exception {
        Path dir = workDir != null ? workDir.toAbsolutePath() : state.root().resolve("soak");
        DemoCommand.deleteRecursively(dir);
        SoakReport report = new SoakRun(
                        new SoakSettings(dir, channels, acceleration, partitions, duration, every, warmUp, streamsHeap),
                        System.err)
                .run();
        report.print(System.out);
        return report.passed() ? 0 : 1;
    }
}

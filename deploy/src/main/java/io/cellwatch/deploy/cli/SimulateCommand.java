package io.cellwatch.deploy.cli;

import io.cellwatch.simulator.SimFiles;
import io.cellwatch.simulator.Simulator;
import io.cellwatch.simulator.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes simulated channels as files, for replay, for tests, for sharing a scenario. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        header = "Writes simulated cycler channels as files.",
        description = {
            "Simulates cycler channels (with the seeded failure scenarios unless --healthy-only) and writes",
            "one cellwatch-sim CSV per channel into the output directory."
        })
public final class SimulateCommand implements Callable<Integer> {
    @Option(
            names = "--channels",
            defaultValue = "50",
            paramLabel = "N",
            description = "Channels to simulate (default: ${DEFAULT-VALUE}).")
    int channels;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Output directory (created if missing).")
    Path out;

    @Option(
            names = "--hours",
            defaultValue = "100",
            paramLabel = "H",
            description = "Simulated hours (default: ${DEFAULT-VALUE}: every seeded failure has happened by then).")
    double hours;

    @Option(
            names = "--sample-interval",
            defaultValue = "30",
            paramLabel = "SECONDS",
            description = "Simulated seconds between samples (default: ${DEFAULT-VALUE}).")
    double sampleIntervalS;

    @Option(names = "--seed", defaultValue = "7", description = "Simulator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--healthy-only", description = "Leave the failure scenarios out.")
    boolean healthyOnly;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);
        Simulator simulator = Simulator.create(new SimulatorConfig(
                channels, seed, sampleIntervalS, SimulatorConfig.DEMO_START_EPOCH_MS, !healthyOnly));
        long start = System.nanoTime();
        List<Path> written = SimFiles.write(
                simulator,
                out,
                hours * 3600,
                (done, total, file, rows) -> System.err.printf(
                        Locale.ROOT,
                        "\r[simulate] %d/%d channels written (%s, %,d rows)   ",
                        done,
                        total,
                        file.getFileName(),
                        rows));
        System.err.printf(
                Locale.ROOT,
                "%n[simulate] %d files in %s (%.1f s)%n",
                written.size(),
                out,
                (System.nanoTime() - start) / 1e9);
        return 0;
    }
}

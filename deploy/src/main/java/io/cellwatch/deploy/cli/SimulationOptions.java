package io.cellwatch.deploy.cli;

import picocli.CommandLine.Option;

/** The simulated lab that {@code demo} and {@code ingest --simulate} play into Kafka. */
public final class SimulationOptions {
    @Option(
            names = "--channels",
            defaultValue = "50",
            paramLabel = "N",
            description = "Simulated channels, failure scenarios included (default: ${DEFAULT-VALUE}).")
    int channels;

    @Option(
            names = "--acceleration",
            defaultValue = "4000",
            paramLabel = "X",
            description =
                    "Simulated seconds per wall-clock second (default: ${DEFAULT-VALUE}: the Li-In short shows within 2 minutes).")
    double acceleration;

    @Option(
            names = "--sample-interval",
            defaultValue = "30",
            paramLabel = "SECONDS",
            description = "Simulated seconds between a channel's samples (default: ${DEFAULT-VALUE}).")
    double sampleIntervalS;

    @Option(names = "--seed", defaultValue = "7", description = "Simulator seed (default: ${DEFAULT-VALUE}).")
    long seed;
}

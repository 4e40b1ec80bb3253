package io.cellwatch.simulator;

/**
 * How to build a simulated fleet.
 *
 * @param channels                number of channels in the default fleet (ignored when an explicit
 *                                scenario list is given to {@link Simulator#create(SimulatorConfig, java.util.List)})
 * @param seed                    everything the simulator does is a function of this seed
 * @param sampleIntervalS         simulated seconds between two logged samples of one channel (at
 *                                least 1 ms); step ends are logged in addition
 * @param startEpochMs            wall-clock time of simulated time zero, stamped into {@code Sample.wallTimeMs}
 * @param includeFailureScenarios put one channel of each failure scenario first in the default fleet
 */
public record SimulatorConfig(
        int channels, long seed, double sampleIntervalS, long startEpochMs, boolean includeFailureScenarios) {

    /** 2025-01-06T08:00:00Z: a fixed start keeps demo runs byte-identical; pass the clock for live demos. */
    public static final long DEMO_START_EPOCH_MS = 1_736_150_400_000L;

    public SimulatorConfig {
        if (channels < 0) {
            throw new IllegalArgumentException("channels must be >= 0, was " + channels);
        }
        // Samples carry millisecond test times, as cycler exports do; finer logging would repeat time stamps.
        if (!(sampleIntervalS >= 0.001) || !Double.isFinite(sampleIntervalS)) {
            throw new IllegalArgumentException("sampleIntervalS must be at least 0.001 s, was " + sampleIntervalS);
        }
    }

    /** 50 channels, seed 7, a sample every 30 s, failure scenarios included. */
    public static SimulatorConfig demo() {
        return new SimulatorConfig(50, 7L, 30.0, DEMO_START_EPOCH_MS, true);
    }

    /** This configuration with another sample interval. */
    public SimulatorConfig withSampleIntervalS(double seconds) {
        return new SimulatorConfig(channels, seed, seconds, startEpochMs, includeFailureScenarios);
    }

    /** This configuration with another seed. */
    public SimulatorConfig withSeed(long newSeed) {
        return new SimulatorConfig(channels, newSeed, sampleIntervalS, startEpochMs, includeFailureScenarios);
    }
}

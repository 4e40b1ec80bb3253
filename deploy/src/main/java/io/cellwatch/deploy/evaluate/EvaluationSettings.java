package io.cellwatch.deploy.evaluate;

/**
 * What an evaluation runs.
 *
 * @param seed               simulator seed of the scenario channels (the population uses seeds derived from it)
 * @param sampleIntervalS    simulated seconds between logged samples
 * @param populationChannels healthy channels in the false-alarm population (the demo fleet's mix: NCM, LFP, symmetric)
 * @param populationDays     simulated days each population channel runs
 * @param threads            worker threads
 */
public record EvaluationSettings(long seed, double sampleIntervalS, int populationChannels, double populationDays,
                                 int threads) {

    public EvaluationSettings {
        if (populationChannels < 0 || !(populationDays >= 0) || threads < 1 || !(sampleIntervalS >= 1)) {
            throw new IllegalArgumentException("invalid evaluation settings: " + populationChannels + " channels, "
                    + populationDays + " days, " + threads + " threads, " + sampleIntervalS + " s samples");
        }
    }

    /** Seed 7, 30 s samples, 200 healthy channels for 30 days (6,000 channel-days). */
    public static EvaluationSettings defaults() {
        return new EvaluationSettings(7, 30, 200, 30, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /** Healthy channel-days the population will cover. */
    public double populationChannelDays() {
        return populationChannels * populationDays;
    }
}

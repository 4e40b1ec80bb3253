package io.cellwatch.evaluate;

/**
 * What an evaluation runs.
 *
 * @param seed               simulator seed of the scenario channels (the population uses seeds derived from it)
 * @param sampleIntervalS    simulated seconds between logged samples
 * @param populationChannels healthy channels in the false-alarm population (the demo fleet's mix: NCM, LFP, symmetric)
 * @param populationDays     simulated days each population channel runs
 * @param threads            worker threads
 * @param scenarioSeeds      seeds each failure scenario runs with (seed, seed + 1, ...), for the robustness table
 */
public record EvaluationSettings(
        long seed,
        double sampleIntervalS,
        int populationChannels,
        double populationDays,
        int threads,
        int scenarioSeeds) {

    public EvaluationSettings {
        if (populationChannels < 0
                || !(populationDays >= 0)
                || threads < 1
                || !(sampleIntervalS >= 1)
                || scenarioSeeds < 1) {
            throw new IllegalArgumentException("invalid evaluation settings: " + populationChannels + " channels, "
                    + populationDays + " days, " + threads + " threads, " + sampleIntervalS + " s samples, "
                    + scenarioSeeds + " scenario seeds");
        }
    }

    /** Seed 7, 30 s samples, 500 healthy channels for 60 days (30,000 channel-days), failures on 10 seeds. */
    public static EvaluationSettings defaults() {
        return new EvaluationSettings(
                7, 30, 500, 60, Math.max(1, Runtime.getRuntime().availableProcessors()), 10);
    }

    /** Healthy channel-days the population will cover. */
    public double populationChannelDays() {
        return populationChannels * populationDays;
    }
}

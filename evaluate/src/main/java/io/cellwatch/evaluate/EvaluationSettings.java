package io.cellwatch.evaluate;

import java.nio.file.Path;

/**
 * What an evaluation runs.
 *
 * @param firstSeed          every template is drawn on seeds firstSeed, firstSeed + 1, ...
 * @param seedsPerFamily     seeds of each fault template (the lab-conditions table's rows)
 * @param populationChannels channels (seeds) of each healthy template
 * @param populationDays     days each healthy channel runs (a few templates run shorter: see
 *                           {@link io.cellwatch.simulator.lab.ScenarioLibrary.Template#draw})
 * @param threads            worker threads
 * @param realData           the shared real exports' folder, or null to leave them out
 * @param plotTemplate       the template whose first seed is kept for the plot, or null
 */
public record EvaluationSettings(
        long firstSeed,
        int seedsPerFamily,
        int populationChannels,
        double populationDays,
        int threads,
        Path realData,
        String plotTemplate) {

    public EvaluationSettings {
        if (seedsPerFamily < 0 || populationChannels < 0 || !(populationDays > 0) || threads < 1) {
            throw new IllegalArgumentException("invalid evaluation settings: " + seedsPerFamily + " seeds per family, "
                    + populationChannels + " channels per healthy template, " + populationDays + " days, " + threads
                    + " threads");
        }
    }

    /** Seeds 1–20 per fault template, 20 channels of 30 days per healthy template, every processor. */
    public static EvaluationSettings defaults(Path realData) {
        return new EvaluationSettings(
                1, 20, 20, 30, Math.max(1, Runtime.getRuntime().availableProcessors()), realData, "soft-short-fast");
    }
}

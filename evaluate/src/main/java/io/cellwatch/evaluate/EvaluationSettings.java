package io.cellwatch.evaluate;

import java.nio.file.Path;
import java.util.List;

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
 * @param onlyTemplates      names of the templates to run (fault or healthy), empty for all: a
 *                           detector change is checked on the templates it concerns in seconds, and
 *                           the whole table is run before the change lands
 */
public record EvaluationSettings(
        long firstSeed,
        int seedsPerFamily,
        int populationChannels,
        double populationDays,
        int threads,
        Path realData,
        String plotTemplate,
        List<String> onlyTemplates) {

    public EvaluationSettings {
        onlyTemplates = List.copyOf(onlyTemplates);
        if (seedsPerFamily < 0 || populationChannels < 0 || !(populationDays > 0) || threads < 1) {
            throw new IllegalArgumentException("invalid evaluation settings: " + seedsPerFamily + " seeds per family, "
                    + populationChannels + " channels per healthy template, " + populationDays + " days, " + threads
                    + " threads");
        }
    }

    /** Whether the template of this name runs. */
    public boolean runs(String template) {
        return onlyTemplates.isEmpty() || onlyTemplates.contains(template);
    }
}

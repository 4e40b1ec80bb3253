package io.cellwatch.ingest.format.biologic.mpr;

import io.cellwatch.ingest.format.binary.NotCyclingDataException;
import io.cellwatch.ingest.format.biologic.EcLabTechniques;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The technique an {@code .mpr} records, from the first byte of its settings module ({@code VMP Set}),
 * judged by the same rule as EC-Lab's text export of it ({@link EcLabTechniques}): an impedance,
 * voltammetry or Wait file is refused with the text reader's reason, so {@code replay X.mpr} and
 * {@code replay X.mpt} agree. The ids are those seen in the real files beside EC-Lab's exports
 * (shared data README, section 2.1), named as the export's technique line names them; an id not
 * listed is read, as the text reader reads a technique name it does not know.
 */
final class MprTechniques {
    private MprTechniques() {}

    private static final String GCPL = "Galvanostatic Cycling with Potential Limitation";

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(4, GCPL),
            Map.entry(6, "Cyclic Voltammetry"),
            Map.entry(11, "Open Circuit Voltage"),
            Map.entry(24, "Chronoamperometry / Chronocoulometry"),
            Map.entry(25, "Chronopotentiometry"),
            Map.entry(28, "Wait"),
            Map.entry(29, "Potentio Electrochemical Impedance Spectroscopy"),
            Map.entry(30, "Galvano Electrochemical Impedance Spectroscopy"),
            Map.entry(50, "IR compensation (PEIS)"),
            Map.entry(51, "Cyclic Voltammetry Advanced"),
            Map.entry(108, "Linear Sweep Voltammetry"),
            Map.entry(117, "Constant Voltage"),
            Map.entry(118, "Constant Current"),
            // gcpl.pr_182.2: a GCPL run whose export has no header to name it.
            Map.entry(119, GCPL),
            Map.entry(127, "Modulo Bat"),
            Map.entry(ColumnIds.TECHNIQUE_BCD, "Battery Capacity Determination"));

    /** EC-Lab's name of a technique id, empty for an id not seen (or -1: no settings module). */
    static Optional<String> name(int technique) {
        return Optional.ofNullable(NAMES.get(technique));
    }

    /** Refuses a file whose technique records no battery cycling; returns for any other (or unknown) one. */
    static void requireCycling(ModuleFacts facts, Path file) throws NotCyclingDataException {
        Optional<String> name = name(facts.technique());
        Optional<String> reason = name.flatMap(EcLabTechniques::notCycling);
        if (reason.isPresent()) {
            throw new NotCyclingDataException(
                    file,
                    "technique " + facts.technique() + " (first byte of the VMP Set module)",
                    facts.techniqueOffset(),
                    name.get(),
                    EcLabTechniques.refusal(name.get(), reason.get()));
        }
    }
}

package io.cellwatch.evaluate;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Writes an evaluation's figures as Markdown tables (readable in a terminal, pasteable into the
 * README): the lab-conditions table (per fault template: caught, late, missed, delays, lead before
 * death, false alarms before onset, estimates), the misses seed by seed, the false alarms on the
 * healthy population per template and per chemistry with each alarm's nearest benign event, and
 * the real exports with every alert episode.
 */
public final class ReportPrinter {
    private ReportPrinter() {}

    public static void print(Evaluation.Result result, EvaluationSettings settings, PrintWriter out) {
        FaultTables.print(result, settings, out);
        PopulationTables.print(result, settings, out);
        RealExportsTable.print(result, out);
        out.printf(Locale.ROOT, "(evaluation took %.0f s on %d threads)%n", result.wallSeconds(), settings.threads());
        out.flush();
    }
}

package io.cellwatch.evaluate;

import io.cellwatch.model.AlertKind;
import io.cellwatch.simulator.lab.LabTruth;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The lab-conditions part of the report: per fault template caught, late, missed, delays, lead
 * before death, false alarms before onset and estimates; then the misses, and the estimates further off than
 * issue 9 allows, seed by seed.
 */
final class FaultTables {
    private FaultTables() {}

    static void print(Evaluation.Result result, EvaluationSettings settings, PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "## Lab-conditions scenarios (%d seeds per template: %d to %d; hours since monitoring began)%n%n",
                settings.seedsPerFamily(),
                settings.firstSeed(),
                settings.firstSeed() + settings.seedsPerFamily() - 1);
        out.println("| template | family | seeds | died in run | caught before death | late | missed"
                + " | delay h: median (min–max) | delay cycles: median (max) | lead before death h: median (min–max)"
                + " | lead cycles: median | detected by | false alarms before onset | R estimate | leak estimate"
                + " | late with no row between onset and death | truth inside stated bounds |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (FamilyTally t : result.faults()) {
            FamilyTally.Spread cycles = t.delayCycles();
            FamilyTally.Spread leadCycles = t.leadCycles();
            out.printf(
                    Locale.ROOT,
                    "| %s | %s | %d | %d | %d | %d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %d | %s |%n",
                    MarkdownCells.cell(t.template()),
                    t.family().label(),
                    t.seeds(),
                    t.died(),
                    t.caught(),
                    t.late(),
                    t.missed(),
                    MarkdownCells.spread(t.delayHours()),
                    cycles == null ? "–" : String.format(Locale.ROOT, "%.0f (%.0f)", cycles.median(), cycles.max()),
                    MarkdownCells.spread(t.leadHours()),
                    leadCycles == null ? "–" : String.format(Locale.ROOT, "%.0f", leadCycles.median()),
                    MarkdownCells.kindCounts(t.detectionKinds(), " ×"),
                    t.falseAlarms() == 0
                            ? "0"
                            : String.format(
                                    Locale.ROOT,
                                    "%d in %d seeds (%s)",
                                    t.falseAlarms(),
                                    t.seedsWithFalseAlarms(),
                                    MarkdownCells.kindCounts(t.falseAlarmKinds(), " ×")),
                    MarkdownCells.estimate(t.resistanceError()),
                    MarkdownCells.estimate(t.leakError()),
                    t.lateWithoutRowInTime(),
                    MarkdownCells.inside(t.resistanceInsideBounds(), t.leakInsideBounds()));
        }
        out.println();
        out.println("Caught: a firing alert (warning or critical) of a kind that reports the template's family, its"
                + " evidence at or after the onset, sent no later than the cell's physical death on the rows' millisecond clock (or the cell lives on); late: only"
                + " after the death; missed: never. Death is physical: the charge passing "
                + (int) LabTruth.DEATH_CHARGE_MULTIPLE
                + "× the available capacity, or the voltage collapsing under a short that passes more than the charge"
                + " current (symmetric cells: the short carrying ≥ "
                + Math.round(100 * LabTruth.SYMMETRIC_DEATH_SHARE)
                + " % of the current for 5 min). A hard short is itself the death: its detections count whenever they"
                + " come, and the delay is the figure. False alarms: episodes of any kind that began before the onset."
                + " Estimates: |estimate/true − 1| of the first alert sent after the onset carrying a short resistance"
                + " or leak current (median, max), n/a when no alert carried one, ∞ where that alert named a cycle in which"
                + " no short carried current (an intermittent short between contacts; the truth is then 0 A and ∞ Ω,"
                + " which no share of an estimate comes near, though a stated interval can hold 0 A); left out of"
                + " the median where the truth knows nothing of the cycle it names (listed seed by seed for R)."
                + " Delays and leads are from when the live topology would send the alert (a cycle detector's comes"
                + " with the next cycle's first row, a replicate group's when the last sibling's cycle has come, the"
                + " stall warning its limit after the last row); whether an alert is about the fault, from its"
                + " evidence. No point-adjust. Late with no row between onset and"
                + " death: late seeds whose cycler logged no row from the onset to the death, so that no detector"
                + " reading the rows could have been in time (still counted late); the seed-by-seed list gives the"
                + " first row after the onset of every late or missed seed. Truth inside stated bounds: of the seeds"
                + " whose first alert after the onset stated an interval for the short resistance (R) or the leak"
                + " current, how many had the true value inside it (judged against the same truth as the estimate"
                + " columns); the interval is the bounds the alert names, narrowed by its estimate ± "
                + (int) StatedInterval.SIGMAS
                + " of its stated uncertainties (one standard deviation each); an estimate stated without an"
                + " uncertainty is a point, and a side no bound names is open; n/a when no alert stated one.");
        out.println();
        out.println("Alert kind → family: "
                + KindFamilies.table(true).entrySet().stream()
                        .map(e -> e.getKey().equals(AlertKind.REPLICATE_OUTLIER.wireName())
                                ? e.getKey() + " → the family of the quantity that left the group (see below)"
                                : e.getKey() + " → " + e.getValue().label())
                        .collect(Collectors.joining("; ")));
        out.println();
        GroupTables.print(result, out);
        out.println();
        out.println("### Missed and late, seed by seed");
        out.println();
        boolean any = false;
        for (FamilyTally t : result.faults()) {
            for (FaultScore s : t.scores()) {
                if (s.caught()) {
                    continue;
                }
                any = true;
                LabTruth truth = s.truth();
                out.printf(
                        Locale.ROOT,
                        "- %s seed %d (%s): %s. Onset cycle %d at %.1f h%s: %s%s%s%s%n",
                        t.template(),
                        truth.seed(),
                        truth.chemistry(),
                        truth.description(),
                        truth.onsetCycle(),
                        truth.onsetS() / 3600,
                        truth.deathS() == null
                                ? ", no death in the run"
                                : String.format(
                                        Locale.ROOT,
                                        ", death cycle %d at %.1f h",
                                        truth.deathCycle(),
                                        truth.deathS() / 3600),
                        s.outcome(),
                        s.onsetReadings() == null
                                ? ""
                                : "; " + s.onsetReadings().describe(truth),
                        s.otherAfterOnset().isEmpty()
                                ? ""
                                : "; other alerts after onset: "
                                        + s.otherAfterOnset().stream()
                                                .map(a -> String.format(
                                                        Locale.ROOT,
                                                        "%s %s (%+.1f h)",
                                                        a.alert().kind().wireName(),
                                                        a.alert().severity().wireName(),
                                                        (a.sentS() - truth.onsetS()) / 3600))
                                                .collect(Collectors.joining(", ")),
                        s.log().staleSamples() == 0
                                ? ""
                                : String.format(
                                        Locale.ROOT,
                                        "; %,d samples ignored as stale",
                                        s.log().staleSamples()));
            }
        }
        if (!any) {
            out.println("(none)");
        }
        out.println();
        FarEstimates.print(result, out);
    }
}

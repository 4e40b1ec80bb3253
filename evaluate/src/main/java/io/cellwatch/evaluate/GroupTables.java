package io.cellwatch.evaluate;

import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.simulator.lab.FaultFamily;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The replicate-group part of the report: for each grouped fault template, what the group detector
 * ({@code replicate_outlier}) did on its own on the faulty cell (whichever detector came first in the
 * main table), and every alert on the faulty cell's healthy siblings (all false alarms).
 */
final class GroupTables {
    private GroupTables() {}

    static void print(Evaluation.Result result, PrintWriter out) {
        List<FamilyTally> grouped =
                result.faults().stream().filter(t -> !t.siblings().isEmpty()).toList();
        if (grouped.isEmpty()) {
            return;
        }
        out.println("### Replicate groups: the group detector on its own, and the faulty cells' siblings");
        out.println();
        out.println("| template | seeds | replicate_outlier caught before death | its delay h: median (min–max)"
                + " | its delay cycles: median (max) | outlier naming another family | siblings | sibling channel-days"
                + " | sibling episodes | by kind |");
        out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (FamilyTally t : grouped) {
            List<Double> delays = new ArrayList<>();
            List<Double> cycles = new ArrayList<>();
            int caught = 0;
            int otherFamily = 0;
            for (FaultScore s : t.scores()) {
                LoggedAlert own = firstOutlier(s, t.family(), true);
                if (own != null
                        && (s.truth().deathS() == null
                                || FaultScore.noLaterThanDeath(
                                        own.sentS(), s.truth().deathS()))) {
                    caught++;
                    delays.add((own.sentS() - s.truth().onsetS()) / 3600);
                    cycles.add((double) (own.alert().cycleIndex() - s.truth().onsetCycle()));
                }
                if (firstOutlier(s, t.family(), false) != null) {
                    otherFamily++;
                }
            }
            FalseAlarmTally siblings = FalseAlarmTally.of(t.siblings());
            FamilyTally.Spread delay = FamilyTally.Spread.of(delays);
            FamilyTally.Spread delayCycles = FamilyTally.Spread.of(cycles);
            out.printf(
                    Locale.ROOT,
                    "| %s | %d | %d | %s | %s | %d | %d | %,.0f | %d | %s |%n",
                    MarkdownCells.cell(t.template()),
                    t.seeds(),
                    caught,
                    MarkdownCells.spread(delay),
                    delayCycles == null
                            ? "–"
                            : String.format(Locale.ROOT, "%.0f (%.0f)", delayCycles.median(), delayCycles.max()),
                    otherFamily,
                    siblings.channels(),
                    siblings.channelDays(),
                    siblings.episodes(),
                    MarkdownCells.kindCounts(siblings.byKind(), " "));
        }
        out.println();
        out.println("A group is 3–8 cells built alike on one protocol in one chamber, judged together through the"
                + " offline pipeline's group stage (as replay judges a group). replicate_outlier counts for the family"
                + " of the quantity that left the group (CE → soft short, capacity retention → capacity loss,"
                + " overpotential ratio → overpotential): its kind says only that a cell left its group, its evidence"
                + " says which signature. Caught before death: its first such alert with its evidence at or after the"
                + " onset, sent no later than the death (when the cycle that made the group judge came); its delay"
                + " from then. Outlier naming another family: seeds where it fired after the onset naming"
                + " another quantity (not counted as a detection). Siblings: the faulty cell's healthy group mates,"
                + " run as long as it ran; any alert on them is a false alarm.");
        out.println();
    }

    /** The first firing replicate outlier after the onset whose quantity does (or does not) name the family. */
    private static LoggedAlert firstOutlier(FaultScore s, FaultFamily family, boolean naming) {
        double onset = s.truth().onsetS() == null
                ? Double.POSITIVE_INFINITY
                : s.truth().onsetS();
        for (LoggedAlert a : s.log().alerts()) {
            if (a.alert().kind() == AlertKind.REPLICATE_OUTLIER
                    && a.alert().status() == AlertStatus.FIRING
                    && a.channelS() >= onset
                    && KindFamilies.detects(a.alert(), family) == naming) {
                return a;
            }
        }
        return null;
    }
}

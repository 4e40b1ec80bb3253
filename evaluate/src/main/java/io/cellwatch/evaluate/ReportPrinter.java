package io.cellwatch.evaluate;

import io.cellwatch.model.Alert;
import io.cellwatch.model.CellType;
import io.cellwatch.simulator.ScenarioTruth;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Writes an evaluation's figures as Markdown tables (readable in a terminal, pasteable into the
 * README): per scenario the fault's onset, the first alert at or after it (cycle and test time),
 * the detection delay, the lead time before the cell's death and the false alarms; then the false
 * alarms per 1,000 channel-days on the healthy population.
 */
public final class ReportPrinter {
    private ReportPrinter() {}

    public static void print(Evaluation.Result result, EvaluationSettings settings, PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "## Scenario suite (seed %d, a sample every %.0f s; times are the channel's test time)%n%n",
                settings.seed(),
                settings.sampleIntervalS());
        out.println(
                "| scenario | channel | fault onset | death | first alert after onset | delay | lead time before death"
                        + " | first critical, lead | false alarms (alerts before onset) | notes |");
        out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (ScenarioScore score : result.scenarios()) {
            out.println(row(score));
        }
        out.println();
        out.println(
                "Delay: first alert minus onset. Lead time: death minus first alert (death = the cycler's safety stop"
                        + " of an endless charge for full cells, the hard short for symmetric cells). False alarms: alert episodes"
                        + " that began before the onset, or at all on a channel that never fails. No point-adjust.");
        out.println();
        if (result.robustness().values().stream().anyMatch(scores -> scores.size() > 1)) {
            printRobustness(result, settings, out);
        }
        FalseAlarmTally population = result.population();
        out.printf(Locale.ROOT, "## False alarms on healthy channels%n%n");
        out.println(
                "| population | channels | channel-days | alert episodes | per 1,000 channel-days | 95 % upper bound"
                        + " | critical | soft-short | by kind |");
        out.println("|---|---|---|---|---|---|---|---|---|");
        out.println(tallyRow(
                String.format(
                        Locale.ROOT,
                        "simulated fleet (NCM, LFP, symmetric; %.0f days each)",
                        settings.populationDays()),
                population));
        out.println(tallyRow("fleet + long healthy runs", result.allHealthy()));
        out.println();
        out.printf(
                Locale.ROOT,
                "(healthy LFP run: simulator seed %d, the first from %d whose LFP channel starts at cycle"
                        + " 1; evaluation took %.0f s)%n",
                result.healthyLfpSeed(),
                settings.seed(),
                result.wallSeconds());
        out.flush();
    }

    private static void printRobustness(Evaluation.Result result, EvaluationSettings settings, PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "## The failures on %d simulator seeds (%d to %d)%n%n",
                settings.scenarioSeeds(),
                settings.seed(),
                settings.seed() + settings.scenarioSeeds() - 1);
        out.println("| scenario | caught before death | delay: median (min–max) | lead time: median (min–max)"
                + " | first alert kinds | alerts before onset |");
        out.println("|---|---|---|---|---|---|");
        for (var entry : result.robustness().entrySet()) {
            List<ScenarioScore> scores = entry.getValue();
            List<Double> delays = scores.stream()
                    .map(ScenarioScore::detectionDelayH)
                    .filter(Objects::nonNull)
                    .toList();
            List<Double> leads = scores.stream()
                    .map(ScenarioScore::leadTimeH)
                    .filter(d -> d != null && d > 0)
                    .toList();
            String kinds = scores.stream()
                    .filter(s -> s.firstAlert() != null)
                    .collect(Collectors.groupingBy(
                            s -> s.firstAlert().kind().wireName(), TreeMap::new, Collectors.counting()))
                    .entrySet()
                    .stream()
                    .map(e -> e.getKey() + " ×" + e.getValue())
                    .collect(Collectors.joining(", "));
            long falseAlarms =
                    scores.stream().mapToLong(s -> s.falseAlarms().size()).sum();
            String falseKinds = scores.stream()
                    .flatMap(s -> s.falseAlarms().stream())
                    .map(a -> a.kind().wireName() + " " + a.severity().wireName())
                    .distinct()
                    .collect(Collectors.joining(", "));
            int mostCycles = scores.stream()
                    .filter(s -> s.firstAlert() != null)
                    .mapToInt(s -> s.firstAlert().cycleIndex() - s.log().truth().onsetCycle())
                    .max()
                    .orElse(0);
            out.printf(
                    Locale.ROOT,
                    "| %s | %d/%d | %s%s | %s | %s | %d%s |%n",
                    scores.get(0).label(),
                    leads.size(),
                    scores.size(),
                    spread(delays),
                    delays.isEmpty()
                            ? ""
                            : mostCycles == 0
                                    ? "; in the onset's cycle"
                                    : "; ≤ " + mostCycles + (mostCycles == 1 ? " cycle" : " cycles") + " after it",
                    spread(leads),
                    kinds.isEmpty() ? "–" : kinds,
                    falseAlarms,
                    falseKinds.isEmpty() ? "" : " (" + falseKinds + ")");
        }
        out.println();
    }

    private static String spread(List<Double> hours) {
        if (hours.isEmpty()) {
            return "–";
        }
        List<Double> sorted = hours.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : 0.5 * (sorted.get(n / 2 - 1) + sorted.get(n / 2));
        return hours(median) + " (" + hours(sorted.get(0)) + "–" + hours(sorted.get(n - 1)) + ")";
    }

    private static String row(ScenarioScore score) {
        ScenarioTruth truth = score.log().truth();
        String onset = truth.onsetTestTimeS() == null
                ? "none"
                : String.format(Locale.ROOT, "cycle %d, %.2f h", truth.onsetCycle(), truth.onsetTestTimeS() / 3600);
        String death = truth.deathTestTimeS() == null
                ? "none"
                : String.format(Locale.ROOT, "cycle %d, %.2f h", truth.deathCycle(), truth.deathTestTimeS() / 3600);
        String first =
                score.firstAlert() == null ? (score.hasFault() ? "**missed**" : "–") : describe(score.firstAlert());
        String delay = score.detectionDelayH() == null ? "–" : hours(score.detectionDelayH());
        String lead = score.leadTimeH() == null
                ? "–"
                : hours(score.leadTimeH())
                        + (score.leadCycles() == null || isSymmetric(score)
                                ? ""
                                : String.format(Locale.ROOT, " (%d cycles)", score.leadCycles()));
        String critical = score.firstCritical() == null
                ? "–"
                : String.format(
                        Locale.ROOT,
                        "%s, cycle %d, %s",
                        score.firstCritical().kind().wireName(),
                        score.firstCritical().cycleIndex(),
                        hours(score.criticalLeadTimeH()));
        String falseAlarms = score.falseAlarms().isEmpty()
                ? "0"
                : score.falseAlarms().size() + ": "
                        + score.falseAlarms().stream()
                                .map(a -> String.format(
                                        Locale.ROOT,
                                        "%s %s at %.1f h",
                                        a.kind().wireName(),
                                        a.severity().wireName(),
                                        a.testTimeS() / 3600))
                                .collect(Collectors.joining("; "));
        return String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |",
                score.label(),
                score.log().channelId(),
                onset,
                death,
                first,
                delay,
                lead,
                critical,
                falseAlarms,
                notes(score));
    }

    private static boolean isSymmetric(ScenarioScore score) {
        return score.log().info().cellType() == CellType.SYMMETRIC;
    }

    private static String describe(Alert alert) {
        return String.format(
                Locale.ROOT,
                "%s %s, cycle %d, %.2f h",
                alert.kind().wireName(),
                alert.severity().wireName(),
                alert.cycleIndex(),
                alert.testTimeS() / 3600);
    }

    private static String notes(ScenarioScore score) {
        StringBuilder notes = new StringBuilder();
        Double expectedCcd = score.scenario().criticalCurrentDensityMaPerCm2();
        Double ccd = score.reportedCriticalCurrentDensity();
        if (expectedCcd != null) {
            notes.append(String.format(
                    Locale.ROOT,
                    "CCD reported %s%s mA/cm² (reference %.1f)",
                    score.criticalCurrentDensityFromShort() ? "" : "≥ ",
                    ccd == null ? "none" : String.format(Locale.ROOT, "%.2f", ccd),
                    expectedCcd));
        }
        if (!score.hasFault()) {
            appendSep(notes)
                    .append(String.format(
                            Locale.ROOT, "%.1f channel-days", score.log().channelDays()));
            if (score.log().info().cellType() != CellType.SYMMETRIC) {
                notes.append(String.format(
                        Locale.ROOT,
                        ", cycles %d–%d",
                        score.log().firstCycleIndex(),
                        score.log().lastCycleIndex()));
            }
        }
        return notes.toString();
    }

    private static StringBuilder appendSep(StringBuilder notes) {
        return notes.isEmpty() ? notes : notes.append("; ");
    }

    private static String tallyRow(String name, FalseAlarmTally tally) {
        String byKind = tally.byKind().isEmpty()
                ? "–"
                : tally.byKind().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey().wireName() + " " + e.getValue())
                        .collect(Collectors.joining(", "));
        return String.format(
                Locale.ROOT,
                "| %s | %d | %,.0f | %d | %.2f | %.2f | %d | %d | %s |",
                name,
                tally.channels(),
                tally.channelDays(),
                tally.episodes(),
                tally.perThousandChannelDays(),
                tally.upperBound95PerThousandChannelDays(),
                tally.criticalEpisodes(),
                tally.softShortEpisodes(),
                byKind);
    }

    private static String hours(double h) {
        if (Math.abs(h) < 1) {
            return String.format(Locale.ROOT, "%.0f min", 60 * h);
        }
        return String.format(Locale.ROOT, "%.1f h", h);
    }
}

package io.cellwatch.evaluate;

import io.cellwatch.simulator.lab.BenignEvent;
import io.cellwatch.simulator.lab.LabTruth;
import io.cellwatch.simulator.lab.ScenarioLibrary;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The healthy-population part of the report: false alarms per template and per chemistry, then
 * each alarm with the nearest benign event before it.
 */
final class PopulationTables {
    private PopulationTables() {}

    /** False alarms listed one by one per healthy template, at most. */
    private static final int ALARMS_LISTED = 4;

    static void print(Evaluation.Result result, EvaluationSettings settings, PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "## False alarms on the healthy population (%d channels per template, %.0f days each unless noted)%n%n",
                settings.populationChannels(),
                settings.populationDays());
        out.println("| template | what | channels | channel-days | channels alarmed | episodes | per 1,000 channel-days"
                + " | 95 % upper bound | critical | short kinds | by kind | rows ignored as stale |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Map.Entry<ScenarioLibrary.Template, FalseAlarmTally> e :
                result.falseAlarms().entrySet()) {
            out.println(tallyRow(e.getKey().name(), e.getKey().description(), e.getValue()));
        }
        out.println(tallyRow("**all healthy**", "every template", result.allHealthy()));
        out.println();
        out.println("Rows ignored as stale: after a record-number restart inside a file the pipeline drops every"
                + " row not newer than the channel's last, so those channel-days were not watched.");
        out.println();
        out.println("By chemistry (every healthy channel, grouped by its first cell):");
        out.println();
        out.println(
                "| chemistry | channels | channel-days | channels alarmed | episodes | per 1,000 channel-days | critical"
                        + " | short kinds | by kind |");
        out.println("|---|---|---|---|---|---|---|---|---|");
        Map<String, List<ChannelLog>> byChemistry = result.population().values().stream()
                .flatMap(List::stream)
                .collect(Collectors.groupingBy(PopulationTables::chemistryOf, TreeMap::new, Collectors.toList()));
        byChemistry.forEach((chemistry, logs) -> {
            FalseAlarmTally t = FalseAlarmTally.of(logs);
            out.printf(
                    Locale.ROOT,
                    "| %s | %d | %,.0f | %d | %d | %.2f | %d | %d | %s |%n",
                    MarkdownCells.cell(chemistry),
                    t.channels(),
                    t.channelDays(),
                    t.channelsAlarmed(),
                    t.episodes(),
                    t.perThousandChannelDays(),
                    t.criticalEpisodes(),
                    t.shortEpisodes(),
                    MarkdownCells.kindCounts(t.byKind(), " "));
        });
        out.println();
        out.println("### False alarms one by one (at most " + ALARMS_LISTED
                + " per template, those of a short kind or critical first), with the nearest benign event before each");
        out.println();
        boolean any = false;
        for (var entry : result.population().entrySet()) {
            List<String> lines = alarmLines(entry.getValue());
            for (int i = 0; i < Math.min(ALARMS_LISTED, lines.size()); i++) {
                out.println("- " + entry.getKey().name() + ": " + lines.get(i));
                any = true;
            }
            if (lines.size() > ALARMS_LISTED) {
                out.printf(Locale.ROOT, "- %s: … and %d more%n", entry.getKey().name(), lines.size() - ALARMS_LISTED);
            }
        }
        if (!any) {
            out.println("(none)");
        }
        out.println();
    }

    /**
     * A template's false alarms as listed, short kinds and critical episodes first: the list is cut, and
     * those must never be among the cut.
     */
    static List<String> alarmLines(List<ChannelLog> logs) {
        return logs.stream()
                .flatMap(log -> log.episodes().stream().map(a -> new Listed(log, a)))
                .sorted(Comparator.comparingInt(Listed::rank))
                .map(l -> alarmLine(l.log(), l.alert()))
                .toList();
    }

    /** A false alarm to list, ranked: 0 of a short kind or critical, 1 otherwise (the order is kept within a rank). */
    private record Listed(ChannelLog log, LoggedAlert alert) {
        int rank() {
            return KindFamilies.shortKind(alert.alert()) || log.becameCritical(alert) ? 0 : 1;
        }
    }

    private static String alarmLine(ChannelLog log, LoggedAlert a) {
        LabTruth truth = log.truth();
        BenignEvent cause = truth.events().stream()
                .filter(e -> e.startS() <= a.channelS())
                .reduce((x, y) -> y)
                .orElse(null);
        return String.format(
                Locale.ROOT,
                "%s (%s) %s %s at cycle %d, %.1f h%s",
                log.channelId(),
                truth.chemistry(),
                a.alert().kind().wireName(),
                log.becameCritical(a) ? "critical" : a.alert().severity().wireName(),
                a.alert().cycleIndex(),
                a.channelHours(),
                cause == null
                        ? "; no benign event before it"
                        : String.format(
                                Locale.ROOT,
                                "; %.1f h after %s (%s)",
                                (a.channelS() - cause.startS()) / 3600,
                                cause.condition().label(),
                                cause.detail()));
    }

    private static String tallyRow(String name, String what, FalseAlarmTally t) {
        return String.format(
                Locale.ROOT,
                "| %s | %s | %d | %,.0f | %d | %d | %.2f | %.2f | %d | %d | %s | %s |",
                MarkdownCells.cell(name),
                MarkdownCells.cell(what),
                t.channels(),
                t.channelDays(),
                t.channelsAlarmed(),
                t.episodes(),
                t.perThousandChannelDays(),
                t.upperBound95PerThousandChannelDays(),
                t.criticalEpisodes(),
                t.shortEpisodes(),
                MarkdownCells.kindCounts(t.byKind(), " "),
                t.staleSamples() == 0 ? "0" : String.format(Locale.ROOT, "%.0f %%", 100 * t.staleShare()));
    }

    static String chemistryOf(ChannelLog log) {
        String words = log.truth().chemistry();
        int written = words.indexOf(" written ");
        return written > 0 ? words.substring(0, written) : words;
    }
}

package io.cellwatch.evaluate;

import io.cellwatch.model.AlertKind;
import io.cellwatch.simulator.lab.BenignEvent;
import io.cellwatch.simulator.lab.LabTruth;
import io.cellwatch.simulator.lab.ScenarioLibrary;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Writes an evaluation's figures as Markdown tables (readable in a terminal, pasteable into the
 * README): the lab-conditions table (per fault template: caught, late, missed, delays, lead before
 * death, false alarms before onset, estimates), the misses seed by seed, the false alarms on the
 * healthy population per template and per chemistry with each alarm's nearest benign event, and
 * the real exports with every alert episode.
 */
public final class ReportPrinter {
    /** False alarms listed one by one per healthy template, at most. */
    private static final int ALARMS_LISTED = 4;

    private ReportPrinter() {}

    public static void print(Evaluation.Result result, EvaluationSettings settings, PrintWriter out) {
        printFaults(result, settings, out);
        printPopulation(result, settings, out);
        printReal(result, out);
        out.printf(Locale.ROOT, "(evaluation took %.0f s on %d threads)%n", result.wallSeconds(), settings.threads());
        out.flush();
    }

    private static void printFaults(Evaluation.Result result, EvaluationSettings settings, PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "## Lab-conditions scenarios (%d seeds per template: %d to %d; hours since monitoring began)%n%n",
                settings.seedsPerFamily(),
                settings.firstSeed(),
                settings.firstSeed() + settings.seedsPerFamily() - 1);
        out.println("| template | family | seeds | died in run | caught before death | late | missed"
                + " | delay h: median (min–max) | delay cycles: median (max) | lead before death h: median (min–max)"
                + " | lead cycles: median | detected by | false alarms before onset | R estimate | leak estimate |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (FamilyTally t : result.faults()) {
            FamilyTally.Spread cycles = t.delayCycles();
            FamilyTally.Spread leadCycles = t.leadCycles();
            out.printf(
                    Locale.ROOT,
                    "| %s | %s | %d | %d | %d | %d | %d | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    cell(t.template()),
                    t.family().label(),
                    t.seeds(),
                    t.died(),
                    t.caught(),
                    t.late(),
                    t.missed(),
                    spread(t.delayHours()),
                    cycles == null ? "–" : String.format(Locale.ROOT, "%.0f (%.0f)", cycles.median(), cycles.max()),
                    spread(t.leadHours()),
                    leadCycles == null ? "–" : String.format(Locale.ROOT, "%.0f", leadCycles.median()),
                    kinds(t.detectionKinds()),
                    t.falseAlarms() == 0
                            ? "0"
                            : String.format(
                                    Locale.ROOT,
                                    "%d in %d seeds (%s)",
                                    t.falseAlarms(),
                                    t.seedsWithFalseAlarms(),
                                    kinds(t.falseAlarmKinds())),
                    estimate(t.resistanceError()),
                    estimate(t.leakError()));
        }
        out.println();
        out.println("Caught: a firing alert (warning or critical) of a kind that reports the template's family, at or"
                + " after the onset and no later than the cell's physical death (or the cell lives on); late: only"
                + " after the death; missed: never. Death is physical: the charge passing "
                + (int) LabTruth.DEATH_CHARGE_MULTIPLE
                + "× the available capacity, or the voltage collapsing under a short that passes more than the charge"
                + " current (symmetric cells: the short carrying ≥ "
                + Math.round(100 * LabTruth.SYMMETRIC_DEATH_SHARE)
                + " % of the current for 5 min). A hard short is itself the death: its detections count whenever they"
                + " come, and the delay is the figure. False alarms: episodes of any kind that began before the onset."
                + " Estimates: |estimate/true − 1| of the first alert carrying a short resistance or leak current"
                + " (median, max), n/a when no alert carried one. No point-adjust.");
        out.println();
        out.println("Alert kind → family: "
                + KindFamilies.table(true).entrySet().stream()
                        .map(e -> e.getKey() + " → " + e.getValue().label())
                        .collect(Collectors.joining("; ")));
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
                        "- %s seed %d (%s): %s. Onset cycle %d at %.1f h%s: %s%s%s%n",
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
                        s.otherAfterOnset().isEmpty()
                                ? ""
                                : "; other alerts after onset: "
                                        + s.otherAfterOnset().stream()
                                                .map(a -> String.format(
                                                        Locale.ROOT,
                                                        "%s %s (%+.1f h)",
                                                        a.alert().kind().wireName(),
                                                        a.alert().severity().wireName(),
                                                        (a.channelS() - truth.onsetS()) / 3600))
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
    }

    private static void printPopulation(Evaluation.Result result, EvaluationSettings settings, PrintWriter out) {
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
                .collect(Collectors.groupingBy(ReportPrinter::chemistryOf, TreeMap::new, Collectors.toList()));
        byChemistry.forEach((chemistry, logs) -> {
            FalseAlarmTally t = FalseAlarmTally.of(logs);
            out.printf(
                    Locale.ROOT,
                    "| %s | %d | %,.0f | %d | %d | %.2f | %d | %d | %s |%n",
                    cell(chemistry),
                    t.channels(),
                    t.channelDays(),
                    t.channelsAlarmed(),
                    t.episodes(),
                    t.perThousandChannelDays(),
                    t.criticalEpisodes(),
                    t.shortEpisodes(),
                    byKind(t.byKind()));
        });
        out.println();
        out.println("### False alarms one by one (at most " + ALARMS_LISTED
                + " per template), with the nearest benign event before each");
        out.println();
        boolean any = false;
        for (var entry : result.population().entrySet()) {
            List<String> lines = entry.getValue().stream()
                    .flatMap(log -> log.episodes().stream().map(a -> alarmLine(log, a)))
                    .toList();
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

    private static void printReal(Evaluation.Result result, PrintWriter out) {
        out.println("## Real exports (every alert episode)");
        out.println();
        if (result.real() == null) {
            out.println("(real-data folder not found: left out)");
            out.println();
            return;
        }
        out.println("| file | format | declared | cycles | samples | alerts | README says |");
        out.println("|---|---|---|---|---|---|---|");
        for (RealExports.Row row : result.real().rows()) {
            String alerts = row.error() != null
                    ? "**not read: " + row.error() + "**"
                    : row.episodes().isEmpty()
                            ? "none"
                            : row.episodes().stream().map(Object::toString).collect(Collectors.joining("; "));
            out.printf(
                    Locale.ROOT,
                    "| %s | %s | %s | %d | %,d%s | %s | %s |%n",
                    cell(row.file()),
                    row.format(),
                    cell(row.declared()),
                    row.cycles(),
                    row.samples(),
                    row.malformed() > 0 ? " (" + row.malformed() + " malformed)" : "",
                    cell(alerts),
                    cell(row.expectation()));
        }
        out.println();
        if (!result.real().unreadable().isEmpty()) {
            out.printf(
                    Locale.ROOT,
                    "%d files no format reads (binary exports without a reader): %s%n%n",
                    result.real().unreadable().size(),
                    String.join(", ", result.real().unreadable()));
        }
    }

    /** Text for a Markdown table cell: a pipe (as in "NCM|graphite") would end the cell. */
    static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|");
    }

    static String chemistryOf(ChannelLog log) {
        String words = log.truth().chemistry();
        int written = words.indexOf(" written ");
        return written > 0 ? words.substring(0, written) : words;
    }

    private static String tallyRow(String name, String what, FalseAlarmTally t) {
        return String.format(
                Locale.ROOT,
                "| %s | %s | %d | %,.0f | %d | %d | %.2f | %.2f | %d | %d | %s | %s |",
                cell(name),
                cell(what),
                t.channels(),
                t.channelDays(),
                t.channelsAlarmed(),
                t.episodes(),
                t.perThousandChannelDays(),
                t.upperBound95PerThousandChannelDays(),
                t.criticalEpisodes(),
                t.shortEpisodes(),
                byKind(t.byKind()),
                t.staleSamples() == 0 ? "0" : String.format(Locale.ROOT, "%.0f %%", 100 * t.staleShare()));
    }

    private static String byKind(Map<AlertKind, Integer> byKind) {
        return byKind.isEmpty()
                ? "–"
                : byKind.entrySet().stream()
                        .map(e -> e.getKey().wireName() + " " + e.getValue())
                        .collect(Collectors.joining(", "));
    }

    private static String kinds(Map<AlertKind, Long> kinds) {
        return kinds.isEmpty()
                ? "–"
                : kinds.entrySet().stream()
                        .map(e -> e.getKey().wireName() + " ×" + e.getValue())
                        .collect(Collectors.joining(", "));
    }

    private static String spread(FamilyTally.Spread s) {
        return s == null
                ? "–"
                : String.format(Locale.ROOT, "%s (%s–%s)", hours(s.median()), hours(s.min()), hours(s.max()));
    }

    private static String estimate(FamilyTally.Spread s) {
        return s == null
                ? "n/a"
                : String.format(
                        Locale.ROOT, "%.0f %% (max %.0f %%, %d seeds)", 100 * s.median(), 100 * s.max(), s.count());
    }

    private static String hours(double h) {
        return String.format(Locale.ROOT, Math.abs(h) < 10 ? "%.2f" : "%.1f", h);
    }
}

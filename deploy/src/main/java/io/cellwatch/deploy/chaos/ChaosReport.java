package io.cellwatch.deploy.chaos;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a chaos run did and found: the load, every kill with how long processing stalled after it,
 * and the verification against replay. The run passes when nothing mismatched and no process
 * stopped by itself. How fast processing resumed after each kill is reported against the {@value
 * #RECOVERY_GOAL_S} s goal, not judged: it measures the machine as much as cellwatch (a pipeline that
 * never resumes does not drain, and the verification then finds what it left out).
 *
 * @param settings     what was asked
 * @param rowsWritten  sample rows the fleet wrote into its files
 * @param simulatedHours how far the fleet got, in simulated hours
 * @param streamsKills every SIGKILL of a streams instance, with its recovery
 * @param infra        broker restarts, ingester and alert-service kills
 * @param verification the comparison with replay
 * @param exitedAlone  processes found dead at the end without having been killed (a crash of their own)
 * @param runSeconds   wall-clock length of the run, cluster start to verdict
 */
public record ChaosReport(
        ChaosSettings settings,
        long rowsWritten,
        double simulatedHours,
        List<StreamsMonkey.Kill> streamsKills,
        InfrastructureMonkey.Done infra,
        ChaosVerification verification,
        List<String> exitedAlone,
        double runSeconds) {
    /** Processing should resume within this many seconds of a kill (issue 11's availability goal). */
    public static final int RECOVERY_GOAL_S = 10;

    public long mismatches() {
        return verification.mismatches();
    }

    public boolean passed() {
        return mismatches() == 0 && exitedAlone.isEmpty();
    }

    /** Kills after which processing had not resumed within the monkey's limit. */
    public long unrecovered() {
        return recoveries().stream().filter(Optional::isEmpty).count();
    }

    public int streamsKillCount() {
        return streamsKills.size();
    }

    public int brokerRestarts() {
        return infra.brokerRestarts();
    }

    public int ingesterKills() {
        return infra.ingesterKills();
    }

    public int alertServiceKills() {
        return infra.alertServiceKills();
    }

    public long recordsChecked() {
        return verification.recordsChecked();
    }

    /** Recovery of each streams kill, in order; empty where processing did not resume within the limit. */
    public List<Optional<Duration>> recoveries() {
        return streamsKills.stream().map(StreamsMonkey.Kill::recovery).toList();
    }

    public void print(PrintStream out) {
        out.printf(
                Locale.ROOT,
                "cellwatch chaos: %d channels (%d of each failure scenario), a sample every %.0f s at %.0fx,"
                        + " %d partitions, 3 brokers (RF 3, min ISR 2), 2 streams instances%n",
                settings.channels(),
                settings.failureCopies(),
                settings.sampleIntervalS(),
                settings.acceleration(),
                settings.partitions());
        if (!settings.streamsProperties().isEmpty()
                || !settings.brokerProperties().isEmpty()) {
            out.printf(
                    Locale.ROOT,
                    "  streams properties %s; broker properties %s%n",
                    new TreeMap<>(settings.streamsProperties()),
                    new TreeMap<>(settings.brokerProperties()));
        }
        out.printf(
                Locale.ROOT,
                "  %,d rows written (%.1f simulated h); run %.0f s; seed %d%n",
                rowsWritten,
                simulatedHours,
                runSeconds,
                settings.seed());
        out.printf(
                Locale.ROOT,
                "  kills: streams %d, broker restarts %d, ingester %d (under a broker restart), alert service %d%n",
                streamsKillCount(),
                brokerRestarts(),
                ingesterKills(),
                alertServiceKills());
        for (StreamsMonkey.Kill kill : streamsKills) {
            out.printf(
                    Locale.ROOT,
                    "    kill %2d at %6.1f s  %-10s up after %7s, group rebalanced after %7s, processing resumed after %s"
                            + " (load %.1f)%s%n",
                    kill.number(),
                    kill.atS(),
                    kill.instance(),
                    kill.upAfter().map(StreamsMonkey::seconds).orElse("-"),
                    kill.rebalanced().map(StreamsMonkey::seconds).orElse("-"),
                    kill.recovery().map(StreamsMonkey::seconds).orElse("(not within the limit)"),
                    kill.load(),
                    kill.brokerDown() ? "  (a broker was down)" : "");
        }
        printRecoverySummary(out);
        out.printf(Locale.ROOT, "  records checked %,d; mismatches %d%n", recordsChecked(), mismatches());
        for (Comparison comparison : verification.comparisons()) {
            out.println("    " + comparison.line());
        }
        out.printf(
                Locale.ROOT,
                "    webhook redeliveries   %d, marked as such (%d alert-service kills)%n",
                verification.redeliveries(),
                alertServiceKills());
        out.printf(Locale.ROOT, "    dead-letter records    %d%n", verification.deadLetters());
        if (!exitedAlone.isEmpty()) {
            out.println("  processes that stopped by themselves: " + exitedAlone);
        }
        out.println(passed() ? "  PASSED" : "  FAILED");
    }

    private void printRecoverySummary(PrintStream out) {
        List<Duration> resumed =
                recoveries().stream().flatMap(Optional::stream).sorted().toList();
        if (resumed.isEmpty()) {
            out.println("  recovery: processing resumed after none of the kills");
            return;
        }
        long withinGoal = resumed.stream()
                .filter(d -> d.compareTo(Duration.ofSeconds(RECOVERY_GOAL_S)) <= 0)
                .count();
        out.printf(
                Locale.ROOT,
                "  recovery: median %s, max %s; %d of %d kills within %d s%s%n",
                StreamsMonkey.seconds(resumed.get((resumed.size() - 1) / 2)
                        .plus(resumed.get(resumed.size() / 2))
                        .dividedBy(2)),
                StreamsMonkey.seconds(resumed.get(resumed.size() - 1)),
                withinGoal,
                streamsKills.size(),
                RECOVERY_GOAL_S,
                unrecovered() > 0
                        ? "; " + unrecovered() + " not within " + StreamsMonkey.RECOVERY_LIMIT.toSeconds() + " s"
                        : "");
    }
}

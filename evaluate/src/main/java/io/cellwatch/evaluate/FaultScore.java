package io.cellwatch.evaluate;

import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.Severity;
import io.cellwatch.simulator.lab.FaultFamily;
import io.cellwatch.simulator.lab.LabTruth;
import io.cellwatch.streams.detect.leak.LeakEstimate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How the detectors did on one fault channel, scored without point-adjust:
 *
 * <ul>
 *   <li>the <em>detection</em> is the first firing event sent (a new episode or an escalation) whose
 *       evidence is at or after the onset and whose kind reports the fault's family ({@link
 *       KindFamilies}); warnings count. Events are taken in the order the live topology would send
 *       them ({@link LoggedAlert#sentS}), not the order of their evidence;
 *   <li>it is <em>caught</em> when it is sent no later than the cell's physical death (or the cell
 *       never dies in the run), <em>late</em> when after it, <em>missed</em> when it never comes;
 *   <li>delay = sent − onset; lead = death − sent (hours, and cycles when both are cycles
 *       of the same cell);
 *   <li>false alarms: every episode that began before the onset, whatever its kind; episodes after
 *       the onset of a kind that does not report the fault are listed, not counted either way.
 * </ul>
 *
 * A hard short is the cell's death: its detection can only follow it, so for that family any
 * detection after the onset is caught, and the delay is the figure (there is no lead).
 *
 * <p>When an alert after the onset carries a short resistance or leak current in its evidence
 * ({@link #RESISTANCE_KEYS}, {@link #LEAK_KEYS}), the estimate is compared with the truth
 * (relative error: estimate / true − 1). An estimate that names the first reading it read ({@link
 * LeakEstimate#FROM_TEST_TIME_KEY}: a sample-level estimator reading a stretch of live readings) is
 * compared with the short over those readings, from that one to the alert's: its effective resistance
 * (mean voltage over mean short current while it carried current) and its mean current; where that is the
 * alert's own reading alone, the short at that reading's moment (a flickering filament's current then, not
 * its cycle's mean). A short that
 * changes (a flickering filament, a filament hardening) has no other value an estimate could have
 * measured, and time after the alert, or before the stretch, is nothing the estimate saw. Otherwise:
 * the short's resistance at the alert's moment when it had a single value then, else the effective
 * value over the cycle the alert refers to; the leak current averaged over that cycle.
 */
public record FaultScore(
        ChannelLog log,
        LoggedAlert detection,
        LoggedAlert firstCritical,
        List<LoggedAlert> falseAlarms,
        List<LoggedAlert> otherAfterOnset,
        Estimate resistance,
        Estimate leakCurrent,
        Bounds resistanceBounds,
        Bounds leakBounds) {

    /** Evidence keys read as a short-resistance estimate, Ω. */
    public static final Set<String> RESISTANCE_KEYS =
            Set.of("shortResistanceOhm", "shortResistanceOhms", "shortResistance");
    /** Alerts judged on a closed cycle: their estimates are of the cycle they name, not of the moment they come. */
    static final Set<AlertKind> JUDGED_ON_CLOSED_CYCLES =
            Set.of(AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE, AlertKind.SOFT_SHORT_CE_FLUCTUATION);

    /** Evidence keys read as a leak-current estimate, A. */
    public static final Set<String> LEAK_KEYS = Set.of("leakCurrentA", "leakCurrent", "parasiticCurrentA");

    /**
     * An estimate in an alert's evidence against the truth of the cycle it refers to: a leak of 0 and an
     * infinite resistance where no short carried current in what the alert names, NaN where the truth knows
     * nothing of it.
     */
    public record Estimate(LoggedAlert alert, double estimated, double truth) {
        /**
         * estimated / true − 1; infinite where there was no short current to estimate (no share of it is near);
         * NaN where the truth knows nothing of what the alert names (nothing to judge it by).
         */
        public double relativeError() {
            if (Double.isNaN(truth)) {
                return Double.NaN;
            }
            return hasTruth() ? estimated / truth - 1 : Double.POSITIVE_INFINITY;
        }

        /** Whether a short carried current in what the alert names, so that a relative error means something. */
        public boolean hasTruth() {
            return truth > 0 && Double.isFinite(truth);
        }
    }

    /**
     * An interval an alert stated for the quantity, against the truth it is judged by (0 A or ∞ Ω where no short
     * carried current; NaN where the truth knows nothing of what the alert names, which is never inside).
     */
    public record Bounds(LoggedAlert alert, StatedInterval stated, double truth) {
        public boolean inside() {
            return !Double.isNaN(truth) && stated.contains(truth);
        }
    }

    public static FaultScore of(ChannelLog log) {
        LabTruth truth = log.truth();
        double onset = truth.onsetS() == null ? Double.POSITIVE_INFINITY : truth.onsetS();
        LoggedAlert detection = null;
        LoggedAlert critical = null;
        // A new episode, or an escalation of one: a follow-up at the same severity (new evidence of an episode
        // already firing) is not a detection, nor is an episode that opened before the onset (a false alarm
        // already) becoming one by saying more later.
        Map<String, Severity> highest = new HashMap<>();
        for (LoggedAlert a : log.alerts()) {
            if (a.alert().status() != AlertStatus.FIRING) {
                continue;
            }
            String episode = a.segment() + "|" + a.alert().alertId(); // a new test restarts cycle numbers
            Severity before = highest.get(episode);
            boolean raises = before == null || a.alert().severity().compareTo(before) > 0;
            if (raises) {
                highest.put(episode, a.alert().severity());
            }
            boolean matches = raises && a.channelS() >= onset && KindFamilies.detects(a.alert(), truth.family());
            if (matches && detection == null) {
                detection = a;
            }
            if (matches && critical == null && a.alert().severity() == Severity.CRITICAL) {
                critical = a;
            }
        }
        List<LoggedAlert> episodes = log.episodes();
        List<LoggedAlert> early =
                episodes.stream().filter(a -> a.channelS() < onset).toList();
        List<LoggedAlert> other = episodes.stream()
                .filter(a -> a.channelS() >= onset && !KindFamilies.detects(a.alert(), truth.family()))
                .toList();
        return new FaultScore(
                log,
                detection,
                critical,
                early,
                other,
                EstimateTruth.estimate(log, onset, RESISTANCE_KEYS, true),
                EstimateTruth.estimate(log, onset, LEAK_KEYS, false),
                EstimateTruth.bounds(log, onset, true),
                EstimateTruth.bounds(log, onset, false));
    }

    public LabTruth truth() {
        return log.truth();
    }

    /** Caught no later than the cell's death (or the cell never died in the run, or the short was the death). */
    public boolean caught() {
        return detection != null
                && (truth().deathS() == null
                        || noLaterThanDeath(detection.sentS(), truth().deathS())
                        || truth().family() == FaultFamily.HARD_SHORT);
    }

    /**
     * Half the resolution of the rows' clock, s: a row is stamped to the millisecond ({@code
     * Sample#wallTimeMs}), its moment rounded to the nearest one.
     */
    static final double STAMP_ROUNDING_S = 0.0005;

    /**
     * Whether a moment read off the rows' clock (a row's, or an alert's, which is its row's) is no later
     * than the death, which the truth gives unrounded. The rows' stamps are rounded to the millisecond:
     * a row read at the very moment the cell died (the cycler writes one where a step ends, and the
     * death can fall on that moment) is stamped up to half a millisecond after the death, and a detection
     * on it came at the death, not after it. Compared on the rows' clock, it is no later.
     */
    static boolean noLaterThanDeath(double stampedS, double deathS) {
        return stampedS <= deathS + STAMP_ROUNDING_S;
    }

    /** Detected only after the cell's death. */
    public boolean late() {
        return detection != null && !caught();
    }

    public boolean missed() {
        return detection == null;
    }

    /** The rows logged around the onset (null where they were not watched). */
    public OnsetReadings onsetReadings() {
        return log.onsetReadings();
    }

    /**
     * Late, and no row was logged between the onset and the death: no detector reading these rows
     * could have been in time. Still late: the lab learnt of the short after the death all the same.
     */
    public boolean lateWithoutRowInTime() {
        return late() && onsetReadings() != null && onsetReadings().noneInTime();
    }

    /** Hours from onset to detection, or null. */
    public Double delayH() {
        return detection == null ? null : (detection.sentS() - truth().onsetS()) / 3600;
    }

    /** Cycles from the onset's cycle to the detection's, when both are cycles of the same cell; else null. */
    public Integer delayCycles() {
        if (detection == null || truth().onsetCycle() == null) {
            return null;
        }
        return detection.segment() == LabChannelRun.segmentAt(truth(), truth().onsetS())
                ? detection.alert().cycleIndex() - truth().onsetCycle()
                : null;
    }

    /** Hours from detection to death, or null (no detection, or no death in the run). */
    public Double leadH() {
        if (detection == null || truth().deathS() == null || truth().family() == FaultFamily.HARD_SHORT) {
            return null;
        }
        double leadS = truth().deathS() - detection.sentS();
        // A detection stamped within the clock's rounding after the death came at it: no lead, none negative.
        return leadS < 0 && noLaterThanDeath(detection.sentS(), truth().deathS()) ? 0.0 : leadS / 3600;
    }

    /** Cycles from the detection's cycle to the death's, when in the same cell; else null. */
    public Integer leadCycles() {
        if (detection == null || truth().deathCycle() == null || truth().family() == FaultFamily.HARD_SHORT) {
            return null;
        }
        return detection.segment() == LabChannelRun.segmentAt(truth(), truth().deathS())
                ? truth().deathCycle() - detection.alert().cycleIndex()
                : null;
    }

    /** One line: what the detection (or miss) was, for a report. */
    public String outcome() {
        if (detection == null) {
            return "missed";
        }
        return String.format(
                Locale.ROOT,
                "%s %s %.1f h after onset%s",
                detection.alert().kind().wireName(),
                detection.alert().severity().wireName(),
                delayH(),
                late() ? String.format(Locale.ROOT, ", %.1f h after death", -leadH()) : "");
    }
}

package io.cellwatch.evaluate;

import io.cellwatch.model.AlertStatus;
import io.cellwatch.simulator.lab.CycleTruth;
import io.cellwatch.simulator.lab.ShortTrace;
import io.cellwatch.streams.detect.leak.LeakEstimate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which alert's estimate (or stated interval) a fault channel is scored on, and the truth it is
 * judged against ({@link FaultScore}): the first firing alert after the onset that carries one, in
 * the order they were sent. Where no short carried current in the cycle that alert names (an
 * intermittent short between its contacts), the truth is a leak of 0 and a resistance without end,
 * and no estimate can be within a share of that ({@link FaultScore.Estimate#relativeError} is
 * infinite), though a stated interval can hold it (a leak of 0 ± its uncertainty); where the truth
 * knows nothing of that cycle, NaN. Either way that first estimate is scored: the next alert's is not
 * scored in its place, which let a first estimate of a short that was not there go uncounted.
 */
final class EstimateTruth {
    private EstimateTruth() {}

    static FaultScore.Estimate estimate(ChannelLog log, double onset, Set<String> keys, boolean resistance) {
        for (LoggedAlert a : log.alerts()) {
            if (a.channelS() < onset || a.alert().status() != AlertStatus.FIRING) {
                continue;
            }
            Optional<Double> value = a.alert().evidence().entrySet().stream()
                    .filter(e -> keys.contains(e.getKey()))
                    .map(Map.Entry::getValue)
                    .findFirst();
            if (value.isEmpty()) {
                continue;
            }
            return new FaultScore.Estimate(a, value.get(), truthFor(log, a, resistance));
        }
        return null;
    }

    /**
     * The first alert after the onset that states an interval for the quantity ({@link StatedInterval}),
     * with the truth it is judged against (NaN: none to compare with), or null when none did.
     */
    static FaultScore.Bounds bounds(ChannelLog log, double onset, boolean resistance) {
        for (LoggedAlert a : log.alerts()) {
            if (a.channelS() < onset || a.alert().status() != AlertStatus.FIRING) {
                continue;
            }
            StatedInterval stated = StatedInterval.of(a.alert().evidence(), resistance);
            if (stated == null) {
                continue;
            }
            return new FaultScore.Bounds(a, stated, truthFor(log, a, resistance));
        }
        return null;
    }

    /**
     * What an alert's estimate is judged against, or NaN when the truth has nothing for it. An estimate that
     * names the first reading it read is judged against the short over those readings (one reading: the
     * short at its moment); a sample-level
     * alert against the short now; a cycle detector's alert (it comes as its cycle closes, from that cycle's
     * charge balance, and a growing leak is already another one then) against the cycle it names.
     */
    private static double truthFor(ChannelLog log, LoggedAlert a, boolean resistance) {
        Double from = a.alert().evidence().get(LeakEstimate.FROM_TEST_TIME_KEY);
        if (from != null) {
            ShortTrace.Window seen = log.truth().shortOver(log.truth().channelSeconds(a.segment(), from), a.channelS());
            double truth = resistance ? seen.resistanceOhm() : seen.meanLeakA();
            if (truth > 0) {
                return truth;
            }
        }
        double now = FaultScore.JUDGED_ON_CLOSED_CYCLES.contains(a.alert().kind())
                ? Double.NaN
                : log.truth().shortResistanceAt(a.channelS());
        if (resistance && !Double.isNaN(now)) {
            return now;
        }
        Optional<CycleTruth> cycle = log.truth().cycle(a.segment(), a.alert().cycleIndex());
        if (cycle.isPresent() && cycle.get().shorted()) {
            return resistance ? cycle.get().shortResistanceOhm() : cycle.get().meanLeakCurrentA();
        }
        if (cycle.isPresent()) {
            return resistance ? Double.POSITIVE_INFINITY : 0.0; // no current through a short in that cycle
        }
        return Double.NaN;
    }
}

package io.cellwatch.evaluate;

import io.cellwatch.model.AlertKind;
import io.cellwatch.simulator.lab.FaultFamily;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A fault template's scores over all its seeds: how many were caught before death, late, missed;
 * the spread of delays and lead times; the false alarms before onset; the kinds that detected; and
 * the short-resistance and leak-current estimates where alerts carried them.
 *
 * @param template the template's name
 * @param family   its fault family
 * @param scores   one per seed, in seed order
 * @param siblings the healthy siblings of the scored cells, for grouped templates (empty otherwise):
 *                 any alert on them is a false alarm
 */
public record FamilyTally(String template, FaultFamily family, List<FaultScore> scores, List<ChannelLog> siblings) {

    public FamilyTally {
        scores = List.copyOf(scores);
        siblings = List.copyOf(siblings);
    }

    /** A template of single channels. */
    public FamilyTally(String template, FaultFamily family, List<FaultScore> scores) {
        this(template, family, scores, List.of());
    }

    /** Median, smallest and largest of some numbers. */
    public record Spread(int count, double median, double min, double max) {
        static Spread of(List<Double> values) {
            List<Double> sorted = values.stream()
                    .filter(v -> v != null && !v.isNaN())
                    .sorted()
                    .toList();
            int n = sorted.size();
            if (n == 0) {
                return null;
            }
            double median = n % 2 == 1 ? sorted.get(n / 2) : 0.5 * (sorted.get(n / 2 - 1) + sorted.get(n / 2));
            return new Spread(n, median, sorted.get(0), sorted.get(n - 1));
        }
    }

    public int seeds() {
        return scores.size();
    }

    public long caught() {
        return scores.stream().filter(FaultScore::caught).count();
    }

    public long late() {
        return scores.stream().filter(FaultScore::late).count();
    }

    /** Late seeds with no row logged between the onset and the death (counted in {@link #late()} too). */
    public long lateWithoutRowInTime() {
        return scores.stream().filter(FaultScore::lateWithoutRowInTime).count();
    }

    public long missed() {
        return scores.stream().filter(FaultScore::missed).count();
    }

    /** Seeds whose cell died within the run. */
    public long died() {
        return scores.stream().filter(s -> s.truth().deathS() != null).count();
    }

    public Spread delayHours() {
        return spread(FaultScore::delayH);
    }

    public Spread delayCycles() {
        return spread(s -> s.delayCycles() == null ? null : s.delayCycles().doubleValue());
    }

    /** Lead before death of the seeds caught before a death. */
    public Spread leadHours() {
        return spread(s -> s.caught() ? s.leadH() : null);
    }

    public Spread leadCycles() {
        return spread(s -> s.caught() && s.leadCycles() != null ? s.leadCycles().doubleValue() : null);
    }

    /** Episodes before onset, summed over seeds. */
    public long falseAlarms() {
        return scores.stream().mapToLong(s -> s.falseAlarms().size()).sum();
    }

    /** Seeds with at least one episode before onset. */
    public long seedsWithFalseAlarms() {
        return scores.stream().filter(s -> !s.falseAlarms().isEmpty()).count();
    }

    /** False alarms before onset by kind. */
    public Map<AlertKind, Long> falseAlarmKinds() {
        return scores.stream()
                .flatMap(s -> s.falseAlarms().stream())
                .collect(Collectors.groupingBy(a -> a.alert().kind(), TreeMap::new, Collectors.counting()));
    }

    /** The kinds that made the detections, with counts. */
    public Map<AlertKind, Long> detectionKinds() {
        return scores.stream()
                .filter(s -> s.detection() != null)
                .collect(Collectors.groupingBy(s -> s.detection().alert().kind(), TreeMap::new, Collectors.counting()));
    }

    /** |relative error| of the short-resistance estimates, or null when no alert carried one. */
    public Spread resistanceError() {
        return spread(
                s -> s.resistance() == null ? null : Math.abs(s.resistance().relativeError()));
    }

    /** |relative error| of the leak-current estimates, or null when no alert carried one. */
    public Spread leakError() {
        return spread(
                s -> s.leakCurrent() == null ? null : Math.abs(s.leakCurrent().relativeError()));
    }

    /** Seeds whose first alert stating an interval for the quantity had the truth inside it, out of those stating one. */
    public record Inside(long inside, long stated) {}

    /** The short-resistance intervals the alerts stated, scored against the truth. */
    public Inside resistanceInsideBounds() {
        return inside(FaultScore::resistanceBounds);
    }

    /** The leak-current intervals the alerts stated, scored against the truth. */
    public Inside leakInsideBounds() {
        return inside(FaultScore::leakBounds);
    }

    private Inside inside(Function<FaultScore, FaultScore.Bounds> bounds) {
        List<FaultScore.Bounds> stated =
                scores.stream().map(bounds).filter(Objects::nonNull).toList();
        return new Inside(stated.stream().filter(FaultScore.Bounds::inside).count(), stated.size());
    }

    private Spread spread(Function<FaultScore, Double> value) {
        return Spread.of(scores.stream().map(value).toList());
    }
}

package io.cellwatch.simulator.lab;

import java.util.List;
import java.util.Optional;

/**
 * The ground truth of one lab-conditions scenario channel, for scoring detectors against.
 *
 * <p>Times are channel seconds: seconds since the scenario's first sample, monotonic across a new
 * cell started on the same channel (whose test time restarts). {@code segments} says how channel
 * seconds map onto each cell's own test time.
 *
 * <p><em>Onset</em> is the first moment the fault changes the cell (the start of the first leaking
 * cycle, the moment a resistive or hard short appears, the start of the overpotential rise, the
 * cycle of a sudden capacity loss). <em>Death</em> is physical, never a simulator or cycler stop:
 * the cell's voltage collapses (its open-circuit voltage is driven below the bottom of its window
 * by the short; for a symmetric cell, the short carries at least {@value #SYMMETRIC_DEATH_SHARE} of
 * the current), or a charge passes {@value #DEATH_CHARGE_MULTIPLE}× the cell's available capacity
 * (the leak takes at least two thirds of the charge current: the charge no longer ends). Null when
 * the fault never kills the cell within the run, or there is no fault.
 *
 * @param channelId           the channel
 * @param template            the scenario template's name
 * @param seed                the seed it was drawn from
 * @param family              the fault family (NONE for benign scenarios)
 * @param chemistry           what the cell is, in words (chemistry, cell type, electrode order)
 * @param description         one line: the drawn trajectory
 * @param onsetCycle          cycle index of the onset, or null
 * @param onsetS              channel seconds of the onset, or null
 * @param deathCycle          cycle index of the death, or null
 * @param deathS              channel seconds of the death, or null
 * @param deathCause          how the cell died, or null
 * @param criticalCurrentDensityMaPerCm2 for step-up tests, the last level completed without a
 *                            short (the highest level when the cell never shorted), else null
 * @param cycles              every cycle's truth, in order
 * @param events              the benign events, in order of start
 * @param segments            the cells run on the channel, in order
 * @param shortChanges        every change of the internal short: from when, which resistance (NaN:
 *                            no short, or a flickering filament without a single resistance)
 * @param endS                channel seconds of the last sample
 * @param shortTrace          the short's running integrals, for its value over any interval
 */
public record LabTruth(
        String channelId,
        String template,
        long seed,
        FaultFamily family,
        String chemistry,
        String description,
        Integer onsetCycle,
        Double onsetS,
        Integer deathCycle,
        Double deathS,
        String deathCause,
        Double criticalCurrentDensityMaPerCm2,
        List<CycleTruth> cycles,
        List<BenignEvent> events,
        List<Segment> segments,
        List<ShortChange> shortChanges,
        double endS,
        ShortTrace shortTrace) {

    /** Death by charge: a charge passing this multiple of the available capacity. */
    public static final double DEATH_CHARGE_MULTIPLE = 3.0;
    /** Death of a symmetric cell: the short carries at least this share of the applied current. */
    public static final double SYMMETRIC_DEATH_SHARE = 0.95;

    /**
     * One cell on the channel.
     *
     * @param startS          channel seconds of its first sample
     * @param testTimeAtStart its test time at that sample (non-zero when monitoring joined a running test)
     */
    public record Segment(double startS, double testTimeAtStart) {}

    /** From channel second startS the short is resistanceOhm (NaN: none, or flickering). */
    public record ShortChange(double startS, double resistanceOhm) {}

    public LabTruth {
        cycles = List.copyOf(cycles);
        events = List.copyOf(events);
        segments = List.copyOf(segments);
        shortChanges = List.copyOf(shortChanges);
    }

    /** The short's resistance at this channel second: NaN when there is none or it flickers. */
    public double shortResistanceAt(double channelS) {
        double ohm = Double.NaN;
        for (ShortChange change : shortChanges) {
            if (change.startS() <= channelS) {
                ohm = change.resistanceOhm();
            }
        }
        return ohm;
    }

    /**
     * The short over [fromS, toS] (channel seconds): its effective resistance and mean current there,
     * what an estimate made from the readings of that interval measures.
     */
    public ShortTrace.Window shortOver(double fromS, double toS) {
        return shortTrace.over(fromS, toS);
    }

    public boolean hasFault() {
        return family != FaultFamily.NONE;
    }

    /** Channel seconds of a test time logged by the cell of this segment. */
    public double channelSeconds(int segment, double testTimeS) {
        Segment s = segments.get(segment);
        return s.startS() + (testTimeS - s.testTimeAtStart());
    }

    /** The truth of a cycle of a segment, if the run had it. */
    public Optional<CycleTruth> cycle(int segment, int cycleIndex) {
        return cycles.stream()
                .filter(c -> c.segment() == segment && c.cycleIndex() == cycleIndex)
                .findFirst();
    }

    /** Days the channel was watched. */
    public double channelDays() {
        return endS / 86_400;
    }
}

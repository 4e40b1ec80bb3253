package io.cellwatch.simulator.lab;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects a scenario's ground truth while its cells run: cycles with their capacity and short,
 * the onset (first report wins), the death (first wins), benign events as they happen.
 */
final class TruthBuilder {
    private final String channelId;
    private final String template;
    private final long seed;
    private final FaultFamily family;
    private final List<CycleTruth> cycles = new ArrayList<>();
    private final List<BenignEvent> events = new ArrayList<>();
    private final List<LabTruth.Segment> segments = new ArrayList<>();
    private final List<LabTruth.ShortChange> shortChanges = new ArrayList<>();
    private final ShortTrace shortTrace = new ShortTrace();
    private String chemistry = "";
    private String description = "";
    private Integer onsetCycle;
    private Double onsetS;
    private Integer deathCycle;
    private Double deathS;
    private String deathCause;
    private Double criticalCurrentDensity;

    // The open cycle.
    private int cycle;
    private int segment;
    private double cycleStartS = Double.NaN;
    private double capacityAh;
    private double voltSeconds;
    private double leakAmpSeconds;
    private double seconds;

    TruthBuilder(String channelId, String template, long seed, FaultFamily family) {
        this.channelId = channelId;
        this.template = template;
        this.seed = seed;
        this.family = family;
    }

    void describe(String chemistryWords, String trajectory) {
        this.chemistry = chemistryWords;
        this.description = trajectory;
    }

    void segment(double startS, double testTimeAtStart) {
        segments.add(new LabTruth.Segment(startS, testTimeAtStart));
        segment = segments.size() - 1;
    }

    void beginCycle(int cycleIndex, double startS, double availableAh) {
        cycle = cycleIndex;
        cycleStartS = startS;
        shortTrace.clockAt(startS);
        capacityAh = availableAh;
        voltSeconds = 0;
        leakAmpSeconds = 0;
        seconds = 0;
    }

    /** dt seconds at this cell voltage magnitude with this fault-short current magnitude. */
    void accumulate(double dtS, double cellVoltsAbs, double leakAbsA) {
        seconds += dtS;
        shortTrace.step(dtS, cellVoltsAbs, leakAbsA);
        if (leakAbsA > 0) {
            voltSeconds += cellVoltsAbs * dtS;
            leakAmpSeconds += leakAbsA * dtS;
        }
    }

    void endCycle(double endS) {
        if (Double.isNaN(cycleStartS)) {
            return;
        }
        double meanLeak = seconds > 0 ? leakAmpSeconds / seconds : 0;
        double resistance = leakAmpSeconds > 0 ? voltSeconds / leakAmpSeconds : Double.NaN;
        cycles.add(new CycleTruth(cycle, segment, cycleStartS, endS, capacityAh, resistance, meanLeak));
        cycleStartS = Double.NaN;
    }

    void onset(int cycleIndex, double s) {
        if (onsetS == null) {
            onsetCycle = cycleIndex;
            onsetS = s;
        }
    }

    void death(int cycleIndex, double s, String cause) {
        if (deathS == null) {
            deathCycle = cycleIndex;
            deathS = s;
            deathCause = cause;
        }
    }

    boolean dead() {
        return deathS != null;
    }

    double deathS() {
        return deathS;
    }

    /** The fault short is now resistanceOhm (NaN: none, or flickering); repeats of the last value are ignored. */
    void shortIs(double channelS, double resistanceOhm) {
        double last = shortChanges.isEmpty()
                ? Double.NaN
                : shortChanges.get(shortChanges.size() - 1).resistanceOhm();
        boolean same = Double.isNaN(last) ? Double.isNaN(resistanceOhm) : last == resistanceOhm;
        if (!same) {
            shortChanges.add(new LabTruth.ShortChange(channelS, resistanceOhm));
        }
    }

    void criticalCurrentDensity(double maPerCm2) {
        criticalCurrentDensity = maPerCm2;
    }

    void event(BenignCondition condition, double startS, double endS, String detail) {
        events.add(new BenignEvent(condition, startS, endS, detail));
    }

    LabTruth build(double endS) {
        List<BenignEvent> ordered = events.stream()
                .sorted(Comparator.comparingDouble(BenignEvent::startS))
                .toList();
        shortTrace.close();
        return new LabTruth(
                channelId,
                template,
                seed,
                family,
                chemistry,
                description,
                onsetCycle,
                onsetS,
                deathCycle,
                deathS,
                deathCause,
                criticalCurrentDensity,
                cycles,
                ordered,
                segments,
                shortChanges,
                endS,
                shortTrace);
    }
}

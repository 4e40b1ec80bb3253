package io.cellwatch.streams.detect.quality;

import io.cellwatch.model.StepType;
import io.cellwatch.streams.detect.Episode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-channel memory of the {@link DataQualityWatch}: the previous sample's readings, the open
 * step's extent, the run of a frozen reading, and one alert episode per condition. Bounded: a few
 * dozen numbers whatever the length of the test.
 */
public final class DataQualityState {
    boolean started;
    long lastDataPoint;
    double lastTestTimeS;
    Long lastWallTimeMs;
    double lastVoltageV;
    double lastCurrentA;
    Double lastChargeAh;
    Double lastDischargeAh;

    /** The open step: cycle, step index and type, when the data before it ended, samples in it. */
    int cycleIndex;

    int stepIndex;
    StepType stepType;
    double stepFromTestTimeS;
    long stepSamples;
    /** The step the open one's charge or half-cycle began with (itself, unless it goes on from an earlier step). */
    int stepFirstIndex = -1;
    /** The open step holds the channel's first sample: nothing before it tells when it began. */
    boolean stepBeganData;
    /** Time inside the open step across which its counter stood still (paused, not logged). */
    double stepPausedS;
    /**
     * Logged time of the earlier parts of the open step, when it resumed the same step of the same cycle or went on
     * from the charge's (half-cycle's) previous step.
     */
    double carriedStepS;
    /**
     * The last step under current that closed in the open cycle (0 samples: none): its index, samples,
     * logged time and held part, so that the same step resumed after an interruption (an impedance scan, a DCIR
     * pulse), or the same charge going on in its next step, is judged whole.
     */
    int closedStepIndex;

    long closedStepSamples;
    double closedStepS;
    boolean closedStepBeganData;
    int closedStepFirstIndex = -1;
    long closedStepHeldSamples;
    double closedStepHeldS;
    double closedStepAh;
    double closedStepHeldAh;
    /** The mean row interval of the step that raised the firing coarse-logging warning. */
    double coarseIntervalS;
    /**
     * The open step's own part (since it opened): its samples, highest and lowest voltage and highest |current|, for
     * whether it held a constant voltage; and the samples and logged time of its carried parts that did.
     */
    long stepOwnSamples;

    double stepHighV;

    double stepLowV;
    double stepPeakCurrentA;
    long stepHeldSamples;
    double stepHeldS;
    /**
     * Charge passed by the open step's own part (|I| over its row intervals, a gap of lost data left out), by its
     * carried parts, and by those of them held at constant voltage, Ah.
     */
    double stepPassedAh;

    double stepCarriedAh;

    double stepHeldAh;
    /**
     * The open cycle's logging was judged (a charge or half-cycle long enough), or a too-short one was logged finely
     * enough to show it fixed: any other cycle (short charges logged coarsely, charges held at constant voltage
     * throughout) says nothing of the logging, and neither raises nor resolves the warning.
     */
    boolean loggingJudgedThisCycle;

    /**
     * The open step's |V| weighted by the charge each row interval passed (|V| |I| dt summed) and that charge,
     * Ah: the step's charge-weighted mean voltage, as its energy over its capacity.
     */
    double stepVoltAh;

    double stepAh;
    /** The mean |V| of the last step under current that closed, and its type (null: none yet). */
    double lastStepMeanAbsV;

    StepType lastMeanStepType;
    /** Cycles running whose charge and discharge both ran above an anode's voltages, and the last of them. */
    int cyclesAboveAnode;

    int lastCycleAboveAnode;

    /**
     * The last sample's step type: a file without step numbers (a generic mapping, a Landt sheet without a step
     * column) changes direction inside one numbered "step", so the step's opening type is not its last. Null in
     * states stored before it existed.
     */
    StepType lastStepType;

    /** The previous step's type and last current, for a current reading carried over into the next step. */
    StepType previousStepType;

    double previousStepCurrentA;
    int carriedSamples;

    /** Samples in a row with the same voltage and current under current, and the test time the run began. */
    long frozenSamples;

    double frozenSinceS;

    /** Conditions seen in the open cycle (one bit each), for resolution at the cycle's end. */
    int seenThisCycle;
    /** Rows of the channel's export that could not be read, since the channel began. */
    long unreadableRows;

    /** The firing episodes, by condition name. */
    Map<String, Episode> episodes = new TreeMap<>();

    public DataQualityState() {
        // for the state-store codec
    }

    /** Where and when the channel's data stands now: its open cycle and last row, for a finding there. */
    Episode.Evidence evidenceAt(String channelId) {
        return new Episode.Evidence(channelId, cycleIndex, lastTestTimeS, lastWallTimeMs);
    }

    Episode episode(Condition condition) {
        return episodes.computeIfAbsent(condition.name(), name -> new Episode());
    }

    int firing() {
        return (int) episodes.values().stream().filter(Episode::firing).count();
    }
}

package io.cellwatch.streams.detect.quality;

import io.cellwatch.model.AlertKind;
import io.cellwatch.streams.detect.fade.CapacityFadeDetector;
import io.cellwatch.streams.detect.imminent.FullCellHardShortDetector;
import io.cellwatch.streams.detect.imminent.ImminentShortDetector;
import io.cellwatch.streams.detect.imminent.VoltageDropDetector;
import io.cellwatch.streams.detect.softshort.CapacityDivergenceDetector;
import io.cellwatch.streams.detect.softshort.CeFluctuationDetector;
import io.cellwatch.streams.detect.symmetric.CriticalCurrentDensityDetector;
import io.cellwatch.streams.detect.symmetric.OverpotentialDetector;
import java.util.List;

/**
 * The data-quality conditions: each its alert kind, and the detectors it can blind (by detector
 * name; only those that run on the channel are named in an alert; none for a record restart, whose
 * rows the test sequence numbers on).
 */
enum Condition {
    COARSE_LOGGING(AlertKind.DATA_QUALITY_COARSE_LOGGING, Blinds.SAMPLE_DETECTORS),
    TIME_BACKWARDS(AlertKind.DATA_QUALITY_TIME_BACKWARDS, Blinds.SAMPLE_DETECTORS),
    TIME_JUMP(AlertKind.DATA_QUALITY_TIME_JUMP, Blinds.SAMPLE_DETECTORS),
    RECORD_RESTART(AlertKind.DATA_QUALITY_RECORD_RESTART, Blinds.NONE),
    COUNTER_RESET(AlertKind.DATA_QUALITY_COUNTER_RESET, Blinds.CAPACITY_DETECTORS),
    STUCK_READING(AlertKind.DATA_QUALITY_STUCK_READING, Blinds.SAMPLE_DETECTORS),
    OUT_OF_RANGE(AlertKind.DATA_QUALITY_OUT_OF_RANGE, Blinds.SAMPLE_DETECTORS),
    UNREADABLE_ROWS(AlertKind.DATA_QUALITY_UNREADABLE_ROWS, Blinds.ALL),
    STALLED(AlertKind.DATA_QUALITY_STALLED, Blinds.ALL),
    DECLARED_CELL(AlertKind.DATA_QUALITY_DECLARED_CELL, Blinds.ANODE_LINE);

    final AlertKind kind;
    /** Detector names this condition can blind; empty means every detector. */
    final List<String> candidates;

    Condition(AlertKind kind, List<String> candidates) {
        this.kind = kind;
        this.candidates = candidates;
    }

    /** True when the condition leaves every detector its data (the rows are numbered on). */
    boolean blindsNone() {
        return candidates == Blinds.NONE;
    }

    /** The bit of this condition in a set of conditions kept as an int. */
    int bit() {
        return 1 << ordinal();
    }

    private static final class Blinds {
        static final List<String> ALL = List.of();
        /** Compared by identity: a condition that warns about the data without taking any from a detector. */
        static final List<String> NONE = List.of("none");
        /** Detectors that compare consecutive samples: time steps, dV/dQ, jitter, a pinned voltage, live plateaus. */
        static final List<String> SAMPLE_DETECTORS = List.of(
                ImminentShortDetector.NAME,
                VoltageDropDetector.NAME,
                FullCellHardShortDetector.NAME,
                OverpotentialDetector.NAME,
                CriticalCurrentDensityDetector.NAME);
        /** The detector that holds an anode half cell to its line of 1 (the rest of its judgement goes on). */
        static final List<String> ANODE_LINE = List.of(CeFluctuationDetector.NAME);
        /** Detectors that judge a cycle's capacities, and the one that counts charge within a step. */
        static final List<String> CAPACITY_DETECTORS = List.of(
                CapacityDivergenceDetector.NAME,
                CeFluctuationDetector.NAME,
                CapacityFadeDetector.NAME,
                ImminentShortDetector.NAME);
    }
}

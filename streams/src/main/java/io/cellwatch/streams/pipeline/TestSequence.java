package io.cellwatch.streams.pipeline;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.Episode;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a channel's recording stands: which test is running on it, and the cycler's counters of its
 * last sample (record number, test clock, cycle index, wall clock). Tells a sample that continues
 * the test from a redelivered one, from a new test on a reused channel, and from a counter the
 * cycler restarted inside a test, so the detectors never read a recording artefact as physics.
 *
 * <p>The rules, in the order they are tried (counters compared with the channel's last sample):
 * <ol>
 *   <li>The cell's description changed (another chemistry, cell type, area, mass, nominal capacity,
 *       protocol or CE convention; the group is not the cell) from one given before: a new test.
 *       A first description after none is only that.
 *   <li>Record number and test clock both ran on: the test continues (a cycle index that went back
 *       only closes a cycle).
 *   <li>A record number never seen with the test clock back: a new test when the cycle index went
 *       back too (or is back at the running test's start), else the cycler restarted its test
 *       clock inside the test. A new file on a reused channel looks so: {@code ingest} numbers a
 *       channel's records on from file to file.
 *   <li>The record number went back while the test clock ran on: the cycler restarted its record
 *       numbers; they are numbered on past the old ones ({@link #rebased}).
 *   <li>Record number and test clock both back: where both samples carry a wall clock, a wall clock
 *       that did not move on means the row was delivered again (stale), one that moved on means a
 *       new test (cycle index back) or both counters restarted inside the test. Without a wall
 *       clock, record number, test clock and cycle index all back at the running test's start are
 *       a new test (a whole file delivered twice is then a repeated test whose alerts keep their
 *       ids), anything else is a redelivery.
 *   <li>Anything else not newer than the last sample was delivered again: stale, ignored.
 * </ol>
 * Bounded: a dozen numbers and the cell's description.
 */
public final class TestSequence {
    boolean started;
    long lastDataPoint;
    double lastTestTimeS;
    Long lastWallTimeMs;
    int lastCycleIndex;
    /** Cycle index and test clock of the running test's first sample. */
    int firstCycleIndex;

    double firstTestTimeS;
    /** Added to the cycler's record numbers since it restarted them, so they keep rising. */
    long recordShift;

    long lastShiftedDataPoint;
    /** Tests seen on the channel, the running one included (0 before the first sample). */
    int tests;
    /**
     * What the running test's first sample read, and the channel's first test's ({@link #startOf}; 0 in
     * state stored before they were kept): a test that starts as the first one did is that test delivered
     * again, any other is another cell's or another run's, whose alert episodes get ids of their own.
     */
    long testStart;

    long firstTestStart;
    /** The description of the cell the running test was started for; null when it was never described. */
    String cell;
    /** Alert episodes of the running test still firing (one per detector and kind at most). */
    List<OpenEpisode> open = new ArrayList<>();

    /**
     * The operator ended the channel's test ({@code cellwatch end-test}) and no sample came since: the
     * channel is kept as this sequence alone, so its next test still counts as a later one.
     */
    boolean ended;

    public TestSequence() {
        // for the state-store codec
    }

    /**
     * What is kept of a channel whose test the operator ended: how many tests it ran and how its first
     * began, nothing else. A sample that comes later starts a test of its own, and that test's episodes get
     * ids of their own ({@link #alertIdSuffix}): a new cell shorting at the cycle the ended one did must be
     * paused again (a pause request is executed once per id).
     */
    TestSequence endedByOperator() {
        TestSequence kept = new TestSequence();
        kept.tests = tests;
        kept.firstTestStart = firstTestStart;
        kept.ended = true;
        return kept;
    }

    /** Whether the operator ended the channel's test and no sample came since (the query API leaves it out). */
    public boolean ended() {
        return ended;
    }

    /** What a sample means for the sequence. */
    public enum Verdict {
        CONTINUES,
        STALE,
        NEW_TEST,
        RECORD_NUMBERS_RESTARTED,
        TEST_CLOCK_RESET
    }

    /** A verdict with the reason a person reads. */
    public record Reading(Verdict verdict, String reason) {
        static final Reading CONTINUES = new Reading(Verdict.CONTINUES, "");
        static final Reading STALE = new Reading(Verdict.STALE, "not newer than the channel's last sample");
    }

    /**
     * The replicate group the channel's cycles last went to (null: none, or a state stored before it was
     * kept): a channel whose metadata stop naming it leaves it ({@link ChannelPipeline}).
     */
    String joinedGroup;

    /** Tests seen on the channel so far, the running one included. */
    public int tests() {
        return tests;
    }

    /**
     * What the running test adds to its alert episodes' ids: nothing for the channel's first test (or the
     * same test delivered again), else {@code /test-} and its first sample's digest. A detector numbers an
     * episode by the channel, kind and cycle it began on, and a new test on a reused channel counts its
     * cycles from 1 again: without this a new cell's episode took an old one's id, and the alert service,
     * which pauses a channel once per episode, would not pause it again. From the sample's content (not the
     * test's count), so replay, a redelivery and the live pipeline name it alike.
     */
    public String alertIdSuffix() {
        return testStart == firstTestStart ? "" : "/test-" + Long.toHexString(testStart);
    }

    /**
     * A digest of a test's first sample as the cycler measured it: test clock, wall clock, cycle index,
     * voltage and current. Not the record number, which {@code ingest} numbers on when a file is
     * delivered again. Never 0, which stands for "not kept".
     */
    static long startOf(Sample sample) {
        long h = 0x9E3779B97F4A7C15L;
        h = mix(h, Double.doubleToLongBits(sample.testTimeS()));
        h = mix(h, sample.wallTimeMs() == null ? -1 : sample.wallTimeMs());
        h = mix(h, sample.cycleIndex());
        h = mix(h, Double.doubleToLongBits(sample.voltageV()));
        h = mix(h, Double.doubleToLongBits(sample.currentA()));
        return h == 0 ? 1 : h;
    }

    /** One step of SplitMix64's finaliser over the running digest and a value. */
    private static long mix(long h, long value) {
        long z = h ^ value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Keeps track of the running test's firing episodes from the alert events its detectors sent. */
    void heard(Alert alert) {
        open.removeIf(e -> e.alertId.equals(alert.alertId()));
        if (alert.status() == AlertStatus.FIRING) {
            open.add(OpenEpisode.of(alert));
        }
    }

    /**
     * The running test ended (a new one begins): a resolution for each of its episodes still firing,
     * stamped with the old test's last sample, so no alert of an old cell stays open on a new one.
     */
    List<Alert> endTest(String channelId, String reason) {
        List<Alert> resolved = new ArrayList<>(open.size());
        Episode.Evidence lastSample = new Episode.Evidence(channelId, lastCycleIndex, lastTestTimeS, lastWallTimeMs);
        for (OpenEpisode e : open) {
            resolved.add(e.endedWithTest(lastSample, reason, tests));
        }
        open.clear();
        return resolved;
    }

    /**
     * What the sample means for the sequence, without moving it on.
     *
     * @param info the channel's metadata as known now
     */
    public Reading read(Sample sample, ChannelInfo info) {
        return read(sample, CellDescription.of(info));
    }

    /** Moves the sequence on to a sample that was not stale, as {@link #read} read it. */
    public void advance(Sample sample, ChannelInfo info, Reading reading) {
        String described = CellDescription.of(info);
        if (!started || reading.verdict() == Verdict.NEW_TEST) {
            testStart = startOf(sample);
            if (!started && !ended) {
                firstTestStart = testStart;
            }
            tests++; // 1 for a channel's first test; after an ended test, the one after it
            recordShift = 0;
            lastShiftedDataPoint = Long.MIN_VALUE;
            firstCycleIndex = sample.cycleIndex();
            firstTestTimeS = sample.testTimeS();
            cell = described;
        } else {
            if (described != null) {
                cell = described; // a first description, or the same again
            }
            if (sample.dataPoint() + recordShift <= lastShiftedDataPoint) {
                recordShift = lastShiftedDataPoint + 1 - sample.dataPoint(); // record numbers restarted
            }
        }
        started = true;
        ended = false;
        lastDataPoint = sample.dataPoint();
        lastTestTimeS = sample.testTimeS();
        lastWallTimeMs = sample.wallTimeMs() != null ? sample.wallTimeMs() : lastWallTimeMs;
        lastCycleIndex = sample.cycleIndex();
        lastShiftedDataPoint = Math.max(lastShiftedDataPoint, sample.dataPoint() + recordShift);
    }

    private Reading read(Sample sample, String described) {
        if (!started) {
            return Reading.CONTINUES;
        }
        if (cell != null && described != null && !cell.equals(described)) {
            return new Reading(
                    Verdict.NEW_TEST, "the cell's description changed from [" + cell + "] to [" + described + "]");
        }
        boolean recordsBack = sample.dataPoint() <= lastDataPoint;
        boolean clockBack = sample.testTimeS() < lastTestTimeS;
        if (!recordsBack && !clockBack) {
            return Reading.CONTINUES;
        }
        boolean cycleRestarted = sample.cycleIndex() < lastCycleIndex || backToTestStart(sample);
        if (!recordsBack) {
            // A record number never seen, with the clock back: no redelivery, a restart of some kind.
            return cycleRestarted
                    ? new Reading(Verdict.NEW_TEST, "test clock and cycle index restarted, record numbers running on")
                    : clockReset();
        }
        if (!clockBack) {
            return sample.testTimeS() > lastTestTimeS
                    ? new Reading(
                            Verdict.RECORD_NUMBERS_RESTARTED,
                            "record number " + sample.dataPoint() + " after " + lastDataPoint
                                    + " while the test clock ran on: numbered on past the old ones")
                    : Reading.STALE;
        }
        // Record number and clock both back: the wall clock, where both samples have one, decides.
        if (sample.wallTimeMs() != null && lastWallTimeMs != null) {
            if (sample.wallTimeMs() <= lastWallTimeMs) {
                return Reading.STALE;
            }
            return cycleRestarted
                    ? new Reading(Verdict.NEW_TEST, "record numbers, test clock and cycle index restarted")
                    : clockReset();
        }
        return backToTestStart(sample)
                ? new Reading(Verdict.NEW_TEST, "record numbers, test clock and cycle index back at a test's start")
                : Reading.STALE;
    }

    private Reading clockReset() {
        return new Reading(
                Verdict.TEST_CLOCK_RESET,
                "test clock back from " + lastTestTimeS + " s while the cycle index ran on: a counter reset, "
                        + "the test goes on");
    }

    /**
     * The sample's cycle index is back at (or before) the running test's first cycle, and either
     * before the last sample's cycle or, still in that first cycle, at or before the test's first
     * test time: where a test begins.
     */
    private boolean backToTestStart(Sample sample) {
        return sample.cycleIndex() <= firstCycleIndex
                && (sample.cycleIndex() < lastCycleIndex || sample.testTimeS() <= firstTestTimeS);
    }

    /** The sample as the summarizer and detectors see it: record numbers rising through a restart. */
    public Sample rebased(Sample s) {
        if (recordShift == 0) {
            return s;
        }
        return s.withDataPoint(s.dataPoint() + recordShift);
    }
}

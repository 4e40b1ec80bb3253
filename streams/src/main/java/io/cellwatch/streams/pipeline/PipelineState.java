package io.cellwatch.streams.pipeline;

import io.cellwatch.streams.cycle.CycleState;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one channel's pipeline remembers between samples: where the channel's test stands
 * ({@link TestSequence}), the cycle summarizer's state and the state of every detector that applies to the channel, by detector name (a detector's state
 * exists from the first sample or cycle it judged). Stored as one value per channel in the live
 * topology, kept in memory by {@code replay}; bounded in size whatever the length of the test.
 *
 * <p>A state read from a store may hold detector states still encoded ({@link StoredState}); each
 * is decoded the first time {@link #detectorState} is asked for it.
 */
public final class PipelineState {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineState.class);

    private CycleState cycle;
    private final Map<String, Object> detectors;
    private final TestSequence sequence;

    /** A state kept before the sequence of tests was (a fresh sequence: the next sample continues it). */
    public PipelineState(CycleState cycle, Map<String, Object> detectorStates) {
        this(cycle, detectorStates, new TestSequence());
    }

    public PipelineState(CycleState cycle, Map<String, Object> detectorStates, TestSequence sequence) {
        this.cycle = cycle;
        this.detectors = new LinkedHashMap<>(detectorStates);
        this.sequence = sequence;
    }

    /** What is kept of a channel once the operator ended its test: its sequence of tests alone ({@link TestSequence#endedByOperator}). */
    PipelineState endedByOperator() {
        return new PipelineState(CycleState.newChannel(channelId()), Map.of(), sequence.endedByOperator());
    }

    /** A channel seen for the first time. */
    public static PipelineState newChannel(String channelId) {
        return new PipelineState(CycleState.newChannel(channelId), Map.of());
    }

    public String channelId() {
        return cycle.channelId();
    }

    /** The summarizer's state: the open cycle's running sums and the last sample's counters. */
    public CycleState cycle() {
        return cycle;
    }

    /** Which test runs on the channel and where its record numbers and clocks stand. */
    public TestSequence sequence() {
        return sequence;
    }

    /** The detectors that have a state, in the order their states were created. */
    public Set<String> detectorNames() {
        return Collections.unmodifiableSet(detectors.keySet());
    }

    /**
     * The state of the detector of this name, or null when it has not judged the channel yet, or its stored
     * state cannot be read (written by another version: a field's type changed, an alert kind this version
     * does not know after a rollback). That detector then starts afresh on the channel, said in an error
     * line; the channel's other detectors, and the channel, go on: before, every later record of the
     * channel failed on it and went to the dead-letter topic.
     */
    public Object detectorState(String detectorName) {
        Object kept = detectors.get(detectorName);
        if (kept instanceof StoredState stored) {
            try {
                kept = stored.decode();
            } catch (StoredState.Unreadable e) {
                LOG.error(
                        "channel {}: the stored state of detector {} cannot be read ({}): the detector starts afresh"
                                + " on this channel, relearning what it had learnt",
                        channelId(),
                        detectorName,
                        e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
                detectors.remove(detectorName);
                return null;
            }
            detectors.put(detectorName, kept);
        }
        return kept;
    }

    /**
     * The detectors' states as they are kept now, by detector name: decoded, or still a
     * {@link StoredState} when nothing needed them since they were read. For the state-store codec.
     */
    public Map<String, Object> detectorStatesAsKept() {
        return Collections.unmodifiableMap(detectors);
    }

    /**
     * Puts a detector's state back into its stored form (the same content, as just written): the
     * state-store codec does this for the cycle detectors, needed again only when the next cycle
     * closes, so a state kept between samples is not encoded again at every write meanwhile.
     */
    public void keepStored(String detectorName, StoredState stored) {
        if (!detectors.containsKey(detectorName)) {
            throw new IllegalArgumentException("no state of detector " + detectorName + " to keep stored");
        }
        detectors.put(detectorName, stored);
    }

    void putDetectorState(String detectorName, Object state) {
        detectors.put(detectorName, state);
    }

    /** The data ended: the next sample opens a cycle of its own, as on a channel's first sample. */
    void restartCycle() {
        cycle = CycleState.newChannel(cycle.channelId());
    }

    /** A new test began: the summarizer and every detector start from nothing; the sequence goes on. */
    void startNewTest() {
        restartCycle();
        detectors.clear();
    }
}

package io.cellwatch.streams.pipeline;

import io.cellwatch.model.Sample;
import java.util.Locale;

/**
 * Something a channel's samples said about the recording rather than about the cell: a new test
 * began on the channel (its detectors start again), or the cycler's record numbers or test clock
 * restarted inside a test (the samples are folded in as they come; nothing is reset). Data events,
 * not physics: no detector judges them and they are no alert. The live topology logs them and
 * counts them ({@code cellwatch_channel_sequence_events_total}); {@code replay} prints them as
 * {@code "type":"sequence"} lines.
 *
 * @param channelId  the channel
 * @param kind       what happened
 * @param reason     why the pipeline read it so, for a person
 * @param sample     the sample that showed it (as the cycler wrote it)
 * @param testNumber the channel's tests so far, counting the one now running (1 for the first)
 */
public record SequenceEvent(String channelId, Kind kind, String reason, Sample sample, int testNumber) {

    /** What the pipeline made of a sample that broke the channel's sequence. */
    public enum Kind {
        /** A new test on the channel: the summarizer and every detector start from nothing. */
        NEW_TEST,
        /** The record numbers restarted while the test clock ran on: numbered on past the old ones. */
        RECORD_NUMBERS_RESTARTED,
        /** The test clock went back while the cycle index ran on: a counter reset inside the test. */
        TEST_CLOCK_RESET;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One line for a log. */
    public String describe() {
        return String.format(
                Locale.ROOT,
                "channel %s: %s at record %d, test time %.0f s, cycle %d (test %d): %s",
                channelId,
                kind.wireName(),
                sample.dataPoint(),
                sample.testTimeS(),
                sample.cycleIndex(),
                testNumber,
                reason);
    }
}

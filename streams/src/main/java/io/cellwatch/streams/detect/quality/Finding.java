package io.cellwatch.streams.detect.quality;

import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.Episode;
import java.util.Map;

/**
 * One data-quality condition seen in a channel's data.
 *
 * @param condition what was seen
 * @param at        where: channel, cycle and time of the evidence
 * @param what      what was seen, in words, with its numbers
 * @param howLong   for how long it blinds the detectors, in words ("for the rest of step 3 of cycle 12")
 * @param evidence  the numbers behind it
 */
record Finding(Condition condition, Episode.Evidence at, String what, String howLong, Map<String, Double> evidence) {

    static Finding at(Sample sample, Condition condition, String what, String howLong, Map<String, Double> evidence) {
        return new Finding(condition, Episode.Evidence.of(sample), what, howLong, evidence);
    }
}

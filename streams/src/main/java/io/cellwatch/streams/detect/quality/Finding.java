package io.cellwatch.streams.detect.quality;

import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.Episode;
import java.util.LinkedHashMap;
import java.util.Locale;
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

    /**
     * A finding at {@code sample}, what was seen written from {@code whatFormat} in the root locale
     * (a message reads the same on every machine).
     */
    static Finding at(
            Sample sample,
            Condition condition,
            String howLong,
            Map<String, Double> evidence,
            String whatFormat,
            Object... whatArgs) {
        String what = String.format(Locale.ROOT, whatFormat, whatArgs);
        return new Finding(condition, Episode.Evidence.of(sample), what, howLong, evidence);
    }

    /** The numbers behind a finding, in the order given (the alert lists them in it). */
    @SafeVarargs
    static Map<String, Double> evidence(Map.Entry<String, Double>... numbers) {
        Map<String, Double> evidence = new LinkedHashMap<>();
        for (Map.Entry<String, Double> number : numbers) {
            evidence.put(number.getKey(), number.getValue());
        }
        return evidence;
    }
}

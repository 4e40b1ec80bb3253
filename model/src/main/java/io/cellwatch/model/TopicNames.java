package io.cellwatch.model;

import java.util.List;

/**
 * The Kafka topics cellwatch reads and writes. Every name is configurable so several
 * installations can share a cluster; {@link #withPrefix(String)} gives the defaults.
 *
 * @param samples    cycler samples keyed by channel
 * @param channels   channel metadata keyed by channel (compacted)
 * @param cycles     per-cycle summaries keyed by channel
 * @param alerts     alert events keyed by channel
 * @param deadLetter records that could not be processed, with the reason in headers
 * @param externalCycles cycle summaries made elsewhere (per-cycle summary files, a lab's own system) for the
 *                   live cycle detectors, keyed by channel; the topology publishes the ones it judges to
 *                   {@code cycles}, beside its own
 * @param detectionConfig the detection-config file every streams instance applies (compacted, one record)
 */
public record TopicNames(
        String samples,
        String channels,
        String cycles,
        String alerts,
        String deadLetter,
        String externalCycles,
        String detectionConfig) {

    public static final String DEFAULT_PREFIX = "cellwatch.";

    public static TopicNames defaults() {
        return withPrefix(DEFAULT_PREFIX);
    }

    public static TopicNames withPrefix(String prefix) {
        return new TopicNames(
                prefix + "samples",
                prefix + "channels",
                prefix + "cycles",
                prefix + "alerts",
                prefix + "dead-letter",
                prefix + "external-cycles",
                prefix + "detection-config");
    }

    public List<String> all() {
        return List.of(samples, channels, cycles, alerts, deadLetter, externalCycles, detectionConfig);
    }
}

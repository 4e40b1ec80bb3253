package io.cellwatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A detector's verdict on a channel, with the evidence behind it.
 *
 * <p>An alert episode has one stable {@link #alertId()} from its first firing to its resolution, so
 * receivers can deduplicate: re-sent or escalated events of one episode carry the same id.
 *
 * @param schemaVersion wire schema version
 * @param alertId       stable id of the episode: {@code channel/kind/first cycle}
 * @param channelId     the cycler channel
 * @param kind          what was detected
 * @param severity      warning or critical
 * @param status        firing or resolved
 * @param cycleIndex    the cycle the event refers to
 * @param testTimeS     test time of the evidence
 * @param wallTimeMs    cycler wall time of the evidence, or null
 * @param message       one line for a person, with the numbers that matter
 * @param evidence      the values, baseline and threshold the decision used (ordered)
 * @param profile       the detection profile whose settings the decision used (the standard profile's
 *                      name and the configured rules applied over it), or null; absent from the JSON then
 */
public record Alert(
        @JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) String alertId,
        @JsonProperty(required = true) String channelId,
        @JsonProperty(required = true) AlertKind kind,
        @JsonProperty(required = true) Severity severity,
        @JsonProperty(required = true) AlertStatus status,
        @JsonProperty(required = true) int cycleIndex,
        @JsonProperty(required = true) double testTimeS,
        Long wallTimeMs,
        String message,
        Map<String, Double> evidence,
        @JsonInclude(JsonInclude.Include.NON_NULL) String profile) {

    public static final int SCHEMA_VERSION = 1;

    /** An alert that names no profile. */
    public Alert(
            int schemaVersion,
            String alertId,
            String channelId,
            AlertKind kind,
            Severity severity,
            AlertStatus status,
            int cycleIndex,
            double testTimeS,
            Long wallTimeMs,
            String message,
            Map<String, Double> evidence) {
        this(
                schemaVersion,
                alertId,
                channelId,
                kind,
                severity,
                status,
                cycleIndex,
                testTimeS,
                wallTimeMs,
                message,
                evidence,
                null);
    }

    public Alert {
        WireChecks.schemaVersion("Alert", schemaVersion, SCHEMA_VERSION);
        WireChecks.channelId("Alert", channelId);
        WireChecks.notNull("Alert.alertId", alertId);
        WireChecks.notNull("Alert.kind", kind);
        WireChecks.notNull("Alert.severity", severity);
        WireChecks.notNull("Alert.status", status);
        evidence = evidence == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }

    /** The same event, naming the detection profile its decision used. */
    public Alert withProfile(String profileName) {
        return new Alert(
                schemaVersion,
                alertId,
                channelId,
                kind,
                severity,
                status,
                cycleIndex,
                testTimeS,
                wallTimeMs,
                message,
                evidence,
                profileName);
    }

    /** The same alert under another episode id. */
    public Alert withAlertId(String episodeId) {
        return new Alert(
                schemaVersion,
                episodeId,
                channelId,
                kind,
                severity,
                status,
                cycleIndex,
                testTimeS,
                wallTimeMs,
                message,
                evidence,
                profile);
    }

    /** The episode id for a kind of alert that first fired on a given cycle. */
    public static String episodeId(String channelId, AlertKind kind, int firstCycle) {
        return channelId + "/" + kind.wireName() + "/" + firstCycle;
    }
}

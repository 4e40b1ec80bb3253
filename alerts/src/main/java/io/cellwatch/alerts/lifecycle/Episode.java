package io.cellwatch.alerts.lifecycle;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.Severity;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One alert episode as the alert service knows it, from its first firing event to its resolution:
 * what it is now, when it started for receivers, and how far each receiver has been told about it.
 *
 * <p>Positions are offsets of the episode's events in the alerts topic. A channel's events all
 * live on one partition, in order, so "receiver R has been told up to offset o" is exact: an
 * event at an offset at or below that was delivered and is never sent to R again, even when the
 * record is read a second time after a crash.
 *
 * @param schemaVersion      ledger schema version
 * @param alertId            the detector's stable episode id ({@code channel/kind/first cycle})
 * @param latest             the latest event of the episode (status, severity, message, evidence)
 * @param alertsPartition    partition of the alerts topic the episode's events are on
 * @param lastOffset         offset of {@code latest} in that partition
 * @param startsAtMs         when the episode started, as told to receivers; never changes
 * @param endsAtMs           when it resolved, or null while firing
 * @param firstFiringOffsets the first offset at which the episode fired at each severity (wire name → offset)
 * @param deliveredOffsets   per receiver name, the highest offset of this episode it accepted
 * @param sendingOffsets     per receiver name, the highest offset of this episode a delivery was begun of:
 *                           above {@code deliveredOffsets}, the receiver may have it without the ledger
 *                           knowing (the service died between the receiver's answer and the ledger write)
 * @param revision           incremented on every change, so a newer copy wins when copies meet
 */
public record Episode(
        @JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) String alertId,
        @JsonProperty(required = true) Alert latest,
        @JsonProperty(required = true) int alertsPartition,
        @JsonProperty(required = true) long lastOffset,
        @JsonProperty(required = true) long startsAtMs,
        Long endsAtMs,
        Map<String, Long> firstFiringOffsets,
        Map<String, Long> deliveredOffsets,
        Map<String, Long> sendingOffsets,
        @JsonProperty(required = true) long revision) {

    public static final int SCHEMA_VERSION = 1;

    public Episode {
        if (schemaVersion != SCHEMA_VERSION) {
            throw new IllegalArgumentException("Episode.schemaVersion: unsupported " + schemaVersion
                    + " (this build reads " + SCHEMA_VERSION + ")");
        }
        Objects.requireNonNull(alertId, "Episode.alertId");
        Objects.requireNonNull(latest, "Episode.latest");
        firstFiringOffsets = copy(firstFiringOffsets);
        deliveredOffsets = copy(deliveredOffsets);
        sendingOffsets = copy(sendingOffsets);
    }

    private static Map<String, Long> copy(Map<String, Long> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    @JsonIgnore
    public AlertStatus status() {
        return latest.status();
    }

    @JsonIgnore
    public Severity severity() {
        return latest.severity();
    }

    @JsonIgnore
    public boolean firing() {
        return latest.status() == AlertStatus.FIRING;
    }

    /** The highest offset of this episode that {@code receiver} accepted, if any. */
    public OptionalLong deliveredTo(String receiver) {
        Long offset = deliveredOffsets.get(receiver);
        return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    /** Whether {@code receiver} already accepted the event at {@code offset} (or a later one). */
    public boolean delivered(String receiver, long offset) {
        Long done = deliveredOffsets.get(receiver);
        return done != null && done >= offset;
    }

    /** The severities this episode had fired at up to and including {@code offset}, in rising order. */
    public Set<Severity> severitiesFiredAsOf(long offset) {
        Set<Severity> fired = EnumSet.noneOf(Severity.class);
        firstFiringOffsets.forEach((severity, first) -> {
            if (first <= offset) {
                fired.add(Severity.fromWireName(severity));
            }
        });
        return fired;
    }

    /**
     * The offset at which the episode first fired at {@code threshold} or above, if it ever did:
     * the one event where "severity reached the threshold" became true.
     */
    public OptionalLong firstReached(Severity threshold) {
        OptionalLong first = OptionalLong.empty();
        for (Map.Entry<String, Long> e : firstFiringOffsets.entrySet()) {
            if (Severity.fromWireName(e.getKey()).compareTo(threshold) >= 0
                    && (first.isEmpty() || e.getValue() < first.getAsLong())) {
                first = OptionalLong.of(e.getValue());
            }
        }
        return first;
    }

    /**
     * Whether a delivery of the event at {@code offset} (or a later one) to {@code receiver} was begun
     * and not recorded as accepted: the receiver may already have it.
     */
    public boolean mayHaveReached(String receiver, long offset) {
        Long begun = sendingOffsets.get(receiver);
        return begun != null && begun >= offset && !delivered(receiver, offset);
    }

    /** This episode with {@code receiver} marked as told up to {@code offset}. */
    public Episode withDelivered(String receiver, long offset) {
        if (delivered(receiver, offset)) {
            return this;
        }
        return withReceivers(raised(deliveredOffsets, receiver, offset), sendingOffsets);
    }

    /** This episode with a delivery of the event at {@code offset} to {@code receiver} marked as begun. */
    public Episode withSending(String receiver, long offset) {
        Long begun = sendingOffsets.get(receiver);
        if (begun != null && begun >= offset) {
            return this;
        }
        return withReceivers(deliveredOffsets, raised(sendingOffsets, receiver, offset));
    }

    private static Map<String, Long> raised(Map<String, Long> offsets, String receiver, long offset) {
        Map<String, Long> raised = new LinkedHashMap<>(offsets);
        raised.put(receiver, offset);
        return raised;
    }

    private Episode withReceivers(Map<String, Long> delivered, Map<String, Long> sending) {
        return new Episode(
                schemaVersion,
                alertId,
                latest,
                alertsPartition,
                lastOffset,
                startsAtMs,
                endsAtMs,
                firstFiringOffsets,
                delivered,
                sending,
                revision + 1);
    }
}

package io.cellwatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One cycler measurement on one channel, as the cycler reported it, normalised to V, A, Ah, Wh, °C.
 *
 * <p>Current is charge-positive. Capacities and energies are the cycler's cumulative counters
 * (they may reset per step or per cycle; the cycle summarizer detects resets) and are null when
 * the source has none, in which case the summarizer integrates current instead.
 *
 * @param schemaVersion       wire schema version, {@link #SCHEMA_VERSION} when written by this build
 * @param channelId           the cycler channel (also the Kafka key)
 * @param dataPoint           the cycler's record number, strictly increasing per channel
 * @param wallTimeMs          epoch milliseconds stamped by the cycler, or null when unknown
 * @param testTimeS           seconds since the test started
 * @param cycleIndex          the cycler's own cycle index
 * @param stepIndex           the cycler's step index within the protocol
 * @param stepType            what the step does
 * @param voltageV            cell voltage
 * @param currentA            current, charge positive
 * @param chargeCapacityAh    cumulative charge capacity counter, or null
 * @param dischargeCapacityAh cumulative discharge capacity counter (positive), or null
 * @param chargeEnergyWh      cumulative charge energy counter, or null
 * @param dischargeEnergyWh   cumulative discharge energy counter (positive), or null
 * @param temperatureC        cell or chamber temperature, or null
 * @param auxiliary           the cycler's auxiliary channels by their vendor name ({@code T1} in °C,
 *                            {@code V1} in V, ...), or null when it has none; absent from the JSON then
 */
public record Sample(
        @JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) String channelId,
        @JsonProperty(required = true) long dataPoint,
        Long wallTimeMs,
        @JsonProperty(required = true) double testTimeS,
        @JsonProperty(required = true) int cycleIndex,
        @JsonProperty(required = true) int stepIndex,
        @JsonProperty(required = true) StepType stepType,
        @JsonProperty(required = true) double voltageV,
        @JsonProperty(required = true) double currentA,
        Double chargeCapacityAh,
        Double dischargeCapacityAh,
        Double chargeEnergyWh,
        Double dischargeEnergyWh,
        Double temperatureC,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Double> auxiliary) {

    public static final int SCHEMA_VERSION = 1;

    /** A sample without auxiliary channels (most sources). */
    public Sample(
            int schemaVersion,
            String channelId,
            long dataPoint,
            Long wallTimeMs,
            double testTimeS,
            int cycleIndex,
            int stepIndex,
            StepType stepType,
            double voltageV,
            double currentA,
            Double chargeCapacityAh,
            Double dischargeCapacityAh,
            Double chargeEnergyWh,
            Double dischargeEnergyWh,
            Double temperatureC) {
        this(
                schemaVersion,
                channelId,
                dataPoint,
                wallTimeMs,
                testTimeS,
                cycleIndex,
                stepIndex,
                stepType,
                voltageV,
                currentA,
                chargeCapacityAh,
                dischargeCapacityAh,
                chargeEnergyWh,
                dischargeEnergyWh,
                temperatureC,
                null);
    }

    public Sample {
        WireChecks.schemaVersion("Sample", schemaVersion, SCHEMA_VERSION);
        WireChecks.channelId("Sample", channelId);
        WireChecks.notNull("Sample.stepType", stepType);
        WireChecks.finite("Sample.testTimeS", testTimeS);
        WireChecks.finite("Sample.voltageV", voltageV);
        WireChecks.finite("Sample.currentA", currentA);
        WireChecks.finiteOrNull("Sample.chargeCapacityAh", chargeCapacityAh);
        WireChecks.finiteOrNull("Sample.dischargeCapacityAh", dischargeCapacityAh);
        WireChecks.finiteOrNull("Sample.chargeEnergyWh", chargeEnergyWh);
        WireChecks.finiteOrNull("Sample.dischargeEnergyWh", dischargeEnergyWh);
        WireChecks.finiteOrNull("Sample.temperatureC", temperatureC);
        if (auxiliary != null) {
            auxiliary.forEach((name, value) -> {
                WireChecks.notNull("Sample.auxiliary." + name, value);
                WireChecks.finite("Sample.auxiliary." + name, value);
            });
            auxiliary = auxiliary.isEmpty() ? null : Map.copyOf(auxiliary);
        }
    }

    /** The same reading under another record number (a file's numbers continued across a restart of its counter). */
    public Sample withDataPoint(long number) {
        return new Sample(
                schemaVersion,
                channelId,
                number,
                wallTimeMs,
                testTimeS,
                cycleIndex,
                stepIndex,
                stepType,
                voltageV,
                currentA,
                chargeCapacityAh,
                dischargeCapacityAh,
                chargeEnergyWh,
                dischargeEnergyWh,
                temperatureC,
                auxiliary);
    }

    /** True when the source carries the cycler's capacity counters (the preferred source of truth). */
    public boolean hasCapacityCounters() {
        return chargeCapacityAh != null && dischargeCapacityAh != null;
    }
}

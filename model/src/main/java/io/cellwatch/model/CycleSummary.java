package io.cellwatch.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One cycler cycle of one channel, closed when the next cycle's first sample arrives (or when a
 * recorded file ends).
 *
 * @param schemaVersion          wire schema version
 * @param channelId              the cycler channel
 * @param cycleIndex             the cycler's own cycle index
 * @param startTestTimeS         test time of the cycle's first sample
 * @param endTestTimeS           test time of the cycle's last sample
 * @param endWallTimeMs          cycler wall time of the last sample, or null
 * @param sampleCount            samples seen in the cycle
 * @param chargeAh               charge capacity passed in the cycle
 * @param dischargeAh            discharge capacity passed in the cycle (positive)
 * @param chargeWh               charge energy
 * @param dischargeWh            discharge energy (positive)
 * @param coulombicEfficiency    CE in the channel's convention; null when the denominator is zero
 * @param meanChargeVoltageV     charge-weighted mean voltage while charging, or null
 * @param meanDischargeVoltageV  charge-weighted mean voltage while discharging, or null
 * @param chargeDurationS        time spent in charge steps with current flowing (not a channel held in one)
 * @param dischargeDurationS     time spent in discharge steps with current flowing
 * @param endOfChargeVoltageV    voltage of the last charge sample, or null
 * @param endOfDischargeVoltageV voltage of the last discharge sample, or null
 * @param maxTemperatureC        highest temperature seen, or null
 * @param capacitySource         where the capacities came from
 * @param complete               false when the cycle was cut off by the end of the data, not by the next cycle
 * @param stepsEndTestTimeS      test time of the cycle's last row with current in a charge or discharge step: where
 *                               its last step ended, at its cut-off; null when it had none (or a record from before
 *                               the field)
 * @param priorStepsEndTestTimeS the same for the channel before this cycle (the last step of an earlier cycle);
 *                               null for a channel's first cycle, or where the summarizer's memory started fresh.
 *                               A cycle's charge balance holds between these two instants, not between its first and
 *                               last rows: a step ending at its cut-off leaves the cell in the same state every
 *                               cycle, a rest after it does not
 * @param rowsS                  the time between the cycle's first and last rows that its rows resolve (intervals up
 *                               to an hour; not a longer gap without rows), s; null on a record from before the field
 *                               (or where the summarizer's memory started mid-cycle)
 * @param voltSeconds            ∫|V|dt over that time, V·s (the rows' voltage, trapezoidal between rows, in steps and
 *                               rests alike): what an internal short, drawing V/R, saw; null as above
 * @param balanceRowsS           the same time from {@code priorStepsEndTestTimeS} to {@code stepsEndTestTimeS}, the
 *                               span the cycle's charge balance holds over (the previous cycle's closing rest in, this
 *                               cycle's out); null where either instant is, or as above
 * @param balanceVoltSeconds     ∫|V|dt over that time, V·s; null as above
 * @param chargeFirst            whether the cycle's charge came before its discharge (by each one's charge-weighted mean
 *                               row in the cycle, so a pulse before the main step does not decide it); null where
 *                               the cycle did not pass both, the rows were not seen (a summary file), or a record from
 *                               before the field. Which step a step followed says where it started: a charge after a
 *                               discharge to the usual cut-off starts from the usual empty cell, whatever comes after it
 */
public record CycleSummary(
        @JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) String channelId,
        @JsonProperty(required = true) int cycleIndex,
        @JsonProperty(required = true) double startTestTimeS,
        @JsonProperty(required = true) double endTestTimeS,
        Long endWallTimeMs,
        @JsonProperty(required = true) long sampleCount,
        @JsonProperty(required = true) double chargeAh,
        @JsonProperty(required = true) double dischargeAh,
        @JsonProperty(required = true) double chargeWh,
        @JsonProperty(required = true) double dischargeWh,
        Double coulombicEfficiency,
        Double meanChargeVoltageV,
        Double meanDischargeVoltageV,
        @JsonProperty(required = true) double chargeDurationS,
        @JsonProperty(required = true) double dischargeDurationS,
        Double endOfChargeVoltageV,
        Double endOfDischargeVoltageV,
        Double maxTemperatureC,
        @JsonProperty(required = true) CapacitySource capacitySource,
        @JsonProperty(required = true) boolean complete,
        Double stepsEndTestTimeS,
        Double priorStepsEndTestTimeS,
        Double rowsS,
        Double voltSeconds,
        Double balanceRowsS,
        Double balanceVoltSeconds,
        Boolean chargeFirst) {

    public static final int SCHEMA_VERSION = 1;

    public CycleSummary {
        WireChecks.schemaVersion("CycleSummary", schemaVersion, SCHEMA_VERSION);
        WireChecks.channelId("CycleSummary", channelId);
        WireChecks.notNull("CycleSummary.capacitySource", capacitySource);
    }

    /** A summary that does not give its rows' ∫|V|dt (a summary file, a record from before the fields). */
    public CycleSummary(
            int schemaVersion,
            String channelId,
            int cycleIndex,
            double startTestTimeS,
            double endTestTimeS,
            Long endWallTimeMs,
            long sampleCount,
            double chargeAh,
            double dischargeAh,
            double chargeWh,
            double dischargeWh,
            Double coulombicEfficiency,
            Double meanChargeVoltageV,
            Double meanDischargeVoltageV,
            double chargeDurationS,
            double dischargeDurationS,
            Double endOfChargeVoltageV,
            Double endOfDischargeVoltageV,
            Double maxTemperatureC,
            CapacitySource capacitySource,
            boolean complete,
            Double stepsEndTestTimeS,
            Double priorStepsEndTestTimeS) {
        this(
                schemaVersion,
                channelId,
                cycleIndex,
                startTestTimeS,
                endTestTimeS,
                endWallTimeMs,
                sampleCount,
                chargeAh,
                dischargeAh,
                chargeWh,
                dischargeWh,
                coulombicEfficiency,
                meanChargeVoltageV,
                meanDischargeVoltageV,
                chargeDurationS,
                dischargeDurationS,
                endOfChargeVoltageV,
                endOfDischargeVoltageV,
                maxTemperatureC,
                capacitySource,
                complete,
                stepsEndTestTimeS,
                priorStepsEndTestTimeS,
                null,
                null,
                null,
                null,
                null);
    }

    /** This summary with its rows' time and ∫|V|dt: over the cycle's own rows and over its balance's span. */
    public CycleSummary withVoltSeconds(
            Double rowsS, Double voltSeconds, Double balanceRowsS, Double balanceVoltSeconds) {
        return with(rowsS, voltSeconds, balanceRowsS, balanceVoltSeconds, chargeFirst);
    }

    /** This summary saying whether its charge came before its discharge (null: not known). */
    public CycleSummary withChargeFirst(Boolean chargeFirst) {
        return with(rowsS, voltSeconds, balanceRowsS, balanceVoltSeconds, chargeFirst);
    }

    private CycleSummary with(
            Double rowsS, Double voltSeconds, Double balanceRowsS, Double balanceVoltSeconds, Boolean chargeFirst) {
        return new CycleSummary(
                schemaVersion,
                channelId,
                cycleIndex,
                startTestTimeS,
                endTestTimeS,
                endWallTimeMs,
                sampleCount,
                chargeAh,
                dischargeAh,
                chargeWh,
                dischargeWh,
                coulombicEfficiency,
                meanChargeVoltageV,
                meanDischargeVoltageV,
                chargeDurationS,
                dischargeDurationS,
                endOfChargeVoltageV,
                endOfDischargeVoltageV,
                maxTemperatureC,
                capacitySource,
                complete,
                stepsEndTestTimeS,
                priorStepsEndTestTimeS,
                rowsS,
                voltSeconds,
                balanceRowsS,
                balanceVoltSeconds,
                chargeFirst);
    }

    /** Where a summary's capacities came from. */
    public enum CapacitySource {
        /** The cycler's cumulative capacity and energy columns, reset-aware. */
        CYCLER_COUNTERS,
        /** Current integrated over time (files without capacity columns); less exact on thinned data. */
        INTEGRATED_CURRENT
    }
}

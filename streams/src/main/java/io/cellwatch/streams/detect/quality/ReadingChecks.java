package io.cellwatch.streams.detect.quality;

import static io.cellwatch.streams.detect.quality.Finding.evidence;
import static java.util.Map.entry;

import io.cellwatch.model.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The readings themselves: a capacity counter dropping mid-step, a reading frozen under current, a
 * current reading carried over into the next step, and values no cell or cycler produces.
 */
final class ReadingChecks {
    /** A counter under this (1 µAh) is at its reset value already; it has nothing to drop from. */
    private static final double EMPTY_COUNTER_AH = 1e-6;
    /** A counter must fall below this fraction of its value to count as reset (not print rounding or noise). */
    private static final double RESET_FRACTION = 0.5;
    /** Counters are cumulative and positive; this much below zero is not rounding. */
    private static final double NEGATIVE_COUNTER_AH = -1e-9;

    private ReadingChecks() {}

    /** A capacity counter that fell within the step the previous sample was in; null otherwise. */
    static Finding counterReset(DataQualityState state, Sample sample) {
        if (sample.cycleIndex() != state.cycleIndex || sample.stepIndex() != state.stepIndex) {
            return null; // resets at step and cycle boundaries are how cyclers count
        }
        Finding charge = counterReset(state, sample, "charge", state.lastChargeAh, sample.chargeCapacityAh());
        return charge != null
                ? charge
                : counterReset(state, sample, "discharge", state.lastDischargeAh, sample.dischargeCapacityAh());
    }

    private static Finding counterReset(
            DataQualityState state, Sample sample, String counter, Double before, Double now) {
        if (before == null || now == null || before < EMPTY_COUNTER_AH || now >= RESET_FRACTION * before) {
            return null;
        }
        return Finding.at(
                sample,
                Condition.COUNTER_RESET,
                "for cycle " + sample.cycleIndex() + ": its capacities take the drop for a reset the cycler made",
                evidence(entry("counterBeforeAh", before), entry("counterAfterAh", now), entry("step", (double)
                        sample.stepIndex())),
                "The %s capacity counter fell from %s to %s Ah in the middle of step %d of cycle %d",
                counter,
                Numbers.compact(before),
                Numbers.compact(now),
                sample.stepIndex(),
                sample.cycleIndex());
    }

    /**
     * Voltage and current repeating to the last digit under current: a cell under current moves its
     * voltage (constant current) or its current (constant voltage); both frozen is the reading.
     */
    static Finding frozen(DataQualityState state, Sample sample, DataQualitySettings settings) {
        boolean underCurrent = sample.stepType().underCurrent() && sample.currentA() != 0;
        boolean same =
                state.started && sample.voltageV() == state.lastVoltageV && sample.currentA() == state.lastCurrentA;
        if (!underCurrent || !same) {
            state.frozenSamples = 1;
            state.frozenSinceS = sample.testTimeS();
            return null;
        }
        state.frozenSamples++;
        double durationS = sample.testTimeS() - state.frozenSinceS;
        if (state.frozenSamples < settings.frozenMinSamples() || durationS < settings.frozenMinDurationS()) {
            return null;
        }
        return Finding.at(
                sample,
                Condition.STUCK_READING,
                "while the reading stays frozen",
                evidence(
                        entry("voltageV", sample.voltageV()),
                        entry("currentA", sample.currentA()),
                        entry("samples", (double) state.frozenSamples),
                        entry("frozenForS", durationS)),
                "Voltage and current frozen at %s V and %s A for %d samples over %.1f h under current",
                Numbers.compact(sample.voltageV()),
                Numbers.compact(sample.currentA()),
                state.frozenSamples,
                durationS / 3600);
    }

    /** The previous step's exact current still read in a step of another kind (a rest, the other direction). */
    static Finding carriedOver(DataQualityState state, Sample sample, DataQualitySettings settings) {
        boolean carried = state.previousStepType != null
                && state.previousStepType != sample.stepType()
                && state.previousStepCurrentA != 0
                && sample.currentA() == state.previousStepCurrentA;
        if (!carried) {
            return null;
        }
        state.carriedSamples++;
        if (state.carriedSamples != settings.carryOverSamples()) {
            return null;
        }
        return Finding.at(
                sample,
                Condition.STUCK_READING,
                "while the current reading stays stuck",
                evidence(
                        entry("currentA", sample.currentA()),
                        entry("samples", (double) state.carriedSamples),
                        entry("step", (double) sample.stepIndex())),
                "Current reading stuck: %d samples of step %d (%s) still read the previous %s step's %s A",
                state.carriedSamples,
                sample.stepIndex(),
                sample.stepType().name().toLowerCase(Locale.ROOT),
                state.previousStepType.name().toLowerCase(Locale.ROOT),
                Numbers.compact(sample.currentA()));
    }

    /** Readings beyond any cell and cycler channel: the voltage range, the temperature range, negative counters. */
    static List<Finding> outOfRange(Sample sample, DataQualitySettings settings) {
        List<Finding> found = new ArrayList<>(0);
        if (Math.abs(sample.voltageV()) > settings.maxAbsVoltageV()) {
            found.add(outOfRange(sample, "voltage", sample.voltageV(), "V", settings.maxAbsVoltageV()));
        }
        Double temperature = sample.temperatureC();
        if (temperature != null
                && (temperature < settings.minTemperatureC() || temperature > settings.maxTemperatureC())) {
            found.add(outOfRange(sample, "temperature", temperature, "°C", settings.maxTemperatureC()));
        }
        Double[] counters = {
            sample.chargeCapacityAh(), sample.dischargeCapacityAh(), sample.chargeEnergyWh(), sample.dischargeEnergyWh()
        };
        String[] names = {"charge capacity", "discharge capacity", "charge energy", "discharge energy"};
        for (int i = 0; i < counters.length; i++) {
            if (counters[i] != null && counters[i] < NEGATIVE_COUNTER_AH) {
                found.add(outOfRange(sample, names[i] + " counter", counters[i], "", 0));
            }
        }
        return found;
    }

    private static Finding outOfRange(Sample sample, String reading, double value, String unit, double limit) {
        return Finding.at(
                sample,
                Condition.OUT_OF_RANGE,
                "for record " + sample.dataPoint(),
                evidence(entry("value", value), entry("limit", limit), entry("dataPoint", (double) sample.dataPoint())),
                "Out-of-range %s reading %s%s at record %d",
                reading,
                Numbers.compact(value),
                unit.isEmpty() ? "" : " " + unit,
                sample.dataPoint());
    }
}

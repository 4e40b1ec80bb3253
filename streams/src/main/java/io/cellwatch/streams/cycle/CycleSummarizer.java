package io.cellwatch.streams.cycle;

import io.cellwatch.model.CeConvention;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.CycleSummary.CapacitySource;
import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import java.util.Optional;

/**
 * Folds one channel's samples into per-cycle summaries, cycle by cycle, using the cycler's own
 * cycle index.
 *
 * <p>Capacities come from the cycler's cumulative counters, made reset-aware: a counter that goes
 * down has been reset (per step, per state or per cycle, depending on the vendor) and has since
 * accumulated its new value from zero; a counter that goes up has accumulated the difference, unless
 * it goes up at a step boundary by less than the current between the two rows carried: then it
 * restarted with the step ({@link CounterRestart}). This
 * equals "maximum per cycle" for counters that reset per cycle, "sum of step maxima" for counters
 * that reset per step, and stays right for counters that run on across CC and CV steps, where
 * summing step maxima would double count. Only files without counters fall back to integrating
 * current, which is less exact on thinned data.
 *
 * <p>Stateless: all memory is in the {@link CycleState} passed in, so the same object serves a live
 * Kafka Streams task and an offline replay.
 */
public final class CycleSummarizer {

    /** Outcome of one sample. */
    public enum Outcome {
        /** Folded into the open cycle. */
        ACCEPTED,
        /** Folded in, and it opened a new cycle: the previous one was summarized. */
        CYCLE_CLOSED,
        /** Not newer than the last sample of the channel (a redelivered or out-of-order row): ignored. */
        STALE
    }

    /** The result of folding one sample: what happened, and the closed cycle if one closed. */
    public record Result(Outcome outcome, Optional<CycleSummary> closedCycle) {
        static final Result ACCEPTED = new Result(Outcome.ACCEPTED, Optional.empty());
        static final Result STALE = new Result(Outcome.STALE, Optional.empty());
    }

    /** Seconds of a gap beyond which integration assumes the cycler was paused rather than flowing. */
    private static final double MAX_INTEGRATION_GAP_S = 3600;

    /** Folds a sample into the channel's state. */
    public Result accept(CycleState state, Sample sample, CeConvention ceConvention) {
        if (state.started && sample.dataPoint() <= state.lastDataPoint) {
            return Result.STALE;
        }
        Optional<CycleSummary> closed = Optional.empty();
        if (!state.started) {
            openCycle(state, sample);
        } else if (sample.cycleIndex() != state.cycleIndex) {
            closed = Optional.of(summarize(state, ceConvention, true));
            openCycle(state, sample);
        }
        fold(state, sample);
        return closed.isPresent() ? new Result(Outcome.CYCLE_CLOSED, closed) : Result.ACCEPTED;
    }

    /**
     * Summarizes the open cycle at the end of the data (a recorded file ends, a test stops): the
     * summary is marked incomplete. Returns empty when no sample was seen.
     */
    public Optional<CycleSummary> flush(CycleState state, CeConvention ceConvention) {
        if (!state.started || state.sampleCount == 0) {
            return Optional.empty();
        }
        return Optional.of(summarize(state, ceConvention, false));
    }

    private static void openCycle(CycleState state, Sample sample) {
        state.started = true;
        state.cycleIndex = sample.cycleIndex();
        state.sampleCount = 0;
        state.startTestTimeS = sample.testTimeS();
        state.chargeAh = 0;
        state.dischargeAh = 0;
        state.chargeWh = 0;
        state.dischargeWh = 0;
        state.chargeDurationS = 0;
        state.dischargeDurationS = 0;
        state.endOfChargeVoltageV = null;
        state.endOfDischargeVoltageV = null;
        // A cycle with no step of its own (a rest alone) leaves the cell where the earlier step did.
        if (state.stepsEndTestTimeS != null) {
            state.priorStepsEndTestTimeS = state.stepsEndTestTimeS;
        }
        state.stepsEndTestTimeS = null;
        state.rowsS = 0.0;
        state.voltSeconds = 0.0;
        state.balanceRowsS = 0.0;
        state.balanceVoltSeconds = 0.0;
        state.chargeRowMomentAh = 0.0;
        state.dischargeRowMomentAh = 0.0;
        state.maxTemperatureC = null;
        state.capacitySource =
                sample.hasCapacityCounters() ? CapacitySource.CYCLER_COUNTERS : CapacitySource.INTEGRATED_CURRENT;
    }

    private static void fold(CycleState state, Sample sample) {
        boolean firstOfChannel = state.sampleCount == 0 && state.lastDataPoint == Long.MIN_VALUE;
        double dt = firstOfChannel ? 0 : Math.max(0, sample.testTimeS() - state.lastTestTimeS);
        double midVoltage = firstOfChannel ? sample.voltageV() : 0.5 * (sample.voltageV() + state.lastVoltageV);

        if (sample.hasCapacityCounters()) {
            // At a step boundary a counter may have restarted although it reads more than before (a short step).
            boolean boundary = !firstOfChannel && (state.sampleCount == 0 || sample.stepIndex() != state.lastStepIndex);
            boolean chargeRestarted = boundary
                    && CounterRestart.restarted(
                            state.lastChargeCounterAh,
                            sample.chargeCapacityAh(),
                            state.lastCurrentA,
                            sample.currentA(),
                            dt);
            boolean dischargeRestarted = boundary
                    && CounterRestart.restarted(
                            state.lastDischargeCounterAh,
                            sample.dischargeCapacityAh(),
                            -state.lastCurrentA,
                            -sample.currentA(),
                            dt);
            double dCharge = increase(chargeRestarted, state.lastChargeCounterAh, sample.chargeCapacityAh());
            double dDischarge =
                    increase(dischargeRestarted, state.lastDischargeCounterAh, sample.dischargeCapacityAh());
            state.chargeAh += dCharge;
            state.dischargeAh += dDischarge;
            addRowMoments(state, dCharge, dDischarge);
            if (sample.chargeEnergyWh() != null && sample.dischargeEnergyWh() != null) {
                // The cycler restarts its energy counters with its capacity counters.
                state.chargeWh += increase(chargeRestarted, state.lastChargeEnergyCounterWh, sample.chargeEnergyWh());
                state.dischargeWh +=
                        increase(dischargeRestarted, state.lastDischargeEnergyCounterWh, sample.dischargeEnergyWh());
            } else {
                // Energy from the capacity increments at the interval's mean voltage.
                state.chargeWh += dCharge * midVoltage;
                state.dischargeWh += dDischarge * midVoltage;
            }
        } else if (!firstOfChannel && dt <= MAX_INTEGRATION_GAP_S) {
            double meanCurrentA = 0.5 * (sample.currentA() + state.lastCurrentA);
            double dAh = meanCurrentA * dt / 3600.0;
            if (dAh > 0) {
                state.chargeAh += dAh;
                state.chargeWh += dAh * midVoltage;
            } else {
                state.dischargeAh -= dAh;
                state.dischargeWh -= dAh * midVoltage;
            }
            addRowMoments(state, Math.max(0, dAh), Math.max(0, -dAh));
        }

        // A step's duration is the time its current flowed: the time the channel was held in it with no current
        // (a lab pause keeps the step's number and type; the reading exactly zero, the counters add nothing) or a
        // gap of no rows the integration above also takes for a pause is not charge or discharge, and the cell's
        // voltage then (a short drains it) is nothing the step's mean voltage says. A reading off zero by a
        // sensor's offset stays counted: the counters integrate it, and the offset's correction needs its time.
        boolean held = dt > MAX_INTEGRATION_GAP_S || (sample.currentA() == 0 && state.lastCurrentA == 0);
        StepType step = sample.stepType();
        if (!held && step == StepType.CHARGE) {
            state.chargeDurationS += dt;
        } else if (!held && step == StepType.DISCHARGE) {
            state.dischargeDurationS += dt;
        }
        // The voltage a short across the cell saw, time-weighted, wherever the rows resolve it (not a longer gap).
        if (dt > 0 && dt <= MAX_INTEGRATION_GAP_S) {
            RowVoltage.add(state, dt, 0.5 * (Math.abs(sample.voltageV()) + Math.abs(state.lastVoltageV)));
        }
        if (step == StepType.CHARGE) {
            state.endOfChargeVoltageV = sample.voltageV();
        } else if (step == StepType.DISCHARGE) {
            state.endOfDischargeVoltageV = sample.voltageV();
        }
        // Where the cell last stood at a step's cut-off: the last row current flowed in a step (a row held at
        // zero current in a paused step is not the step's end).
        if (step.underCurrent() && sample.currentA() != 0) {
            state.stepsEndTestTimeS = sample.testTimeS();
            RowVoltage.closeBalance(state);
        }
        if (sample.temperatureC() != null
                && (state.maxTemperatureC == null || sample.temperatureC() > state.maxTemperatureC)) {
            state.maxTemperatureC = sample.temperatureC();
        }

        state.lastChargeCounterAh = sample.chargeCapacityAh();
        state.lastDischargeCounterAh = sample.dischargeCapacityAh();
        state.lastChargeEnergyCounterWh = sample.chargeEnergyWh();
        state.lastDischargeEnergyCounterWh = sample.dischargeEnergyWh();
        state.lastVoltageV = sample.voltageV();
        state.lastCurrentA = sample.currentA();
        state.lastStepIndex = sample.stepIndex();
        state.lastTestTimeS = sample.testTimeS();
        state.lastWallTimeMs = sample.wallTimeMs();
        state.lastDataPoint = sample.dataPoint();
        state.sampleCount++;
    }

    private static void addRowMoments(CycleState state, double chargeAh, double dischargeAh) {
        if (state.chargeRowMomentAh != null && state.dischargeRowMomentAh != null) {
            state.chargeRowMomentAh += state.sampleCount * chargeAh;
            state.dischargeRowMomentAh += state.sampleCount * dischargeAh;
        }
    }

    /**
     * Whether the cycle's charge came before its discharge: each one's mean row within the cycle, weighted by the
     * charge passed there (a short pulse of the other sign before the main step moves it little). Null where the
     * cycle did not pass both or the sums were not kept (a state stored before them).
     */
    private static Boolean chargeFirst(CycleState state) {
        if (state.chargeRowMomentAh == null
                || state.dischargeRowMomentAh == null
                || state.chargeAh <= 0
                || state.dischargeAh <= 0) {
            return null;
        }
        return state.chargeRowMomentAh / state.chargeAh < state.dischargeRowMomentAh / state.dischargeAh;
    }

    /** What a counter added since the previous row: all it reads if it restarted with this step. */
    private static double increase(boolean restarted, Double previous, double current) {
        return restarted ? current : counterIncrease(previous, current);
    }

    /** Relative drop below which a counter is taken to have wobbled in its last digits, not reset. */
    private static final double COUNTER_JITTER = 1e-9;

    /**
     * How much a cumulative counter accumulated since its previous reading. A drop means the cycler
     * reset it, after which it has counted its whole new value from zero; a drop within rounding
     * (exports that recompute the counter in floating point) is no change at all.
     */
    static double counterIncrease(Double previous, double current) {
        if (previous == null) {
            return Math.max(0, current);
        }
        if (current >= previous) {
            return current - previous;
        }
        boolean reset = previous - current > COUNTER_JITTER * Math.abs(previous);
        return reset ? Math.max(0, current) : 0;
    }

    private static CycleSummary summarize(CycleState state, CeConvention ceConvention, boolean complete) {
        CycleSummary summary = new CycleSummary(
                CycleSummary.SCHEMA_VERSION,
                state.channelId,
                state.cycleIndex,
                state.startTestTimeS,
                state.lastTestTimeS,
                state.lastWallTimeMs,
                state.sampleCount,
                state.chargeAh,
                state.dischargeAh,
                state.chargeWh,
                state.dischargeWh,
                ceConvention.efficiency(state.chargeAh, state.dischargeAh),
                state.chargeAh > 0 ? state.chargeWh / state.chargeAh : null,
                state.dischargeAh > 0 ? state.dischargeWh / state.dischargeAh : null,
                state.chargeDurationS,
                state.dischargeDurationS,
                state.endOfChargeVoltageV,
                state.endOfDischargeVoltageV,
                state.maxTemperatureC,
                state.capacitySource,
                complete,
                state.stepsEndTestTimeS,
                state.priorStepsEndTestTimeS);
        // The rows' voltage over the balance only where the balance's span is known from step end to step end.
        boolean balance = RowVoltage.balanceKnown(state);
        return summary.withVoltSeconds(
                        state.rowsS,
                        state.voltSeconds,
                        balance ? state.balanceRowsS : null,
                        balance ? state.balanceVoltSeconds : null)
                .withChargeFirst(chargeFirst(state));
    }
}

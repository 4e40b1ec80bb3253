package io.cellwatch.simulator;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.StepType;
import java.util.SplittableRandom;

/**
 * A full cell on a CC-CV charge / CC discharge protocol with rests, optionally with a diagnostic
 * slow cycle and an internal leak ({@link LeakSchedule}).
 *
 * <p>State of charge x is the fraction of the cycle's available capacity. Terminal voltage is
 * OCV(x + k·C) + I_ionic·R, k·C being the concentration polarisation at C-rate C. A cycle is: CC charge to vMax (step 1), CV hold at vMax (2), rest (3),
 * CC discharge to vMin (4), rest (5); a diagnostic cycle uses steps 6–10 at its own rate, as real
 * schedules give the diagnostic block its own steps. The cycler's capacity and energy counters are
 * cumulative within a cycle and reset when the next cycle's charge begins.
 */
final class FullCellChannel extends ChannelSim {
    /** Voltage relaxation time constant in rests; short enough to settle within a 5–10 min rest. */
    private static final double RELAX_TAU_S = 120;

    private enum Kind {
        CC,
        CV,
        REST
    }

    private final FullCellSpec spec;
    /** Protocol randomness (capacity scatter, CE scatter, leak), drawn once per cycle. */
    private final SplittableRandom plan;

    // Cycle state.
    private int phase = -1;
    private boolean firstCycle = true;
    private boolean diagnostic;
    private double capacityAh;
    private double sideReactionLoss;
    private LeakSchedule.CycleLeak leak = LeakSchedule.CycleLeak.NONE;

    // State at the start of the current step.
    private double soc;
    private double chargeAh;
    private double dischargeAh;

    // The current step's closed form.
    private Kind kind;
    private double currentA;
    private double socPerS;
    private double tauS;
    private double socLimit;
    private double ionicFactor;
    /** Surface minus bulk state of charge while current flows (concentration polarisation). */
    private double surfaceOffset;

    private double restStartV;
    private double restOcvV;

    /**
     * @param testTimeOffsetS test time the channel had already run when monitoring joined (see
     *     {@link JoinedTestTime#before})
     */
    FullCellChannel(
            int number,
            ChannelInfo info,
            FullCellSpec spec,
            SplittableRandom plan,
            SplittableRandom noise,
            double sampleIntervalS,
            long startEpochMs,
            double testTimeOffsetS) {
        super(number, info, testTimeOffsetS, noise, sampleIntervalS, startEpochMs, spec.temperatureC);
        this.spec = spec;
        this.plan = plan;
        // The test starts discharged, as after the previous cycle's discharge to vMin.
        this.soc = spec.ocv.soc(spec.vMin + spec.dischargeCRate * spec.nominalAh * spec.resistanceOhm)
                + spec.concentrationSocPerC * spec.dischargeCRate;
    }

    FullCellSpec spec() {
        return spec;
    }

    @Override
    void startNextStep(double t) {
        if (kind != null) {
            double tau = stepEndS - stepStartS;
            double endV = voltageAt(tau);
            soc = socAt(tau);
            chargeAh = chargeAhAt(tau);
            dischargeAh = dischargeAhAt(tau);
            restStartV = endV;
        }
        phase = (phase + 1) % 5;
        boolean newCycle = phase == 0;
        if (newCycle) {
            beginCycle();
        }
        int step = (diagnostic ? 6 : 1) + phase;
        double chargeRate = diagnostic ? spec.diagnosticCRate : spec.chargeCRate;
        double dischargeRate = diagnostic ? spec.diagnosticCRate : spec.dischargeCRate;
        double r = spec.resistanceOhm;
        switch (phase) {
            case 0 -> {
                // CC charge. The cell keeps (1 − loss − f) of the charge; the leak bypasses the
                // electrolyte, so only (1 − f)·I drops over R.
                double i = chargeRate * spec.nominalAh;
                double stored = 1 - sideReactionLoss - leak.charge();
                ionicFactor = 1 - leak.charge();
                surfaceOffset = spec.concentrationSocPerC * ionicFactor * i / spec.nominalAh;
                double target = spec.ocv.soc(spec.vMax - ionicFactor * i * r) - surfaceOffset;
                double duration = target <= soc
                        ? 0
                        : stored <= 0 ? Double.POSITIVE_INFINITY : (target - soc) * capacityAh * 3600 / (stored * i);
                // The cycler's safety limit: a charge far longer than usual is stopped, and with it the test.
                double limit = spec.chargeTimeLimitFactor * 3600 / chargeRate;
                boolean safetyStop = duration > limit;
                kind = Kind.CC;
                currentA = i;
                socPerS = Math.max(0, stored) * i / (capacityAh * 3600);
                beginStep(cycleIndex, true, step, StepType.CHARGE, t, Math.min(duration, limit), safetyStop);
            }
            case 1 -> {
                // CV hold: current decays as OCV approaches vMax. Linearised, the state of charge
                // approaches the point where OCV = vMax exponentially, with the time constant that
                // makes the initial current equal the CC current.
                double i0 = chargeRate * spec.nominalAh;
                double stored = 1 - sideReactionLoss - leak.charge();
                socLimit = spec.ocv.soc(spec.vMax);
                kind = Kind.CV;
                currentA = i0;
                double duration = 0;
                if (socLimit > soc && stored > 0) {
                    tauS = (socLimit - soc) * capacityAh * 3600 / (stored * i0);
                    double cutoffRate = diagnostic ? spec.diagnosticCvCutoffCRate : spec.cvCutoffCRate;
                    double toCutoff = cutoffRate > 0 && cutoffRate < chargeRate
                            ? tauS * Math.log(chargeRate / cutoffRate)
                            : Double.POSITIVE_INFINITY;
                    duration = Math.min(spec.cvMaxS, toCutoff);
                } else {
                    tauS = 1;
                }
                beginStep(cycleIndex, false, step, StepType.CHARGE, t, duration, false);
            }
            case 2, 4 -> {
                kind = Kind.REST;
                restOcvV = spec.ocv.volts(soc);
                beginStep(cycleIndex, false, step, StepType.REST, t, spec.restS, false);
            }
            case 3 -> {
                // CC discharge: the cell supplies the load and the leak, (1 + f)·I, all of it ionic.
                double i = dischargeRate * spec.nominalAh;
                ionicFactor = 1 + leak.discharge();
                surfaceOffset = -spec.concentrationSocPerC * ionicFactor * i / spec.nominalAh;
                double target = spec.ocv.soc(spec.vMin + ionicFactor * i * r) - surfaceOffset;
                double duration = target >= soc ? 0 : (soc - target) * capacityAh * 3600 / (ionicFactor * i);
                double limit = spec.chargeTimeLimitFactor * 3600 / dischargeRate;
                boolean safetyStop = duration > limit;
                kind = Kind.CC;
                currentA = -i;
                socPerS = -ionicFactor * i / (capacityAh * 3600);
                beginStep(cycleIndex, false, step, StepType.DISCHARGE, t, Math.min(duration, limit), safetyStop);
            }
            default -> throw new IllegalStateException("phase " + phase);
        }
    }

    private void beginCycle() {
        cycleIndex = firstCycle ? spec.startCycle : cycleIndex + 1;
        firstCycle = false;
        diagnostic = spec.isDiagnostic(cycleIndex);
        // Keep the state of charge as a fraction: the fade shows as less capacity between the same voltages.
        capacityAh = spec.capacityAh(cycleIndex) * (1 + spec.capacityNoiseRel * plan.nextGaussian());
        sideReactionLoss = spec.ceLoss * Math.max(0, 1 + spec.ceLossNoiseRel * plan.nextGaussian())
                + (cycleIndex == 1 ? spec.formationLoss : 0);
        leak = spec.leak.leakFor(cycleIndex, plan);
        chargeAh = 0;
        dischargeAh = 0;
    }

    private double socAt(double tau) {
        return switch (kind) {
            case CC -> soc + socPerS * tau;
            case CV -> soc + (socLimit - soc) * (1 - Math.exp(-tau / tauS));
            case REST -> soc;
        };
    }

    @Override
    double voltageAt(double tau) {
        return switch (kind) {
            case CC ->
                spec.ocv.volts(soc + socPerS * tau + surfaceOffset) + ionicFactor * currentA * spec.resistanceOhm;
            case CV -> spec.vMax;
            case REST -> restOcvV + (restStartV - restOcvV) * Math.exp(-tau / RELAX_TAU_S);
        };
    }

    @Override
    double currentAt(double tau) {
        return switch (kind) {
            case CC -> currentA;
            case CV -> currentA * Math.exp(-tau / tauS);
            case REST -> 0.0;
        };
    }

    @Override
    double chargeAhAt(double tau) {
        return switch (kind) {
            case CC -> currentA > 0 ? chargeAh + currentA * tau / 3600 : chargeAh;
            case CV -> chargeAh + currentA * tauS * (1 - Math.exp(-tau / tauS)) / 3600;
            case REST -> chargeAh;
        };
    }

    @Override
    double dischargeAhAt(double tau) {
        return kind == Kind.CC && currentA < 0 ? dischargeAh - currentA * tau / 3600 : dischargeAh;
    }
}

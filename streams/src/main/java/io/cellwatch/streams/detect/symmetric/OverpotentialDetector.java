package io.cellwatch.streams.detect.symmetric;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.Episode;
import io.cellwatch.streams.detect.HealthReading;
import io.cellwatch.streams.detect.ProfiledDetector;
import io.cellwatch.streams.detect.ReadingSink;
import io.cellwatch.streams.detect.SampleDetector;
import io.cellwatch.streams.detect.profile.ProfileSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Symmetric Li|electrolyte|Li cells in steady plating/stripping: the overpotential per half-cycle
 * (plateau mean |V|, peak, half peak-to-peak), its drift against the channel's own baseline, and
 * the two short signatures, judged live inside the half-cycle:
 * <ul>
 *   <li>{@code overpotential_drift} (warning, {@link OverpotentialDrift}): the plateau more than 20 %
 *       and three standard errors (the channel's own scatter) off the baseline of the first half-cycles
 *       of its current direction, for two half-cycles running the same way; or a slow rise: both directions'
 *       recent levels (smoothed over four half-cycles, discounted for the cell's cooling) 10 % and three
 *       standard errors over their baselines, for two half-cycles running.</li>
 *   <li>{@code overpotential_collapse} (critical, {@link ShortWatch}): the voltage resolved under 75 % of
 *       the level it had at this current, with the noise up (a filament) or in both current directions
 *       (a resistive bridge). A drop of overpotential at constant current is a short, not an improvement.
 *       Where the current never reverses, a warning on whole half-cycles instead ({@link OneWayFall}).</li>
 *   <li>{@code hard_short} (critical, {@link ShortWatch}): resolved under 10 %: the short carries the
 *       current, the voltage is I·R of the short.</li>
 * </ul>
 * Step-up tests raise the overpotential with the current by design: once the channel is
 * recognised as one ({@link StepUpRecognizer}) this detector stands down and the
 * critical-current-density detector speaks.
 */
public final class OverpotentialDetector extends ProfiledDetector<OverpotentialState>
        implements SampleDetector<OverpotentialState> {

    public static final String NAME = "overpotential";

    public OverpotentialDetector(ProfileSelector profiles) {
        super(NAME, OverpotentialState.class, OverpotentialState::new, SYMMETRIC, profiles);
    }

    @Override
    public List<Alert> onSample(OverpotentialState state, Sample sample, ChannelInfo channel, ReadingSink readings) {
        double dtS = state.clock.advance(sample);
        if (dtS < 0) {
            return List.of();
        }
        OverpotentialSettings settings = profiles.forChannel(channel).overpotential();
        double usualNoise = Math.max(settings.minNoiseV(), state.referenceNoiseV);
        if (sample.temperatureC() != null) {
            state.lastTemperatureC = sample.temperatureC();
        }
        if (sample.currentA() == 0) {
            state.offset.atRest(sample.voltageV());
        } else {
            state.offset.underCurrent();
        }
        HalfCycle closed = state.halves.accept(sample, dtS, settings.liveAlpha(), settings.noiseAlpha(), usualNoise);
        List<Alert> out = new ArrayList<>(0);
        if (closed != null) {
            state.stepUp.onHalfCycle(closed, channel);
            out.addAll(onHalfCycle(state, closed, sample, channel, settings, readings));
        }
        if (!state.stepUp.stepUp(channel) && state.halves.live() && state.referenceCount > 0) {
            out.addAll(ShortWatch.judge(state, sample, settings, usualNoise));
        }
        return out;
    }

    private List<Alert> onHalfCycle(
            OverpotentialState state,
            HalfCycle half,
            Sample next,
            ChannelInfo channel,
            OverpotentialSettings settings,
            ReadingSink readings) {
        state.halvesSeen++;
        if (Double.isNaN(half.plateauV())) {
            return List.of();
        }
        readings.report(next.channelId(), HealthReading.OVERPOTENTIAL_V, half.plateauV());
        if (state.stepUp.stepUp(channel) || state.halvesSeen == 1) {
            return List.of(); // step-up: not ours; the first half-cycle may be a formation or partial one
        }
        double expectedV = ShortWatch.leastExpectedV(state.referenceV, state.referenceCurrentA, half.meanCurrentA());
        double fraction = state.referenceCount > 0 ? half.plateauV() / expectedV : 1;
        if (state.referenceCount > 0) {
            state.offsetPair.closed(half.plating(), fraction);
        }
        Episode.Evidence at =
                new Episode.Evidence(next.channelId(), half.cycleIndex(), half.endTestTimeS(), next.wallTimeMs());
        if (fraction < settings.collapseFraction() && !ShortWatch.warmingExplains(state, fraction, settings)) {
            // The collapse alarm speaks for it; it is no drift, and no new level. Nor does a drift run go on
            // through it: drifted half-cycles must follow one another. A run that never reverses gets no
            // two-way collapse alarm: its fall is judged here.
            state.driftRun = 0;
            state.riseRun = 0;
            List<Alert> oneWay = OneWayFall.judge(state, half, fraction, expectedV, settings, at);
            OneWayFall.seen(state, half);
            return oneWay;
        }
        OneWayFall.notFallen(state);
        OneWayFall.seen(state, half);
        List<Alert> out = new ArrayList<>(BridgeWatch.judge(state, half, fraction, expectedV, settings, at));
        if (state.bridgeHeld) {
            // Fallen as a bridge leaves it: not a new level, not a normal half-cycle; drift still judged.
            out.addAll(OverpotentialDrift.onHalfCycle(state, half, at, settings));
            return out;
        }
        // Raised as an offset's pair raises one direction: not the cell's level (learnt, the lowered direction
        // would read as a collapse for as long as the offset stands).
        // (Raised by more than half a bridge's fall: beyond what a steady cell's half-cycles scatter by.)
        if (!state.offsetPair.raisedByOffset(half.plating(), fraction, settings.bridgeFall() / 2)) {
            if (state.referenceCount > 0) {
                BridgeWatch.learnScatter(state, fraction, settings);
            }
            updateReference(state, half, settings);
        }
        Map<String, Double> normal = OverpotentialDrift.halfCycleEvidence(half, state);
        out.addAll(resolve(
                state.collapse,
                AlertKind.OVERPOTENTIAL_COLLAPSE,
                "Overpotential back at its level",
                settings,
                at,
                normal));
        out.addAll(resolve(state.hardShort, AlertKind.HARD_SHORT, "Voltage no longer pinned", settings, at, normal));
        out.addAll(OverpotentialDrift.onHalfCycle(state, half, at, settings));
        return out;
    }

    /** A normal half-cycle counts towards resolving a firing short alert. */
    private static List<Alert> resolve(
            Episode episode,
            AlertKind kind,
            String what,
            OverpotentialSettings settings,
            Episode.Evidence at,
            Map<String, Double> evidence) {
        int halves = settings.resolveAfterHalfCycles();
        return episode.quiet(kind, halves, at, what + " for " + halves + " half-cycles", evidence);
    }

    /** The recent level at the recent current (a rate change scales it: ohmic to first order). */
    private static void updateReference(OverpotentialState state, HalfCycle half, OverpotentialSettings settings) {
        boolean first = state.referenceCount == 0;
        double alpha = settings.referenceAlpha();
        state.referenceV = first ? half.plateauV() : state.referenceV + alpha * (half.plateauV() - state.referenceV);
        state.referenceCurrentA = first
                ? half.meanCurrentA()
                : state.referenceCurrentA + alpha * (half.meanCurrentA() - state.referenceCurrentA);
        if (!Double.isNaN(state.lastTemperatureC)) {
            state.referenceTemperatureC = Double.isNaN(state.referenceTemperatureC)
                    ? state.lastTemperatureC
                    : state.referenceTemperatureC + alpha * (state.lastTemperatureC - state.referenceTemperatureC);
        }
        if (!Double.isNaN(half.noiseV())) {
            state.referenceNoiseV =
                    first ? half.noiseV() : state.referenceNoiseV + alpha * (half.noiseV() - state.referenceNoiseV);
        }
        state.referenceCount++;
    }
}

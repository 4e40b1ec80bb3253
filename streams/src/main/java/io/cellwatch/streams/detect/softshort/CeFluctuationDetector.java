package io.cellwatch.streams.detect.softshort;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Severity;
import io.cellwatch.streams.detect.AnodeHalfCell;
import io.cellwatch.streams.detect.CapacityReference;
import io.cellwatch.streams.detect.CycleDetector;
import io.cellwatch.streams.detect.Episode;
import io.cellwatch.streams.detect.HealthReading;
import io.cellwatch.streams.detect.ProfiledDetector;
import io.cellwatch.streams.detect.ReadingSink;
import io.cellwatch.streams.detect.Units;
import io.cellwatch.streams.detect.leak.CycleLeak;
import io.cellwatch.streams.detect.leak.LeakEstimate;
import io.cellwatch.streams.detect.profile.DetectorProfile;
import io.cellwatch.streams.detect.profile.ProfileSelector;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Soft short by CE fluctuation: coulombic efficiency leaving the channel's own baseline band
 * (downwards) on several of the recent cycles.
 *
 * <p>Judged in the cell's own orientation: the fraction of the charge put in (the step that raises
 * |V|) that the other step returns, which a leak lowers whatever the declared CE convention and the
 * electrode order the file is written in (an anode half cell's CE = Qc/Qd rises above 1 with a
 * leak: its returned fraction falls). For a full cell in the usual convention it is the CE itself.
 *
 * <p>Why: a dendrite that forms during a charge and burns out again leaks charge on some cycles
 * and not on others, so CE drops now and then below where this cell usually sits (seed 001's
 * LFP|QCPE1|Li cell from ~cycle 300). The baseline is the channel's own: an exponentially weighted
 * mean of CE with its mean absolute deviation as the scale (CE levels differ by chemistry and
 * protocol). The persistence rule (k low cycles within the last n) ignores a single odd cycle.
 * Protocol-made cycles (diagnostic, reset, HPPC, partial, another rate) are set aside before
 * judging by the channel's {@link CapacityReference}; cycles that only charge or only discharge
 * have no CE to speak of, and so has a cycle whose CE carries a stand longer than a cycle (the first
 * after a stand between cycles, one that stood inside itself and the one after it:
 * {@link CeFluctuationStand}) and a cycle emptied at another rate than the one before
 * ({@link CeFluctuationRate}). A CE under the profile's floor on consecutive complete cycles fires
 * without a baseline (a cell joining the monitor already leaking).
 */
public final class CeFluctuationDetector extends ProfiledDetector<CeFluctuationState>
        implements CycleDetector<CeFluctuationState> {

    public static final String NAME = "soft-short-ce-fluctuation";
    private static final AlertKind KIND = AlertKind.SOFT_SHORT_CE_FLUCTUATION;

    public CeFluctuationDetector(ProfileSelector profiles) {
        super(NAME, CeFluctuationState.class, CeFluctuationState::new, FULL_AND_HALF, profiles);
    }

    @Override
    public List<Alert> onCycle(
            CeFluctuationState state, CycleSummary cycle, ChannelInfo channel, ReadingSink readings) {
        Double ce = cycle.coulombicEfficiency();
        // A cycle after the cell stood idle refills what the stand took, one that stood charged returns less: its
        // CE is the stand's.
        CeFluctuationStand.Stand stand = CeFluctuationStand.of(state, cycle);
        if (stand == CeFluctuationStand.Stand.BETWEEN_CYCLES
                || !cycle.complete()
                || cycle.chargeAh() <= 0
                || cycle.dischargeAh() <= 0
                || ce == null) {
            CeFluctuationRate.forget(state);
            return List.of();
        }
        // Judged in the cell's own orientation: the fraction of the charge put in that came back out,
        // which a leak lowers whatever the CE convention or the electrode order the file is written in.
        CycleLeak.Oriented measured = state.orientation.orient(cycle);
        DetectorProfile profile = profiles.forChannel(channel);
        CeFluctuationSettings settings = profile.ceFluctuation();
        // Emptied at another rate than the cycle before (a new C-rate, after a slow diagnostic): its CE compares
        // two depths of discharge; stood inside itself or after a cycle that did: its CE is the stand's. Unless it
        // lost more than either explains: under the floor even with the previous emptying's extra depth taken
        // out (CeFluctuationRate.depthExplains).
        boolean moved = CeFluctuationRate.moved(state, cycle, measured);
        double previousDownAh = state.previousDownAh;
        state.previousDownAh = measured.downAh();
        if ((moved || stand == CeFluctuationStand.Stand.INSIDE)
                && (measured.returned() >= settings.floor()
                        || CeFluctuationRate.depthExplains(
                                previousDownAh, measured, state.reference, settings.floor()))) {
            return List.of();
        }
        state.cyclesSeen++;
        if (state.cyclesSeen == 1) {
            return List.of(); // monitoring may have joined mid-cycle
        }
        CapacityReference.Settings protocol = profile.protocolCycles();
        boolean wasEstablished = state.reference.established();
        CapacityReference.Verdict verdict = state.reference.classify(measured.upAh(), measured.downAh(), protocol);
        if (verdict == CapacityReference.Verdict.PROTOCOL) {
            return List.of();
        }
        if (verdict == CapacityReference.Verdict.RELEARNED) {
            state.ceBaseline.reset();
            state.sensorOffset.reset();
            state.drift.reset();
            if (state.overdraw != null) {
                state.overdraw.reset();
            }
        }
        // A current-sensor offset moves CE as a leak would, but shows in the steps' mean currents: judged
        // with the charge it miscounted taken out.
        double offsetA = state.sensorOffset.offsetA(cycle);
        CycleLeak.Oriented oriented = SensorOffset.corrected(cycle, measured, offsetA);
        if (offsetA != 0
                && state.ceBaseline.count() > 0
                && Math.abs(state.ceBaseline.mean() - oriented.returned())
                        > Math.abs(state.ceBaseline.mean() - measured.returned())) {
            // An offset that would move CE further from the baseline is not what moved it (a short shortening
            // the discharge shifts its mean current as the rows fall): judged as measured.
            offsetA = 0;
            oriented = measured;
            state.sensorOffset.forget();
        }
        double returned = oriented.returned();
        if (state.reference.established() && !wasEstablished) {
            for (double[] first : state.reference.takeFirstCycles(protocol)) {
                double firstReturned = first[1] / first[0]; // {up, down} as classified
                if (firstReturned >= settings.floor()) {
                    state.ceBaseline.add(firstReturned, settings.baselineAlpha()); // their hours were not kept
                }
            }
        }
        Episode.Evidence at = Episode.Evidence.of(cycle);
        LeakEstimate leak =
                leakEstimate(state, cycle, oriented, settings, protocol); // against the baseline before this cycle

        // The floor: no baseline needed, two complete cycles running.
        // Formation heals (in a test's first cycles each cycle returns more than the one before, towards
        // the cell's plateau); a leak does not. A formation cycle under the floor but climbing by more than
        // the narrowest band neither counts towards the run nor ends it.
        boolean belowFloor = returned < settings.floor();
        boolean healing = state.hasPreviousReturned
                && cycle.cycleIndex() <= settings.formationCycles()
                && returned > state.previousReturned + settings.minBand();
        state.floorRun = !belowFloor ? 0 : healing ? state.floorRun : state.floorRun + 1;
        state.previousReturned = returned;
        state.hasPreviousReturned = true;

        boolean judging =
                verdict == CapacityReference.Verdict.ORDINARY && state.ceBaseline.count() >= settings.baselineCycles();
        double band = Double.NaN;
        double deficit = Double.NaN;
        CeDrift.Slide slide = CeDrift.Slide.NONE;
        boolean learnt = false;
        if (judging) {
            band = Math.max(settings.minBand(), settings.deviationMultiplier() * state.ceBaseline.meanAbsDeviation());
            deficit = state.ceBaseline.mean() - returned;
            boolean low = deficit > band;
            state.lowHistory = ((state.lowHistory << 1) | (low ? 1 : 0)) & ((1 << settings.window()) - 1);
            state.judged++;
            readings.report(cycle.channelId(), HealthReading.CE_FLUCTUATION_SCORE, Math.max(0, deficit / band));
            // Only in-band cycles teach the baseline: a leaking cycle is evidence, and the cycle after it
            // (CE above 1, the leftover charge coming back) would widen the band as much.
            if (Math.abs(deficit) <= band && !belowFloor) {
                learn(state, cycle, oriented, offsetA, settings, protocol);
                learnt = true;
            }
            slide = state.drift.update(
                    state.ceBaseline.mean(), state.reference.chargeAh(), band, cycle.maxTemperatureC());
        } else if (verdict != CapacityReference.Verdict.LEARNING && !belowFloor) {
            learn(state, cycle, oriented, offsetA, settings, protocol);
            learnt = true;
        }
        int lowCycles = Integer.bitCount(state.lowHistory);

        // An anode half cell giving out more than it took in, at one rate: judged against 1, not the baseline.
        AnodeOverdraw.Judged overdrawn = null;
        if (AnodeHalfCell.declared(channel)) {
            if (state.overdraw == null) {
                state.overdraw = new AnodeOverdraw();
            }
            AnodeOverdraw.Judged judgedAgainstOne = moved || stand == CeFluctuationStand.Stand.INSIDE
                    ? null
                    : state.overdraw.judged(cycle, measured, settings.minBand());
            int run = state.overdraw.judge(judgedAgainstOne, settings.minBand(), cycle.maxTemperatureC());
            if (learnt && run == 0 && judgedAgainstOne != null) {
                state.overdraw.learn(cycle, judgedAgainstOne, settings.baselineAlpha(), settings.formationCycles());
            }
            overdrawn = state.overdraw.warns() ? judgedAgainstOne : null;
        }

        boolean floorHit = state.floorRun >= settings.floorPersistence();
        boolean bandHit = lowCycles >= settings.warnCount();
        boolean slideHit = slide.bands() > CeDrift.WARN_BANDS;
        double baselineCe = oriented.asCe(state.ceBaseline.mean(), channel.ceConvention());
        Map<String, Double> evidence = CeFluctuationEvidence.of(
                state, cycle, ce, returned, baselineCe, band, deficit, lowCycles, offsetA, settings);
        evidence.put("baselineSlide", slide.share());
        boolean overdrawHit = overdrawn != null;
        if (overdrawHit) {
            evidence.put("overdrawnCycles", (double) state.overdraw.run);
            evidence.put("overdrawnReturnedFraction", overdrawn.reading().returned());
            if (overdrawn.allowance() > 0) {
                evidence.put("overdrawnOffsetAllowance", overdrawn.allowance());
            }
            if (!floorHit && !bandHit && !slideHit) {
                // Counted from what this cell returned when healthy where it returned all it took (a leak began
                // under the monitor); else the baseline is the leak's, and only conservation says what is healthy.
                CycleLeak.HealthyRatio own = channelHealthyRatio(state, cycle, overdrawn.reading(), settings, protocol);
                CycleLeak.HealthyRatio healthy = own.ratio() >= 1 ? own : AnodeOverdraw.healthyRatio(settings);
                leak = CycleLeak.estimate(cycle, overdrawn.reading(), healthy, Double.NaN);
            }
        }
        if (floorHit || bandHit || slideHit || overdrawHit) {
            if (leak != null) {
                leak.addTo(evidence);
            }
            boolean critical = lowCycles >= settings.criticalCount() || slide.bands() > CeDrift.CRITICAL_BANDS;
            Severity severity = critical ? Severity.CRITICAL : Severity.WARNING;
            String because = leak == null ? "" : "; " + leak.describe();
            String message;
            if (slideHit && !bandHit) {
                message = String.format(
                        Locale.ROOT,
                        "Soft short suspected: CE %s (baseline %s), the charge lost per cycle and per hour under "
                                + "current has risen over the least it lost by at least %.2f %% of the charge a usual "
                                + "cycle takes (band %.2f points): charge is going somewhere, more each cycle%s",
                        Units.efficiency(ce),
                        Units.efficiency(baselineCe),
                        100 * slide.share(),
                        100 * slide.band(),
                        because);
            } else if (bandHit) {
                message = String.format(
                        Locale.ROOT,
                        "Soft short suspected: CE %s, %d of the last %d cycles below the band (baseline %s, "
                                + "band %.2f points)%s",
                        Units.efficiency(ce),
                        lowCycles,
                        Math.min(state.judged, settings.window()),
                        Units.efficiency(baselineCe),
                        100 * band,
                        because);
            } else if (floorHit) {
                message = String.format(
                        Locale.ROOT,
                        "CE %s: %s of the charge returned, under the %s floor for %d complete cycles running: "
                                + "charge is going somewhere (parasitic current or soft short)%s",
                        Units.efficiency(ce),
                        Units.efficiency(returned),
                        Units.efficiency(settings.floor()),
                        state.floorRun,
                        because);
            } else {
                message = String.format(
                        Locale.ROOT,
                        "CE %s: an anode half cell gave out more than it took in (%s of its delithiation returned by "
                                + "the lithiation%s) for %d cycles running at one rate and temperature, which no healthy "
                                + "loss does: a parasitic current (soft short or shuttle)%s",
                        Units.efficiency(ce),
                        Units.efficiency(overdrawn.reading().returned()),
                        overdrawn.allowance() > 0
                                ? String.format(
                                        Locale.ROOT,
                                        ", %.1f points under what it returned at these step currents when healthy, "
                                                + "more than a sensor offset can hide",
                                        100 * overdrawn.underHealthyLevel(settings.minBand()))
                                : "",
                        state.overdraw.run,
                        because);
            }
            return state.episode.fire(KIND, severity, at, message, evidence);
        }
        if (lowCycles > 0 || belowFloor || slide.bands() > 1 || (state.overdraw != null && state.overdraw.run > 0)) {
            state.episode.signatureSeen();
            return List.of();
        }
        String message = String.format(
                Locale.ROOT,
                "CE back in its band (%s, baseline %s) for %d cycles",
                Units.efficiency(ce),
                Units.efficiency(baselineCe),
                settings.resolveAfterCycles());
        return state.episode.quiet(KIND, settings.resolveAfterCycles(), at, message, evidence);
    }

    /**
     * Folds a healthy cycle into the CE baseline and the slide watch's usual hours per amp-hour, and into
     * the usual currents unless they showed an offset (the usual stays the offset-free one while the
     * offset lasts).
     */
    private static void learn(
            CeFluctuationState state,
            CycleSummary cycle,
            CycleLeak.Oriented oriented,
            double offsetA,
            CeFluctuationSettings s,
            CapacityReference.Settings protocol) {
        state.ceBaseline.add(oriented.returned(), s.baselineAlpha());
        double underCurrentS = cycle.chargeDurationS() + cycle.dischargeDurationS();
        state.drift.learn(underCurrentS, oriented.upAh(), s.baselineAlpha());
        state.healthyLevels.learn(
                cycle.cycleIndex(),
                cycle.maxTemperatureC(),
                oriented.upAh(),
                oriented.downAh(),
                underCurrentS,
                s.baselineAlpha(),
                s.baselineCycles(),
                protocol.learnBand());
        if (offsetA == 0) {
            state.sensorOffset.learn(cycle);
        }
    }

    /**
     * The leak this cycle shows against the channel's usual balance ({@link CycleLeak}): the healthiest
     * balance known for it, the highest of its baseline of the returned fraction, the slide's anchor and
     * what the cell held when healthy under this cycle's conditions ({@link CeHealthyLevels}); before any,
     * only that a healthy cell returns between the floor and all of its charge (uniformly: that mean and
     * standard deviation). Remembers the leaked charge for the next cycle.
     */
    private static LeakEstimate leakEstimate(
            CeFluctuationState state,
            CycleSummary cycle,
            CycleLeak.Oriented oriented,
            CeFluctuationSettings settings,
            CapacityReference.Settings protocol) {
        CycleLeak.HealthyRatio healthy = channelHealthyRatio(state, cycle, oriented, settings, protocol);
        CycleLeak.Balance previous = state.hasPreviousLeak
                ? new CycleLeak.Balance(
                        state.previousLeakedAh, state.previousConductanceS, state.previousConductanceHighS)
                : CycleLeak.Balance.NONE;
        LeakEstimate estimate = CycleLeak.estimate(cycle, oriented, healthy, previous);
        CycleLeak.Balance shown = CycleLeak.balance(cycle, oriented, healthy, previous);
        state.previousLeakedAh = shown.leakedAh();
        state.previousConductanceS = shown.conductanceS();
        state.previousConductanceHighS = shown.conductanceHighS();
        state.hasPreviousLeak = true;
        return estimate;
    }

    /**
     * The balance the channel returns when healthy. A slow leak drags the baseline with it: the leak is
     * counted from the healthiest balance the channel has held (the drift's anchor), where that is above the
     * baseline; and a leak that began before the baseline restarted (a chamber step, a relearnt capacity) is
     * inside the new baseline and anchor: counted from what the cell held under these conditions before,
     * where that is higher still. The scatter stated is the larger of the baseline's (which a slide it learnt
     * widens) and the level's. Before any, only that a healthy cell returns between the floor and all of its
     * charge (uniformly: that mean and standard deviation).
     */
    private static CycleLeak.HealthyRatio channelHealthyRatio(
            CeFluctuationState state,
            CycleSummary cycle,
            CycleLeak.Oriented oriented,
            CeFluctuationSettings settings,
            CapacityReference.Settings protocol) {
        double ratio = Double.NaN;
        double deviation = 0;
        if (state.ceBaseline.count() > 0) {
            double anchored = state.drift.anchorRatio(oriented.upAh());
            ratio = anchored > state.ceBaseline.mean() ? anchored : state.ceBaseline.mean();
            deviation = state.ceBaseline.meanAbsDeviation();
        }
        CeHealthyLevel level = state.healthyLevels.healthiestAt(
                cycle.maxTemperatureC(),
                oriented.upAh(),
                oriented.downAh(),
                cycle.chargeDurationS() + cycle.dischargeDurationS(),
                protocol.learnBand());
        if (level != null && !(level.highest <= ratio)) {
            ratio = level.highest;
            deviation = Math.max(deviation, level.highestDeviation);
        }
        return !Double.isNaN(ratio)
                ? new CycleLeak.HealthyRatio(ratio, CycleLeak.MAD_TO_SIGMA * deviation)
                : new CycleLeak.HealthyRatio((1 + settings.floor()) / 2, (1 - settings.floor()) / Math.sqrt(12));
    }
}

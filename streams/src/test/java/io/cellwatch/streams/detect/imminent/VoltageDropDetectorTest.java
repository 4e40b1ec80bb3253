package io.cellwatch.streams.detect.imminent;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.AlertKind;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.cellwatch.model.Severity;
import io.cellwatch.model.StepType;
import io.cellwatch.streams.detect.DetectorHarness;
import io.cellwatch.streams.detect.profile.ProfileSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VoltageDropDetectorTest {
    private final VoltageDropDetector detector = new VoltageDropDetector(ProfileSelector.standard());
    private final ChannelInfo channel = ChannelInfo.defaultsFor("cell");

    /**
     * Constant-current charges climbing 3.5 → 4.1 V over 100 samples, then a CV step at a lower
     * current; {@code dropsAt} lists (cycle, sample) where the voltage falls by {@code dropV} and
     * recovers half of it on the next sample.
     */
    private static List<Sample> charges(int cycles, double noiseV, double dropV, int[][] dropsAt) {
        SplittableRandom noise = new SplittableRandom(4);
        List<Sample> samples = new ArrayList<>();
        long n = 0;
        double t = 0;
        for (int c = 1; c <= cycles; c++) {
            double offset = 0;
            for (int i = 0; i < 100; i++) {
                for (int[] drop : dropsAt) {
                    if (drop[0] == c && drop[1] == i) {
                        offset -= dropV;
                    } else if (drop[0] == c && drop[1] == i - 1) {
                        offset += dropV / 2; // partial recovery
                    }
                }
                double v = 3.5 + 0.006 * i + offset + noiseV * noise.nextGaussian();
                samples.add(new Sample(
                        1, "cell", ++n, null, t += 30, c, 1, StepType.CHARGE, v, 1.0, null, null, null, null, null));
            }
            // CV taper: the current falls, the voltage holds; then a discharge that falls steeply at its end.
            for (int i = 0; i < 20; i++) {
                samples.add(new Sample(
                        1,
                        "cell",
                        ++n,
                        null,
                        t += 30,
                        c,
                        2,
                        StepType.CHARGE,
                        4.1,
                        0.9 * Math.pow(0.85, i),
                        null,
                        null,
                        null,
                        null,
                        null));
            }
            for (int i = 0; i < 100; i++) {
                samples.add(new Sample(
                        1,
                        "cell",
                        ++n,
                        null,
                        t += 30,
                        c,
                        3,
                        StepType.DISCHARGE,
                        4.0 - 0.008 * i - (i > 95 ? 0.3 * (i - 95) : 0),
                        -1.0,
                        null,
                        null,
                        null,
                        null,
                        null));
            }
        }
        return samples;
    }

    @Test
    void twoDropsOfTensOfMillivoltsUnderConstantCurrentWithinThreeCyclesFireAWarning() {
        List<Sample> samples = charges(10, 0.001, 0.035, new int[][] {{6, 40}, {7, 70}});
        DetectorHarness run = new DetectorHarness().run(detector, channel, samples, true);
        assertThat(run.alerts).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(AlertKind.VOLTAGE_DROP);
            assertThat(alert.severity()).isEqualTo(Severity.WARNING);
            assertThat(alert.cycleIndex()).isEqualTo(7);
            // The 35 mV fall less the 6 mV the charge climbs per sample.
            assertThat(alert.evidence().get("dropV")).isBetween(0.025, 0.034);
            assertThat(alert.evidence()).containsEntry("dropsInWindow", 2.0).containsKeys("thresholdV", "jitterV");
        });
    }

    /**
     * The same rows with the cycler's capacity counters, each step's counted from its start; a hold of
     * {@code holdS} before row ({@code cycle}, {@code index}) of the first step: no rows, the clock running,
     * and the counter standing still unless {@code currentFlowed} (rows lost while the current went on).
     */
    private static List<Sample> withCounters(
            List<Sample> samples, int cycle, int index, double holdS, boolean currentFlowed) {
        List<Sample> out = new ArrayList<>();
        double shiftS = 0;
        double countedAh = 0;
        Sample previous = null;
        int indexInStep = 0;
        for (Sample s : samples) {
            boolean sameStep = previous != null
                    && previous.cycleIndex() == s.cycleIndex()
                    && previous.stepIndex() == s.stepIndex();
            indexInStep = sameStep ? indexInStep + 1 : 0;
            if (s.cycleIndex() == cycle && s.stepIndex() == 1 && indexInStep == index) {
                shiftS += holdS;
                countedAh += currentFlowed ? Math.abs(s.currentA()) * holdS / 3600 : 0;
            }
            double t = s.testTimeS() + shiftS;
            countedAh =
                    sameStep ? countedAh + Math.abs(s.currentA()) * (s.testTimeS() - previous.testTimeS()) / 3600 : 0;
            boolean charge = s.stepType() == StepType.CHARGE;
            out.add(new Sample(
                    1,
                    "cell",
                    s.dataPoint(),
                    null,
                    t,
                    s.cycleIndex(),
                    s.stepIndex(),
                    s.stepType(),
                    s.voltageV(),
                    s.currentA(),
                    charge ? countedAh : 0.0,
                    charge ? 0.0 : countedAh,
                    null,
                    null,
                    null));
            previous = s;
        }
        return out;
    }

    @Test
    void aFallAcrossAHoldTheCounterStoodStillThroughIsNotADrop() {
        List<Sample> rows = charges(10, 0.001, 0.035, new int[][] {{6, 40}, {7, 70}});
        // The cell relaxed through a 10 h hold before row 70 of cycle 7: the row after it reads 35 mV lower.
        List<Sample> held = withCounters(rows, 7, 70, 36_000, false);
        List<Sample> lostRows = withCounters(rows, 7, 70, 36_000, true);

        assertThat(new DetectorHarness().run(detector, channel, held, false).alerts)
                .isEmpty();
        // The same gap with the counter running is rows lost under current: the fall is judged as a drop.
        assertThat(new DetectorHarness().run(detector, channel, lostRows, false).alerts)
                .singleElement()
                .satisfies(alert -> assertThat(alert.cycleIndex()).isEqualTo(7));
    }

    @Test
    void aSingleGlitchStepChangesCvTaperAndTheEndOfDischargeDoNotFire() {
        assertThat(new DetectorHarness()
                        .run(detector, channel, charges(10, 0.001, 0.035, new int[][] {{5, 50}}), false)
                        .alerts)
                .isEmpty();
        // Drops far apart: never two within three cycles.
        assertThat(new DetectorHarness()
                        .run(detector, channel, charges(12, 0.001, 0.035, new int[][] {{3, 50}, {8, 50}}), false)
                        .alerts)
                .isEmpty();
    }

    @Test
    void theThresholdFollowsTheChannelsOwnJitter() {
        // A channel with 6 mV noise: 35 mV drops are within what it does every cycle.
        assertThat(new DetectorHarness()
                        .run(detector, channel, charges(10, 0.006, 0.035, new int[][] {{6, 40}, {7, 70}}), false)
                        .alerts)
                .isEmpty();
    }

    /**
     * Rest at 3.40 V, then a constant-current charge of 1 A starting 0.10 V higher (the cell's 0.1 Ω)
     * and climbing 6 mV a sample, then a discharge. In the cycles of {@code glitches} a contact raises
     * the resistance by {@code glitchV} / 1 A from the rest on (the charge starts that much higher),
     * and comes back at the given sample; {@code filamentAt} adds a filament's 50 mV drop there.
     */
    private static List<Sample> restedCharges(int cycles, double glitchV, int[][] glitches, int[][] filamentAt) {
        SplittableRandom noise = new SplittableRandom(9);
        List<Sample> samples = new ArrayList<>();
        long n = 0;
        double t = 0;
        for (int c = 1; c <= cycles; c++) {
            for (int i = 0; i < 5; i++) {
                samples.add(new Sample(
                        1, "cell", ++n, null, t += 30, c, 1, StepType.REST, 3.4, 0.0, null, null, null, null, null));
            }
            int backAt = -1;
            for (int[] glitch : glitches) {
                backAt = glitch[0] == c ? glitch[1] : backAt;
            }
            double filament = 0;
            for (int i = 0; i < 100; i++) {
                for (int[] drop : filamentAt) {
                    filament -= drop[0] == c && drop[1] == i ? 0.05 : 0;
                }
                double raised = backAt >= 0 && i < backAt ? glitchV : 0;
                double v = 3.5 + 0.006 * i + raised + filament + 0.001 * noise.nextGaussian();
                samples.add(new Sample(
                        1, "cell", ++n, null, t += 30, c, 2, StepType.CHARGE, v, 1.0, null, null, null, null, null));
            }
            for (int i = 0; i < 100; i++) {
                samples.add(new Sample(
                        1,
                        "cell",
                        ++n,
                        null,
                        t += 30,
                        c,
                        3,
                        StepType.DISCHARGE,
                        4.0 - 0.008 * i,
                        -1.0,
                        null,
                        null,
                        null,
                        null,
                        null));
            }
        }
        return samples;
    }

    @Test
    void aContactGlitchEndingInTheChargeIsNotADrop() {
        // Two glitches of +40 mV (40 % of the cell's resistance) begun in the rest, ending mid-charge within
        // three cycles: each fall only gives back the raise the charge started with.
        List<Sample> samples = restedCharges(10, 0.040, new int[][] {{6, 40}, {7, 70}}, new int[0][]);
        assertThat(new DetectorHarness().run(detector, channel, samples, false).alerts)
                .isEmpty();
    }

    @Test
    void filamentDropsDeeperThanAStandingContactRaiseStillFire() {
        // The same glitches, and a filament taking 50 mV in cycles 6 and 7 after the contact came back.
        List<Sample> samples = restedCharges(10, 0.040, new int[][] {{6, 40}, {7, 70}}, new int[][] {{6, 60}, {7, 80}});
        assertThat(new DetectorHarness().run(detector, channel, samples, false).alerts)
                .singleElement()
                .satisfies(alert -> assertThat(alert.cycleIndex()).isEqualTo(7));
    }
}

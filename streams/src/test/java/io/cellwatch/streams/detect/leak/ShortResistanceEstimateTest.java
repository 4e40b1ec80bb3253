package io.cellwatch.streams.detect.leak;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.CeConvention;
import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import io.cellwatch.model.TestProtocol;
import io.cellwatch.streams.detect.DetectorSet;
import io.cellwatch.streams.detect.ReadingSink;
import io.cellwatch.streams.detect.SyntheticSymmetricCell;
import io.cellwatch.streams.pipeline.ChannelOutput;
import io.cellwatch.streams.pipeline.ChannelPipeline;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every soft-short alert on a cell with a resistor across it estimates that resistance within 30 %,
 * and the leak current V/R it draws, with an uncertainty that covers the error. The cell is written
 * from Ohm's law in the test ({@link ResistiveShortCell}); nothing comes from the simulator.
 */
class ShortResistanceEstimateTest {
    private static final double OCV_MID = 3.7;

    /**
     * @param leakFraction the short's current at mid voltage as a fraction of the charge current
     * @param cRate        charge and discharge rate
     * @param logS         logging interval, s
     */
    @ParameterizedTest(name = "leak {0} of the current at {1}C, logged every {2} s")
    @CsvSource({"0.03, 1.0, 30", "0.1, 0.5, 60", "0.3, 1.0, 10", "0.6, 0.5, 120", "0.05, 0.1, 600", "0.97, 1.0, 30"})
    void everySoftShortAlertEstimatesTheResistanceAcrossTheCellWithin30Percent(
            double leakFraction, double cRate, double logS) {
        double capacityAh = 0.004;
        double shortOhm = OCV_MID / (leakFraction * cRate * capacityAh);
        ResistiveShortCell cell = new ResistiveShortCell("coin-11", capacityAh, cRate, 0.05, logS);
        cell.cycles(20);
        int onsetRecord = cell.samples().size();
        cell.shortWith(shortOhm).cycles(6);

        List<Alert> alerts = run(cell.samples());
        List<Alert> estimated = alerts.stream()
                .filter(a -> a.status() == AlertStatus.FIRING)
                .filter(a -> a.evidence().containsKey("shortResistanceOhm"))
                .toList();
        assertThat(estimated).as("soft-short alerts with a resistance").isNotEmpty();
        assertThat(alerts)
                .filteredOn(a -> a.testTimeS() < cell.samples().get(onsetRecord).testTimeS())
                .as("nothing before the short")
                .isEmpty();
        for (Alert a : estimated) {
            double r = a.evidence().get("shortResistanceOhm");
            double sigma = a.evidence().get("shortResistanceUncertaintyOhm");
            assertThat(r / shortOhm - 1)
                    .as("%s at cycle %d: %.4g Ω ± %.2g vs %.4g Ω", a.kind(), a.cycleIndex(), r, sigma, shortOhm)
                    .isBetween(-0.3, 0.3);
            assertThat(Math.abs(r - shortOhm))
                    .as("%s: the uncertainty covers the error (3σ)", a.kind())
                    .isLessThanOrEqualTo(3 * sigma + 0.05 * shortOhm);
            double leak = a.evidence().get("leakCurrentA");
            assertThat(leak).isPositive();
        }
    }

    /**
     * The same cells written from the other electrode: voltage negative, the cell's charge a negative
     * current the cycler calls discharge, counters swapped. The estimates are the same.
     */
    @ParameterizedTest(name = "other electrode order: leak {0} of the current at {1}C, logged every {2} s")
    @CsvSource({"0.1, 0.5, 60", "0.97, 1.0, 30"})
    void theElectrodeOrderAFileIsWrittenInChangesNothing(double leakFraction, double cRate, double logS) {
        double capacityAh = 0.004;
        double shortOhm = OCV_MID / (leakFraction * cRate * capacityAh);
        ResistiveShortCell cell = new ResistiveShortCell("coin-12", capacityAh, cRate, 0.05, logS);
        cell.cycles(20).shortWith(shortOhm).cycles(6);
        List<Sample> reversed = cell.samples().stream()
                .map(s -> new Sample(
                        1,
                        s.channelId(),
                        s.dataPoint(),
                        s.wallTimeMs(),
                        s.testTimeS(),
                        s.cycleIndex(),
                        s.stepIndex(),
                        s.stepType() == StepType.CHARGE
                                ? StepType.DISCHARGE
                                : s.stepType() == StepType.DISCHARGE ? StepType.CHARGE : s.stepType(),
                        -s.voltageV(),
                        -s.currentA(),
                        s.dischargeCapacityAh(),
                        s.chargeCapacityAh(),
                        null,
                        null,
                        s.temperatureC()))
                .toList();
        List<Alert> estimated = run(reversed).stream()
                .filter(a -> a.status() == AlertStatus.FIRING && a.evidence().containsKey("shortResistanceOhm"))
                .toList();
        assertThat(estimated).isNotEmpty();
        if (leakFraction > 0.9) {
            assertThat(estimated).extracting(Alert::kind).contains(AlertKind.IMMINENT_SHORT);
        }
        for (Alert a : estimated) {
            double r = a.evidence().get("shortResistanceOhm");
            assertThat(r / shortOhm - 1)
                    .as("%s: %.4g Ω vs %.4g Ω", a.kind(), r, shortOhm)
                    .isBetween(-0.3, 0.3);
        }
    }

    /**
     * A symmetric cell whose electrolyte is a resistance (80 mV at 0.5 mA on 1 cm²: 160 Ω) gets a
     * short of known resistance across it after 40 h: the voltage falls to I·(R_path ∥ R_short),
     * noisier (the filament flickers). Soft (the collapse) and hard (pinned) shorts alike.
     */
    @ParameterizedTest(name = "short of {0} Ω across a 160 Ω electrolyte")
    @CsvSource({"100, OVERPOTENTIAL_COLLAPSE", "40, OVERPOTENTIAL_COLLAPSE", "8, HARD_SHORT"})
    void aSymmetricCellsShortIsTheCurrentTheElectrolyteNoLongerCarries(double shortOhm, AlertKind expected) {
        double pathOhm = 160;
        double currentA = 0.0005;
        double shortedAtS = 40 * 3600;
        double shorted = pathOhm * shortOhm / (pathOhm + shortOhm);
        SyntheticSymmetricCell cell = new SyntheticSymmetricCell("sym-4", 1.0, 30, 7)
                .cycling(
                        1,
                        50,
                        currentA * 1000,
                        t -> currentA * (t < shortedAtS ? pathOhm : shorted),
                        t -> t < shortedAtS ? 0.0005 : 0.003);
        ChannelInfo info = new ChannelInfo(
                1,
                "sym-4",
                CellType.SYMMETRIC,
                "Li|LLZO|Li",
                1.0,
                null,
                null,
                TestProtocol.CYCLING,
                CeConvention.DISCHARGE_OVER_CHARGE);

        List<Alert> estimated = run(cell.samples(), info).stream()
                .filter(a -> a.status() == AlertStatus.FIRING && a.evidence().containsKey("shortResistanceOhm"))
                .toList();

        assertThat(estimated).extracting(Alert::kind).contains(expected);
        assertThat(estimated).anySatisfy(a -> assertThat(a.evidence()).containsKey(LeakEstimate.FROM_TEST_TIME_KEY));
        for (Alert a : estimated) {
            assertThat(a.testTimeS()).isGreaterThan(shortedAtS);
            // A live estimate names the first reading it read: one after the short, none after the alert.
            Double from = a.evidence().get(LeakEstimate.FROM_TEST_TIME_KEY);
            if (from != null) {
                assertThat(from).isBetween(shortedAtS, a.testTimeS());
            }
            double r = a.evidence().get("shortResistanceOhm");
            assertThat(r / shortOhm - 1)
                    .as(
                            "%s: %.4g Ω ± %.2g vs %.4g Ω",
                            a.kind(), r, a.evidence().get("shortResistanceUncertaintyOhm"), shortOhm)
                    .isBetween(-0.3, 0.3);
        }
    }

    /**
     * A filament of known resistance touches now and then during constant-current charges of a cell
     * with an internal resistance (written from Ohm's law: V = (OCV + I·R_cell)/(1 + R_cell/R_filament)
     * while it touches): the drop over the cell's resistance gives the filament's current and resistance.
     */
    @ParameterizedTest(name = "filament of {0} Ω, logged every {1} s")
    @CsvSource({"5, 30", "2, 10", "6, 60"})
    void aSuddenDropIsTheFilamentsCurrentThroughTheCellsOwnResistance(double filamentOhm, double logS) {
        List<Alert> drops = run(touchingCharges(filamentOhm, logS)).stream()
                .filter(a -> a.kind() == AlertKind.VOLTAGE_DROP && a.status() == AlertStatus.FIRING)
                .toList();
        assertThat(drops).isNotEmpty().allSatisfy(a -> {
            double r = a.evidence().get("shortResistanceOhm");
            assertThat(r / filamentOhm - 1)
                    .as("%.4g Ω ± %.2g vs %.4g Ω", r, a.evidence().get("shortResistanceUncertaintyOhm"), filamentOhm)
                    .isBetween(-0.3, 0.3);
        });
    }

    /**
     * A hard short (0.02 Ω across a cell of 0.05 Ω) that stays: the voltage falls and keeps falling as
     * the cell drains into it. The drops are reported; the fall already under way at the reading before
     * is a collapse, not the filament's current over the cell's resistance: no leak, no resistance.
     */
    @Test
    void aFallStillUnderWayGivesNoEstimate() {
        List<Sample> samples = touchingCharges(1000, 30);
        long record = samples.size();
        double t = samples.get(samples.size() - 1).testTimeS();
        double v = 3.6;
        for (int i = 0; i < 10; i++) {
            samples.add(sample(++record, t += 30, 11, 1, StepType.REST, 3.5, 0));
        }
        for (int i = 1; i <= 60; i++) {
            v = i < 20 ? v + 0.01 : v - (i == 20 ? 1.0 : 0.2 * v);
            samples.add(sample(++record, t += 30, 11, 2, StepType.CHARGE, v, 1.0));
        }
        List<Alert> drops = run(samples).stream()
                .filter(a -> a.kind() == AlertKind.VOLTAGE_DROP && a.status() == AlertStatus.FIRING)
                .toList();
        assertThat(drops)
                .isNotEmpty()
                .allSatisfy(a -> assertThat(a.evidence()).doesNotContainKeys("leakCurrentA", "shortResistanceOhm"));
    }

    /**
     * A filament of 1 Ω across a cell of 0.05 Ω charged at 1 A (V = (OCV + I·R_cell)/(1 + R_cell/R_f), from
     * Ohm's law) drains it at 2.5 A: one reading on the curve's plateau, then past its empty end, where the
     * open-circuit voltage collapses from 3.62 V to 3.30 V in one reading. The second drop stands below where
     * the charge began: the fall over the cell's resistance (9.6 A) is the filament's current plus the
     * collapse, which nothing gives; the evidence carries only the bound, and the bound holds the filament.
     */
    @Test
    void aDropThatLeavesTheCellBelowItsChargesStartGivesOnlyABound() {
        List<Sample> samples = touchingCharges(1000, 30);
        long record = samples.size();
        double t = samples.get(samples.size() - 1).testTimeS();
        for (int i = 0; i < 10; i++) {
            samples.add(sample(++record, t += 30, 11, 1, StepType.REST, 3.5, 0));
        }
        double cellOhm = 0.05;
        double filamentOhm = 1.0;
        double ocv = 3.5;
        for (int i = 1; i <= 30; i++) {
            ocv = i < 25 ? 3.5 + 0.005 * i : (i < 27 ? 3.62 : 3.30);
            boolean touching = i >= 25;
            double v = (ocv + cellOhm) / (1 + (touching ? cellOhm / filamentOhm : 0));
            samples.add(sample(++record, t += 30, 11, 2, StepType.CHARGE, v, 1.0));
            if (i == 27) {
                break;
            }
        }
        double filamentA = (3.30 + cellOhm) / (1 + cellOhm / filamentOhm) / filamentOhm;

        List<Alert> drops = run(samples).stream()
                .filter(a -> a.kind() == AlertKind.VOLTAGE_DROP && a.status() == AlertStatus.FIRING)
                .toList();

        assertThat(drops).singleElement().satisfies(a -> {
            assertThat(a.evidence()).doesNotContainKeys("leakCurrentA", "shortResistanceOhm");
            assertThat(a.evidence().get("leakCurrentUpperBoundA")).isGreaterThan(filamentA);
            assertThat(a.evidence().get("shortResistanceLowerBoundOhm")).isLessThan(filamentOhm);
            // The drop, taken for the filament's current, would have read it about 3x too high.
            assertThat(a.evidence().get("standingDropV") / cellOhm).isGreaterThan(2.5 * filamentA);
        });
    }

    /**
     * Ten cycles of a 1 Ah cell with 0.05 Ω of its own charged at 1 A (written from Ohm's law: V = (OCV +
     * I·R_cell)/(1 + R_cell/R_filament) while the filament touches), the filament touching one reading in
     * the middle of the charges from the sixth cycle on.
     */
    private static List<Sample> touchingCharges(double filamentOhm, double logS) {
        double currentA = 1.0;
        double cellOhm = 0.05;
        double capacityAh = 1.0;
        List<Sample> samples = new ArrayList<>();
        long record = 0;
        double t = 0;
        java.util.SplittableRandom noise = new java.util.SplittableRandom(3);
        for (int c = 1; c <= 10; c++) {
            for (int i = 0; i < 10; i++) {
                samples.add(sample(++record, t += logS, c, 1, StepType.REST, 3.5 + 0.0003 * noise.nextGaussian(), 0));
            }
            int steps = (int) (3600 * capacityAh / currentA / logS);
            for (int i = 1; i <= steps; i++) {
                double ocv = 3.5 + 0.6 * i / steps;
                boolean touching = c >= 6 && i == steps / 2;
                double v = (ocv + currentA * cellOhm) / (1 + (touching ? cellOhm / filamentOhm : 0));
                samples.add(sample(
                        ++record, t += logS, c, 2, StepType.CHARGE, v + 0.0003 * noise.nextGaussian(), currentA));
            }
            for (int i = 1; i <= steps; i++) {
                samples.add(sample(++record, t += logS, c, 3, StepType.DISCHARGE, 4.1 - 0.6 * i / steps, -currentA));
            }
        }
        return samples;
    }

    private static Sample sample(long record, double t, int cycle, int step, StepType type, double v, double i) {
        return new Sample(1, "ch-f", record, null, t, cycle, step, type, v, i, null, null, null, null, null);
    }

    private static List<Alert> run(List<Sample> samples) {
        return run(samples, ChannelInfo.defaultsFor(samples.get(0).channelId()));
    }

    private static List<Alert> run(List<Sample> samples, ChannelInfo info) {
        List<Alert> alerts = new ArrayList<>();
        ChannelPipeline pipeline = ChannelPipeline.start(DetectorSet.standard(), info, ReadingSink.NONE);
        ChannelOutput out = new ChannelOutput() {
            @Override
            public void onCycle(CycleSummary cycle) {}

            @Override
            public void onAlert(Alert alert) {
                alerts.add(alert);
            }
        };
        samples.forEach(s -> pipeline.accept(s, out));
        return alerts;
    }
}

package io.cellwatch.streams.detect.softshort;

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
import io.cellwatch.streams.pipeline.ChannelOutput;
import io.cellwatch.streams.pipeline.ChannelPipeline;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A silicon half cell against lithium that starts to leak: whichever step the cycler calls the
 * charge (delithiation, raising the voltage, or lithiation in a file written from the other
 * electrode), and whichever CE convention the lab declared, the leak takes charge from the step that
 * raises the voltage... to the one that lowers it, and the soft-short detectors see it. Healthy, the
 * half cell's SEI makes lithiation take 2 % more than delithiation returns (CE above 1 in the
 * cathode convention): no leak, no alert.
 */
class CellOrientationTest {

    /**
     * Cycles of a Si|Li half cell: lithiation 0.6 → 0.05 V, delithiation 0.1 → 0.9 V, 1 mA for about 3 h.
     *
     * @param lithiationIsCharge the cycler calls lithiation its charge (current positive)
     * @param leakFrom           first cycle with a leak of 3 % of the capacity, growing by 1 % a cycle
     */
    private static List<Sample> halfCell(boolean lithiationIsCharge, int cycles, int leakFrom) {
        List<Sample> samples = new ArrayList<>();
        long record = 0;
        double t = 0;
        double capacity = 0.003;
        for (int c = 1; c <= cycles; c++) {
            double leak = c >= leakFrom ? capacity * (0.03 + 0.01 * (c - leakFrom)) : 0;
            double lithiation = capacity * 1.02 - leak;
            double delithiation = capacity + leak;
            double qc = 0;
            double qd = 0;
            for (int i = 1; i <= 20; i++) {
                t += 540;
                double q = lithiation * i / 20;
                double v = 0.6 - 0.55 * i / 20;
                double current = (lithiationIsCharge ? 1 : -1) * 0.001;
                if (lithiationIsCharge) {
                    qc = q;
                } else {
                    qd = q;
                }
                samples.add(sample(++record, t, c, 1, lithiationIsCharge, v, current, qc, qd));
            }
            for (int i = 1; i <= 20; i++) {
                t += 540;
                double q = delithiation * i / 20;
                double v = 0.1 + 0.8 * i / 20;
                double current = (lithiationIsCharge ? -1 : 1) * 0.001;
                if (lithiationIsCharge) {
                    qd = q;
                } else {
                    qc = q;
                }
                samples.add(sample(++record, t, c, 2, !lithiationIsCharge, v, current, qc, qd));
            }
        }
        return samples;
    }

    private static Sample sample(
            long record, double t, int cycle, int step, boolean charge, double v, double i, double qc, double qd) {
        return new Sample(
                1,
                "si-07",
                record,
                null,
                t,
                cycle,
                step,
                charge ? StepType.CHARGE : StepType.DISCHARGE,
                v,
                i,
                qc,
                qd,
                null,
                null,
                25.0);
    }

    private static List<Alert> run(List<Sample> samples, CeConvention convention) {
        ChannelInfo info =
                new ChannelInfo(1, "si-07", CellType.HALF, "Si|Li", 1.13, null, null, TestProtocol.CYCLING, convention);
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

    @ParameterizedTest(name = "lithiation is the cycler's charge: {0}, CE convention {1}")
    @CsvSource({
        "false, CHARGE_OVER_DISCHARGE",
        "false, DISCHARGE_OVER_CHARGE",
        "true, CHARGE_OVER_DISCHARGE",
        "true, DISCHARGE_OVER_CHARGE"
    })
    void aLeakingHalfCellIsSeenWhateverTheElectrodeOrderAndConvention(
            boolean lithiationIsCharge, CeConvention convention) {
        assertThat(run(halfCell(lithiationIsCharge, 40, 1000), convention)).isEmpty();

        List<Alert> alerts = run(halfCell(lithiationIsCharge, 30, 20), convention);
        assertThat(alerts)
                .filteredOn(a -> a.status() == AlertStatus.FIRING)
                .extracting(Alert::kind)
                .contains(AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE, AlertKind.SOFT_SHORT_CE_FLUCTUATION);
        assertThat(alerts).allSatisfy(a -> assertThat(a.cycleIndex()).isBetween(20, 30));
        assertThat(alerts)
                .filteredOn(a -> a.kind() == AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE)
                .first()
                .satisfies(a -> assertThat(a.evidence())
                        .containsEntry("cyclerChargeRaisesVoltage", lithiationIsCharge ? 0.0 : 1.0));
    }
}

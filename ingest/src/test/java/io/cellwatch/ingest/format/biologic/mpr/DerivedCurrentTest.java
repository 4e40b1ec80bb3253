package io.cellwatch.ingest.format.biologic.mpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cellwatch.ingest.format.Collected;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.model.Sample;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * GCPL files often record no current (the datalab coin-cell files, most {@code gcpl*} here), so the
 * sample's current is EC-Lab's {@code dq · 3600 / Δt}. Checked against what EC-Lab recorded
 * independently: the net charge {@code (Q-Qo)} equals the integrated current, the power column
 * {@code P} equals voltage times current, and in galvanostatic records the current is the set-point
 * ({@code control}).
 */
class DerivedCurrentTest {

    @TestFactory
    Stream<DynamicTest> currentFromChargeAgreesWithWhatEcLabRecorded() throws IOException {
        return RealMprFiles.all().stream()
                .filter(DerivedCurrentTest::currentIsDerived)
                .map(mpr -> DynamicTest.dynamicTest(RealMprFiles.relative(mpr), () -> check(mpr)));
    }

    private static boolean currentIsDerived(Path mpr) {
        try {
            RecordLayout layout = MprColumns.read(mpr).structure().layout();
            return layout.slotOf(ColumnIds.I, ColumnIds.MEAN_I_F8, ColumnIds.MEAN_I_F4) < 0
                    && layout.slotOf(ColumnIds.DQ_MAH) >= 0
                    && layout.slotOf(ColumnIds.Q_MINUS_Q0_MAH) >= 0;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void check(Path mpr) throws IOException {
        MprColumns decoded = MprColumns.read(mpr);
        RecordLayout layout = decoded.structure().layout();
        Collected read = new Collected();
        new EcLabMprFormat().read(SourceFile.of(mpr), read);
        List<Sample> samples = read.samples;
        assertThat(read.errors).isEmpty();
        assertThat(samples).hasSize(decoded.rows().size());

        int net = layout.slotOf(ColumnIds.Q_MINUS_Q0_MAH);
        int dq = layout.slotOf(ColumnIds.DQ_MAH);
        double startMah = decoded.rows().get(0)[net];
        double integratedMah = 0;
        double worst = 0;
        double range = 0;
        // (Q-Qo) also counts charge that no record's dq carries (EC-Lab moves it across some rest starts
        // while writing dq = 0): the current, made from dq, cannot see that much.
        double unseenByDq = 0;
        for (int i = 1; i < samples.size(); i++) {
            double dt = samples.get(i).testTimeS() - samples.get(i - 1).testTimeS();
            integratedMah += samples.get(i).currentA() * dt / 3.6;
            double[] r = decoded.rows().get(i);
            if (r[dq] == 0) {
                unseenByDq += Math.abs(r[net] - decoded.rows().get(i - 1)[net]);
            }
            double recordedMah = r[net] - startMah;
            worst = Math.max(worst, Math.abs(recordedMah - integratedMah));
            range = Math.max(range, Math.abs(recordedMah));
        }
        assertThat(range).as("the file moves charge").isPositive();
        assertThat(worst)
                .as(
                        "(Q-Qo) minus integrated current, mAh, over a range of %s mAh (%s mAh moved in records with dq = 0)",
                        range, unseenByDq)
                .isLessThanOrEqualTo(1e-5 * range + unseenByDq);

        int power = layout.slotOf(70);
        if (power >= 0) {
            for (int i = 0; i < samples.size(); i++) {
                double p = decoded.rows().get(i)[power];
                double vi = samples.get(i).voltageV() * samples.get(i).currentA();
                assertThat(vi).as("V·I against P/W, record %d", i + 1).isCloseTo(p, within(1e-10 + 1e-5 * Math.abs(p)));
            }
        }

        int mode = layout.flagSlot(ColumnIds.FLAG_MODE);
        int control = layout.slotOf(ColumnIds.CONTROL_V_MA);
        int step = layout.slotOf(ColumnIds.NS);
        if (mode >= 0 && control >= 0 && step >= 0) {
            List<Double> deviations = new ArrayList<>();
            for (int i = 1; i < samples.size(); i++) {
                double[] r = decoded.rows().get(i);
                double[] before = decoded.rows().get(i - 1);
                // Inside a galvanostatic step only: a step's first record averages dq over an interval
                // that began in the step before.
                if (r[mode] == 1 && before[mode] == 1 && r[step] == before[step] && r[control] != 0) {
                    deviations.add(Math.abs(samples.get(i).currentA() * 1e3 - r[control]) / Math.abs(r[control]));
                }
            }
            // The galvanostat settles within the first interval or two of a step (gcpl.issue_211's first
            // 38 ms average 4 % low), so the claim is about the records, not every one of them.
            long within = deviations.stream().filter(d -> d < 0.01).count();
            assertThat(within)
                    .as("records inside galvanostatic steps within 1 %% of the set-point, of %d", deviations.size())
                    .isGreaterThanOrEqualTo((long) Math.ceil(0.99 * deviations.size()));
        }
        System.out.printf(
                "%s: %d records, (Q-Qo) vs integrated current within %.2e mAh of %.4f mAh%n",
                mpr.getFileName(), samples.size(), worst, range);
    }
}

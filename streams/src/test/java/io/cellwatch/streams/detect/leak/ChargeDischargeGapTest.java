package io.cellwatch.streams.detect.leak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ChargeDischargeGapTest {
    private static final double ROW_S = 60;
    private static final double MAX_INTERVAL_S = 3600;

    /** One cycle: an hour's charge at {@code chargeA} and mean {@code chargeV}, then a discharge at its own. */
    private static void cycle(
            ChargeDischargeGap gap,
            double chargeV,
            double chargeA,
            double dischargeV,
            double dischargeA,
            double hours) {
        for (double s = ROW_S; s <= 3600; s += ROW_S) {
            gap.row(chargeV, chargeA, ROW_S, MAX_INTERVAL_S);
        }
        for (double s = ROW_S; s <= hours * 3600; s += ROW_S) {
            gap.row(dischargeV, -dischargeA, ROW_S, MAX_INTERVAL_S);
        }
    }

    @Test
    void theGapOverBothCurrentsIsTheCellsResistance() {
        ChargeDischargeGap gap = new ChargeDischargeGap();
        // 100 mV between a 1 A charge and a 2 A discharge (half as long): 0.1 V / 3 A.
        cycle(gap, 3.35, 1.0, 3.25, 2.0, 0.5);
        gap.closeCycle(true);

        assertThat(gap.resistanceOhm()).isCloseTo(0.1 / 3, within(1e-9));
    }

    @Test
    void onlyAUsualChargeWithADischargeOfAtLeastHalfOfItTeaches() {
        ChargeDischargeGap gap = new ChargeDischargeGap();
        cycle(gap, 3.35, 1.0, 3.25, 1.0, 1.0);
        gap.closeCycle(false); // a charge not learnt as the usual one (a short's, a diagnostic's)
        assertThat(gap.resistanceOhm()).isNaN();

        cycle(gap, 3.35, 1.0, 3.25, 1.0, 0.4); // a partial discharge: other states of charge than the charge's
        gap.closeCycle(true);
        assertThat(gap.resistanceOhm()).isNaN();

        cycle(gap, 3.35, 1.0, 3.25, 1.0, 1.0);
        gap.closeCycle(true);
        assertThat(gap.resistanceOhm()).isCloseTo(0.05, within(1e-9));
    }

    @Test
    void aDischargeAboveItsChargeTeachesNothingAndRowsAfterAPauseCountNot() {
        ChargeDischargeGap gap = new ChargeDischargeGap();
        cycle(gap, 3.25, 1.0, 3.35, 1.0, 1.0);
        gap.closeCycle(true);
        assertThat(gap.resistanceOhm()).isNaN();

        cycle(gap, 3.35, 1.0, 3.25, 1.0, 1.0);
        gap.row(4.5, 1.0, 2 * MAX_INTERVAL_S, MAX_INTERVAL_S); // after hours without rows: not counted
        gap.closeCycle(true);
        assertThat(gap.resistanceOhm()).isCloseTo(0.05, within(1e-9));
    }

    @Test
    void aTaperingChargeIsWeighedByItsChargeSoAnOhmicCellReadsItsOwnResistance() {
        ChargeDischargeGap gap = new ChargeDischargeGap();
        double ohm = 0.04;
        // An hour at 1 A, then an hour's tail at 0.2 A, each row at the open-circuit 3.3 V plus R·I; the discharge
        // returns it at 1 A, R·I under. The time-mean charge current (0.6 A) would read R as 0.04 · 2.0/1.6.
        for (double s = 0; s <= 3600; s += ROW_S) {
            gap.row(3.3 + ohm * 1.0, 1.0, ROW_S, MAX_INTERVAL_S);
        }
        for (double s = ROW_S; s <= 3600; s += ROW_S) {
            gap.row(3.3 + ohm * 0.2, 0.2, ROW_S, MAX_INTERVAL_S);
        }
        gap.row(3.3, 0, ROW_S, MAX_INTERVAL_S);
        for (double s = 0; s <= 1.2 * 3600; s += ROW_S) {
            gap.row(3.3 - ohm * 1.0, -1.0, ROW_S, MAX_INTERVAL_S);
        }
        gap.closeCycle(true);

        assertThat(gap.resistanceOhm()).isCloseTo(ohm, within(1e-9));
    }
}

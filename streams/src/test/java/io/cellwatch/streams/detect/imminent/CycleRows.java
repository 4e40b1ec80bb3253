package io.cellwatch.streams.detect.imminent;

import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a test cell written charge by charge, one every {@code rowS} of test time, for the imminent-short
 * tests whose charges are the point: what follows a charge (a rest, a constant-current discharge of what went in,
 * a rest) is written the same way each time.
 */
final class CycleRows {
    final List<Sample> samples = new ArrayList<>();
    private final double rowS;
    private double t;
    private long record;

    CycleRows(double rowS) {
        this.rowS = rowS;
    }

    /** The next row of cycle {@code c}. */
    void row(int c, int step, StepType type, double v, double i, double chargeAh, double dischargeAh) {
        t += rowS;
        samples.add(
                new Sample(1, "cell", ++record, null, t, c, step, type, v, i, chargeAh, dischargeAh, null, null, null));
    }

    /** The next row of cycle {@code c}, from a cycler that writes no capacity counters. */
    void row(int c, int step, StepType type, double v, double i) {
        t += rowS;
        samples.add(new Sample(1, "cell", ++record, null, t, c, step, type, v, i, null, null, null, null, null));
    }

    /** The cycler logs nothing for this long (a pause in the middle of a step). */
    void pause(double seconds) {
        t += seconds;
    }

    /** After a charge of {@code chargedAh}: a rest, its discharge at {@code currentA} from 3.40 to 2.80 V, a rest. */
    void restAndDischarge(int c, double chargedAh, double currentA) {
        row(c, 3, StepType.REST, 3.70, 0, chargedAh, 0);
        double dischargedAh = 0;
        while (dischargedAh < chargedAh) {
            dischargedAh = Math.min(chargedAh, dischargedAh + currentA * rowS / 3600);
            row(c, 4, StepType.DISCHARGE, 3.40 - 0.6 * dischargedAh / chargedAh, -currentA, chargedAh, dischargedAh);
        }
        row(c, 5, StepType.REST, 3.45, 0, chargedAh, dischargedAh);
    }
}

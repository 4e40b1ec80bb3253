package io.cellwatch.deploy.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * What a cycler logged on one channel of a full cell cycling at constant current, before it is
 * written in a vendor's format ({@link VendorExport}): per cycle a charge, a rest, a discharge and
 * a rest, capacity and energy counters restarting each cycle. Rows are mutable so a test can spoil
 * them the way a cycler or its export does.
 */
final class CellLog {
    static final double CURRENT_A = 0.5;

    /** One logged record, in A, V, Ah, Wh, s; {@code voltage} is text so a test can write "NaN". */
    static final class Row {
        long record;
        double testTimeS;
        double stepTimeS;
        int cycle;
        int step;
        char state; // C, D or R: Maccor's letters
        double currentA;
        String voltage;
        double chargeAh;
        double dischargeAh;
        double chargeWh;
        double dischargeWh;

        double voltageV() {
            return Double.parseDouble(voltage);
        }
    }

    final List<Row> rows = new ArrayList<>();

    /** {@code cycles} cycles, charge and discharge of {@code stepS} seconds logged every {@code intervalS} seconds. */
    static CellLog cycling(int cycles, double stepS, double intervalS) {
        CellLog log = new CellLog();
        for (int cycle = 1; cycle <= cycles; cycle++) {
            log.step(cycle, 1, CURRENT_A, stepS, intervalS);
            log.step(cycle, 2, 0, 600, 60);
            log.step(cycle, 3, -CURRENT_A, stepS * 0.99, intervalS);
            log.step(cycle, 4, 0, 600, 60);
        }
        return log;
    }

    /** One step at constant current (0: a rest), the voltage on a sloped plateau. */
    void step(int cycle, int step, double currentA, double durationS, double intervalS) {
        double fullAh = CURRENT_A * durationS / 3600;
        append(cycle, step, durationS, intervalS, t -> currentA, t -> {
            double passedAh = Math.abs(currentA) * t / 3600;
            double soc = currentA >= 0 ? passedAh / fullAh : 1 - passedAh / fullAh;
            return currentA == 0 ? 3.6 : 3.4 + 0.7 * soc + Math.signum(currentA) * 0.05;
        });
    }

    /**
     * One charge step at a voltage held to the millivolt, its current falling geometrically from {@code fromA} to
     * {@code toA} (equal: a constant current along a flat plateau).
     */
    void heldCharge(int cycle, int step, double voltage, double fromA, double toA, double durationS, double intervalS) {
        append(cycle, step, durationS, intervalS, t -> fromA * Math.pow(toA / fromA, t / durationS), t -> voltage);
    }

    /**
     * Rows every {@code intervalS} over a step, at the current and voltage given for each step time, the counters
     * going on from the cycle's previous row (each row's interval counted at its own current).
     */
    private void append(
            int cycle,
            int step,
            double durationS,
            double intervalS,
            DoubleUnaryOperator currentAt,
            DoubleUnaryOperator voltageAt) {
        Row previous = rows.isEmpty() ? null : rows.get(rows.size() - 1);
        boolean sameCycle = previous != null && previous.cycle == cycle;
        double chargeAh = sameCycle ? previous.chargeAh : 0;
        double dischargeAh = sameCycle ? previous.dischargeAh : 0;
        double chargeWh = sameCycle ? previous.chargeWh : 0;
        double dischargeWh = sameCycle ? previous.dischargeWh : 0;
        double testTimeS = previous == null ? 0 : previous.testTimeS;
        for (double t = intervalS; t <= durationS + 1e-9; t += intervalS) {
            double currentA = currentAt.applyAsDouble(t);
            double voltage = voltageAt.applyAsDouble(t);
            double q = Math.abs(currentA) * intervalS / 3600;
            if (currentA > 0) {
                chargeAh += q;
                chargeWh += q * voltage;
            } else if (currentA < 0) {
                dischargeAh += q;
                dischargeWh += q * voltage;
            }
            add(cycle, step, testTimeS + t, t, currentA, voltage, chargeAh, dischargeAh, chargeWh, dischargeWh);
        }
    }

    private void add(
            int cycle,
            int step,
            double testTimeS,
            double stepTimeS,
            double currentA,
            double voltage,
            double chargeAh,
            double dischargeAh,
            double chargeWh,
            double dischargeWh) {
        Row row = new Row();
        row.record = rows.size() + 1;
        row.testTimeS = testTimeS;
        row.stepTimeS = stepTimeS;
        row.cycle = cycle;
        row.step = step;
        row.state = currentA > 0 ? 'C' : currentA < 0 ? 'D' : 'R';
        row.currentA = currentA;
        row.voltage = VendorExport.num(voltage);
        row.chargeAh = chargeAh;
        row.dischargeAh = dischargeAh;
        row.chargeWh = chargeWh;
        row.dischargeWh = dischargeWh;
        rows.add(row);
    }

    /** The rows of one step of one cycle. */
    List<Row> step(int cycle, int step) {
        return rows.stream().filter(r -> r.cycle == cycle && r.step == step).toList();
    }

    /** Shifts every row from {@code from} on by {@code seconds} of test time. */
    void shiftTimeFrom(Row from, double seconds) {
        for (int i = rows.indexOf(from); i < rows.size(); i++) {
            rows.get(i).testTimeS += seconds;
        }
    }
}

package io.cellwatch.streams.detect.leak;

import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import io.cellwatch.streams.detect.SyntheticFullCell;
import io.cellwatch.streams.testing.CyclerRows;
import java.util.ArrayList;
import java.util.List;

/**
 * A full cell with a resistor across it, written from Ohm's law and nothing else: the cell is an
 * open-circuit voltage (a function of the charge stored) behind an internal resistance; the short
 * is a resistance R across the terminals drawing V/R at every moment (charge, rest, discharge). The
 * terminal voltage with the cycler driving I is V = (OCV + I·R_int) / (1 + R_int/R). Protocol: CC
 * charge to 4.2 V, CV at 4.2 V until C/20 (at most 30 min), rest, CC discharge to 3.0 V, rest;
 * integrated in one-second steps and logged every {@code logS} seconds with cumulative counters that
 * reset at each cycle start. Gives detector tests a short of known resistance.
 */
public final class ResistiveShortCell {
    private static final double V_MAX = 4.2;
    private static final double V_MIN = 3.0;
    private final String channelId;
    private final double capacityAh;
    private final double currentA;
    private final double internalOhm;
    private final double logS;
    private final List<Sample> samples = new ArrayList<>();
    private double stored; // Ah
    private double t;
    private double sinceLog;
    private long record;
    private double chargeAh;
    private double dischargeAh;
    private double shortOhm = Double.POSITIVE_INFINITY;
    private int cycle;

    public ResistiveShortCell(String channelId, double capacityAh, double cRate, double internalOhmAt1C, double logS) {
        this.channelId = channelId;
        this.capacityAh = capacityAh;
        this.currentA = cRate * capacityAh;
        this.internalOhm = internalOhmAt1C / capacityAh; // 0.05 V at 1C whatever the size
        this.logS = logS;
        this.stored = 0.02 * capacityAh;
    }

    /** From now on a resistance of this many ohms sits across the cell (infinity: none). */
    public ResistiveShortCell shortWith(double ohm) {
        this.shortOhm = ohm;
        return this;
    }

    /** The mean leak current over the last {@link #cycles} call's cycles would be V/R; handy for checks. */
    public double shortOhm() {
        return shortOhm;
    }

    public ResistiveShortCell cycles(int n) {
        for (int i = 0; i < n; i++) {
            cycle();
        }
        return this;
    }

    private void cycle() {
        cycle++;
        chargeAh = 0;
        dischargeAh = 0;
        // CC charge until the voltage limit (a cell whose short takes the whole current stops at 5 h).
        double elapsed = 0;
        while (terminal(currentA) < V_MAX && elapsed < 5 * 3600 * capacityAh / currentA) {
            tick(1, StepType.CHARGE, currentA);
            elapsed++;
        }
        // CV: the current the cycler must drive to hold V_MAX.
        for (double cv = 0; cv < 1800; cv++) {
            double i = (V_MAX * (1 + internalOhm / shortOhm) - ocv()) / internalOhm;
            if (i < currentA / 20) {
                break;
            }
            tick(2, StepType.CHARGE, Math.min(i, currentA));
        }
        for (int s = 0; s < 600; s++) {
            tick(3, StepType.REST, 0);
        }
        while (terminal(-currentA) > V_MIN && stored > 0) {
            tick(4, StepType.DISCHARGE, -currentA);
        }
        for (int s = 0; s < 600; s++) {
            tick(5, StepType.REST, 0);
        }
    }

    private double ocv() {
        return SyntheticFullCell.ocv(stored / capacityAh);
    }

    private double terminal(double appliedA) {
        return (ocv() + appliedA * internalOhm) / (1 + internalOhm / shortOhm);
    }

    /** One second at this applied current: the short takes V/R, the rest changes what is stored. */
    private void tick(int step, StepType type, double appliedA) {
        double v = terminal(appliedA);
        double leak = v / shortOhm;
        stored = Math.max(0, stored + (appliedA - leak) / 3600);
        if (appliedA > 0) {
            chargeAh += appliedA / 3600;
        } else {
            dischargeAh -= appliedA / 3600;
        }
        t++;
        sinceLog++;
        if (sinceLog >= logS) {
            sinceLog = 0;
            samples.add(CyclerRows.row(
                    channelId,
                    ++record,
                    t,
                    cycle,
                    step,
                    type,
                    terminal(appliedA),
                    appliedA,
                    chargeAh,
                    dischargeAh,
                    null,
                    null));
        }
    }

    public List<Sample> samples() {
        return samples;
    }
}

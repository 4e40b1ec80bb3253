package io.cellwatch.simulator.lab;

import java.util.ArrayList;
import java.util.List;

/**
 * The events of a cell's plan bound to the wall clock instead of to a cycle index: what a lab does
 * to a whole chamber or rack at one moment, so every cell in it meets the event at the same channel
 * second whatever cycle it has reached (replicate groups, whose cells drift apart in cycles as they
 * age differently). Events bound to the schedule's cycle counter stay on {@link CellPlan}.
 */
final class ClockEvents {
    /**
     * The chamber at another temperature from channel second fromS to toS (infinity: for good). The
     * chamber air and, within minutes, the cell follow at the moment; the resistance with them.
     */
    record ChamberStep(double fromS, double toS, double deltaC, double capacityFactor) {
        boolean covers(double channelS) {
            return channelS >= fromS && channelS < toS;
        }

        String describe() {
            String until = toS == Double.POSITIVE_INFINITY
                    ? "on"
                    : String.format(java.util.Locale.ROOT, "to %.1f h", toS / 3600);
            return String.format(
                    java.util.Locale.ROOT,
                    "%+.0f K, capacity ×%.2f, the chamber from %.1f h %s",
                    deltaC,
                    capacityFactor,
                    fromS / 3600,
                    until);
        }
    }

    /**
     * The lab holds the channel from channel second fromS for durationS in whatever step it is (an
     * operator pausing a rack for a holiday or a shutdown, then resuming it): the cycler keeps the
     * step's number and type, passes no current, and logs rows every 10 min or none.
     */
    record LabPause(double fromS, double durationS, boolean logged) {}

    final List<ChamberStep> chamberSteps = new ArrayList<>();
    /** By start. */
    final List<LabPause> pauses = new ArrayList<>();

    /** The chamber step in force at this channel second, or null. */
    ChamberStep chamberStep(double channelS) {
        for (ChamberStep step : chamberSteps) {
            if (step.covers(channelS)) {
                return step;
            }
        }
        return null;
    }

    /** The chamber's offset from its usual temperature at this channel second, K. */
    double deltaC(double channelS) {
        ChamberStep step = chamberStep(channelS);
        return step == null ? 0 : step.deltaC();
    }

    /** The chamber's capacity factor at this channel second. */
    double capacityFactor(double channelS) {
        ChamberStep step = chamberStep(channelS);
        return step == null ? 1 : step.capacityFactor();
    }

    /** The next channel second after s at which a chamber step begins or ends, or infinity. */
    double nextChamberChangeS(double s) {
        double next = Double.POSITIVE_INFINITY;
        for (ChamberStep step : chamberSteps) {
            next = Math.min(next, CellPlan.edgeAfter(s, step.fromS(), step.toS()));
        }
        return next;
    }

    /** The first pause beginning at or after channel second s, or null. */
    LabPause pauseFrom(double s) {
        for (LabPause pause : pauses) {
            if (pause.fromS() >= s - 1e-6) {
                return pause;
            }
        }
        return null;
    }
}

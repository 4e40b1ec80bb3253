package io.cellwatch.simulator.lab;

import java.util.Locale;

/**
 * When a cycler writes a row: every {@code intervalS} seconds, or (voltage-triggered logging, the
 * default of many Arbin and Maccor schedules) when the measured voltage has moved by
 * {@code voltageStepV} since the last row or {@code longestIntervalS} has passed. Step ends are
 * always logged.
 */
public record LoggingPolicy(double intervalS, double voltageStepV, double longestIntervalS) {
    /** The physics is stepped at most this far between voltage-triggered logging checks. */
    static final double TRIGGER_CHECK_S = 5;

    public LoggingPolicy {
        if (!(intervalS > 0) && !(voltageStepV > 0)) {
            throw new IllegalArgumentException("a logging policy needs an interval or a voltage step");
        }
    }

    public static LoggingPolicy every(double seconds) {
        return new LoggingPolicy(seconds, 0, seconds);
    }

    public static LoggingPolicy voltageTriggered(double stepV, double longestS) {
        return new LoggingPolicy(0, stepV, longestS);
    }

    public boolean voltageTriggered() {
        return voltageStepV > 0;
    }

    /** The physics' longest step between two possible rows. */
    double candidateSpacingS() {
        return voltageTriggered() ? Math.min(TRIGGER_CHECK_S, longestIntervalS) : intervalS;
    }

    public String describe() {
        return voltageTriggered()
                ? String.format(Locale.ROOT, "a row per %.0f mV or %.0f s", 1000 * voltageStepV, longestIntervalS)
                : String.format(Locale.ROOT, "a row every %s s", trim(intervalS));
    }

    private static String trim(double s) {
        return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
    }
}

package io.cellwatch.simulator.lab;

/**
 * How one cycler channel measures and writes, beyond its logging policy: which counters reset
 * when, the current sensor's offset and gain, voltage noise, and the record-number and counter
 * restarts a cycler's software produces inside a file. Mutable only while a template fills it in.
 */
final class CyclerQuirks {
    /** Capacity counters reset at every step change (Maccor, Neware) rather than every cycle (Arbin). */
    boolean countersResetPerStep;

    /** Current-sensor offset (A, added to every reading) and the channel seconds from which it reads so. */
    double currentOffsetA;

    double currentOffsetFromS;
    /** Relative gain error reached after gainDriftOverS seconds (linear drift from 0). */
    double gainDrift;

    double gainDriftOverS = 1;
    /** Channel seconds at which the record number restarts at 1. */
    double[] recordRestartsAtS = new double[0];
    /** Channel seconds at which both capacity counters drop to zero in the middle of a step. */
    double[] counterResetsAtS = new double[0];
    /** Gaussian voltage noise, V (cycler grade: 1 mV). */
    double voltageNoiseV = 0.001;
    /** Alternating instrument pickup on the voltage, V amplitude (0: none). */
    double pickupV;
    /** Relative current noise per reading. */
    double currentNoiseRel = 0.0005;
    /** Record number of the first row (a channel that joined a running test continues the cycler's). */
    long firstRecordNumber = 1;

    double gainAt(double channelS) {
        return 1 + gainDrift * Math.min(1, Math.max(0, channelS) / gainDriftOverS);
    }

    double offsetAt(double channelS) {
        return channelS >= currentOffsetFromS ? currentOffsetA : 0;
    }
}

package io.cellwatch.simulator;

/**
 * Everything that defines a simulated full cell and its cycling protocol. Package-internal and
 * mutable only while {@link Fleet} fills it in; a channel reads it and never writes it.
 */
final class FullCellSpec {
    String chemistry;
    OcvCurve ocv;
    double nominalAh;
    Double areaCm2;
    Double activeMassG;

    double vMax;
    double vMin;
    double chargeCRate;
    double dischargeCRate;
    /** Longest constant-voltage hold; the hold also ends at cvCutoffCRate when that is positive. */
    double cvMaxS;

    double cvCutoffCRate;
    double restS = 600;
    double resistanceOhm;
    /**
     * Concentration polarisation as a state-of-charge shift per C of ionic current: the electrode
     * surface runs ahead of the bulk by k·C, so a cell reaches its voltage limits earlier at high
     * rate. This is what makes capacity depend on rate, and a slow diagnostic cycle reach deeper
     * than the cycles around it (odd CE on the diagnostic cycle and the next one, as in real data).
     */
    double concentrationSocPerC;
    /** The cycler stops a charge step that runs longer than this many times its nominal duration. */
    double chargeTimeLimitFactor = 3;

    /** Available capacity at cycle 1 as a fraction of nominal, and its linear fade per cycle. */
    double initialCapacityFraction = 1.0;

    double fadePerCycle;
    /** Cycle-to-cycle scatter of the available capacity, relative. */
    double capacityNoiseRel = 0.001;
    /** Fraction of the charge lost to side reactions (1 − CE), its relative scatter, and the first-cycle extra. */
    double ceLoss;

    double ceLossNoiseRel = 0.25;
    double formationLoss;

    int startCycle = 1;
    /** A slow diagnostic cycle every this many cycles (0 = none), at this C-rate. */
    int diagnosticEvery;

    double diagnosticCRate = 0.1;
    double diagnosticCvCutoffCRate = 0.02;

    double temperatureC = 25;
    LeakSchedule leak = LeakSchedule.NONE;

    boolean isDiagnostic(int cycle) {
        return diagnosticEvery > 0 && cycle % diagnosticEvery == 0;
    }

    /** Available capacity of this cycle before scatter. */
    double capacityAh(int cycle) {
        return nominalAh * initialCapacityFraction * Math.max(0.05, 1 - fadePerCycle * (cycle - 1));
    }

    /** A field-by-field copy, for probing the protocol without touching this spec. */
    FullCellSpec copy() {
        FullCellSpec c = new FullCellSpec();
        c.chemistry = chemistry;
        c.ocv = ocv;
        c.nominalAh = nominalAh;
        c.areaCm2 = areaCm2;
        c.activeMassG = activeMassG;
        c.vMax = vMax;
        c.vMin = vMin;
        c.chargeCRate = chargeCRate;
        c.dischargeCRate = dischargeCRate;
        c.cvMaxS = cvMaxS;
        c.cvCutoffCRate = cvCutoffCRate;
        c.restS = restS;
        c.resistanceOhm = resistanceOhm;
        c.concentrationSocPerC = concentrationSocPerC;
        c.chargeTimeLimitFactor = chargeTimeLimitFactor;
        c.initialCapacityFraction = initialCapacityFraction;
        c.fadePerCycle = fadePerCycle;
        c.capacityNoiseRel = capacityNoiseRel;
        c.ceLoss = ceLoss;
        c.ceLossNoiseRel = ceLossNoiseRel;
        c.formationLoss = formationLoss;
        c.startCycle = startCycle;
        c.diagnosticEvery = diagnosticEvery;
        c.diagnosticCRate = diagnosticCRate;
        c.diagnosticCvCutoffCRate = diagnosticCvCutoffCRate;
        c.temperatureC = temperatureC;
        c.leak = leak;
        return c;
    }
}

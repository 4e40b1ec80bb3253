package io.cellwatch.simulator.lab;

import java.util.List;

/** Hand-made cells for physics tests: no noise, no scatter, no side reactions unless asked. */
final class Plans {
    private Plans() {}

    static CellPlan cell(Chemistry chemistry, double capacityAh, double resistanceOhm) {
        CellPlan p = new CellPlan();
        p.chemistry = chemistry;
        p.nominalAh = capacityAh;
        p.capacityAh = capacityAh;
        p.resistanceOhm = resistanceOhm;
        p.concentrationSocPerC = 0.04;
        p.relaxationS = 200;
        p.capacityScatterRel = 0;
        p.ceLossScatterRel = 0;
        p.chargeRate = 0.5;
        p.dischargeRate = 0.5;
        p.cvCutoffRate = 0.05;
        p.restAfterChargeS = 600;
        p.restAfterDischargeS = 600;
        return p;
    }

    static CyclerQuirks quietCycler() {
        CyclerQuirks q = new CyclerQuirks();
        q.voltageNoiseV = 0;
        q.currentNoiseRel = 0;
        return q;
    }

    /** One cell with the metadata a lab would declare for it, as the library's templates declare it. */
    static LabScenario scenario(
            FaultFamily family, CellPlan p, LoggingPolicy logging, CyclerQuirks quirks, double hours) {
        return scenario(family, new LabScenario.Cell(DECLARE.info(p), p, null, logging, quirks, hours, 0));
    }

    private static final CellDraw DECLARE = new CellDraw("test", 1);

    private static LabScenario scenario(FaultFamily family, LabScenario.Cell cell) {
        return new LabScenario("test", 1, family, "test", "test", List.of(cell), List.of(), LabScenario.START_EPOCH_MS);
    }

    static SymmetricPlan symmetric() {
        SymmetricPlan p = new SymmetricPlan();
        p.chemistry = "Li|QCPE@P-DOL|Li";
        p.areaCm2 = 1.0;
        p.temperatureC = 30;
        p.exchangeCurrentDensity = 0.171;
        p.asrOhmCm2 = 257;
        p.currentDensity = 0.2;
        p.halfCycleS = 3600;
        return p;
    }

    static LabScenario scenario(
            FaultFamily family, SymmetricPlan p, LoggingPolicy logging, CyclerQuirks quirks, double hours) {
        return scenario(family, new LabScenario.Cell(DECLARE.info(p), null, p, logging, quirks, hours, 0));
    }
}

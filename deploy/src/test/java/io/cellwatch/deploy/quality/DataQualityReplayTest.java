package io.cellwatch.deploy.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.cellwatch.deploy.ReplayRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each data-quality condition shown by a small export in a vendor's real text format, read by the
 * format's reader and run through the channel pipeline by {@code cellwatch replay} (the live
 * topology runs the same pipeline). Every test also names the detectors the warning says it
 * blinds and for how long.
 */
class DataQualityReplayTest {
    private static final double TWO_HOURS_S = 7200;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(VendorExport.class)
    void aCleanExportRaisesNoDataQualityWarning(VendorExport vendor) throws IOException {
        ReplayRun run = replay(vendor.write(CellLog.cycling(3, TWO_HOURS_S, 60), dir, "clean"));

        assertThat(run.cycles()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(quality(run)).isEmpty();
    }

    @Test
    void chargesLoggedEveryQuarterHourAreTooCoarseForTheImminentShortDetector() throws IOException {
        ReplayRun run = replay(VendorExport.ARBIN.write(CellLog.cycling(3, TWO_HOURS_S, 900), dir, "coarse"));

        JsonNode alert = single(run, "data_quality_coarse_logging");
        assertThat(alert.get("cycle").asInt()).isEqualTo(1);
        assertThat(alert.get("severity").asText()).isEqualTo("warning");
        assertThat(alert.get("evidence").get("samples").asInt()).isEqualTo(8);
        assertThat(alert.get("evidence").get("minSamples").asInt()).isEqualTo(20);
        assertThat(alert.get("message").asText())
                .contains("charge step 1 of cycle 1 has 8 samples over 1.8 h (one every 900 s; at least 20 needed)")
                .contains("blinds imminent-short, voltage-drop, full-cell-hard-short for every charge shorter than "
                        + "5.0 h while the channel logs every 900 s");
    }

    @Test
    void halfCyclesLoggedEveryTenMinutesAreTooCoarseForTheSymmetricCellDetectors() throws IOException {
        Path file = VendorExport.NEWARE.write(CellLog.cycling(3, 3600, 600), dir, "lili");
        ReplayRun run = replay(file, "--cell-type", "symmetric", "--area-cm2", "1.0");

        JsonNode alert = single(run, "data_quality_coarse_logging");
        assertThat(alert.get("message").asText())
                .contains("half-cycle 1 of cycle 1 has 6 samples over 0.8 h (one every 600 s; at least 10 needed)")
                .contains("blinds overpotential, critical-current-density for every half-cycle shorter than 1.7 h "
                        + "while the channel logs every 600 s");
    }

    @Test
    void testTimeRunningBackwardsIsReported() throws IOException {
        CellLog log = CellLog.cycling(3, TWO_HOURS_S, 60);
        log.shiftTimeFrom(log.step(2, 1).get(60), -1800);
        ReplayRun run = replay(VendorExport.MACCOR.write(log, dir, "clock"));

        JsonNode alert = single(run, "data_quality_time_backwards");
        assertThat(alert.get("cycle").asInt()).isEqualTo(2);
        assertThat(alert.get("message").asText())
                .contains("Test time ran backwards by 1740 s")
                .contains("blinds imminent-short, voltage-drop, full-cell-hard-short for the time steps around record");
    }

    @Test
    void aThreeHourHoleInAChargeIsATimeJump() throws IOException {
        // Three hours of rows lost while the charge ran: the counter went on counting across the hole.
        CellLog log = CellLog.cycling(3, 5 * 3600, 60);
        log.rows.removeAll(log.step(2, 1).subList(60, 240));
        ReplayRun run = replay(VendorExport.NEWARE.write(log, dir, "gap"));

        JsonNode alert = single(run, "data_quality_time_jump");
        assertThat(alert.get("cycle").asInt()).isEqualTo(2);
        assertThat(alert.get("evidence").get("gapS").asDouble()).isEqualTo(3 * 3600 + 60);
        assertThat(alert.get("message").asText())
                .contains("No sample for 3.0 h inside step 1 of cycle 2 under current")
                .contains("blinds imminent-short, voltage-drop, full-cell-hard-short across the 3.0 h gap");
    }

    @Test
    void aChargeThePausedCyclerHeldForHoursIsNoTimeJump() throws IOException {
        // The cycler paused the charge for three hours: the clock ran on, the counter stood (no current flowed).
        CellLog log = CellLog.cycling(3, TWO_HOURS_S, 60);
        log.shiftTimeFrom(log.step(2, 1).get(60), 3 * 3600);
        ReplayRun run = replay(VendorExport.NEWARE.write(log, dir, "paused"));

        assertThat(quality(run)).isEmpty();
    }

    @Test
    void aChargeResumedAfterAnImpedanceScanIsJudgedWhole() throws IOException {
        // 2.5 h charges logged every 4 min (37 samples), each stopped after 1.5 h for a 10-minute scan and resumed:
        // the last hour alone has 15 samples, the charge has its 37.
        CellLog log = new CellLog();
        for (int cycle = 1; cycle <= 3; cycle++) {
            log.step(cycle, 1, CellLog.CURRENT_A, 5400, 240);
            log.step(cycle, 9, 0, 600, 60);
            log.step(cycle, 1, CellLog.CURRENT_A, 3600, 240);
            log.step(cycle, 2, -CellLog.CURRENT_A, 9000, 240);
            log.step(cycle, 3, 0, 600, 60);
        }
        ReplayRun run = replay(VendorExport.ARBIN.write(log, dir, "scan"));

        assertThat(quality(run)).isEmpty();
    }

    @Test
    void aChannelLoggingTooCoarselyForSomeOfItsChargesIsWarnedOnceNotPerCharge() throws IOException {
        // Every 4 min: charges of 1.3 h (19 samples) and 1.5 h (22) alternate; the warning stands from the first.
        CellLog log = new CellLog();
        for (int cycle = 1; cycle <= 8; cycle++) {
            double chargeS = cycle % 2 == 1 ? 19 * 240 : 22 * 240;
            log.step(cycle, 1, CellLog.CURRENT_A, chargeS, 240);
            log.step(cycle, 2, 0, 600, 60);
            log.step(cycle, 3, -CellLog.CURRENT_A, chargeS * 0.99, 240);
            log.step(cycle, 4, 0, 600, 60);
        }
        ReplayRun run = replay(VendorExport.ARBIN.write(log, dir, "marginal"));

        assertThat(single(run, "data_quality_coarse_logging").get("cycle").asInt())
                .isEqualTo(1);
        assertThat(quality(run))
                .allSatisfy(alert -> assertThat(alert.get("status").asText()).isEqualTo("firing"));
    }

    @Test
    void aCcCvChargeNeedsItsRowsOnlyWhereItsVoltageClimbs() throws IOException {
        // 25 min of CC logged every 100 s (15 rows), then 40 min at 4.10 V with the current tapering from 0.5 to
        // 0.05 A, logged on voltage (it does not move) and every 10 min: 19 rows over the charge, but the CC part
        // passed about 60 % of it and has more than its 12 of the 20.
        CellLog log = new CellLog();
        for (int cycle = 1; cycle <= 4; cycle++) {
            log.step(cycle, 1, CellLog.CURRENT_A, 1500, 100);
            log.heldCharge(cycle, 2, 4.10, CellLog.CURRENT_A, 0.05, 2400, 600);
            log.step(cycle, 3, 0, 600, 60);
            log.step(cycle, 4, -CellLog.CURRENT_A, 2400, 60);
            log.step(cycle, 5, 0, 600, 60);
        }
        ReplayRun run = replay(VendorExport.ARBIN.write(log, dir, "cccv"));

        assertThat(quality(run)).isEmpty();
    }

    @Test
    void aShortConstantCurrentPartLoggedCoarselyBeforeItsConstantVoltageStepIsWarned() throws IOException {
        // A 10-min CC part logged every 150 s (4 rows), then 30 min at constant voltage: the charge lasts 40 min and
        // its CC part passed about 40 % of it (a row fewer on the first cycle, which begins the data), so it needs
        // about
        // 8 rows for the imminent short's tenths of the charge.
        CellLog log = new CellLog();
        for (int cycle = 1; cycle <= 2; cycle++) {
            log.step(cycle, 1, CellLog.CURRENT_A, 600, 150);
            log.heldCharge(cycle, 2, 4.10, CellLog.CURRENT_A, 0.05, 1800, 300);
            log.step(cycle, 3, 0, 600, 60);
            log.step(cycle, 4, -CellLog.CURRENT_A, 1500, 60);
            log.step(cycle, 5, 0, 600, 60);
        }
        ReplayRun run = replay(VendorExport.ARBIN.write(log, dir, "fastcc"));

        JsonNode alert = single(run, "data_quality_coarse_logging");
        assertThat(alert.get("message").asText()).contains("charge over steps 1–2 of cycle 1 has 4 samples");
        assertThat(alert.get("evidence").get("minSamples").asInt()).isBetween(7, 10);
    }

    @Test
    void aTopUpWhoseConstantCurrentPartIsShortNeedsOnlyItsShareOfTheRows() throws IOException {
        // 2 min of CC logged every minute reach the limit, then 40 min of constant voltage: the CC part passed about
        // a tenth of the charge, and its 2 rows are its share of 20.
        CellLog log = new CellLog();
        for (int cycle = 1; cycle <= 3; cycle++) {
            log.step(cycle, 1, CellLog.CURRENT_A, 120, 60);
            log.heldCharge(cycle, 2, 4.10, CellLog.CURRENT_A, 0.05, 2400, 600);
            log.step(cycle, 3, 0, 600, 60);
            log.step(cycle, 4, -CellLog.CURRENT_A, 1500, 60);
            log.step(cycle, 5, 0, 600, 60);
        }
        ReplayRun run = replay(VendorExport.ARBIN.write(log, dir, "topup"));

        assertThat(quality(run)).isEmpty();
    }

    @Test
    void aChargeSteppingDownItsCurrentOnAFlatPlateauIsJudgedAsOneCharge() throws IOException {
        // 20 min at 0.5 A and 20 min at 0.25 A along a plateau flat to the millivolt, each logged every 4 min, then a
        // constant-voltage step: 10 climbing rows over 40 min. A step-down is not a taper: each step held its current.
        CellLog log = new CellLog();
        for (int cycle = 1; cycle <= 2; cycle++) {
            log.heldCharge(cycle, 1, 3.42, CellLog.CURRENT_A, CellLog.CURRENT_A, 1200, 240);
            log.heldCharge(cycle, 2, 3.42, CellLog.CURRENT_A / 2, CellLog.CURRENT_A / 2, 1200, 240);
            log.heldCharge(cycle, 3, 3.60, CellLog.CURRENT_A / 2, 0.02, 1800, 600);
            log.step(cycle, 4, 0, 600, 60);
            log.step(cycle, 5, -CellLog.CURRENT_A, 1800, 60);
            log.step(cycle, 6, 0, 600, 60);
        }
        ReplayRun run = replay(VendorExport.ARBIN.write(log, dir, "stepdown"));

        assertThat(single(run, "data_quality_coarse_logging").get("message").asText())
                .contains("charge over steps 1–3 of cycle 1 has 10 samples over 0.6 h not held at constant voltage");
    }

    @Test
    void aFinelyLoggedConstantVoltageStepDoesNotHideACoarseChargeBeforeIt() throws IOException {
        // 2 h of constant current logged every 15 min (8 rows), then an hour at constant voltage logged every 10 s.
        CellLog log = new CellLog();
        for (int cycle = 1; cycle <= 2; cycle++) {
            log.step(cycle, 1, CellLog.CURRENT_A, TWO_HOURS_S, 900);
            log.heldCharge(cycle, 2, 4.10, CellLog.CURRENT_A, 0.05, 3600, 10);
            log.step(cycle, 3, 0, 600, 60);
            log.step(cycle, 4, -CellLog.CURRENT_A, TWO_HOURS_S, 60);
            log.step(cycle, 5, 0, 600, 60);
        }
        ReplayRun run = replay(VendorExport.ARBIN.write(log, dir, "finecv"));

        assertThat(single(run, "data_quality_coarse_logging").get("message").asText())
                .contains("charge over steps 1–2 of cycle 1 has 8 samples over 1.8 h not held at constant voltage");
    }

    @Test
    void aChargeHeldAtConstantVoltageThroughoutIsNotJudgedForItsSampleCount() throws IOException {
        // A 2-hour hold at 4.10 V logged every 10 min (12 rows), the current tapering to a tenth: no dV/dQ to read.
        CellLog log = new CellLog();
        for (int cycle = 1; cycle <= 3; cycle++) {
            log.heldCharge(cycle, 1, 4.10, CellLog.CURRENT_A, 0.05, 7200, 600);
            log.step(cycle, 2, 0, 600, 60);
            log.step(cycle, 3, -CellLog.CURRENT_A, 1800, 60);
            log.step(cycle, 4, 0, 600, 60);
        }
        ReplayRun run = replay(VendorExport.ARBIN.write(log, dir, "hold"));

        assertThat(quality(run)).isEmpty();
    }

    @Test
    void aConstantCurrentAlongAFlatPlateauIsStillJudged() throws IOException {
        // The same 12 rows over 2 h at a voltage just as flat, but with the current held: a climbing charge logged
        // too coarsely for the dV/dQ read, not a constant-voltage taper.
        CellLog log = new CellLog();
        for (int cycle = 1; cycle <= 2; cycle++) {
            log.heldCharge(cycle, 1, 3.42, CellLog.CURRENT_A, CellLog.CURRENT_A, 7200, 600);
            log.step(cycle, 2, 0, 600, 60);
            log.step(cycle, 3, -CellLog.CURRENT_A, 7200, 60);
            log.step(cycle, 4, 0, 600, 60);
        }
        ReplayRun run = replay(VendorExport.ARBIN.write(log, dir, "plateau"));

        assertThat(single(run, "data_quality_coarse_logging").get("message").asText())
                .contains("charge step 1 of cycle 1 has 12 samples");
    }

    @Test
    void cyclesWithNoChargeLongEnoughToJudgeNeitherRaiseNorResolveTheWarning() throws IOException {
        // Cycle 1's 40-min charge has 10 rows; from cycle 2 on the charges last 25 min, too short to be judged: the
        // warning stands instead of resolving on no evidence.
        CellLog log = new CellLog();
        for (int cycle = 1; cycle <= 5; cycle++) {
            double chargeS = cycle == 1 ? 2400 : 1500;
            log.step(cycle, 1, CellLog.CURRENT_A, chargeS, 240);
            log.step(cycle, 2, 0, 600, 60);
            log.step(cycle, 3, -CellLog.CURRENT_A, chargeS * 0.99, 60);
            log.step(cycle, 4, 0, 600, 60);
        }
        ReplayRun run = replay(VendorExport.ARBIN.write(log, dir, "unjudged"));

        assertThat(single(run, "data_quality_coarse_logging").get("cycle").asInt())
                .isEqualTo(1);
        assertThat(quality(run))
                .allSatisfy(alert -> assertThat(alert.get("status").asText()).isEqualTo("firing"));
    }

    @Test
    void aBlockOfShortChargesLoggedFinelyShowsTheLoggingFixed() throws IOException {
        // Cycle 1's 40-min charge has 10 rows; the lab then logs every minute, but the charges last 25 min, too short
        // to be judged: logged at a rate that would pass, at under half the warned interval, they resolve it.
        CellLog log = new CellLog();
        for (int cycle = 1; cycle <= 5; cycle++) {
            log.step(cycle, 1, CellLog.CURRENT_A, cycle == 1 ? 2400 : 1500, cycle == 1 ? 240 : 60);
            log.step(cycle, 2, 0, 600, 60);
            log.step(cycle, 3, -CellLog.CURRENT_A, 1500, 60);
            log.step(cycle, 4, 0, 600, 60);
        }
        ReplayRun run = replay(VendorExport.ARBIN.write(log, dir, "fixed"));

        assertThat(quality(run))
                .extracting(alert ->
                        alert.get("status").asText() + "@" + alert.get("cycle").asInt())
                .containsExactly("firing@1", "resolved@3");
    }

    @Test
    void recordNumbersStartingAgainAreReportedOnceAndTheirRowsNumberedOn() throws IOException {
        CellLog log = CellLog.cycling(3, TWO_HOURS_S, 60);
        ReplayRun clean = replay(VendorExport.ARBIN.write(log, dir, "clean"));
        int restart = log.rows.indexOf(log.step(2, 3).get(0));
        for (int i = restart; i < log.rows.size(); i++) {
            log.rows.get(i).record = i - restart + 1;
        }
        ReplayRun run = replay(VendorExport.ARBIN.write(log, dir, "restart"));

        JsonNode alert = single(run, "data_quality_record_restart");
        assertThat(alert.get("cycle").asInt()).isEqualTo(2);
        assertThat(alert.get("evidence").get("dataPoint").asInt()).isEqualTo(1);
        assertThat(alert.get("message").asText())
                .contains("Record numbers restarted: record 1")
                .contains("record number 1 after " + restart)
                .endsWith("; blinds no detector");
        // The test sequence numbers the rows on: every cycle is summarized as in the clean export.
        assertThat(run.cycles()).hasSameSizeAs(clean.cycles());
    }

    @Test
    void aCapacityCounterFallingMidStepIsReported() throws IOException {
        CellLog log = CellLog.cycling(3, TWO_HOURS_S, 60);
        List<CellLog.Row> charge = log.step(2, 1);
        double before = charge.get(59).chargeAh;
        charge.subList(60, charge.size()).forEach(row -> row.chargeAh -= before);
        ReplayRun run = replay(VendorExport.ARBIN.write(log, dir, "counter"));

        JsonNode alert = single(run, "data_quality_counter_reset");
        assertThat(alert.get("cycle").asInt()).isEqualTo(2);
        assertThat(alert.get("evidence").get("counterBeforeAh").asDouble()).isCloseTo(before, within(1e-6));
        assertThat(alert.get("message").asText())
                .contains("charge capacity counter fell from 0.5 to")
                .contains("blinds soft-short-capacity-divergence, soft-short-ce-fluctuation, capacity-fade, "
                        + "imminent-short for cycle 2");
    }

    @Test
    void voltageAndCurrentFrozenForHoursUnderChargeAreAStuckReading() throws IOException {
        CellLog log = CellLog.cycling(3, 6 * 3600, 600);
        List<CellLog.Row> charge = log.step(2, 1);
        charge.subList(5, 30).forEach(row -> row.voltage = charge.get(5).voltage);
        ReplayRun run = replay(VendorExport.BIOLOGIC.write(log, dir, "frozen"));

        JsonNode alert = single(run, "data_quality_stuck_reading");
        assertThat(alert.get("cycle").asInt()).isEqualTo(1); // EC-Lab counts cycles from 0
        assertThat(alert.get("evidence").get("samples").asInt()).isEqualTo(20);
        assertThat(alert.get("message").asText())
                .contains("Voltage and current frozen at")
                .contains("blinds imminent-short, voltage-drop, full-cell-hard-short while the reading stays frozen");
    }

    @Test
    void aRestStillReadingTheChargeCurrentIsAStuckCurrentReading() throws IOException {
        CellLog log = CellLog.cycling(3, TWO_HOURS_S, 60);
        log.step(2, 2).forEach(row -> row.currentA = CellLog.CURRENT_A);
        ReplayRun run = replay(VendorExport.MACCOR.write(log, dir, "carried"));

        JsonNode alert = single(run, "data_quality_stuck_reading");
        assertThat(alert.get("cycle").asInt()).isEqualTo(2);
        assertThat(alert.get("message").asText())
                .contains(
                        "Current reading stuck: 3 samples of step 2 (rest) still read the previous charge step's 0.5 A")
                .contains("while the current reading stays stuck");
    }

    @Test
    void aFileWithoutStepNumbersTurningItsCurrentAtEachHalfCycleIsNoStuckReading() throws IOException {
        // A lab's own CSV read through a mapping: a cycle column but no step column, so every row is "step 0"
        // and each cycle's charge and discharge share it. The last discharge current of one cycle is no charge
        // current carried into the next cycle's discharge.
        StringBuilder csv = new StringBuilder("t_s,U_V,I_mA,cycle\n");
        for (int k = 0; k < 120; k++) {
            boolean charge = k % 20 < 10;
            csv.append(String.format(
                    java.util.Locale.ROOT,
                    "%d,%.3f,%s,%d%n",
                    k * 60,
                    charge ? 3.50 + 0.01 * (k % 10) : 3.60 - 0.01 * (k % 10),
                    charge ? "1.5" : "-1.5",
                    k / 20 + 1));
        }
        Path export = java.nio.file.Files.writeString(dir.resolve("no-steps.csv"), csv);
        Path mapping = java.nio.file.Files.writeString(dir.resolve("no-steps.yaml"), """
                columns:
                  testTime: t_s
                  voltage: U_V
                  current: {name: I_mA, unit: mA}
                  cycle: cycle
                """);
        ReplayRun run = replay(export, "--format", "generic", "--mapping", mapping.toString());

        assertThat(run.cycles()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(quality(run))
                .as("no data-quality warning on a plain step-less export")
                .isEmpty();
    }

    @Test
    void aVoltageBeyondAnyCyclerRangeIsOutOfRange() throws IOException {
        CellLog log = CellLog.cycling(3, TWO_HOURS_S, 60);
        log.step(2, 3).get(10).voltage = "99.5";
        ReplayRun run = replay(VendorExport.ARBIN.write(log, dir, "range"));

        JsonNode alert = single(run, "data_quality_out_of_range");
        assertThat(alert.get("cycle").asInt()).isEqualTo(2);
        assertThat(alert.get("evidence").get("value").asDouble()).isEqualTo(99.5);
        assertThat(alert.get("message").asText())
                .contains("Out-of-range voltage reading 99.5 V")
                .contains("blinds imminent-short, voltage-drop, full-cell-hard-short for record");
    }

    @Test
    void nanReadingsAreCountedPerChannelAndReported() throws IOException {
        CellLog log = CellLog.cycling(3, TWO_HOURS_S, 60);
        log.step(2, 3).get(10).voltage = "NaN";
        log.step(2, 3).get(20).voltage = "NaN";
        Path file = VendorExport.ARBIN.write(log, dir, "nan");
        ReplayRun run = replay(file);

        assertThat(run.stderr()).contains("2 malformed row(s) skipped");
        JsonNode alert = single(run, "data_quality_unreadable_rows");
        assertThat(alert.get("channel").asText()).isEqualTo("nan");
        assertThat(alert.get("cycle").asInt()).isEqualTo(2);
        assertThat(alert.get("evidence").get("unreadableRows").asInt()).isEqualTo(1);
        assertThat(alert.get("message").asText())
                .contains("Unreadable row at " + file + ":")
                .contains("field 'Voltage(V)': not a finite number: 'NaN'")
                .contains("blinds soft-short-capacity-divergence");
    }

    @Test
    void aFullCellUnderAnAnodeHalfCellsMetadataIsAWrongDeclaration() throws IOException {
        // A full cell cycling at 3.4-4.15 V, left under the metadata of the anode half cell the channel held.
        Path file = VendorExport.NEWARE.write(CellLog.cycling(3, TWO_HOURS_S, 60), dir, "reused");
        ReplayRun run = replay(file, "--cell-type", "half", "--ce-convention", "anode", "--chemistry", "Si|LP30|Li");

        // Its first charge and discharge, then the discharge and the second charge: two cycles running.
        JsonNode alert = single(run, "data_quality_declared_cell");
        assertThat(alert.get("cycle").asInt()).isEqualTo(2);
        assertThat(alert.get("evidence").get("meanChargeVoltageV").asDouble()).isBetween(3.4, 4.2);
        assertThat(alert.get("evidence").get("meanDischargeVoltageV").asDouble())
                .isBetween(3.3, 4.1);
        assertThat(alert.get("message").asText())
                .contains("Declared an anode half cell (Si|LP30|Li, CE = Q_charge/Q_discharge)")
                .contains("blinds soft-short-ce-fluctuation (its anode half cell line");
    }

    @Test
    void anAnodeHalfCellAtAnAnodesVoltagesIsNoWrongDeclaration() throws IOException {
        // The same steps 3.3 V lower: silicon against lithium, delithiated to 0.85 V and lithiated to 0.05 V.
        CellLog log = CellLog.cycling(3, TWO_HOURS_S, 60);
        log.rows.forEach(row -> row.voltage = VendorExport.num(row.voltageV() - 3.3));
        ReplayRun run =
                replay(VendorExport.NEWARE.write(log, dir, "si"), "--cell-type", "half", "--ce-convention", "anode");

        assertThat(run.cycles()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(quality(run)).isEmpty();
    }

    @Test
    void aPulsePairAtAFreshAnodesOpenCircuitVoltageIsNoWrongDeclaration() throws IOException {
        // A resistance check before formation: a discharge and a charge pulse at the fresh electrode's 3 V, logged
        // every second, then the anode's lithiation (the cycler's discharge) and delithiation at 0.05-0.85 V.
        CellLog log = new CellLog();
        log.step(1, 1, -CellLog.CURRENT_A, 30, 1);
        log.step(1, 2, CellLog.CURRENT_A, 30, 1);
        log.rows.forEach(row -> row.voltage = VendorExport.num(3.0));
        int pulses = log.rows.size();
        for (int cycle = 1; cycle <= 3; cycle++) {
            log.step(cycle, 3, -CellLog.CURRENT_A, TWO_HOURS_S, 60);
            log.step(cycle, 4, 0, 600, 60);
            log.step(cycle, 5, CellLog.CURRENT_A, TWO_HOURS_S * 0.99, 60);
            log.step(cycle, 6, 0, 600, 60);
        }
        log.rows.subList(pulses, log.rows.size()).forEach(row -> row.voltage = VendorExport.num(row.voltageV() - 3.3));
        ReplayRun run =
                replay(VendorExport.NEWARE.write(log, dir, "fresh"), "--cell-type", "half", "--ce-convention", "anode");

        assertThat(run.cycles()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(quality(run)).isEmpty();
    }

    private static ReplayRun replay(Path file, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of(options));
        args.add(file.toString());
        ReplayRun run = ReplayRun.of(args.toArray(String[]::new));
        assertThat(run.exit()).as(run.stderr()).isZero();
        return run;
    }

    private static List<JsonNode> quality(ReplayRun run) {
        return run.alerts().stream()
                .filter(a -> a.get("kind").asText().startsWith("data_quality_"))
                .toList();
    }

    /** The one firing event of this kind (the episode fires once, however often the condition shows). */
    private static JsonNode single(ReplayRun run, String kind) {
        List<JsonNode> firing = quality(run).stream()
                .filter(a -> a.get("kind").asText().equals(kind))
                .filter(a -> a.get("status").asText().equals("firing"))
                .toList();
        assertThat(firing).as("firing %s among %s", kind, quality(run)).hasSize(1);
        return firing.get(0);
    }
}

package io.cellwatch.ingest.format.novonix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cellwatch.ingest.format.Collected;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.text.FileFormatException;
import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Novonix UHPC file as its software writes it: summary and protocol blocks, then the data after {@code [Data]}. */
class NovonixFormatTest {
    /** The blocks before the data, as Novonix's HPC software 2.3 writes them (its protocol block abridged). */
    private static final String PREAMBLE = """
            [Summary]
            Novonix HPC data file
            Novonix
            Channel: 01
            Cell: cell-12.csv
            Serial Number:\s
            Protocol: formation.pro1
            Mass (g): 1.000
            Capacity (Ah): 1.000
            Area (cm2): 1.000
            Started: 2023-06-14 5:22:45 PM
            Version: 2.3.0
            [End Summary]
            [Protocol]
            Protocol: formation.pro1
            [0: Open_circuit_storage:]
               [End step when step time > 10 seconds]
            [3: CC-CV_charge: 20 C/xx to 4.2 V]
               [During CV, Save data when Δt > 600 seconds]
            [End Protocol]
            [Data]
            """;

    /** Its header: 15 names, while every row carries 20 values. */
    private static final String HEADER = "Date and Time,Cycle Number,Step Type,Run Time (h),Step Time (h),Current (A),"
            + "Potential (V),Capacity (Ah),Temperature (°C),Circuit Temperature (°C),Energy (Wh),dVdt (I/h),dIdt (V/h),"
            + "Step Number,Step position\n";

    @TempDir
    Path dir;

    @Test
    void theCapacityAndEnergyBalanceRisesInTheChargeAndFallsInTheDischarge() throws IOException {
        // As software 2.3.0 writes it (a real export's pattern, abridged): the CC and CV parts of a charge (7, 8)
        // take the balance up, the rest holds it, the discharge (2) takes it down, the next charge (1) goes on
        // from what the discharge left.
        Path file = Files.writeString(dir.resolve("balance.csv"), PREAMBLE + HEADER + """
                        2023-06-14 5:22:45 PM,1,0,0.0000000,0.0000000,0.0000000000,3.40,0.0000000000,25.0,22.3,0.0000,0,0,1,0,0,0,,0,0
                        2023-06-14 5:22:56 PM,1,7,0.0030083,0.0000000,0.0000000000,3.40,0.0000000000,25.0,22.3,0.0000,0,0,2,1,0,0,,0,0
                        2023-06-14 5:52:56 PM,1,7,0.5030083,0.5000000,0.5000000000,4.20,0.2500000000,25.1,22.3,0.9800,0,0,2,0,0,0,,0,0
                        2023-06-14 6:22:56 PM,1,8,1.0030083,1.0000000,0.0500000000,4.20,0.2800000000,25.1,22.3,1.1000,0,0,2,0,0,0,,0,0
                        2023-06-14 6:22:57 PM,1,0,1.0032861,0.0000000,0.0000000000,4.19,0.2800000000,25.0,22.3,1.1000,0,0,3,1,0,0,,0,0
                        2023-06-14 6:32:56 PM,1,0,1.1696750,0.1666667,0.0000000000,4.15,0.2800000000,25.0,22.3,1.1000,0,0,3,0,0,0,,0,0
                        2023-06-14 6:32:57 PM,1,2,1.1699528,0.0000000,-0.5000000000,4.10,0.2800000000,24.9,22.3,1.1000,0,0,4,1,0,0,,0,0
                        2023-06-14 7:02:56 PM,1,2,1.6696750,0.4997222,-0.5000000000,3.80,0.0300000000,24.9,22.3,0.1500,0,0,4,0,0,0,,0,0
                        2023-06-14 7:02:57 PM,1,1,1.6699528,0.0000000,0.0000000000,3.81,0.0300000000,24.9,22.3,0.1500,0,0,5,1,0,0,,0,0
                        2023-06-14 7:14:56 PM,1,1,1.8696750,0.1997222,0.5000000000,3.95,0.1300000000,24.9,22.3,0.5400,0,0,5,0,0,0,,0,0
                        """);
        Collected c = Collected.read(new NovonixFormat(), file);

        assertThat(c.errors).isEmpty();
        Sample endOfDischarge = c.samples.get(7);
        assertThat(endOfDischarge.stepType()).isEqualTo(StepType.DISCHARGE);
        assertThat(endOfDischarge.chargeCapacityAh()).isEqualTo(0.28, within(1e-12));
        assertThat(endOfDischarge.dischargeCapacityAh())
                .as("the balance's fall from 0.28 to 0.03 Ah")
                .isEqualTo(0.25, within(1e-12));
        assertThat(endOfDischarge.dischargeEnergyWh()).isEqualTo(0.95, within(1e-12));
        assertThat(c.last().chargeCapacityAh())
                .as("the second charge counted from the 0.03 Ah the discharge left")
                .isEqualTo(0.38, within(1e-12));
        assertThat(c.last().chargeEnergyWh()).isEqualTo(1.49, within(1e-12));
        assertThat(c.last().dischargeCapacityAh()).isEqualTo(0.25, within(1e-12));
    }

    @Test
    void anOlderFilesBalanceGoesNegativeInTheFirstDischargeAndCrossesZeroInTheCharge() throws IOException {
        // Software 3.0.2.1 (rows of a real export, abridged): a 1.5 A discharge from a fresh cell takes the balance
        // to -0.4328 Ah; the CC-CV charge of cycle 2 takes it through zero to +0.53; the next discharge to -0.41.
        Path file = Files.writeString(dir.resolve("hpc.csv"), PREAMBLE + """
                        Date and Time,Cycle Number,Step Number,Run Time (h), Step Time (h),Current (A),Potential (V),Capacity (Ah),Temperature (°C),Circuit Temperature (°C)
                        1/3/2019 9:33:48 AM,1,0,0.0000000,0.0000000,0.0000000000,3.50476652,0.0000000000,20.00000000,23.342
                        1/3/2019 2:33:48 PM,1,1,5.0000694,0.0000000,-1.4999997061,3.48000000,0.0000000000,20.00000000,23.657
                        1/3/2019 2:44:51 PM,1,1,5.1842083,0.1841389,-1.4999997061,3.22795677,-0.2761246504,20.00000000,23.657
                        1/3/2019 2:51:07 PM,1,1,5.2886333,0.2885639,-1.4999986944,2.69941845,-0.4328121158,20.00000000,23.601
                        1/3/2019 2:51:07 PM,1,0,5.2886694,0.0000000,0.0000000000,2.69826937,-0.4328121158,20.00000000,23.601
                        1/3/2019 3:01:07 PM,1,0,5.4553417,0.1666722,0.0000000000,2.87064375,-0.4328121158,20.00000000,23.719
                        1/3/2019 3:01:07 PM,2,7,5.4554194,0.0000000,0.0000000000,2.87064414,-0.4328121158,20.00000000,23.719
                        1/3/2019 3:34:10 PM,2,7,6.0061250,0.5507056,0.1998615868,3.23774993,-0.3227550132,20.00000000,23.689
                        1/3/2019 7:40:05 PM,2,7,10.1047784,4.6493590,0.1998613844,3.64722694,0.4956497995,20.00000000,23.495
                        1/3/2019 9:40:05 PM,2,8,12.1047784,0.0000000,0.1500000000,4.20000000,0.4956497995,20.00000000,23.495
                        1/3/2019 11:40:05 PM,2,8,14.1047784,2.0000000,0.0200000000,4.20000000,0.5300000000,20.00000000,23.495
                        1/3/2019 11:50:05 PM,2,0,14.2714451,0.1666667,0.0000000000,4.15000000,0.5300000000,20.00000000,23.495
                        1/4/2019 12:00:05 AM,2,1,14.4381118,0.0000000,-1.5000000000,4.10000000,0.5300000000,20.00000000,23.495
                        1/4/2019 12:37:41 AM,2,1,15.0647784,0.6266667,-1.5000000000,2.70000000,-0.4100000000,20.00000000,23.495
                        """);
        Collected c = Collected.read(new NovonixFormat(), file);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples.get(3).dischargeCapacityAh()).isEqualTo(0.4328121158, within(1e-12));
        assertThat(c.samples.get(10).chargeCapacityAh())
                .as("from -0.4328 through zero to +0.53 Ah")
                .isEqualTo(0.9628121158, within(1e-12));
        assertThat(c.last().dischargeCapacityAh()).isEqualTo(0.4328121158 + 0.94, within(1e-12));
        assertThat(c.last().chargeCapacityAh()).isEqualTo(0.9628121158, within(1e-12));
    }

    @Test
    void aTestRestartedInTheSameFileIsReadAfterItsOwnSummaryAndHeader() throws IOException {
        String older = "Date and Time,Cycle Number,Step Number,Run Time (h),Step Time (h),Current (A),Potential (V),"
                + "Capacity (Ah),Temperature (°C)\n";
        Path file = Files.writeString(
                dir.resolve("restarted.csv"),
                PREAMBLE + older + """
                        1/3/2019 9:33:48 AM,1,0,0.0000000,0.0000000,0.0000000000,3.50,0.0000000000,20.0
                        1/3/2019 2:33:48 PM,1,1,5.0000000,0.0000000,-1.5000000000,3.48,0.0000000000,20.0
                        1/3/2019 2:51:07 PM,1,1,5.2886333,0.2886333,-1.5000000000,2.70,-0.4328121158,20.0
                        1/3/2019 3:01:07 PM,2,7,5.4554194,0.0000000,0.0000000000,2.87,-0.4328121158,20.0
                        1/3/2019 5:13:04 PM,2,7,7.6542917,2.1988722,0.1998607774,3.51,0.0066493857,20.0
                        """ + PREAMBLE.replace("5:22:45 PM", "7:41:32 PM") + older + """
                        1/3/2019 7:41:32 PM,1,7,0.0000000,0.0000000,0.0000000000,3.64,0.0000000000,20.0
                        1/3/2019 9:40:05 PM,1,7,1.9758889,1.9758889,0.1998613844,4.20,0.3950000000,20.0
                        1/3/2019 11:40:06 PM,1,8,3.9761667,2.0000000,0.0200000000,4.20,0.4300000000,20.0
                        """);
        Collected c = Collected.read(new NovonixFormat(), file);

        assertThat(c.errors)
                .as("the second test's summary and protocol are no rows")
                .isEmpty();
        assertThat(c.samples).hasSize(8);
        Sample restart = c.samples.get(5);
        assertThat(restart.testTimeS()).as("the new test's clock").isZero();
        assertThat(restart.cycleIndex()).isEqualTo(1);
        assertThat(c.samples.get(4).chargeCapacityAh()).isEqualTo(0.4394615015, within(1e-12));
        assertThat(restart.chargeCapacityAh())
                .as("the new test's counters start from zero, as its clock does")
                .isZero();
        assertThat(c.last().chargeCapacityAh()).isEqualTo(0.43, within(1e-12));
        assertThat(c.last().dischargeCapacityAh()).isZero();
    }

    @Test
    void aSecondSummaryThatStartsNoDataIsAnErrorNamingItsLine() throws IOException {
        StringBuilder rest = new StringBuilder("[Summary]\n");
        for (int i = 0; i < 10_001; i++) {
            rest.append("[protocol line ").append(i).append("]\n");
        }
        Path file = Files.writeString(dir.resolve("no-data.csv"), PREAMBLE + HEADER + """
                        2023-06-14 5:22:45 PM,1,0,0.0000000,0.0000000,0.0000000000,3.40,0.0000000000,25.0,22.3,0.0,0,0,1,0,0,0,,0,0
                        """ + rest);
        int summaryLine = PREAMBLE.split("\n").length + 3;
        assertThatThrownBy(() -> Collected.read(new NovonixFormat(), file))
                .isInstanceOf(FileFormatException.class)
                .hasMessageContaining("no-data.csv")
                .hasMessageContaining("the '[Summary]' at line " + summaryLine + " starts no data");
    }

    /** The older layout's columns: the type code under {@code Step Number}, no step index. */
    private static final String OLDER_HEADER = "Date and Time,Cycle Number,Step Number,Run Time (h),Step Time (h),"
            + "Current (A),Potential (V),Capacity (Ah),Temperature (°C)\n";

    @Test
    void aStepSeenOnlyByItsStepTimeGoingBackStartsTheCounterAgain() throws IOException {
        // The older layout writes 7 and 8 (the CC and CV parts of a charge) with no step index: only the step
        // time says the CV step began. A counter that starts again with it is not a fall of 0.28 Ah.
        Path file = Files.writeString(dir.resolve("cv.csv"), PREAMBLE + OLDER_HEADER + """
                        2019-02-01 9:00:00 AM,1,0,0.0000,0.0000,0.0,3.40,0.00,25.0
                        2019-02-01 9:00:01 AM,1,7,0.0003,0.0000,0.0,3.40,0.00,25.0
                        2019-02-01 9:30:00 AM,1,7,0.5000,0.4997,0.5,4.18,0.25,25.0
                        2019-02-01 9:33:36 AM,1,7,0.5600,0.5597,0.5,4.20,0.28,25.0
                        2019-02-01 9:33:37 AM,1,8,0.5603,0.0000,0.1,4.20,0.00,25.0
                        2019-02-01 10:00:00 AM,1,8,1.0000,0.4397,0.03,4.20,0.02,25.0
                        """);
        Collected c = Collected.read(new NovonixFormat(), file);
        assertThat(c.errors).isEmpty();
        assertThat(c.last().chargeCapacityAh()).isEqualTo(0.30, within(1e-12));
    }

    @Test
    void withoutAStepTimeAChangedStepIndexStartsAStep() throws IOException {
        String header = "Date and Time,Cycle Number,Step Type,Run Time (h),Current (A),Potential (V),Capacity (Ah),"
                + "Step Number\n";
        Path file = Files.writeString(dir.resolve("no-step-time.csv"), PREAMBLE + header + """
                        2019-02-01 9:00:00 AM,1,1,0.00,0.5,3.40,0.00,1
                        2019-02-01 9:33:36 AM,1,1,0.56,0.5,4.20,0.28,1
                        2019-02-01 9:33:37 AM,1,1,0.5603,0.1,4.20,0.00,2
                        2019-02-01 10:00:00 AM,1,1,1.00,0.1,4.20,0.02,2
                        """);
        Collected c = Collected.read(new NovonixFormat(), file);
        assertThat(c.errors).isEmpty();
        assertThat(c.last().chargeCapacityAh()).isEqualTo(0.30, within(1e-12));
    }

    @Test
    void aChargeWhoseFirstRowsWereLeftOutIsTheChangeItsCurrentAndStepTimeSay() throws IOException {
        // The 3.0.2.1 rows with the charge's first two rows left out (a file thinned for sharing): the next kept
        // row is 4.65 h into the step at 0.2 A, so the balance went from -0.4328 to +0.4956, not from 0.
        Path file = Files.writeString(dir.resolve("thinned.csv"), PREAMBLE + OLDER_HEADER + """
                        1/3/2019 2:33:48 PM,1,1,5.0000694,0.0000000,-1.4999997061,3.48000000,0.0000000000,20.0
                        1/3/2019 2:51:07 PM,1,1,5.2886333,0.2885639,-1.4999986944,2.69941845,-0.4328121158,20.0
                        1/3/2019 2:51:07 PM,1,0,5.2886694,0.0000000,0.0000000000,2.69826937,-0.4328121158,20.0
                        1/3/2019 3:01:07 PM,1,0,5.4553417,0.1666722,0.0000000000,2.87064375,-0.4328121158,20.0
                        1/3/2019 7:40:05 PM,2,7,10.1047784,4.6493590,0.1998613844,3.64722694,0.4956497995,20.0
                        1/3/2019 9:40:05 PM,2,8,12.1047784,0.0000000,0.1500000000,4.20000000,0.4956497995,20.0
                        1/3/2019 11:40:05 PM,2,8,14.1047784,2.0000000,0.0200000000,4.20000000,0.5300000000,20.0
                        """);
        Collected c = Collected.read(new NovonixFormat(), file);
        assertThat(c.errors).isEmpty();
        assertThat(c.last().chargeCapacityAh()).isEqualTo(0.9628121158, within(1e-12));
    }

    @Test
    void anEmptyCapacityOnAStepsFirstRowLeavesTheStepStartToTheNextReading() throws IOException {
        Path file = Files.writeString(dir.resolve("empty.csv"), PREAMBLE + OLDER_HEADER + """
                        2019-02-01 9:00:00 AM,1,7,0.0000,0.0000,0.5,3.40,0.00,25.0
                        2019-02-01 9:33:36 AM,1,7,0.5600,0.5600,0.5,4.20,0.28,25.0
                        2019-02-01 9:33:37 AM,1,8,0.5603,0.0000,0.1,4.20,,25.0
                        2019-02-01 9:40:00 AM,1,8,0.6667,0.1064,0.08,4.20,0.01,25.0
                        2019-02-01 10:00:00 AM,1,8,1.0000,0.4397,0.03,4.20,0.02,25.0
                        """);
        Collected c = Collected.read(new NovonixFormat(), file);
        assertThat(c.errors).isEmpty();
        assertThat(c.last().chargeCapacityAh()).isEqualTo(0.30, within(1e-12));
    }

    @Test
    void aCopyOfAnOlderRowAmongAPulsesRowsIsRefusedNamingBothRunTimes() throws IOException {
        // Rows of the 3.0.2.1 export (abridged): at the end of a 10 s, 5 A pulse the software wrote a row with the
        // run time and balance of 2.7 h earlier (1 Ah lower) but the pulse's current; the rest after it goes on
        // from the balance before the copy. Read as a fall, it added 1 Ah of discharge to a 0.05 Ah cycle.
        Path file = Files.writeString(dir.resolve("copied-row.csv"), PREAMBLE + OLDER_HEADER + """
                        1/3/2019 9:33:48 AM,1,0,0.0000000,0.0000000,0.0000000000,3.50476652,0.0000000000,20.0
                        1/5/2019 3:47:18 AM,5,1,32.0956278,0.0026000,-4.9997365786,3.70623288,0.5966782687,20.0
                        1/5/2019 3:47:19 AM,5,1,32.0957944,0.0027667,-4.9997325319,3.70561409,0.5958449799,20.0
                        1/5/2019 3:47:19 AM,5,1,32.0958139,0.0027861,-4.9997318575,3.70561409,0.5956366578,20.0
                        1/5/2019 3:47:19 AM,5,1,29.4056861,0.0028028,-4.9997369158,3.41629960,-0.4045038957,20.0
                        1/5/2019 3:47:19 AM,5,0,32.0958444,0.0000000,0.0000000000,3.70546531,0.5956366578,20.0
                        1/5/2019 3:47:49 AM,5,0,32.1042111,0.0083667,0.0000000000,3.75650296,0.5956366578,20.0
                        """);
        Collected c = Collected.read(new NovonixFormat(), file);
        assertThat(c.errors).hasSize(1);
        assertThat(c.errors.get(0))
                .hasMessageContaining("copied-row.csv")
                .hasMessageContaining("'Run Time (h)'")
                .hasMessageContaining("29.4057 h is before the row above's 32.0958 h");
        assertThat(c.samples).hasSize(6);
        assertThat(c.last().dischargeCapacityAh() - c.samples.get(1).dischargeCapacityAh())
                .isEqualTo(0.5966782687 - 0.5956366578, within(1e-12));
        assertThat(c.last().chargeCapacityAh()).isZero();
    }

    @Test
    void twoCopiesOfRowsOfAnotherStepInARowAreBothRefused() throws IOException {
        // Two copies inside a discharge with an older cycle's run times, balances and cycle and a rest's step
        // code: read, their cycle would close the one running and their step would make the next row a step's
        // first.
        Path file = Files.writeString(dir.resolve("two-copies.csv"), PREAMBLE + OLDER_HEADER + """
                        2019-02-01 9:00:00 AM,1,0,0.00,0.00,0.0,3.40,0.00,25.0
                        2019-02-01 9:30:00 AM,2,1,0.50,0.50,-1.0,3.30,-0.50,25.0
                        2019-02-01 9:30:01 AM,1,0,0.01,0.50,0.0,3.40,0.00,25.0
                        2019-02-01 9:30:02 AM,1,0,0.02,0.50,0.0,3.40,0.00,25.0
                        2019-02-01 9:36:00 AM,2,1,0.60,0.60,-1.0,3.25,-0.60,25.0
                        """);
        Collected c = Collected.read(new NovonixFormat(), file);
        assertThat(c.errors).hasSize(2);
        assertThat(c.samples).extracting(Sample::cycleIndex).containsExactly(1, 2, 2);
        assertThat(c.last().dischargeCapacityAh()).isEqualTo(0.60, within(1e-12));
    }

    @Test
    void aClockSetBackWhileTheTestGoesOnIsReadAfterTheRowsACopyCouldBe() throws IOException {
        Path file = Files.writeString(dir.resolve("clock.csv"), PREAMBLE + OLDER_HEADER + """
                        2019-02-01 4:00:00 AM,1,0,0.00,0.00,0.0,3.40,0.00,25.0
                        2019-02-01 9:00:00 AM,2,1,5.00,0.50,-1.0,3.30,-0.50,25.0
                        2019-02-01 9:06:00 AM,2,1,5.10,0.60,-1.0,3.25,-0.60,25.0
                        2019-02-01 9:12:00 AM,2,1,0.10,0.70,-1.0,3.20,-0.70,25.0
                        2019-02-01 9:18:00 AM,2,1,0.20,0.80,-1.0,3.15,-0.80,25.0
                        2019-02-01 9:24:00 AM,2,1,0.30,0.90,-1.0,3.10,-0.90,25.0
                        2019-02-01 9:30:00 AM,2,1,0.40,1.00,-1.0,3.05,-1.00,25.0
                        2019-02-01 9:36:00 AM,2,1,0.50,1.10,-1.0,3.00,-1.10,25.0
                        """);
        Collected c = Collected.read(new NovonixFormat(), file);
        assertThat(c.errors).as("three rows behind could be copies").hasSize(3);
        assertThat(c.samples).hasSize(5);
        assertThat(c.last().dischargeCapacityAh() - c.samples.get(1).dischargeCapacityAh())
                .as("from -0.50 to -1.10 Ah: the refused rows' flow is in the first row read after them")
                .isEqualTo(0.60, within(1e-12));
    }

    @Test
    void aTestStartedAgainWithoutASummaryStartsItsCountersFromZero() throws IOException {
        Path file = Files.writeString(dir.resolve("again.csv"), PREAMBLE + OLDER_HEADER + """
                        2019-02-01 9:00:00 AM,1,0,0.00,0.00,0.0,3.40,0.00,25.0
                        2019-02-01 9:30:00 AM,1,7,0.50,0.50,1.0,4.00,0.50,25.0
                        2019-02-01 10:00:00 AM,1,7,1.00,1.00,1.0,4.20,1.00,25.0
                        2019-02-01 11:00:00 AM,1,0,0.00,0.00,0.0,3.40,0.00,25.0
                        2019-02-01 11:30:00 AM,1,7,0.50,0.50,1.0,4.00,0.50,25.0
                        """);
        Collected c = Collected.read(new NovonixFormat(), file);
        assertThat(c.errors).isEmpty();
        assertThat(c.samples.get(3).chargeCapacityAh())
                .as("the new test's first row")
                .isZero();
        assertThat(c.last().chargeCapacityAh()).isEqualTo(0.50, within(1e-12));
    }

    @Test
    void aRestAfterAChargeWhoseEndWasLeftOutKeepsTheChargeInItsCycle() throws IOException {
        // A thinned file: the charge's second half left out, its end across zero (-0.99 to +0.01 Ah).
        Path file = Files.writeString(dir.resolve("tail.csv"), PREAMBLE + OLDER_HEADER + """
                        2019-02-01 9:00:00 AM,1,7,0.00,0.00,1.0,3.40,-0.99,25.0
                        2019-02-01 9:30:00 AM,1,7,0.50,0.50,1.0,3.90,-0.49,25.0
                        2019-02-01 10:00:00 AM,1,0,1.00,0.00,0.0,4.10,0.01,25.0
                        2019-02-01 10:10:00 AM,1,0,1.17,0.17,0.0,4.05,0.01,25.0
                        """);
        Collected c = Collected.read(new NovonixFormat(), file);
        assertThat(c.errors).isEmpty();
        assertThat(c.last().chargeCapacityAh()).isEqualTo(1.00, within(1e-12));
    }

    @Test
    void aZeroCurrentRowWhereTheBalanceMovedKeepsWhatFlowed() throws IOException {
        // The 3.0.2.1 export's interrupted charge: after a four-minute gap in the 0.2 A charge its last row reads
        // 0 A while the balance rose by 0.0132 Ah since the row above (1.4 % of that charge).
        Path file = Files.writeString(dir.resolve("zero-current.csv"), PREAMBLE + OLDER_HEADER + """
                        1/3/2019 7:30:00 PM,2,7,10.000,4.545,0.2,3.64,0.4800,20.0
                        1/3/2019 7:34:30 PM,2,7,10.075,4.620,0.2,3.64,0.4950,20.0
                        1/3/2019 7:38:30 PM,2,7,10.141,4.686,0.0,3.60,0.5082,20.0
                        """);
        Collected c = Collected.read(new NovonixFormat(), file);
        assertThat(c.errors).isEmpty();
        assertThat(c.last().chargeCapacityAh()).isEqualTo(0.0282, within(1e-12));
    }

    @Test
    void aStepTimeThatIsNoNumberRefusesNoRow() throws IOException {
        // The step time is read only to find steps' first rows: a garbled one is no reason to lose a sample.
        Path file = Files.writeString(dir.resolve("garbled.csv"), PREAMBLE + OLDER_HEADER + """
                        2019-02-01 9:00:00 AM,1,7,0.0,0.0,0.5,3.40,0.00,25.0
                        2019-02-01 9:30:00 AM,1,7,0.5,#?,0.5,3.90,0.25,25.0
                        """);
        Collected c = Collected.read(new NovonixFormat(), file);
        assertThat(c.errors).isEmpty();
        assertThat(c.last().chargeCapacityAh()).isEqualTo(0.25, within(1e-12));
    }

    @Test
    void aFileEndingAfterASecondSummaryIsAnErrorNamingItsLine() throws IOException {
        Path file = Files.writeString(dir.resolve("cut.csv"), PREAMBLE + OLDER_HEADER + """
                        2019-02-01 9:00:00 AM,1,0,0.0,0.0,0.0,3.40,0.0,25.0
                        [Summary]
                        2019-02-01 9:30:00 AM,1,7,0.5,0.5,0.5,3.90,0.25,25.0
                        """);
        int summaryLine = PREAMBLE.split("\n").length + 3;
        assertThatThrownBy(() -> Collected.read(new NovonixFormat(), file))
                .isInstanceOf(FileFormatException.class)
                .hasMessageContaining("cut.csv")
                .hasMessageContaining("the '[Summary]' at line " + summaryLine + " starts no data: the file ends");
    }

    @Test
    void aCounterThatStartsAgainAtEachStepIsReadToo() throws IOException {
        // Rest (type 0), the CC then CV part of a CC-CV charge (7, 8), rest, and a discharge written with type 1,
        // as some Novonix files write it: its current says discharge. The counter here starts again at each
        // step, the first discharge row logged half an hour in. Unnamed values trail every row.
        Path file = Files.writeString(dir.resolve("cell-12.csv"), PREAMBLE + HEADER + """
                        2023-06-14 5:22:45 PM,1,0,0.0000000,0.0000000,0.0000000000,3.40,0.0000000000,25.0,22.3,0.0,0,0,1,0,0,0,,0,0
                        2023-06-14 5:22:56 PM,1,7,0.0030083,0.0000000,0.5000000000,3.45,0.0000000000,25.0,22.3,0.0,0,0,2,1,0,0,,0,0
                        2023-06-14 5:52:56 PM,1,7,0.5030083,0.5000000,0.5000000000,4.20,0.2500000000,25.1,22.3,0.98,0,0,2,0,0,0,,0.01,5.6
                        2023-06-14 6:22:56 PM,1,8,1.0030083,1.0000000,0.0500000000,4.20,0.2800000000,25.1,22.3,1.10,0,0,2,0,0,0,,0.01,5.6
                        2023-06-14 6:32:56 PM,1,0,1.1696750,0.1666667,0.0000000000,4.15,0.0000000000,25.0,22.3,0.0,0,0,3,0,0,0,,0,0
                        2023-06-14 7:02:56 PM,1,1,1.6696750,0.5000000,-0.5000000000,3.80,0.2500000000,24.9,22.3,0.95,0,0,4,0,0,0,,0,0
                        2023-06-14 7:32:56 PM,1,1,2.1696750,1.0000000,-0.5000000000,3.60,0.2750000000,24.9,22.3,1.02,0,0,4,2,0,0,,0,0
                        """);
        assertThat(CyclerFormats.detect(file).name()).isEqualTo("novonix");
        Collected c = Collected.read(new NovonixFormat(), file);

        assertThat(c.errors).isEmpty();
        assertThat(c.samples).hasSize(7);
        assertThat(c.samples)
                .extracting(Sample::stepType)
                .containsExactly(
                        StepType.REST,
                        StepType.CHARGE,
                        StepType.CHARGE,
                        StepType.CHARGE,
                        StepType.REST,
                        StepType.DISCHARGE,
                        StepType.DISCHARGE);
        assertThat(c.samples)
                .as("hours, as the header says")
                .extracting(s -> Math.round(s.testTimeS()))
                .containsExactly(0L, 11L, 1811L, 3611L, 4211L, 6011L, 7811L);
        assertThat(c.samples.get(3).chargeCapacityAh())
                .as("the CV part counts on")
                .isEqualTo(0.28, within(1e-12));
        assertThat(c.samples.get(2).temperatureC()).isEqualTo(25.1);
        assertThat(c.samples.get(0).wallTimeMs())
                .as("a 12-hour clock after an ISO date, in the file's zone (UTC unless told)")
                .isEqualTo(Instant.parse("2023-06-14T17:22:45Z").toEpochMilli());
        assertThat(c.last().dischargeCapacityAh()).isEqualTo(0.275, within(1e-12));
        assertThat(c.last().currentA()).isEqualTo(-0.5);
        assertThat(c.samples).extracting(Sample::stepIndex).containsExactly(1, 2, 2, 2, 3, 4, 4);
    }

    @Test
    void anOlderFileWithoutStepTypeHasItsTypeCodeUnderStepNumber() throws IOException {
        Path file = Files.writeString(dir.resolve("older.csv"), PREAMBLE + """
                        Date and Time,Cycle Number,Step Number,Run Time (h),Step Time (h),Current (A),Potential (V),Capacity (Ah),Temperature (°C),Energy (Wh)
                        2019-02-01 9:00:00 AM,1,0,0.0,0.0,0.0,3.40,0.0,25.0,0.0
                        2019-02-01 9:30:00 AM,1,1,0.5,0.5,0.5,3.90,0.25,25.0,0.95
                        2019-02-01 10:00:00 AM,1,0,1.0,0.5,0.0,3.88,0.0,25.0,0.0
                        2019-02-01 10:30:00 AM,1,2,1.5,0.5,-0.5,3.60,0.25,25.0,0.90
                        """);
        Collected c = Collected.read(new NovonixFormat(), file);
        assertThat(c.errors).isEmpty();
        assertThat(c.samples)
                .extracting(Sample::stepType)
                .containsExactly(StepType.REST, StepType.CHARGE, StepType.REST, StepType.DISCHARGE);
        assertThat(c.last().dischargeCapacityAh()).isEqualTo(0.25, within(1e-12));
    }

    @Test
    void onlyAFileWhoseSummaryNamesNovonixIsThisFormat() {
        NovonixFormat format = new NovonixFormat();
        assertThat(format.recognises(Path.of("x.csv"), PREAMBLE.lines().toList()))
                .isTrue();
        assertThat(format.recognises(Path.of("x.csv"), java.util.List.of("[Summary]", "Some other cycler", "x")))
                .isFalse();
    }
}

package io.cellwatch.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.ingest.channels.ChannelOverrides;
import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.generic.GenericCsvFormat;
import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.CeConvention;
import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.model.Severity;
import io.cellwatch.streams.detect.HealthReading;
import io.cellwatch.streams.replay.OfflinePipeline;
import io.cellwatch.streams.topology.TopologySettings;
import io.cellwatch.testing.RealData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The detectors on real cycler exports (read by the vendor readers, run through the offline
 * pipeline with the live topology's detectors): healthy cells with diagnostic, reset and HPPC cycles
 * raise no soft-short and no critical alert; the 21700 cell at CE 0.71 and the fast-fading cell
 * with drifting CE raise a warning. Skips when the shared data folder is absent.
 */
class RealDataDetectionTest {

    private record Replayed(List<Alert> alerts, int cycles, Map<HealthReading, Integer> readings) {
        List<Alert> softShortOrCritical() {
            return alerts.stream()
                    .filter(a -> a.severity() == Severity.CRITICAL
                            || a.kind() == AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE
                            || a.kind() == AlertKind.SOFT_SHORT_CE_FLUCTUATION)
                    .toList();
        }
    }

    private static Replayed replay(String file) throws IOException {
        return replay(file, null);
    }

    /**
     * The file read with the metadata the lab gives its channel (a half cell, its CE convention), declared
     * before its first row as `replay` does; null: what the file itself says.
     */
    private static Replayed replay(String file, UnaryOperator<ChannelInfo> declared) throws IOException {
        return replay(file, null, declared);
    }

    /** ...read in this format (null: the one the file is recognised as). */
    private static Replayed replay(String file, CyclerFormat format, UnaryOperator<ChannelInfo> declared)
            throws IOException {
        Path path = RealData.require(file);
        List<Alert> alerts = new ArrayList<>();
        int[] cycles = {0};
        Map<HealthReading, Integer> readings = new EnumMap<>(HealthReading.class);
        OfflinePipeline pipeline = new OfflinePipeline(
                TopologySettings.defaultDetectors(),
                new OfflinePipeline.Listener() {
                    @Override
                    public void onCycle(CycleSummary cycle) {
                        cycles[0]++;
                    }

                    @Override
                    public void onAlert(Alert alert) {
                        alerts.add(alert);
                    }
                },
                (channel, reading, value) -> readings.merge(reading, 1, Integer::sum));
        if (declared != null) {
            pipeline.describe(declared.apply(ChannelInfo.defaultsFor(SourceFile.stem(path))));
        }
        List<MalformedRowException> malformed = new ArrayList<>();
        (format != null ? format : CyclerFormats.detect(path)).read(path, new RecordSink() {
            @Override
            public void channel(ChannelInfo info) {
                pipeline.describe(declared == null ? info : declared.apply(info));
            }

            @Override
            public void sample(Sample sample) {
                pipeline.accept(sample);
            }

            @Override
            public void cycle(CycleSummary cycle) {
                pipeline.acceptCycle(cycle);
            }

            @Override
            public void malformed(MalformedRowException error) {
                malformed.add(error);
            }
        });
        pipeline.finish();
        assertThat(cycles[0]).as("%s was read", file).isGreaterThan(1);
        return new Replayed(alerts, cycles[0], readings);
    }

    @Test
    void beepPreDiagCellWithDiagnosticResetAndRptBlocksRaisesNoSoftShortAndNoCritical() throws IOException {
        Replayed run = replay("beep/PreDiag_000233_00021F.beep-summary.csv");
        assertThat(run.cycles()).isGreaterThan(1600);
        assertThat(run.softShortOrCritical()).isEmpty();
        // Not vacuous: the soft-short detectors judged its cycles all along.
        assertThat(run.readings().get(HealthReading.SOFT_SHORT_SCORE)).isGreaterThan(1000);
        assertThat(run.readings().get(HealthReading.CE_FLUCTUATION_SCORE)).isGreaterThan(1000);
    }

    @Test
    void healthyTeslaDiagnosticMaccorFileRaisesNoSoftShortAndNoCritical() throws IOException {
        Replayed run = replay("beep/xTESLADIAG_000038.078");
        assertThat(run.softShortOrCritical()).isEmpty();
        assertThat(run.readings()).containsKey(HealthReading.IMMINENT_SHORT);
    }

    @Test
    void batteryDataHubCellWithHppcCyclesRaisesNoSoftShortAndNoCritical() throws IOException {
        Replayed summary = replay("battery-data-toolkit/p492-13-summary.csv");
        assertThat(summary.cycles()).isGreaterThan(200);
        assertThat(summary.softShortOrCritical()).isEmpty();
        assertThat(replay("battery-data-toolkit/p492-13-raw.csv").softShortOrCritical())
                .isEmpty();
    }

    @Test
    void arbinLfpExampleRaisesNoSoftShortAndNoCritical() throws IOException {
        assertThat(replay("battery-data-toolkit/arbin_example.csv").softShortOrCritical())
                .isEmpty();
    }

    @Test
    void the21700CellAtCe071RaisesAWarning() throws IOException {
        Replayed run = replay("beep/PredictionDiagnostics_000109_tztest.010");
        assertThat(run.alerts()).anySatisfy(a -> {
            assertThat(a.severity()).isEqualTo(Severity.WARNING);
            assertThat(a.kind()).isEqualTo(AlertKind.SOFT_SHORT_CE_FLUCTUATION);
            assertThat(a.cycleIndex()).isEqualTo(88);
            assertThat(a.evidence().get("coulombicEfficiency")).isBetween(0.70, 0.73);
        });
    }

    @Test
    void theFastFadingCellWithDriftingCeRaisesAWarning() throws IOException {
        Replayed run = replay("beep/PredictionDiagnostics_000107_0001B9.beep-summary.csv");
        assertThat(run.alerts()).anySatisfy(a -> {
            assertThat(a.severity()).isEqualTo(Severity.WARNING);
            assertThat(a.kind()).isEqualTo(AlertKind.CAPACITY_FADE);
            assertThat(a.evidence().get("fadePerCycle")).isGreaterThan(0.005);
        });
    }

    /**
     * The Si half cell whose delithiation gives out about 4 % more than its lithiation took from its second
     * cycle on (the data's README: a parasitic-current signature worth flagging), as a lab declares it: a
     * half cell, CE = Q_charge / Q_discharge. Its own CE baseline learns the leak; against 1 it shows.
     */
    @Test
    void theSiHalfCellGivingOutMoreThanItTookRaisesAWarningWithItsParasiticCurrent() throws IOException {
        ChannelOverrides siHalfCell = new ChannelOverrides(
                CellType.HALF, "Si|Li", null, null, null, null, CeConvention.CHARGE_OVER_DISCHARGE, null);
        for (String file : List.of(
                "cellpy/20160805_test001_45_cc.raw-from-cellpy-h5.csv",
                "binary/cellpy/20160805_test001_45_cc_01.res")) {
            Replayed run = replay(file, siHalfCell::applyTo);
            assertThat(run.alerts()).as(file).anySatisfy(a -> {
                assertThat(a.kind()).isEqualTo(AlertKind.SOFT_SHORT_CE_FLUCTUATION);
                assertThat(a.severity()).isEqualTo(Severity.WARNING);
                assertThat(a.cycleIndex()).isLessThanOrEqualTo(6);
                assertThat(a.message()).contains("gave out more than it took in");
                // About 2 % of its 0.3 mA: 4 % more out than in, the leak working against one step and with the other.
                assertThat(a.evidence().get("leakCurrentA")).isBetween(4e-6, 9e-6);
            });
        }
    }

    /**
     * The Li‖Li cell plating in one direction for 44 one-hour loops (the data README: overpotential
     * 79 → 133 mV, then ~59 mV with the noise up), read as a lab reads it: time and voltage at its
     * constant 0.4 mA, each loop a cycle from EC-Lab's loop file. Read as one 45-hour half-cycle it
     * raised nothing; loop by loop its rise is a drift and its fall a one-way collapse warning.
     */
    @Test
    void theLiLiCellsRisingOverpotentialWarnsWhenReadLoopByLoop() throws IOException {
        KnownExports.Known lili = KnownExports.of(
                "datalab-insitu/jr862_11_08_23_insitu-impedance-LiLi_1MLiTFSI_TEGDME-1mA_03_GCPL_C05.txt");
        assertThat(lili.mapping().loopFile()).isEqualTo("{stem}_LOOP.txt");

        Replayed run = replay(lili.file(), new GenericCsvFormat(lili.mapping()), lili.overrides()::applyTo);

        assertThat(run.cycles()).isEqualTo(45);
        assertThat(run.alerts()).anySatisfy(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.OVERPOTENTIAL_DRIFT);
            assertThat(a.severity()).isEqualTo(Severity.WARNING);
            // the README's segments: 79-99 mV over the first hours, over 115 mV from loop 12 on
            assertThat(a.cycleIndex()).isBetween(10, 20);
            assertThat(a.message()).contains("Overpotential rising");
        });
        // the fall to 59-83 mV from loop 25 on: a warning, since a current that never reverses cannot tell
        // a short from an offset or the electrodes' growing surface
        assertThat(run.alerts()).anySatisfy(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.OVERPOTENTIAL_COLLAPSE);
            assertThat(a.severity()).isEqualTo(Severity.WARNING);
            assertThat(a.cycleIndex()).isBetween(24, 30);
            assertThat(a.message()).contains("never reverses");
        });
        assertThat(run.alerts()).noneMatch(a -> a.severity() == Severity.CRITICAL);
    }
}

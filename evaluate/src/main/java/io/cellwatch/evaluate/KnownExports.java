package io.cellwatch.evaluate;

import io.cellwatch.ingest.channels.ChannelOverrides;
import io.cellwatch.ingest.format.generic.ColumnMapping;
import io.cellwatch.model.CeConvention;
import io.cellwatch.model.CellType;
import java.util.List;
import java.util.Map;

/**
 * What the real data's README says about each export: the cell (the Si half cells, the Li‖Li
 * cell recorded without a current column) and what the data shows. A declaration table, one entry
 * per file the README speaks of, so it stays one list rather than being split.
 */
final class KnownExports {
    /** What is known about one export: its metadata, how to read it, and what its README says it shows. */
    record Known(String file, ChannelOverrides overrides, ColumnMapping mapping, String expectation) {}

    private static final List<Known> ALL = List.of(
            new Known(
                    "beep/PredictionDiagnostics_000109_tztest.010",
                    ChannelOverrides.NONE,
                    null,
                    "flag: discharge falls ~5 %/cycle while charge holds (CE 0.71-0.72)"),
            new Known(
                    "beep/PreDiag_000233_00021F.beep-summary.csv",
                    ChannelOverrides.NONE,
                    null,
                    "quiet: 1,612 healthy cycles; CE 0.64 after diagnostic blocks, 1.40 on resets are protocol-made"),
            new Known(
                    "beep/PredictionDiagnostics_000107_0001B9.beep-summary.csv",
                    ChannelOverrides.NONE,
                    null,
                    "flag: rapid fade 3.76 -> 1.84 Ah over cycles 6-63, CE drifting to 0.966"),
            new Known("beep/xTESLADIAG_000038.078", ChannelOverrides.NONE, null, "quiet: healthy, slow fade"),
            new Known(
                    "cellpy/20160805_test001_45_cc.raw-from-cellpy-h5.csv",
                    half("Si|Li"),
                    null,
                    "flag: Si half cell, delithiation exceeds lithiation by ~4 % every cycle from cycle 2 (parasitic current)"),
            new Known(
                    "binary/cellpy/20160805_test001_45_cc_01.res",
                    half("Si|Li"),
                    null,
                    "flag: the Arbin .res of the Si half cell above (parasitic current, ~4 % per cycle)"),
            new Known(
                    "cellpy/neware_uio.csv",
                    half("Si|Li"),
                    null,
                    "no statement: Si half cell, 4 cycles (CE 83.5/97.2/98.3 %)"),
            new Known("cellpy/maccor_three.txt", chemistry("Na-ion"), null, "quiet: CE 0.991-0.998"),
            new Known(
                    "battery-data-toolkit/p492-13-summary.csv",
                    ChannelOverrides.NONE,
                    null,
                    "quiet: HPPC cycles (CE 7.53) and cycle 6 (CE 0.114) are not shorts"),
            new Known(
                    "battery-data-toolkit/p492-13-raw.csv",
                    ChannelOverrides.NONE,
                    null,
                    "quiet: graphite/NMC532 pouch, HPPC cycle"),
            new Known(
                    "datalab-insitu/jr862_11_08_23_insitu-impedance-LiLi_1MLiTFSI_TEGDME-1mA_03_GCPL_C05.txt",
                    new ChannelOverrides(
                            CellType.SYMMETRIC, "Li|1M LiTFSI TEGDME|Li", null, null, null, null, null, null),
                    new ColumnMapping(
                            "\t",
                            null,
                            Map.of(
                                    "testTime", ColumnMapping.ColumnRef.ofName("time/s"),
                                    "voltage", ColumnMapping.ColumnRef.ofName("Ewe/V")),
                            ColumnMapping.Quantity.of(0.4, "mA"),
                            null,
                            null,
                            "{stem}_LOOP.txt"),
                    "looks like a soft short: overpotential 79 -> 133 mV, then ~59 mV after ~24 h with growing noise "
                            + "(not labelled by the source); +-10 mV pickup throughout"));

    private KnownExports() {}

    /** What is known about the export at this path below the real-data folder ("no statement" if nothing). */
    static Known of(String relative) {
        return ALL.stream()
                .filter(k -> k.file().equals(relative))
                .findFirst()
                .orElse(new Known(relative, ChannelOverrides.NONE, null, "no statement"));
    }

    private static ChannelOverrides half(String chemistry) {
        return new ChannelOverrides(
                CellType.HALF, chemistry, null, null, null, null, CeConvention.CHARGE_OVER_DISCHARGE, null);
    }

    private static ChannelOverrides chemistry(String chemistry) {
        return new ChannelOverrides(null, chemistry, null, null, null, null, null, null);
    }
}

package io.cellwatch.ingest.format.summary;

import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.NamedFormat;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.RowReader;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.row.SampleRow;
import io.cellwatch.ingest.format.text.Cells;
import io.cellwatch.ingest.format.text.FileFormatException;
import io.cellwatch.ingest.format.text.Header;
import io.cellwatch.ingest.format.text.Header.Column;
import io.cellwatch.ingest.format.text.HeaderedRowReader;
import io.cellwatch.ingest.format.text.Units;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.InvalidRecordException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Per-cycle summary CSVs, for data that only exists at cycle level: one row per cycle with its
 * index and charge and discharge capacity, optionally energies and times. Column names of the
 * common producers are understood: beep and cellpy ({@code cycle_index, charge_capacity,
 * discharge_capacity, charge_energy, discharge_energy}), the DOE Battery Data Hub
 * ({@code Cycle_Index, Q_chg, Q_dis, E_chg, E_dis, tsecs_start, tsecs_end}), Battery Archive
 * ({@code Charge_Capacity (Ah)}), Neware ({@code Chg. Cap.(Ah)}; BTS 7's cycle sheet {@code Cycle ID,
 * Cap_Chg(mAh), Cap_DChg(mAh), Engy_Chg(mWh)}); units in parentheses are read, Ah and Wh otherwise. Separated
 * by commas, or semicolons (cellpy's summaries, with {@code cycle_num} in newer ones) or tabs, as the header
 * shows. An empty or NaN capacity is a cycle without that half (0 Ah).
 *
 * <p>Each row becomes a {@link CycleSummary} with CE in the channel's convention, handed to
 * {@link RecordSink#cycle}.
 */
public final class CycleSummaryCsvFormat extends NamedFormat {
    public static final String NAME = "cycle-summary";
    private static final String[] CYCLE = {
        "cycle_index", "Cycle_Index", "cycle", "Cycle Index", "cycle number", "cycle_num", "Cycle ID"
    };
    private static final String[] CHARGE = {
        "charge_capacity",
        "Q_chg",
        "Charge_Capacity_Ah",
        "Chg. Cap.",
        "charge_capacity_Ah",
        "Charge_Capacity",
        "Cap_Chg"
    };
    private static final String[] DISCHARGE = {
        "discharge_capacity",
        "Q_dis",
        "Discharge_Capacity_Ah",
        "DChg. Cap.",
        "discharge_capacity_Ah",
        "Discharge_Capacity",
        "Cap_DChg"
    };
    private static final String[] CHARGE_ENERGY = {
        "charge_energy", "E_chg", "Charge_Energy_Wh", "Chg. Energy", "charge_energy_Wh", "Charge_Energy", "Engy_Chg"
    };
    private static final String[] DISCHARGE_ENERGY = {
        "discharge_energy",
        "E_dis",
        "Discharge_Energy_Wh",
        "DChg. Energy",
        "discharge_energy_Wh",
        "Discharge_Energy",
        "Engy_DChg"
    };

    public CycleSummaryCsvFormat() {
        super(
                NAME,
                "per-cycle summary CSV: a cycle column and charge/discharge capacity columns, no voltage or current");
    }

    @Override
    public boolean recognises(Path file, List<String> firstLines) {
        return Header.ofDelimitedFirstLine(firstLines)
                .map(h -> h.has(CYCLE)
                        && h.has(CHARGE)
                        && h.has(DISCHARGE)
                        && !h.has("voltage", "Voltage_V", "current", "Current_A", "volts", "Ewe"))
                .orElse(false);
    }

    @Override
    public RowReader open(SourceFile source) {
        return new Reader(source);
    }

    /** One cycle per row, handed to {@link RecordSink#cycle}; no samples. */
    private static final class Reader extends HeaderedRowReader {
        private Column cycle;
        private Column charge;
        private Column discharge;
        private double capacityScale;
        private Column chargeEnergy;
        private Column dischargeEnergy;
        private double energyScale;
        private Column start;
        private Column end;

        Reader(SourceFile source) {
            super(source);
        }

        /** Commas, or semicolons (cellpy's summaries) or tabs (EC-Lab's), as the header line shows. */
        @Override
        protected char delimiter(String headerLine) {
            return Header.delimiterOf(headerLine);
        }

        /** A file not separated by commas is free to write its numbers with a decimal comma. */
        @Override
        protected boolean decimalComma(char delimiter) {
            return delimiter != ',';
        }

        @Override
        protected void bind(Header h, long lineNumber) throws IOException {
            Path file = source.path();
            cycle = h.require(file, lineNumber, "cycle index", CYCLE);
            charge = h.require(file, lineNumber, "charge capacity", CHARGE);
            discharge = h.require(file, lineNumber, "discharge capacity", DISCHARGE);
            chargeEnergy = h.find(CHARGE_ENERGY);
            dischargeEnergy = h.find(DISCHARGE_ENERGY);
            start = h.find("tsecs_start", "start_time_s");
            end = h.find("tsecs_end", "test_time", "Test_Time", "end_time_s");
            try {
                capacityScale = Units.capacity(charge.unitOr("Ah"));
                energyScale = chargeEnergy == null ? 1 : Units.energy(chargeEnergy.unitOr("Wh"));
            } catch (IllegalArgumentException e) {
                throw new FileFormatException(file, lineNumber, e.getMessage());
            }
        }

        @Override
        protected boolean read(Cells c, SampleRow unused, RecordSink sink) throws MalformedRowException {
            sink.cycle(row(c));
            return false;
        }

        private CycleSummary row(Cells c) throws MalformedRowException {
            int index = c.integer(cycle);
            double chargeAh = amount(c, charge, capacityScale);
            double dischargeAh = amount(c, discharge, capacityScale);
            double chargeWh = chargeEnergy == null ? 0 : amount(c, chargeEnergy, energyScale);
            double dischargeWh = dischargeEnergy == null ? 0 : amount(c, dischargeEnergy, energyScale);
            Double endS = c.optionalNumber(end);
            Double startS = c.optionalNumber(start);
            double endTime = endS == null ? 0 : endS;
            double startTime = startS == null ? endTime : startS;
            try {
                return new CycleSummary(
                        CycleSummary.SCHEMA_VERSION,
                        source.channelId(),
                        index,
                        startTime,
                        endTime,
                        null,
                        0,
                        chargeAh,
                        dischargeAh,
                        chargeWh,
                        dischargeWh,
                        source.channel().ceConvention().efficiency(chargeAh, dischargeAh),
                        chargeAh > 0 && chargeWh > 0 ? chargeWh / chargeAh : null,
                        dischargeAh > 0 && dischargeWh > 0 ? dischargeWh / dischargeAh : null,
                        0,
                        0,
                        null,
                        null,
                        null,
                        CycleSummary.CapacitySource.CYCLER_COUNTERS,
                        true,
                        null,
                        null);
            } catch (InvalidRecordException e) {
                throw c.malformed("row", e.getMessage());
            }
        }

        private static double amount(Cells c, Column column, double scale) throws MalformedRowException {
            Double v = c.optionalNumber(column);
            return v == null ? 0 : Math.abs(v) * scale;
        }
    }
}

package io.cellwatch.deploy.quality;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Writes a {@link CellLog} as a vendor's text export, the way the cycler software lays it out. */
enum VendorExport {
    /** Arbin MITS Pro CSV, base units. */
    ARBIN(
            "csv",
            List.of("Data_Point,Test_Time(s),Date_Time,Step_Time(s),Step_Index,Cycle_Index,Current(A),Voltage(V),"
                    + "Charge_Capacity(Ah),Discharge_Capacity(Ah),Charge_Energy(Wh),Discharge_Energy(Wh)"),
            r -> String.join(
                    ",",
                    Long.toString(r.record),
                    num(r.testTimeS),
                    stamp(r.testTimeS, "yyyy-MM-dd HH:mm:ss"),
                    num(r.stepTimeS),
                    Integer.toString(r.step),
                    Integer.toString(r.cycle),
                    num(r.currentA),
                    r.voltage,
                    num(r.chargeAh),
                    num(r.dischargeAh),
                    num(r.chargeWh),
                    num(r.dischargeWh))),
    /** Maccor text export: metadata lines, tab-separated, one Amp-hr counter split by the State letter. */
    MACCOR(
            "txt",
            List.of(
                    "Today's Date\t03/01/2024 09:00:00 AM",
                    "",
                    "Rec#\tCyc#\tStep\tTest (Sec)\tStep (Sec)\tAmp-hr\tWatt-hr\tAmps\tVolts\tState\tES\tDPt Time"),
            r -> String.join(
                    "\t",
                    Long.toString(r.record),
                    Integer.toString(r.cycle),
                    Integer.toString(r.step),
                    num(r.testTimeS),
                    num(r.stepTimeS),
                    num(r.state == 'D' ? r.dischargeAh : r.chargeAh),
                    num(r.state == 'D' ? r.dischargeWh : r.chargeWh),
                    num(r.currentA),
                    r.voltage,
                    Character.toString(r.state),
                    "0",
                    stamp(r.testTimeS, "MM/dd/yyyy hh:mm:ss a"))),
    /** Neware flat CSV with step types and hh:mm:ss total time. */
    NEWARE(
            "csv",
            List.of("DataPoint,Cycle Index,Step Index,Step Type,Time,Total Time,Current(A),Voltage(V),"
                    + "Chg. Cap.(Ah),DChg. Cap.(Ah),Chg. Energy(Wh),DChg. Energy(Wh),Date"),
            r -> String.join(
                    ",",
                    Long.toString(r.record),
                    Integer.toString(r.cycle),
                    Integer.toString(r.step),
                    r.state == 'C' ? "CC Chg" : r.state == 'D' ? "CC DChg" : "Rest",
                    clock(r.stepTimeS),
                    clock(r.testTimeS),
                    num(r.currentA),
                    r.voltage,
                    num(r.chargeAh),
                    num(r.dischargeAh),
                    num(r.chargeWh),
                    num(r.dischargeWh),
                    stamp(r.testTimeS, "yyyy-MM-dd HH:mm:ss"))),
    /** BioLogic EC-Lab text (.mpt): header block, tab-separated, decimal commas, mA and mA.h. */
    BIOLOGIC(
            "mpt",
            List.of(
                    "EC-Lab ASCII FILE",
                    "Nb header lines : 4",
                    "",
                    "mode\tox/red\ttime/s\tEwe/V\t<I>/mA\tQ charge/mA.h\tQ discharge/mA.h\tcycle number\tNs"),
            r -> String.join(
                            "\t",
                            "1",
                            r.currentA >= 0 ? "1" : "0",
                            num(r.testTimeS),
                            r.voltage,
                            num(1000 * r.currentA),
                            num(1000 * r.chargeAh),
                            num(1000 * r.dischargeAh),
                            Integer.toString(r.cycle - 1),
                            Integer.toString(r.step))
                    .replace('.', ','));

    private static final LocalDateTime START = LocalDateTime.of(2024, 3, 1, 9, 0);

    private final String extension;
    private final List<String> header;
    private final Function<CellLog.Row, String> line;

    VendorExport(String extension, List<String> header, Function<CellLog.Row, String> line) {
        this.extension = extension;
        this.header = header;
        this.line = line;
    }

    /** Writes {@code log} as {@code DIR/CHANNEL.EXT}; the file name is the channel id, as replay reads it. */
    Path write(CellLog log, Path dir, String channelId) throws IOException {
        List<String> lines = new ArrayList<>(header);
        log.rows.forEach(row -> lines.add(line.apply(row)));
        return Files.write(dir.resolve(channelId + "." + extension), lines);
    }

    static String num(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }

    private static String stamp(double testTimeS, String pattern) {
        return START.plusSeconds((long) testTimeS).format(DateTimeFormatter.ofPattern(pattern, Locale.ROOT));
    }

    private static String clock(double seconds) {
        long s = (long) seconds;
        return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}

package io.cellwatch.ingest.format.xlsx;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** Workbooks as cycler software exports them, written with a spreadsheet library for tests. */
public final class Workbooks {
    public static final String ARBIN_HEADER = "Data_Point,Test_Time(s),Date_Time,Step_Index,Cycle_Index,Current(A),"
            + "Voltage(V),Charge_Capacity(Ah),Discharge_Capacity(Ah)";
    static final LocalDateTime START = LocalDateTime.of(2021, 8, 12, 23, 59, 0);

    private Workbooks() {}

    /** One Arbin row: point k, a minute apart, charging for 3 points then discharging. */
    public static Object[] arbinRow(int k) {
        boolean charge = k <= 3;
        return new Object[] {
            k,
            (k - 1) * 60.0,
            START.plusMinutes(k - 1),
            charge ? 1 : 2,
            1,
            charge ? 0.5 : -0.5,
            charge ? 3.30 + 0.01 * k : 3.40 - 0.01 * k,
            charge ? k * 0.5 / 60 : 3 * 0.5 / 60,
            charge ? 0.0 : (k - 3) * 0.5 / 60
        };
    }

    public static void header(Worksheet ws, int row, String header) {
        String[] names = header.split(",");
        for (int c = 0; c < names.length; c++) {
            ws.value(row, c, names[c]);
        }
    }

    public static void values(Worksheet ws, int row, Object[] values) {
        for (int c = 0; c < values.length; c++) {
            Object v = values[c];
            if (v instanceof LocalDateTime t) {
                ws.value(row, c, t);
                ws.style(row, c).format("mm/dd/yyyy hh:mm:ss").set();
            } else if (v instanceof Number n) {
                ws.value(row, c, n);
            } else {
                ws.value(row, c, String.valueOf(v));
            }
        }
    }

    public interface Sheets {
        void write(Workbook wb) throws IOException;
    }

    /** Writes a workbook at {@code file}. */
    public static Path write(Path file, Sheets sheets) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            Workbook wb = new Workbook(out, "MITS Pro", "1.0");
            sheets.write(wb);
            wb.finish();
        }
        return file;
    }

    /** Global_Info, Channel_1-006 with points 1 to {@code points}, Statistics_1-006: an Arbin export's sheets. */
    /** An Arbin channel sheet: its header on row {@code headerRow} (0-based), then points {@code first..last}. */
    public static Worksheet channelSheet(Workbook wb, String name, int headerRow, int first, int last) {
        Worksheet channel = wb.newWorksheet(name);
        header(channel, headerRow, ARBIN_HEADER);
        for (int k = first; k <= last; k++) {
            values(channel, headerRow + 1 + k - first, arbinRow(k));
        }
        return channel;
    }

    public static Path arbin(Path file, int points) throws IOException {
        return write(file, wb -> {
            Worksheet info = wb.newWorksheet("Global_Info");
            info.value(0, 0, "TEST REPORT");
            info.value(1, 0, "Channel");
            info.value(1, 1, 6);
            channelSheet(wb, "Channel_1-006", 0, 1, points);
            Worksheet statistics = wb.newWorksheet("Statistics_1-006");
            header(statistics, 0, "Cycle_Index,Charge_Capacity(Ah),Discharge_Capacity(Ah)");
            values(statistics, 1, new Object[] {1, 0.025, 0.0249});
        });
    }
}

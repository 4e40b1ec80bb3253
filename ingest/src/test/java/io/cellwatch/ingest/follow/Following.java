package io.cellwatch.ingest.follow;

import io.cellwatch.model.Sample;
import java.util.List;
import java.util.Locale;

/** What the follower tests do with a follower and its output. */
final class Following {
    /** An Arbin export's header, for the rows of {@link #arbinRows}. */
    static final String ARBIN_HEADER = "Data_Point,Test_Time(s),Cycle_Index,Step_Index,Current(A),Voltage(V),"
            + "Charge_Capacity(Ah),Discharge_Capacity(Ah)\n";

    private Following() {}

    /** Arbin rows {@code from..to}, charging, with a voltage of the file's own ({@code base}) so files differ. */
    static String arbinRows(int from, int to, double base) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i <= to; i++) {
            b.append(String.format(
                    Locale.ROOT, "%d,%d,1,1,1.0,%.4f,%.4f,0.0%n", i, i * 10, base + i * 0.001, i * 0.001));
        }
        return b.toString();
    }

    /** Polls until a poll delivers nothing (at most 100 polls). */
    static void drain(FileFollower follower) throws Exception {
        for (int i = 0; i < 100 && follower.pollOnce(); i++) {
            // deliver until nothing is left
        }
    }

    /** The record numbers of every sample delivered, in order. */
    static List<Long> dataPoints(InMemoryFollowOutput out) {
        return out.samples.stream().map(Sample::dataPoint).toList();
    }
}

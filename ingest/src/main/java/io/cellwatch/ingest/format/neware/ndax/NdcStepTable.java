package io.cellwatch.ingest.format.neware.ndax;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code data_step.ndc}: one row per step the test went through, in order: the cycle counter
 * (0-based in the file), the step index in the schedule and the status. Rows are 37 bytes in
 * versions 11 and 14, 100 in 16 and 17. Small (one row per step), so read whole.
 */
final class NdcStepTable {
    private static final int DATA_START = 132;
    /** More steps than any test has; a table claiming more is damaged. */
    private static final int MOST_STEPS = 10_000_000;

    private int[] cycles = new int[64];
    private int[] stepIndexes = new int[64];
    private int[] statuses = new int[64];
    private int count;

    static boolean reads(int version) {
        return NdcRunInfoTable.reads(version);
    }

    static NdcStepTable read(NdcMember member) throws IOException {
        NdcStepTable table = new NdcStepTable();
        int size = member.version() <= 14 ? 37 : 100;
        NdcRows rows = new NdcRows(member, size, DATA_START);
        try (member) {
            while (rows.next()) {
                if (table.count == MOST_STEPS) {
                    throw member.damaged(
                            rows.tableOffset(),
                            "step " + (MOST_STEPS + 1),
                            String.format(Locale.ROOT, "at most %d steps", MOST_STEPS),
                            "more than " + MOST_STEPS);
                }
                table.add(
                        rows.page().getInt(rows.offset()),
                        rows.page().getInt(rows.offset() + 4),
                        rows.page().get(rows.offset() + 24) & 0xFF);
            }
        }
        return table;
    }

    private void add(int cycle, int stepIndex, int status) {
        if (count == cycles.length) {
            cycles = Arrays.copyOf(cycles, count * 2);
            stepIndexes = Arrays.copyOf(stepIndexes, count * 2);
            statuses = Arrays.copyOf(statuses, count * 2);
        }
        cycles[count] = cycle;
        stepIndexes[count] = stepIndex;
        statuses[count] = status;
        count++;
    }

    /** Whether the table has the step with this 1-based ordinal. */
    boolean has(int ordinal) {
        return ordinal >= 1 && ordinal <= count;
    }

    /** The stored cycle of the step with this ordinal, 1-based. */
    int cycle(int ordinal) {
        return (int) Math.min(Integer.MAX_VALUE - 1, cycles[ordinal - 1] & 0xFFFF_FFFFL) + 1;
    }

    int stepIndex(int ordinal) {
        return stepIndexes[ordinal - 1];
    }

    int status(int ordinal) {
        return statuses[ordinal - 1];
    }
}

package io.cellwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --clock-format}: a lab's own form of wall-clock stamps, for every file a command reads. */
class ClockFormatOptionTest {
    @TempDir
    Path dir;

    private Path export() throws IOException {
        StringBuilder csv =
                new StringBuilder("Data_Point,Test_Time(s),Date_Time,Step_Index,Cycle_Index,Current(A),Voltage(V),"
                        + "Charge_Capacity(Ah),Discharge_Capacity(Ah)\n");
        // Two cycles, a row a minute, stamps as a data logger of the lab's own writes them.
        int point = 1;
        for (int cycle = 1; cycle <= 2; cycle++) {
            for (int k = 0; k < 10; k++, point++) {
                boolean charge = k < 5;
                int second = (point - 1) * 60;
                csv.append(String.format(
                        java.util.Locale.ROOT,
                        "%d,%d,202108%02d %02d%02d00,%d,%d,%s,%.3f,%.4f,%.4f%n",
                        point,
                        second,
                        12 + second / 86400,
                        (second / 3600) % 24,
                        (second / 60) % 60,
                        charge ? 1 : 2,
                        cycle,
                        charge ? "0.5" : "-0.5",
                        charge ? 3.3 + 0.01 * k : 3.4 - 0.01 * k,
                        charge ? (k + 1) * 0.5 / 60 : 5 * 0.5 / 60,
                        charge ? 0 : (k - 4) * 0.5 / 60));
            }
        }
        return Files.writeString(dir.resolve("logger.csv"), csv);
    }

    @Test
    void replayReadsTheLabsFormWithTheFlagAndCountsEveryRowUnreadableWithoutIt() throws IOException {
        Path file = export();
        ReplayRun with = ReplayRun.of("--clock-format", "yyyyMMdd HHmmss", file.toString());
        assertThat(with.exit()).as(with.stderr()).isZero();
        assertThat(with.stderr()).doesNotContain("not a date and time");
        assertThat(with.cycles()).isNotEmpty();

        ReplayRun without = ReplayRun.of(file.toString());
        assertThat(without.stderr())
                .contains("not a date and time: '20210812 000000'")
                .contains("--clock-format PATTERN");
    }

    @Test
    void aPatternThatIsNotOneIsRefusedBeforeAnyFileIsRead() throws IOException {
        ReplayRun run = ReplayRun.of("--clock-format", "yyyy-MM-dd {", export().toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr()).contains("--clock-format 'yyyy-MM-dd {' is not a java.time pattern");

        ReplayRun dateOnly = ReplayRun.of("--clock-format", "yyyyMMdd", export().toString());
        assertThat(dateOnly.exit()).isEqualTo(2);
        assertThat(dateOnly.stderr()).contains("does not give a date and a time of day");
    }
}

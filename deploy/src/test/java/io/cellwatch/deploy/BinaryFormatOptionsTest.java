package io.cellwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.cellwatch.deploy.cli.CellwatchCli;
import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.CyclerFormats;
import io.cellwatch.ingest.format.binary.BinaryCyclerFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay} and {@code ingest --follow} take the binary formats registered in {@link CyclerFormats}
 * like any other: their names are accepted by {@code --format} and listed in the help of both.
 */
class BinaryFormatOptionsTest {
    @TempDir
    Path dir;

    private static List<String> binaryFormatNames() {
        List<String> names = CyclerFormats.all().stream()
                .filter(BinaryCyclerFormat.class::isInstance)
                .map(CyclerFormat::name)
                .toList();
        assumeFalse(names.isEmpty(), "no binary format is registered in CyclerFormats yet");
        return names;
    }

    @Test
    void theHelpOfReplayAndIngestListsEveryBinaryFormat() {
        List<String> names = binaryFormatNames();
        for (String command : List.of("replay", "ingest")) {
            String help =
                    CellwatchCli.commandLine().getSubcommands().get(command).getUsageMessage();
            assertThat(help).as("%s --help", command).contains(names);
        }
    }

    @Test
    void formatAcceptsEveryBinaryFormatName() throws IOException {
        for (String name : binaryFormatNames()) {
            assertThat(CyclerFormats.byName(name)).isInstanceOf(BinaryCyclerFormat.class);
            Path absent = dir.resolve("absent-" + name);
            ReplayRun run = ReplayRun.of("--format", name.toUpperCase(Locale.ROOT), absent.toString());
            assertThat(run.stderr()).as("replay --format %s", name).doesNotContain("unknown format");
            assertThat(run.exit())
                    .as("the file is what is missing, not the format")
                    .isEqualTo(2);
        }
    }
}

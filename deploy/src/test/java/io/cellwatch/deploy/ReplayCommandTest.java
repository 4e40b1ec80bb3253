package io.cellwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cellwatch.simulator.Scenario;
import io.cellwatch.simulator.SimFiles;
import io.cellwatch.simulator.Simulator;
import io.cellwatch.simulator.SimulatorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {

    @TempDir
    Path dir;

    private record Run(int exit, List<JsonNode> lines, String stderr) {}

    private static Run replay(String... args) throws IOException {
        ReplayRun run = ReplayRun.of(args);
        return new Run(run.exit(), run.lines(), run.stderr());
    }

    private List<Path> simulate(List<Scenario> scenarios, double hours) throws IOException {
        Simulator sim = Simulator.create(SimulatorConfig.demo(), scenarios);
        return SimFiles.write(sim, dir, hours * 3600);
    }

    @Test
    void replaysTheSimulatedLiInCellIntoCyclesAndASoftShortAlert() throws IOException {
        List<Path> files = simulate(List.of(Scenario.LI_IN_SOFT_SHORT, Scenario.HEALTHY_NCM), 90);
        Run run = replay(files.stream().map(Path::toString).toArray(String[]::new));

        assertThat(run.exit()).isZero();
        String liIn = files.get(0).getFileName().toString().replace(".csv", "");
        List<JsonNode> cycles = run.lines().stream()
                .filter(n -> n.get("type").asText().equals("cycle"))
                .toList();
        assertThat(cycles)
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.fieldNames())
                        .toIterable()
                        .contains(
                                "channel",
                                "cycle",
                                "chargeAh",
                                "dischargeAh",
                                "chargeWh",
                                "dischargeWh",
                                "coulombicEfficiency"));
        JsonNode c880 = cycles.stream()
                .filter(c ->
                        c.get("channel").asText().equals(liIn) && c.get("cycle").asInt() == 880)
                .findFirst()
                .orElseThrow();
        assertThat(c880.get("coulombicEfficiency").asDouble()).isBetween(0.995, 1.0);
        assertThat(c880.get("chargeAh").asDouble()).isBetween(2.0e-3, 3.5e-3);

        List<JsonNode> alerts = run.lines().stream()
                .filter(n -> n.get("type").asText().equals("alert"))
                .toList();
        assertThat(alerts).isNotEmpty().allSatisfy(a -> {
            assertThat(a.get("channel").asText()).isEqualTo(liIn);
            assertThat(a.fieldNames()).toIterable().contains("kind", "severity", "cycle", "message");
        });
        assertThat(alerts.get(0).get("kind").asText()).isEqualTo("soft_short_capacity_divergence");
        assertThat(alerts.get(0).get("cycle").asInt()).isLessThanOrEqualTo(892);
    }

    @Test
    void aMalformedRowIsReportedWithFileLineAndFieldAndTheRestIsReplayed() throws IOException {
        Path file = simulate(List.of(Scenario.HEALTHY_NCM), 12).get(0);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(10, lines.get(10).replaceFirst(",(CHARGE|DISCHARGE|REST),[^,]*,", ",$1,4.1x,"));
        Files.write(file, lines);

        Run run = replay(file.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.stderr()).contains(file + ":11: field 'voltageV'").contains("1 malformed row(s) skipped");
        assertThat(run.lines()).anyMatch(n -> n.get("type").asText().equals("cycle"));
    }

    @Test
    void anUnrecognisedFileListsTheFormatsTried() throws IOException {
        Path junk = Files.writeString(dir.resolve("notes.txt"), "cell 7 looked odd today\n");
        Run run = replay(junk.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr()).contains("unrecognised file format").contains("cellwatch-sim");
    }

    @Test
    void aMissingPathOrADirectorySaysWhatIsWrongAndTheOtherFilesAreStillReplayed() throws IOException {
        Path good = simulate(List.of(Scenario.HEALTHY_NCM), 12).get(0);
        Path missing = dir.resolve("ch99.csv");
        Path folder = Files.createDirectory(dir.resolve("rack2"));

        Run run = replay(missing.toString(), folder.toString(), good.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr())
                .contains("error: " + missing + ": no such file")
                .contains("error: " + folder + ": is a directory");
        assertThat(run.lines()).anyMatch(n -> n.get("type").asText().equals("cycle"));
    }
}

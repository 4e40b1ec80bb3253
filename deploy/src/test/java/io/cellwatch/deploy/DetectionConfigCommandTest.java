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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectionConfigCommandTest {
    private static final String LAB = """
            rules:
              - name: solid-state
                match: {cellType: full, chemistry: "*Li6PS5Cl*"}
                settings:
                  capacityDivergence:
                    minRelativeChange: 0.02
              - name: li-in-short
                match: {channel: "sim-li-in-*"}
                settings:
                  capacityDivergence: {persistenceCycles: 3}
            """;

    @TempDir
    Path dir;

    private static CliRun cellwatch(String... args) {
        return CliRun.of(args);
    }

    @Test
    void printsEverySettingOfAChannelWithWhereItCameFrom() throws IOException {
        Path file = Files.writeString(dir.resolve("lab.yaml"), LAB);
        CliRun run = cellwatch(
                "detection-config",
                "--detection-config",
                file.toString(),
                "--channel",
                "sim-li-in-short-01",
                "--chemistry",
                "NCM622|Li6PS5Cl|Li-In");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "channel sim-li-in-short-01 (full, NCM622|Li6PS5Cl|Li-In): profile lithium-metal+solid-state+li-in-short")
                .contains("rules applied, in order: solid-state, li-in-short")
                .containsPattern(
                        "capacityDivergence\\.minRelativeChange +0\\.02 +" + file + ":6 \\(rule solid-state\\)")
                .containsPattern("capacityDivergence\\.persistenceCycles +3 +" + file + ":10 \\(rule li-in-short\\)")
                .containsPattern("capacityDivergence\\.baselineCycles +5 +default \\(profile lithium-metal\\)")
                .containsPattern("dataQuality\\.stalledAfterS +1800\\.0 +default");

        Path grouped = Files.writeString(dir.resolve("groups.yaml"), """
                rules:
                  - name: rack-3
                    match: {group: rack-3}
                    settings:
                      capacityDivergence: {persistenceCycles: 6}
                """);
        CliRun inGroup = cellwatch(
                "detection-config", "--detection-config", grouped.toString(), "--channel", "c1", "--group", "rack-3");
        assertThat(inGroup.out())
                .contains("channel c1 (full, group rack-3): profile li-ion+rack-3")
                .containsPattern("capacityDivergence\\.persistenceCycles +6 +" + grouped + ":5 \\(rule rack-3\\)");

        CliRun plain = cellwatch("detection-config", "--channel", "rack2-ch07", "--cell-type", "symmetric");
        assertThat(plain.out())
                .contains("profile symmetric")
                .contains("no rule matches: the standard profile's defaults");
    }

    @Test
    void aBrokenFileIsRefusedBeforeAnythingStartsNamingFileLineAndKey() throws IOException {
        Path file =
                Files.writeString(dir.resolve("bad.yaml"), LAB.replace("persistenceCycles: 3", "persistenceCycle: 3"));
        CliRun streams =
                cellwatch("streams", "--bootstrap-servers", "localhost:1", "--detection-config", file.toString());

        assertThat(streams.exit()).isEqualTo(2);
        assertThat(streams.err())
                .contains("detection config refused: " + file
                        + ":10: key 'rules[1].settings.capacityDivergence.persistenceCycle': unknown setting");
        assertThat(cellwatch("detection-config", "--detection-config", file.toString(), "--channel", "x")
                        .err())
                .contains(file + ":10:");
    }

    @Test
    void replayAppliesTheFileAndItsAlertsNameTheProfile() throws IOException {
        Simulator sim = Simulator.create(SimulatorConfig.demo(), List.of(Scenario.LI_IN_SOFT_SHORT));
        Path samples = SimFiles.write(sim, dir, 90 * 3600).get(0);
        Path file = Files.writeString(dir.resolve("lab.yaml"), LAB);

        List<JsonNode> standard = ReplayRun.of(samples.toString()).alerts();
        List<JsonNode> configured = ReplayRun.of("--detection-config", file.toString(), samples.toString())
                .alerts();

        JsonNode first = configured.get(0);
        assertThat(first.get("kind").asText()).isEqualTo("soft_short_capacity_divergence");
        assertThat(first.get("profile").asText()).isEqualTo("lithium-metal+solid-state+li-in-short");
        assertThat(standard.get(0).get("profile").asText()).isEqualTo("lithium-metal");
        assertThat(first.get("cycle").asInt())
                .as("three divergent cycles needed instead of two: the alert comes a cycle later")
                .isEqualTo(standard.get(0).get("cycle").asInt() + 1);
    }
}

package io.cellwatch.deploy.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped Prometheus alerting rules and Alertmanager example, checked by the tools that will
 * load them: {@code promtool check rules}, {@code promtool test rules} (the unit tests in
 * {@code prometheus/rules/tests}), {@code amtool check-config} and {@code amtool config routes test}.
 * Skipped, saying so, where the tools are not installed; CI installs them (Debian: prometheus,
 * prometheus-alertmanager).
 */
class AlertingRulesTest {
    private static final Path RULES = Path.of("prometheus", "rules");
    private static final Path RULE_TESTS = RULES.resolve("tests");
    private static final Path ALERTMANAGER_CONFIG = Path.of("alertmanager", "alertmanager.yml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void promtoolAcceptsTheRulesAndTheirUnitTestsPass() throws Exception {
        Path promtool = require("promtool", "prometheus");
        List<Path> ruleFiles = files(RULES, "*.yml");
        List<Path> ruleTests = files(RULE_TESTS, "*_test.yml");
        assertThat(ruleFiles).as("rule files in %s", RULES).isNotEmpty();
        assertThat(ruleTests).as("promtool unit tests in %s", RULE_TESTS).isNotEmpty();

        Result check = run(promtool, "check", "rules", ruleFiles);
        assertThat(check.exitCode())
                .as("promtool check rules:\n%s", check.output())
                .isZero();
        Result test = run(promtool, "test", "rules", ruleTests);
        assertThat(test.exitCode())
                .as("promtool test rules:\n%s", test.output())
                .isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    @Test
    void everyRuleIsTestedAndSpeaksTheAlertServicesLabels() throws IOException {
        String tests = String.join(
                "\n",
                files(RULE_TESTS, "*_test.yml").stream()
                        .map(AlertingRulesTest::read)
                        .toList());
        int alerts = 0;
        for (Path file : files(RULES, "*.yml")) {
            for (JsonNode group : YAML.readTree(file.toFile()).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    if (!rule.has("alert")) {
                        continue;
                    }
                    alerts++;
                    String name = rule.path("alert").asText();
                    assertThat(name).as("alert names in %s", file).startsWith("Cellwatch");
                    assertThat(rule.path("labels").path("severity").asText())
                            .as("severity of %s", name)
                            .isIn("warning", "critical");
                    assertThat(rule.path("annotations").path("summary").asText())
                            .as("summary of %s", name)
                            .isNotBlank();
                    assertThat(rule.path("annotations").path("description").asText())
                            .as("description of %s", name)
                            .isNotBlank();
                    assertThat(tests)
                            .as("a promtool test that expects %s to fire", name)
                            .containsPattern("alertname: " + name + "\\s+exp_alerts:\\s+- exp_labels");
                }
            }
        }
        assertThat(alerts).isGreaterThanOrEqualTo(4);
    }

    @Test
    void theExampleAlertmanagerConfigIsValidAndPagesOnlyCriticalAlerts() throws Exception {
        Path amtool = require("amtool", "prometheus-alertmanager");
        Result check = run(amtool, "check-config", List.of(ALERTMANAGER_CONFIG));
        assertThat(check.exitCode())
                .as("amtool check-config:\n%s", check.output())
                .isZero();

        assertThat(route(
                        amtool,
                        "alertname=CellwatchSoftShortCapacityDivergence",
                        "channel=li-in-07",
                        "severity=critical"))
                .isEqualTo("on-call,lab-chat");
        assertThat(route(
                        amtool,
                        "alertname=CellwatchSoftShortCapacityDivergence",
                        "channel=li-in-07",
                        "severity=warning"))
                .isEqualTo("lab-chat");
        assertThat(route(amtool, "alertname=CellwatchChannelSilent", "channel=ncm-01", "severity=warning"))
                .isEqualTo("lab-chat");
    }

    private static String route(Path amtool, String... labels) throws Exception {
        List<String> args =
                new ArrayList<>(List.of("config", "routes", "test", "--config.file=" + ALERTMANAGER_CONFIG));
        args.addAll(List.of(labels));
        Result result = run(amtool, args);
        assertThat(result.exitCode())
                .as("amtool config routes test:\n%s", result.output())
                .isZero();
        return result.output()
                .lines()
                .filter(l -> !l.startsWith("Warning:"))
                .findFirst()
                .orElse("")
                .strip();
    }

    private static Path require(String tool, String debianPackage) {
        Optional<Path> found = Stream.of(
                        System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, tool))
                .filter(Files::isExecutable)
                .findFirst();
        assumeTrue(
                found.isPresent(),
                tool + " is not installed (Debian: apt-get install " + debianPackage
                        + "; .ci/run installs it): skipping the check of the shipped alerting files");
        return found.get();
    }

    private static List<Path> files(Path dir, String glob) throws IOException {
        List<Path> found = new ArrayList<>();
        try (var stream = Files.newDirectoryStream(dir, glob)) {
            stream.forEach(found::add);
        }
        return found.stream().sorted().toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private record Result(int exitCode, String output) {}

    private static Result run(Path tool, String verb, String object, List<Path> files) throws Exception {
        List<String> args = new ArrayList<>(List.of(verb, object));
        files.forEach(f -> args.add(f.toString()));
        return run(tool, args);
    }

    private static Result run(Path tool, String verb, List<Path> files) throws Exception {
        List<String> args = new ArrayList<>(List.of(verb));
        files.forEach(f -> args.add(f.toString()));
        return run(tool, args);
    }

    private static Result run(Path tool, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(tool.toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS))
                .as("%s finished", command)
                .isTrue();
        return new Result(process.exitValue(), output);
    }
}

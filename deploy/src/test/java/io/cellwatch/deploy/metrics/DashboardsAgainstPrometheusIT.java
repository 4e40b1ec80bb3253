package io.cellwatch.deploy.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cellwatch.deploy.broker.LoopbackPorts;
import io.cellwatch.testing.Waiting;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboards and alerting rules against the real thing: a real Prometheus (Debian package)
 * with the shipped configuration scrapes a running {@code cellwatch demo} (the packaged launcher
 * in its own JVM); then every PromQL expression of every dashboard panel must return at least one
 * series (a per-channel panel: for some channel, since a channel has series only for what applies to
 * it), every metric those expressions and the alerting rules in {@code prometheus/rules/*.yml}
 * name must exist (for a {@code __name__=~} regex: at least one metric it matches), and every
 * query-API panel must get the fields it plots.
 *
 * <p>The shipped {@code prometheus.yml} is used as it is except where this machine differs from
 * the compose network: the cellwatch job's DNS discovery becomes the demo's loopback address,
 * intervals shrink to one second, rule files are found by absolute path, and there is no
 * Alertmanager to send to.
 */
class DashboardsAgainstPrometheusIT {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SHIPPED_CONFIG = Path.of("prometheus", "prometheus.yml");
    private static final Path RULES_DIR = Path.of("prometheus", "rules");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([^,]+?)\\s*,\\s*(\\w+)\\s*\\)");
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path work;

    /** The values the channel variable offers, as Prometheus answered. */
    private List<String> channelOptions = List.of();

    @Test
    void everyDashboardQueryAndEveryRuleMetricIsThereInARealPrometheusScrapingTheDemo() throws Exception {
        Optional<Path> prometheusBinary = PrometheusServer.tool("prometheus");
        Optional<Path> promtool = PrometheusServer.tool("promtool");
        assumeTrue(
                prometheusBinary.isPresent() && promtool.isPresent(),
                "needs Prometheus and promtool (Debian: apt-get install prometheus); .ci/run installs them");

        PrometheusServer.ToolResult shippedCheck = PrometheusServer.checkConfig(promtool.get(), SHIPPED_CONFIG);
        assertThat(shippedCheck.exitCode())
                .as("promtool check config %s:\n%s", SHIPPED_CONFIG, shippedCheck.output())
                .isZero();

        Path jar = DemoProcess.launcherJar();
        assertThat(jar).as("the launcher jar from the package phase").exists();
        int[] ports = LoopbackPorts.free(4); // the demo's broker, controller and HTTP, then Prometheus
        try (DemoProcess demo = DemoProcess.start(jar, work.resolve("demo"), ports[0], ports[1], ports[2])) {
            int prometheusPort = ports[3];
            Path config = testConfig(demo.httpPort, prometheusPort);
            PrometheusServer.ToolResult testCheck = PrometheusServer.checkConfig(promtool.get(), config);
            assertThat(testCheck.exitCode())
                    .as("promtool on the test's variant:\n%s", testCheck.output())
                    .isZero();
            Files.createDirectories(work.resolve("prometheus"));
            try (PrometheusServer prometheus = PrometheusServer.start(
                    prometheusBinary.get(), config, work.resolve("prometheus").resolve("data"), prometheusPort)) {
                try {
                    check(prometheus, demo);
                } catch (AssertionError | RuntimeException e) {
                    System.err.println("--- demo log tail ---\n" + demo.logTail());
                    System.err.println("--- prometheus log tail ---\n" + prometheus.logTail());
                    throw e;
                }
            }
        }
    }

    private void check(PrometheusServer prometheus, DemoProcess demo) throws Exception {
        // Warm up: the demo scraped, an alert fired (its counter exists from then on), and Kafka Streams'
        // task-level metrics bound (Micrometer looks for new Kafka metrics once a minute).
        List<String> warmUp = List.of(
                "up{job=\"cellwatch\"} == 1",
                "cellwatch_alerts_total",
                "max by (channel) (cellwatch_cell_active_alerts) > 0",
                // The alert service delivered some of them (to the console): its own meters count.
                "sum(cellwatch_alert_deliveries_total{outcome=\"accepted\"}) > 0",
                "kafka_stream_processor_node_record_e2e_latency_max",
                "kafka_consumer_fetch_manager_records_lag");
        long warmDeadline = deadline(240);
        for (String expr : warmUp) {
            assertThat(awaitSeries(prometheus, expr, warmDeadline))
                    .as("warm-up: %s", expr)
                    .isNotEmpty();
        }

        List<String> failures = new ArrayList<>();
        List<String> nanOnly = new ArrayList<>();
        Set<String> checkedMetrics = new LinkedHashSet<>();
        long deadline = deadline(120);
        int expressions = 0;
        int apiTargets = 0;
        for (Dashboards.Dashboard dashboard : Dashboards.all()) {
            Map<String, String> variables = variables(dashboard, prometheus);
            for (Dashboards.Target target : dashboard.targets()) {
                if (target.datasourceType().equals(Dashboards.INFINITY)) {
                    apiTargets++;
                    checkApiTarget(demo, target, variables).ifPresent(failures::add);
                    continue;
                }
                expressions++;
                String expr = PromQl.substitute(target.expr(), variables);
                List<JsonNode> series =
                        target.expr().contains("$channel") || target.expr().contains("${channel}")
                                ? awaitSeriesOfSomeChannel(prometheus, target.expr(), variables, deadline)
                                : awaitSeries(prometheus, expr, deadline);
                if (series.isEmpty()) {
                    failures.add(target.where() + ": no series for " + expr);
                } else if (series.stream()
                        .allMatch(s -> s.path("value").path(1).asText().equals("NaN"))) {
                    nanOnly.add(target.where() + ": " + expr);
                }
                for (String metric : PromQl.metricSelectors(expr)) {
                    if (checkedMetrics.add(metric)
                            && awaitSeries(prometheus, "count(" + metric + ")", deadline)
                                    .isEmpty()) {
                        failures.add(target.where() + ": no metric " + metric + " exists");
                    }
                }
            }
        }
        assertThat(expressions).as("PromQL expressions found in the dashboards").isGreaterThan(40);
        assertThat(apiTargets).as("query-API panels found").isGreaterThanOrEqualTo(3);

        int alertRules = 0;
        Set<String> recorded = recordedNames();
        for (Map.Entry<String, Set<String>> rule : alertRuleMetrics().entrySet()) {
            alertRules++;
            for (String metric : rule.getValue()) {
                if (awaitSeries(prometheus, "count(" + metric + ")", deadline).isEmpty()) {
                    failures.add("alert rule " + rule.getKey() + ": no metric " + metric + " exists"
                            + (recorded.stream().anyMatch(r -> metric.contains("\"" + r + "\""))
                                    ? " (a recording rule of the rule files)"
                                    : ""));
                }
                checkedMetrics.add(metric);
            }
        }
        JsonNode loaded = prometheus.get("/api/v1/rules").path("data").path("groups");
        assertThat(loaded.size())
                .as("rule groups Prometheus loaded from rules/*.yml")
                .isEqualTo(ruleGroups());

        System.out.printf(
                "checked %d dashboard expressions, %d query-API panels, %d alert rules, %d metric selectors%n",
                expressions, apiTargets, alertRules, checkedMetrics.size());
        nanOnly.forEach(n -> System.out.println("only NaN so far (no detector reported it yet): " + n));
        assertThat(failures).isEmpty();
    }

    /** Template variables as Grafana would resolve them, with an alerting channel chosen for {@code $channel}. */
    private Map<String, String> variables(Dashboards.Dashboard dashboard, PrometheusServer prometheus)
            throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("__rate_interval", "15s");
        values.put("__interval", "5s");
        values.put("__range", "5m");
        for (JsonNode variable : dashboard.variables()) {
            String name = variable.path("name").asText();
            switch (variable.path("type").asText()) {
                case "constant" -> values.put(name, variable.path("query").asText());
                case "query" -> {
                    String definition = variable.path("definition")
                            .asText(variable.path("query").path("query").asText());
                    Matcher labelValues = LABEL_VALUES.matcher(definition);
                    assertThat(labelValues.matches())
                            .as("variable %s: %s", name, definition)
                            .isTrue();
                    List<String> options = new ArrayList<>();
                    prometheus
                            .get("/api/v1/label/" + labelValues.group(2) + "/values?match[]="
                                    + URLEncoder.encode(labelValues.group(1), StandardCharsets.UTF_8))
                            .path("data")
                            .forEach(v -> options.add(v.asText()));
                    assertThat(options).as("values of variable %s", name).isNotEmpty();
                    if (name.equals("channel")) {
                        channelOptions = options;
                    }
                    List<JsonNode> alerting = prometheus.series("max by (channel) (cellwatch_cell_active_alerts) > 0");
                    String preferred = alerting.isEmpty()
                            ? null
                            : alerting.get(0).path("metric").path("channel").asText();
                    values.put(
                            name, name.equals("channel") && options.contains(preferred) ? preferred : options.get(0));
                }
                case "datasource" -> {
                    // the test talks to its own Prometheus and demo
                }
                default ->
                    values.put(name, variable.path("current").path("value").asText());
            }
        }
        return values;
    }

    /** A query-API panel: its URL answers a JSON array whose elements carry every field the panel plots. */
    private Optional<String> checkApiTarget(DemoProcess demo, Dashboards.Target target, Map<String, String> variables)
            throws Exception {
        String path = PromQl.substitute(
                target.url(), Map.of("channel", URLEncoder.encode(variables.get("channel"), StandardCharsets.UTF_8)));
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(demo.url(path))).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return Optional.of(target.where() + ": " + path + " answered " + response.statusCode());
        }
        JsonNode rows = JSON.readTree(response.body());
        if (!rows.isArray() || rows.isEmpty()) {
            return Optional.of(target.where() + ": " + path + " gave no rows: " + response.body());
        }
        for (String selector : target.columnSelectors()) {
            boolean present = false;
            for (JsonNode row : rows) {
                present |= row.has(selector);
            }
            if (!present) {
                return Optional.of(target.where() + ": no row of " + path + " has field " + selector);
            }
        }
        return Optional.empty();
    }

    private Path testConfig(int demoPort, int prometheusPort) throws IOException {
        ObjectNode config = (ObjectNode) YAML.readTree(SHIPPED_CONFIG.toFile());
        ObjectNode global = (ObjectNode) config.path("global");
        global.put("scrape_interval", "1s");
        global.put("evaluation_interval", "1s");
        ArrayNode ruleFiles = config.putArray("rule_files");
        ruleFiles.add(RULES_DIR.toAbsolutePath().resolve("*.yml").toString());
        config.remove("alerting");
        for (JsonNode job : config.path("scrape_configs")) {
            ObjectNode scrape = (ObjectNode) job;
            String target = switch (scrape.path("job_name").asText()) {
                case "cellwatch" -> "127.0.0.1:" + demoPort;
                // In the demo the alert service's meters are on the demo's own /metrics.
                case "cellwatch-alerts" -> "127.0.0.1:" + demoPort;
                case "prometheus" -> "127.0.0.1:" + prometheusPort;
                default -> throw new AssertionError("unexpected scrape job " + scrape.path("job_name"));
            };
            scrape.remove("dns_sd_configs");
            scrape.put("scrape_interval", "1s");
            scrape.put("scrape_timeout", "1s");
            scrape.putArray("static_configs").addObject().putArray("targets").add(target);
        }
        Path file = work.resolve("prometheus.yml");
        YAML.writeValue(file.toFile(), config);
        return file;
    }

    private static List<Path> ruleFiles() throws IOException {
        if (!Files.isDirectory(RULES_DIR)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(RULES_DIR)) {
            return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
        }
    }

    /** Every alerting rule (file: name) with the metric selectors its expression needs (see {@link PromQl}). */
    private static Map<String, Set<String>> alertRuleMetrics() throws IOException {
        Map<String, Set<String>> rules = new LinkedHashMap<>();
        for (Path file : ruleFiles()) {
            for (JsonNode group : YAML.readTree(file.toFile()).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    if (rule.has("alert")) {
                        rules.put(
                                file.getFileName() + ": " + rule.path("alert").asText(),
                                PromQl.metricSelectors(rule.path("expr").asText()));
                    }
                }
            }
        }
        return rules;
    }

    private static Set<String> recordedNames() throws IOException {
        Set<String> names = new LinkedHashSet<>();
        for (Path file : ruleFiles()) {
            for (JsonNode group : YAML.readTree(file.toFile()).path("groups")) {
                group.path("rules").forEach(rule -> {
                    if (rule.has("record")) {
                        names.add(rule.path("record").asText());
                    }
                });
            }
        }
        return names;
    }

    private static int ruleGroups() throws IOException {
        int groups = 0;
        for (Path file : ruleFiles()) {
            groups += YAML.readTree(file.toFile()).path("groups").size();
        }
        return groups;
    }

    /**
     * A per-channel panel's series: for the chosen channel, or else for another channel of the
     * variable's values. A channel has series only for what applies to it (no overpotential on a
     * full cell), so each such panel must show data for some channel, not for every one.
     */
    private List<JsonNode> awaitSeriesOfSomeChannel(
            PrometheusServer prometheus, String template, Map<String, String> variables, long deadlineNanos)
            throws Exception {
        List<String> channels = new ArrayList<>();
        channels.add(variables.get("channel"));
        channels.addAll(channelOptions);
        Duration left = Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
        return Waiting.until(
                left,
                Duration.ofSeconds(1),
                () -> {
                    for (String channel : channels) {
                        Map<String, String> values = new LinkedHashMap<>(variables);
                        values.put("channel", channel);
                        List<JsonNode> series = prometheus.series(PromQl.substitute(template, values));
                        if (!series.isEmpty()) {
                            return series;
                        }
                    }
                    return List.<JsonNode>of();
                },
                series -> !series.isEmpty());
    }

    private static List<JsonNode> awaitSeries(PrometheusServer prometheus, String expr, long deadlineNanos)
            throws Exception {
        Duration left = Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
        return Waiting.until(left, Duration.ofSeconds(1), () -> prometheus.series(expr), series -> !series.isEmpty());
    }

    private static long deadline(int seconds) {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    }
}

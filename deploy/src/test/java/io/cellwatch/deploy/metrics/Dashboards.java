package io.cellwatch.deploy.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The Grafana dashboards in {@code deploy/grafana/dashboards}, read as Grafana reads them. */
final class Dashboards {
    static final Path DIR = Path.of("grafana", "dashboards");
    static final String PROMETHEUS = "prometheus";
    static final String INFINITY = "yesoreyeram-infinity-datasource";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Dashboards() {}

    record Dashboard(Path file, JsonNode json) {
        String uid() {
            return json.path("uid").asText();
        }

        String title() {
            return json.path("title").asText();
        }

        /** Every panel, those inside rows included, rows themselves excluded. */
        List<JsonNode> panels() {
            List<JsonNode> panels = new ArrayList<>();
            collect(json.path("panels"), panels);
            return panels;
        }

        List<Target> targets() {
            List<Target> targets = new ArrayList<>();
            for (JsonNode panel : panels()) {
                for (JsonNode target : panel.path("targets")) {
                    JsonNode source = target.has("datasource") ? target.path("datasource") : panel.path("datasource");
                    targets.add(new Target(
                            this,
                            panel.path("title").asText(),
                            source.path("type").asText(),
                            target));
                }
            }
            return targets;
        }

        List<JsonNode> variables() {
            List<JsonNode> variables = new ArrayList<>();
            json.path("templating").path("list").forEach(variables::add);
            return variables;
        }

        private static void collect(JsonNode panels, List<JsonNode> into) {
            for (JsonNode panel : panels) {
                if (panel.path("type").asText().equals("row")) {
                    collect(panel.path("panels"), into);
                } else {
                    into.add(panel);
                }
            }
        }
    }

    /** One query of one panel. */
    record Target(Dashboard dashboard, String panelTitle, String datasourceType, JsonNode json) {
        String expr() {
            return json.path("expr").asText();
        }

        String url() {
            return json.path("url").asText();
        }

        List<String> columnSelectors() {
            List<String> selectors = new ArrayList<>();
            json.path("columns")
                    .forEach(column -> selectors.add(column.path("selector").asText()));
            return selectors;
        }

        String where() {
            return dashboard.title() + " / " + panelTitle + " / "
                    + json.path("refId").asText();
        }
    }

    static List<Dashboard> all() {
        try (Stream<Path> files = Files.list(DIR)) {
            List<Dashboard> dashboards = new ArrayList<>();
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                dashboards.add(new Dashboard(file, JSON.readTree(file.toFile())));
            }
            return dashboards;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

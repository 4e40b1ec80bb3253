package io.cellwatch.deploy.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cellwatch.deploy.cli.CellwatchCli;
import io.cellwatch.deploy.kafka.CellwatchAcls;
import io.cellwatch.model.TopicNames;
import io.cellwatch.streams.detect.profile.DetectionConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The compose stack, the Kubernetes manifests, Prometheus' configuration and Grafana's provisioning
 * agree with each other and with the application: images, ports, who scrapes whom, which dashboards
 * load. No Docker or cluster exists here: the files are parsed and cross-checked, not run.
 */
class DeploymentFilesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path COMPOSE_DIR = Path.of("compose");
    private static final Path K8S_DIR = Path.of("k8s");

    @Test
    void composeRunsTheWholeStackWithPinnedImagesAndWorkingMounts() throws IOException {
        JsonNode services = compose().path("services");
        assertThat(fieldNames(services))
                .contains("kafka", "cellwatch", "alerts", "lab", "prometheus", "alertmanager", "grafana");
        for (String name : fieldNames(services)) {
            String image = services.path(name).path("image").asText();
            assertThat(image)
                    .as("image of %s", name)
                    .matches("[a-z0-9./_-]+:[A-Za-z0-9._-]+")
                    .doesNotEndWith(":latest");
            for (JsonNode volume : services.path(name).path("volumes")) {
                String source = volume.asText().split(":")[0];
                if (source.startsWith(".")) {
                    assertThat(COMPOSE_DIR.resolve(source))
                            .as("bind mount of %s", name)
                            .exists();
                }
            }
        }

        JsonNode kafka = services.path("kafka").path("environment");
        assertThat(kafka.path("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
        assertThat(kafka.path("KAFKA_ADVERTISED_LISTENERS").asText()).isEqualTo("PLAINTEXT://kafka:9092");

        JsonNode cellwatch = services.path("cellwatch");
        assertThat(cellwatch.path("build").path("dockerfile").asText()).isEqualTo("deploy/compose/Dockerfile");
        assertThat(COMPOSE_DIR
                        .resolve(cellwatch.path("build").path("context").asText())
                        .resolve(cellwatch.path("build").path("dockerfile").asText()))
                .exists();
        String streams = String.join(" ", texts(cellwatch.path("entrypoint")));
        assertThat(streams)
                .contains(
                        "cellwatch.jar streams",
                        "--bootstrap-servers kafka:9092",
                        "--http-port 8080",
                        "--application-server $$(hostname -i):8080");
        assertThat(texts(cellwatch.path("ports"))).anyMatch(p -> p.endsWith(":8080"));
        for (String client : List.of("alerts", "lab")) {
            assertThat(texts(services.path(client).path("command")))
                    .as(client)
                    .contains("--bootstrap-servers=kafka:9092");
        }
        assertThat(texts(services.path("alerts").path("command")))
                .contains("--alertmanager-url=http://alertmanager:9093");
        assertThat(texts(services.path("prometheus").path("volumes")))
                .contains(
                        "../prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro",
                        "../prometheus/rules:/etc/prometheus/rules:ro");
        assertThat(texts(services.path("grafana").path("volumes")))
                .contains(
                        "../grafana/provisioning:/etc/grafana/provisioning:ro",
                        "../grafana/dashboards:/var/lib/grafana/dashboards/cellwatch:ro");
        assertThat(services.path("grafana")
                        .path("environment")
                        .path("GF_INSTALL_PLUGINS")
                        .asText())
                .contains(Dashboards.INFINITY);
    }

    @Test
    void prometheusScrapesEveryCellwatchInstanceLoadsTheRulesAndAlertsAlertmanager() throws IOException {
        JsonNode config = YAML.readTree(Path.of("prometheus", "prometheus.yml").toFile());
        assertThat(texts(config.path("rule_files"))).containsExactly("rules/*.yml");
        assertThat(texts(config.path("alerting")
                        .path("alertmanagers")
                        .get(0)
                        .path("static_configs")
                        .get(0)
                        .path("targets")))
                .containsExactly("alertmanager:9093");
        JsonNode job = job(config, "cellwatch");
        assertThat(job.path("metrics_path").asText()).isEqualTo("/metrics");
        JsonNode discovery = job.path("dns_sd_configs").get(0);
        assertThat(texts(discovery.path("names"))).containsExactly("cellwatch");
        assertThat(discovery.path("type").asText()).isEqualTo("A");
        assertThat(discovery.path("port").asInt()).isEqualTo(8080);
        // The alert service has its own job, on the port its command line opens.
        JsonNode alertsJob =
                job(config, "cellwatch-alerts").path("dns_sd_configs").get(0);
        assertThat(texts(alertsJob.path("names"))).containsExactly("alerts");
        // The names it points at are the compose services.
        JsonNode services = compose().path("services");
        assertThat(services.has("cellwatch")).isTrue();
        assertThat(texts(services.path("alerts").path("command")))
                .contains("--metrics-port=" + alertsJob.path("port").asInt());
        assertThat(texts(services.path("alertmanager").path("ports"))).anyMatch(p -> p.endsWith(":9093"));
    }

    @Test
    void grafanaProvisionsBothDataSourcesAndEveryDashboard() throws IOException {
        JsonNode sources = YAML.readTree(Path.of("grafana", "provisioning", "datasources", "cellwatch.yml")
                        .toFile())
                .path("datasources");
        JsonNode prometheus = find(sources, "type", Dashboards.PROMETHEUS);
        assertThat(prometheus.path("uid").asText()).isEqualTo("prometheus");
        assertThat(prometheus.path("url").asText()).isEqualTo("http://prometheus:9090");
        JsonNode api = find(sources, "type", Dashboards.INFINITY);
        assertThat(api.path("url").asText()).isEqualTo("http://cellwatch:8080");

        JsonNode provider = YAML.readTree(Path.of("grafana", "provisioning", "dashboards", "cellwatch.yml")
                        .toFile())
                .path("providers")
                .get(0);
        assertThat(provider.path("options").path("path").asText()).isEqualTo("/var/lib/grafana/dashboards/cellwatch");

        List<Dashboards.Dashboard> dashboards = Dashboards.all();
        assertThat(dashboards)
                .extracting(Dashboards.Dashboard::uid)
                .containsExactlyInAnyOrder("cellwatch-fleet", "cellwatch-channel", "cellwatch-pipeline");
        Set<Integer> ids = new HashSet<>();
        for (Dashboards.Dashboard dashboard : dashboards) {
            // The data-source variables default to the provisioned data sources.
            for (JsonNode variable : dashboard.variables()) {
                if (variable.path("type").asText().equals("datasource")) {
                    String type = variable.path("query").asText();
                    String uid = variable.path("current").path("value").asText();
                    assertThat(uid)
                            .as(dashboard.title())
                            .isEqualTo(find(sources, "type", type).path("uid").asText());
                }
            }
            ids.clear();
            for (JsonNode panel : dashboard.panels()) {
                assertThat(ids.add(panel.path("id").asInt()))
                        .as("unique panel id in %s", dashboard.title())
                        .isTrue();
                assertThat(panel.path("targets").size())
                        .as(panel.path("title").asText())
                        .isPositive();
            }
            for (Dashboards.Target target : dashboard.targets()) {
                assertThat(target.datasourceType()).as(target.where()).isIn(Dashboards.PROMETHEUS, Dashboards.INFINITY);
                if (target.datasourceType().equals(Dashboards.PROMETHEUS)) {
                    assertThat(PromQl.metricNames(target.expr()))
                            .as(target.where())
                            .isNotEmpty();
                } else {
                    assertThat(target.url()).as(target.where()).startsWith("/api/channels/");
                }
            }
        }
    }

    @Test
    void kubernetesRunsStrimziKafkaAndAScalableScrapedCellwatch() throws IOException {
        List<JsonNode> docs = kubernetesDocuments();
        docs.addAll(documents(K8S_DIR.resolve("podmonitor.yaml")));

        JsonNode kafka = kind(docs, "Kafka", "cellwatch");
        assertThat(kafka.path("apiVersion").asText()).isEqualTo("kafka.strimzi.io/v1beta2");
        assertThat(kafka.path("metadata")
                        .path("annotations")
                        .path("strimzi.io/kraft")
                        .asText())
                .isEqualTo("enabled");
        JsonNode pool = kind(docs, "KafkaNodePool", "dual-role");
        assertThat(texts(pool.path("spec").path("roles"))).containsExactlyInAnyOrder("controller", "broker");
        assertThat(pool.path("metadata")
                        .path("labels")
                        .path("strimzi.io/cluster")
                        .asText())
                .isEqualTo("cellwatch");
        String bootstrap = "cellwatch-kafka-bootstrap:"
                + kafka.path("spec")
                        .path("kafka")
                        .path("listeners")
                        .get(0)
                        .path("port")
                        .asInt();

        List<String> topics = docs.stream()
                .filter(d -> d.path("kind").asText().equals("KafkaTopic"))
                .map(d -> d.path("spec").path("topicName").asText())
                .toList();
        assertThat(topics)
                .containsExactlyInAnyOrderElementsOf(TopicNames.defaults().all());

        JsonNode deployment = kind(docs, "Deployment", "cellwatch");
        JsonNode pod = deployment.path("spec").path("template");
        JsonNode container = pod.path("spec").path("containers").get(0);
        assertThat(container.path("image").asText()).matches(".+:[0-9][A-Za-z0-9._-]*");
        List<String> args = texts(container.path("args"));
        assertThat(args)
                .contains(
                        "streams",
                        "--bootstrap-servers=" + bootstrap,
                        "--application-server=$(POD_IP):8080",
                        "--http-port=8080");
        assertThat(find(container.path("env"), "name", "POD_IP")
                        .path("valueFrom")
                        .path("fieldRef")
                        .path("fieldPath")
                        .asText())
                .isEqualTo("status.podIP");
        assertThat(find(container.path("ports"), "name", "http")
                        .path("containerPort")
                        .asInt())
                .isEqualTo(8080);
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
                .isEqualTo("/health");
        assertThat(deployment.path("spec").path("replicas").asInt()).isGreaterThan(1);
        JsonNode podLabels = pod.path("metadata").path("labels");
        assertThat(deployment.path("spec").path("selector").path("matchLabels")).isEqualTo(podLabels);

        JsonNode service = kind(docs, "Service", "cellwatch");
        assertSelects(service.path("spec").path("selector"), podLabels);
        assertThat(service.path("spec").path("ports").get(0).path("targetPort").asText())
                .isEqualTo("http");

        // Scraped either way: annotations for a plain Prometheus, a PodMonitor for the operator.
        JsonNode annotations = pod.path("metadata").path("annotations");
        assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
        assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo("8080");
        assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/metrics");
        JsonNode podMonitor = kind(docs, "PodMonitor", "cellwatch");
        assertSelects(podMonitor.path("spec").path("selector").path("matchLabels"), podLabels);
        assertThat(podMonitor
                        .path("spec")
                        .path("podMetricsEndpoints")
                        .get(0)
                        .path("port")
                        .asText())
                .isEqualTo("http");

        JsonNode inCluster = YAML.readTree(
                K8S_DIR.resolve("prometheus").resolve("prometheus.yml").toFile());
        JsonNode relabel = job(inCluster, "cellwatch").path("relabel_configs");
        assertThat(relabel.get(0).path("source_labels").get(0).asText())
                .isEqualTo("__meta_kubernetes_pod_annotation_prometheus_io_scrape");

        JsonNode alerts = kind(docs, "Deployment", "cellwatch-alerts");
        assertThat(texts(alerts.path("spec")
                        .path("template")
                        .path("spec")
                        .path("containers")
                        .get(0)
                        .path("args")))
                .contains("alerts", "--bootstrap-servers=" + bootstrap);

        // The alert service's own metrics: annotated for a plain Prometheus, a PodMonitor for the operator.
        JsonNode alertsPod = alerts.path("spec").path("template");
        JsonNode alertsContainer = alertsPod.path("spec").path("containers").get(0);
        int metricsPort = find(alertsContainer.path("ports"), "name", "metrics")
                .path("containerPort")
                .asInt();
        assertThat(texts(alertsContainer.path("args"))).contains("--metrics-port=" + metricsPort);
        assertThat(alertsPod
                        .path("metadata")
                        .path("annotations")
                        .path("prometheus.io/port")
                        .asText())
                .isEqualTo(String.valueOf(metricsPort));
        JsonNode alertsMonitor = kind(docs, "PodMonitor", "cellwatch-alerts");
        assertSelects(
                alertsMonitor.path("spec").path("selector").path("matchLabels"),
                alertsPod.path("metadata").path("labels"));
        assertThat(alertsMonitor
                        .path("spec")
                        .path("podMetricsEndpoints")
                        .get(0)
                        .path("port")
                        .asText())
                .isEqualTo("metrics");
        assertThat(job(inCluster, "cellwatch-alerts")).isNotNull();
    }

    @Test
    void kubernetesConnectsAsAKafkaUserWithExactlyTheAclsTheSecuredPipelineNeeded() throws IOException {
        List<JsonNode> docs = kubernetesDocuments();
        JsonNode kafka = kind(docs, "Kafka", "cellwatch");
        assertThat(kafka.path("spec")
                        .path("kafka")
                        .path("authorization")
                        .path("type")
                        .asText())
                .as("the brokers enforce ACLs")
                .isEqualTo("simple");
        JsonNode listeners = kafka.path("spec").path("kafka").path("listeners");
        assertThat(listeners.size()).as("no listener without authentication").isEqualTo(1);
        JsonNode listener = listeners.get(0);
        assertThat(listener.path("tls").asBoolean()).isTrue();
        assertThat(listener.path("authentication").path("type").asText()).isEqualTo("scram-sha-512");
        assertThat(kafka.path("spec").path("entityOperator").has("userOperator"))
                .isTrue();

        JsonNode user = kind(docs, "KafkaUser", "cellwatch");
        assertThat(user.path("metadata")
                        .path("labels")
                        .path("strimzi.io/cluster")
                        .asText())
                .isEqualTo("cellwatch");
        assertThat(user.path("spec").path("authentication").path("type").asText())
                .isEqualTo(listener.path("authentication").path("type").asText());
        assertThat(user.path("spec").path("authorization").path("type").asText())
                .isEqualTo("simple");
        assertThat(CellwatchAcls.fromKafkaUser(user))
                .as("the KafkaUser's ACLs are those SecuredKafkaIT ran the pipeline with, no more, no less")
                .containsExactlyInAnyOrderElementsOf(CellwatchAcls.REQUIRED);

        String bootstrap = "--bootstrap-servers=cellwatch-kafka-bootstrap:"
                + listener.path("port").asInt();
        for (String name : List.of("cellwatch", "cellwatch-alerts")) {
            JsonNode pod =
                    kind(docs, "Deployment", name).path("spec").path("template").path("spec");
            JsonNode container = pod.path("containers").get(0);
            assertThat(texts(container.path("args"))).as(name).contains(bootstrap);
            JsonNode env = container.path("env");
            assertThat(find(env, "name", "CELLWATCH_KAFKA_SECURITY_PROTOCOL")
                            .path("value")
                            .asText())
                    .isEqualTo("SASL_SSL");
            assertThat(find(env, "name", "CELLWATCH_KAFKA_SASL_MECHANISM")
                            .path("value")
                            .asText())
                    .isEqualTo("SCRAM-SHA-512");
            JsonNode jaas = find(env, "name", "CELLWATCH_KAFKA_SASL_JAAS_CONFIG")
                    .path("valueFrom")
                    .path("secretKeyRef");
            assertThat(jaas.path("name").asText())
                    .as("%s: the Secret the User Operator writes for the KafkaUser", name)
                    .isEqualTo("cellwatch");
            assertThat(jaas.path("key").asText()).isEqualTo("sasl.jaas.config");
            // The truststore is the cluster CA's certificate, mounted from the Secret Strimzi keeps it in.
            String truststore = find(env, "name", "CELLWATCH_KAFKA_SSL_TRUSTSTORE_LOCATION")
                    .path("value")
                    .asText();
            assertThat(find(env, "name", "CELLWATCH_KAFKA_SSL_TRUSTSTORE_TYPE")
                            .path("value")
                            .asText())
                    .isEqualTo("PEM");
            JsonNode mount = find(container.path("volumeMounts"), "name", "kafka-ca");
            assertThat(truststore).isEqualTo(mount.path("mountPath").asText() + "/ca.crt");
            assertThat(find(pod.path("volumes"), "name", "kafka-ca")
                            .path("secret")
                            .path("secretName")
                            .asText())
                    .isEqualTo("cellwatch-cluster-ca-cert");
        }
    }

    /**
     * Both stacks run cellwatch with a detection config mounted as a directory (a file or subPath mount
     * would not follow an edit), and the file shipped checks out.
     */
    @Test
    void bothStacksApplyADetectionConfigFromAMountedDirectoryThatChecksOut() throws IOException {
        List<JsonNode> docs = kubernetesDocuments();
        JsonNode configMap = kind(docs, "ConfigMap", "cellwatch-detection-config");
        JsonNode pod = kind(docs, "Deployment", "cellwatch")
                .path("spec")
                .path("template")
                .path("spec");
        JsonNode container = pod.path("containers").get(0);
        JsonNode mount = find(container.path("volumeMounts"), "name", "detection-config");
        assertThat(mount.has("subPath"))
                .as("a subPath mount never sees the ConfigMap change")
                .isFalse();
        assertThat(find(pod.path("volumes"), "name", "detection-config")
                        .path("configMap")
                        .path("name")
                        .asText())
                .isEqualTo("cellwatch-detection-config");
        String file = configuredFile(texts(container.path("args")), "--detection-config=");
        assertThat(Path.of(file).getParent())
                .isEqualTo(Path.of(mount.path("mountPath").asText()));
        String key = Path.of(file).getFileName().toString();
        assertThat(configMap.path("data").has(key))
                .as("the ConfigMap holds %s", key)
                .isTrue();
        DetectionConfig.parse(
                "ConfigMap " + key, configMap.path("data").path(key).asText());

        JsonNode cellwatch = compose().path("services").path("cellwatch");
        String entrypoint = String.join(" ", texts(cellwatch.path("entrypoint")));
        String composeFile = configuredFile(List.of(entrypoint.split("\\s+")), "--detection-config");
        String volume = texts(cellwatch.path("volumes")).stream()
                .filter(v ->
                        v.split(":")[1].equals(Path.of(composeFile).getParent().toString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no volume mounts the directory of " + composeFile));
        DetectionConfig.load(COMPOSE_DIR
                .resolve(volume.split(":")[0])
                .resolve(Path.of(composeFile).getFileName()));
    }

    /**
     * Every cellwatch command line the two stacks start is one the launcher accepts: an option
     * renamed or removed (as {@code alerts --state-dir} was, the alert service keeping nothing on
     * disk) fails here rather than in a pod that will not start.
     */
    @Test
    void everyCellwatchCommandLineInBothStacksParses() throws IOException {
        List<List<String>> commandLines = new ArrayList<>();
        JsonNode services = compose().path("services");
        for (String name : fieldNames(services)) {
            JsonNode service = services.path(name);
            if (!service.path("image").asText().startsWith("cellwatch:")) {
                continue;
            }
            if (service.path("command").isArray()) {
                commandLines.add(texts(service.path("command")));
            } else {
                // The shell line that starts the jar; a command substitution, $$(hostname -i), is one word.
                String shell = String.join(" ", texts(service.path("entrypoint")))
                        .replaceAll("\\$\\$\\([^)]*\\)", "SUBSTITUTED");
                String jar = "cellwatch.jar ";
                assertThat(shell).as(name).contains(jar);
                commandLines.add(List.of(shell.substring(shell.indexOf(jar) + jar.length())
                        .trim()
                        .split("\\s+")));
            }
        }
        for (JsonNode doc : kubernetesDocuments()) {
            for (JsonNode container : doc.findValues("containers")) {
                for (JsonNode c : container) {
                    if (c.path("image").asText().contains("/cellwatch/cellwatch:")) {
                        commandLines.add(texts(c.path("args")));
                    }
                }
            }
        }
        assertThat(commandLines).hasSizeGreaterThanOrEqualTo(5); // compose: streams, alerts, lab; k8s: both
        for (List<String> args : commandLines) {
            assertThatCode(() -> CellwatchCli.commandLine().parseArgs(args.toArray(String[]::new)))
                    .as(String.join(" ", args))
                    .doesNotThrowAnyException();
        }
    }

    /** The value of {@code option} among {@code args}: {@code --option=VALUE} or {@code --option VALUE}. */
    private static String configuredFile(List<String> args, String option) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).startsWith(option) && args.get(i).length() > option.length()) {
                return args.get(i).substring(option.length());
            }
            if (args.get(i).equals(option) && i + 1 < args.size()) {
                return args.get(i + 1);
            }
        }
        throw new AssertionError("no " + option + " in " + args);
    }

    private static List<JsonNode> kubernetesDocuments() throws IOException {
        JsonNode kustomization =
                YAML.readTree(K8S_DIR.resolve("kustomization.yaml").toFile());
        List<JsonNode> docs = new ArrayList<>();
        for (String resource : texts(kustomization.path("resources"))) {
            assertThat(K8S_DIR.resolve(resource)).exists();
            docs.addAll(documents(K8S_DIR.resolve(resource)));
        }
        return docs;
    }

    private static void assertSelects(JsonNode selector, JsonNode labels) {
        assertThat(selector.size()).isPositive();
        selector.fields()
                .forEachRemaining(e -> assertThat(labels.path(e.getKey()).asText())
                        .as(e.getKey())
                        .isEqualTo(e.getValue().asText()));
    }

    private static JsonNode compose() throws IOException {
        return YAML.readTree(COMPOSE_DIR.resolve("compose.yaml").toFile());
    }

    static List<JsonNode> documents(Path file) throws IOException {
        try (var parser = YAML.getFactory().createParser(Files.newBufferedReader(file))) {
            List<JsonNode> docs = new ArrayList<>();
            YAML.readValues(parser, JsonNode.class).forEachRemaining(docs::add);
            return docs;
        }
    }

    static JsonNode kind(List<JsonNode> docs, String kind, String name) {
        return docs.stream()
                .filter(d -> d.path("kind").asText().equals(kind)
                        && d.path("metadata").path("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }

    private static JsonNode job(JsonNode config, String name) {
        return find(config.path("scrape_configs"), "job_name", name);
    }

    static JsonNode find(JsonNode array, String field, String value) {
        return StreamSupport.stream(array.spliterator(), false)
                .filter(n -> n.path(field).asText().equals(value))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no element with " + field + "=" + value + " in " + array));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}

package io.cellwatch.deploy.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellwatch.alerts.ledger.DeliveryLedger;
import io.cellwatch.deploy.CliProcess;
import io.cellwatch.deploy.broker.LoopbackPorts;
import io.cellwatch.model.Alert;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.WireSerdes;
import io.cellwatch.model.kafka.KafkaConnection;
import io.cellwatch.simulator.Scenario;
import io.cellwatch.simulator.SimFiles;
import io.cellwatch.simulator.Simulator;
import io.cellwatch.simulator.SimulatorConfig;
import io.cellwatch.testing.RecordingHttpReceiver;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cellwatch against a secured Kafka, as production clusters run: SASL_SSL only (SCRAM-SHA-512 over
 * TLS) and the StandardAuthorizer on, the pipeline's user granted exactly {@link CellwatchAcls#REQUIRED}.
 * Three {@code cellwatch} JVMs run the pipeline over the secured listener: {@code ingest --follow}
 * and {@code streams} configured by {@code --kafka-config FILE}, {@code alerts} by
 * {@code CELLWATCH_KAFKA_*} environment variables alone. The simulated critical-current-density
 * short reaches the webhook; clients without credentials, with a wrong password, or authenticated
 * without ACLs are refused, and the pipeline's user is refused outside its ACLs.
 */
class SecuredKafkaIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "cellwatch";
    private static final String PASSWORD = "pipeline-secret";
    private static final String INTRUDER = "intruder";
    private static final String INTRUDER_PASSWORD = "intruder-secret";
    private static final TopicNames TOPICS = TopicNames.defaults();

    @TempDir
    Path dir;

    @Test
    void thePipelineRunsOverSaslSslWithOnlyItsAclsAndOthersAreRefused() throws Exception {
        try (AuthorizerAudit audit = AuthorizerAudit.start();
                SecuredKafka kafka =
                        SecuredKafka.start(dir.resolve("kafka"), Map.of(USER, PASSWORD, INTRUDER, INTRUDER_PASSWORD));
                RecordingHttpReceiver webhook = RecordingHttpReceiver.start()) {
            try (Admin admin = kafka.admin()) {
                admin.createAcls(CellwatchAcls.bindings("User:" + USER, CellwatchAcls.REQUIRED))
                        .all()
                        .get();
            }
            Path clientConfig = dir.resolve("cellwatch-client.properties");
            Properties client = new Properties();
            client.putAll(kafka.clientProperties(USER, PASSWORD));
            try (Writer writer = Files.newBufferedWriter(clientConfig)) {
                client.store(writer, "cellwatch's Kafka client properties (SASL_SSL, SCRAM-SHA-512)");
            }
            Path lab = dir.resolve("lab");
            Simulator simulator =
                    Simulator.create(SimulatorConfig.demo(), List.of(Scenario.CCD_STEP_UP, Scenario.HEALTHY_SYMMETRIC));
            String ccdChannel = simulator.channels().get(0).channelId();
            SimFiles.write(simulator, lab, 20 * 3600.0); // the step-up test shorts at about 12.3 h

            List<String> common = List.of("--partitions", "2", "--replication-factor", "1");
            List<String> withFile =
                    List.of("--bootstrap-servers", kafka.bootstrapServers(), "--kafka-config", clientConfig.toString());
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("CELLWATCH_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            kafka.clientProperties(USER, PASSWORD).forEach((key, value) -> environment.put(variable(key), value));

            int[] httpPorts = LoopbackPorts.free(2); // the alert service's, the streams JVM's
            int alertsMetricsPort = httpPorts[0];
            List<CliProcess> processes = new ArrayList<>();
            try {
                List<String> streamsArgs = concat(
                        List.of(
                                "streams",
                                "--http-host",
                                "127.0.0.1",
                                "--http-port",
                                String.valueOf(httpPorts[1]),
                                "--state-dir",
                                dir.resolve("streams").toString()),
                        withFile,
                        common);
                processes.add(CliProcess.start(dir.resolve("streams.log"), streamsArgs));
                processes.add(CliProcess.start(
                        dir.resolve("alerts.log"),
                        concat(
                                List.of(
                                        "alerts",
                                        "--webhook-url",
                                        webhook.url("/hook"),
                                        "--metrics-host",
                                        "127.0.0.1",
                                        "--metrics-port",
                                        String.valueOf(alertsMetricsPort)),
                                common),
                        environment));
                processes.add(CliProcess.start(
                        dir.resolve("ingest.log"),
                        concat(
                                List.of(
                                        "ingest",
                                        "--follow",
                                        lab.toString(),
                                        "--ingester-id",
                                        "secured-it",
                                        // One replicate group: its cycles go through the repartition topic,
                                        // which Kafka Streams purges (the Delete ACL).
                                        "--group",
                                        "secured-rack"),
                                withFile,
                                common)));

                List<JsonNode> delivered = new ArrayList<>();
                try {
                    await().atMost(Duration.ofSeconds(240))
                            .pollInterval(Duration.ofMillis(500))
                            .until(() -> {
                                delivered.clear();
                                for (RecordingHttpReceiver.Request request : webhook.requests()) {
                                    delivered.add(JSON.readTree(request.body()));
                                }
                                return delivered.stream()
                                        .anyMatch(a -> a.path("channel")
                                                        .asText()
                                                        .equals(ccdChannel)
                                                && a.path("kind").asText().equals("critical_current_density"));
                            });
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    for (String log : List.of("streams.log", "alerts.log", "ingest.log")) {
                        System.err.println("--- " + log + " ---\n" + tail(dir.resolve(log)));
                    }
                    throw e;
                }
                assertThat(delivered)
                        .as("the step-up test's short reached the webhook through the secured pipeline")
                        .anyMatch(a -> a.path("channel").asText().equals(ccdChannel)
                                && a.path("kind").asText().equals("critical_current_density")
                                && a.path("severity").asText().equals("critical"));
                assertThat(processes).allMatch(CliProcess::isAlive);
                // The alert service's own /metrics counts what the webhook accepted.
                String scrape = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + alertsMetricsPort + "/metrics"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                Matcher accepted = Pattern.compile(
                                "cellwatch_alert_deliveries_total\\{[^}]*outcome=\"accepted\",receiver=\"webhook-[0-9a-f]+\"} (\\S+)")
                        .matcher(scrape);
                assertThat(accepted.find())
                        .as("webhook deliveries on the alert service's /metrics")
                        .isTrue();
                assertThat(Double.parseDouble(accepted.group(1))).isGreaterThanOrEqualTo(delivered.size());

                // A crash of the topology: restarted, it restores its state from the changelogs (the one
                // thing a first run never reads), so every ACL has been exercised.
                processes.get(0).kill();
                processes.add(CliProcess.start(dir.resolve("streams.log"), streamsArgs));
                Set<AuthorizerAudit.UsedAcl> granted = used(CellwatchAcls.REQUIRED);
                try {
                    await().atMost(Duration.ofSeconds(120))
                            .pollInterval(Duration.ofMillis(500))
                            .until(() -> audit.used("User:" + USER).containsAll(granted));
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    Set<AuthorizerAudit.UsedAcl> unused = new java.util.LinkedHashSet<>(granted);
                    unused.removeAll(audit.used("User:" + USER));
                    throw new AssertionError("granted but never used by the pipeline: " + unused, e);
                }
                assertThat(audit.denied("User:" + USER))
                        .as("nothing the pipeline did was denied, beyond the broker's own probes")
                        .allMatch(SecuredKafkaIT::probe);
                System.out.printf(
                        "pipeline's authorization checks: %d audit lines; ACLs used: %s%n",
                        audit.size(), audit.used("User:" + USER));

                // What the webhook got is what the topology wrote to the alerts topic.
                List<String> inTopic = new ArrayList<>();
                for (ConsumerRecord<String, Alert> record : readAll(kafka.superUser(), TOPICS.alerts())) {
                    inTopic.add(record.value().alertId());
                }
                assertThat(inTopic)
                        .containsAll(delivered.stream()
                                .map(a -> a.path("alertId").asText())
                                .toList());
            } finally {
                for (CliProcess process : processes) {
                    process.kill();
                }
            }
            for (String log : List.of("streams.log", "alerts.log", "ingest.log")) {
                assertThat(Files.readString(dir.resolve(log)))
                        .as(log)
                        .doesNotContain(PASSWORD)
                        .doesNotContain("AuthorizationException")
                        .doesNotContain("AUTHORIZATION_FAILED");
            }

            assertRefused(kafka);
        }
    }

    /** Without credentials, with a wrong password, or without ACLs: refused; and the pipeline's user outside its ACLs. */
    private static void assertRefused(SecuredKafka kafka) throws Exception {
        Properties noCredentials = props(kafka, kafka.tlsOnly());
        noCredentials.put("default.api.timeout.ms", "8000");
        noCredentials.put("request.timeout.ms", "4000");
        try (Admin admin = Admin.create(noCredentials)) {
            assertThatThrownBy(() -> admin.listTopics().names().get())
                    .as("TLS without SASL credentials gets no answer")
                    .isInstanceOf(ExecutionException.class);
        }

        try (Admin admin = Admin.create(props(kafka, kafka.clientProperties(USER, "wrong-password")))) {
            assertThatThrownBy(() -> admin.listTopics().names().get())
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }

        Properties intruder = props(kafka, kafka.clientProperties(INTRUDER, INTRUDER_PASSWORD));
        try (Admin admin = Admin.create(intruder)) {
            assertThat(admin.listTopics().names().get())
                    .as("an authenticated user without ACLs sees none of cellwatch's topics")
                    .doesNotContainAnyElementsOf(TOPICS.all());
        }
        intruder.put("max.block.ms", "8000");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(intruder, new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(TOPICS.samples(), "ch", "{}"))
                            .get())
                    .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        }
        Properties intruderReader = props(kafka, kafka.clientProperties(INTRUDER, INTRUDER_PASSWORD));
        intruderReader.put("group.id", "cellwatch-alerts");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(intruderReader, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPICS.alerts()));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
                    .isInstanceOfAny(GroupAuthorizationException.class, TopicAuthorizationException.class);
        }

        try (Admin admin = Admin.create(props(kafka, kafka.clientProperties(USER, PASSWORD)))) {
            assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("payroll", 1, (short) 1)))
                            .all()
                            .get())
                    .as("cellwatch's user creates nothing outside its prefixes")
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }

        KafkaConnection asCellwatch =
                KafkaConnection.of(kafka.bootstrapServers(), kafka.clientProperties(USER, PASSWORD));
        try (DeliveryLedger ledger = DeliveryLedger.open(asCellwatch, "cellwatch.alert-deliveries", "lab-b-alerts")) {
            assertThatThrownBy(() -> ledger.claim(List.of(0)))
                    .as("an alert service under a group id its ACLs do not cover is told which ACL to grant")
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("transactional ids prefixed lab-b-alerts-ledger-");
        }
    }

    /**
     * Checks the broker makes to shape an answer, whose denial refuses nothing: the operations it
     * lists as allowed on a described topic; whether topic configs go into a CreateTopics answer and
     * whether the cluster-wide CREATE applies before the per-topic one; whether an idempotent
     * producer may write through cluster IDEMPOTENT_WRITE before "WRITE on any topic" (KIP-679); and
     * which topics outside cellwatch's names (Kafka's own {@code __transaction_state}, in some runs)
     * to leave out of a metadata answer about all topics. A denial on one of cellwatch's own topics
     * in a metadata request still fails the test.
     */
    private static boolean probe(String denial) {
        return denial.matches(".* operation = (ALTER|ALTER_CONFIGS|DELETE|DESCRIBE_CONFIGS|CREATE|READ|WRITE) .* on"
                        + " resource = Topic:.* for request = DescribeTopicPartitions .*")
                || denial.matches(
                        ".* operation = DESCRIBE_CONFIGS .* on resource = Topic:.* for request = CreateTopics .*")
                || denial.matches(".* operation = CREATE .* on resource = Cluster:.* for request = CreateTopics .*")
                || denial.matches(
                        ".* operation = IDEMPOTENT_WRITE .* on resource = Cluster:.* for request = InitProducerId .*")
                || denial.matches(
                        ".* operation = WRITE .* on resource = Topic:.* for request = InitProducerId with resourceRefCount = 0 .*")
                || denial.matches(
                        ".* operation = DESCRIBE .* on resource = Topic:LITERAL:(?!cellwatch[.-]).* for request"
                                + " = Metadata .*");
    }

    /** The ACLs in Kafka's names, as the audit log reports the rule that allowed a check. */
    private static Set<AuthorizerAudit.UsedAcl> used(List<CellwatchAcls.Acl> acls) {
        Set<AuthorizerAudit.UsedAcl> used = new java.util.LinkedHashSet<>();
        for (var binding : CellwatchAcls.bindings("User:" + USER, acls)) {
            used.add(new AuthorizerAudit.UsedAcl(
                    binding.pattern().resourceType().name(),
                    binding.pattern().name(),
                    binding.pattern().patternType().name(),
                    binding.entry().operation().name()));
        }
        return used;
    }

    private static List<ConsumerRecord<String, Alert>> readAll(Properties superUser, String topic) {
        Properties props = new Properties();
        props.putAll(superUser);
        props.put("isolation.level", "read_committed");
        List<ConsumerRecord<String, Alert>> read = new ArrayList<>();
        try (KafkaConsumer<String, Alert> consumer = new KafkaConsumer<>(
                props, new StringDeserializer(), WireSerdes.alert().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
        }
        return read;
    }

    private static Properties props(SecuredKafka kafka, Map<String, String> client) {
        Properties props = new Properties();
        props.putAll(client);
        props.put("bootstrap.servers", kafka.bootstrapServers());
        return props;
    }

    /** {@code sasl.jaas.config} → {@code CELLWATCH_KAFKA_SASL_JAAS_CONFIG}. */
    private static String variable(String property) {
        return "CELLWATCH_KAFKA_" + property.replace('.', '_').toUpperCase(java.util.Locale.ROOT);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}

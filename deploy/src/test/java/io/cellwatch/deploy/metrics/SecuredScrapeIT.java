package io.cellwatch.deploy.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cellwatch.deploy.KafkaRuntime;
import io.cellwatch.deploy.broker.LoopbackPorts;
import io.cellwatch.deploy.chaos.ChildJvm;
import io.cellwatch.deploy.cli.CellwatchCli;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.kafka.KafkaConnection;
import io.cellwatch.streams.testing.TestCertificates;
import io.cellwatch.testing.KafkaTestCluster;
import io.cellwatch.testing.Waiting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * A real Prometheus scrapes {@code cellwatch streams --web-config} the way the shipped {@code
 * prometheus-secured.yml} says: over TLS, trusting the instance's certificate, with a user of the
 * web config's {@code basic_auth_users}. The same job without credentials is refused (401), and so
 * is one with a wrong password.
 */
class SecuredScrapeIT {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path SHIPPED_CONFIG = Path.of("prometheus", "prometheus-secured.yml");
    private static final String PASSWORD = "scrape-" + Long.toHexString(System.nanoTime());

    @TempDir
    Path work;

    @Test
    void prometheusScrapesOverTlsWithBasicAuthAndAnonymousScrapesAreRefused() throws Exception {
        Optional<Path> prometheusBinary = PrometheusServer.tool("prometheus");
        Optional<Path> promtool = PrometheusServer.tool("promtool");
        assumeTrue(
                prometheusBinary.isPresent() && promtool.isPresent(),
                "needs Prometheus and promtool (Debian: apt-get install prometheus); .ci/run installs them");

        TestCertificates certs = TestCertificates.create(work.resolve("tls"), "RSA");
        Path webConfig = work.resolve("tls").resolve("web.yml");
        Files.writeString(
                webConfig,
                "tls_server_config:\n  cert_file: server-RSA.crt\n  key_file: server-RSA.key\n"
                        + "basic_auth_users:\n  prometheus: " + BCrypt.hashpw(PASSWORD, BCrypt.gensalt(10)) + "\n");
        Path passwordFile = Files.writeString(work.resolve("scrape-password"), PASSWORD);
        Path wrongPasswordFile = Files.writeString(work.resolve("wrong-password"), "not-" + PASSWORD);

        try (KafkaTestCluster kafka = KafkaTestCluster.start()) {
            TopicNames topics = TopicNames.withPrefix("secured.");
            KafkaRuntime.ensurePipelineTopics(KafkaConnection.plain(kafka.bootstrapServers()), topics, 1, (short) 1);
            int httpPort = LoopbackPorts.free();
            try (ChildJvm streams = new ChildJvm(
                            "streams",
                            List.of("-Xmx256m"),
                            CellwatchCli.class.getName(),
                            List.of(
                                    "streams",
                                    "--bootstrap-servers",
                                    kafka.bootstrapServers(),
                                    "--topic-prefix",
                                    "secured.",
                                    "--replication-factor",
                                    "1",
                                    "--state-dir",
                                    work.resolve("state").toString(),
                                    "--http-host",
                                    "127.0.0.1",
                                    "--http-port",
                                    Integer.toString(httpPort),
                                    "--web-config",
                                    webConfig.toString()),
                            work)
                    .start()) {
                int prometheusPort = LoopbackPorts.free();
                Path config = testConfig(httpPort, prometheusPort, certs.certFile(), passwordFile, wrongPasswordFile);
                PrometheusServer.ToolResult check = PrometheusServer.checkConfig(promtool.get(), config);
                assertThat(check.exitCode())
                        .as("promtool check config:\n%s", check.output())
                        .isZero();
                Files.createDirectories(work.resolve("prometheus"));
                try (PrometheusServer prometheus = PrometheusServer.start(
                        prometheusBinary.get(),
                        config,
                        work.resolve("prometheus").resolve("data"),
                        prometheusPort)) {
                    try {
                        assertThat(awaitSeries(prometheus, "up{job=\"cellwatch\"} == 1", Duration.ofMinutes(3)))
                                .as("the secured job scrapes")
                                .isNotEmpty();
                        assertThat(awaitSeries(
                                        prometheus,
                                        "jvm_threads_live_threads{job=\"cellwatch\"}",
                                        Duration.ofMinutes(1)))
                                .as("cellwatch's metrics arrive through it")
                                .isNotEmpty();
                        assertThat(lastError(prometheus, "cellwatch-anonymous", Duration.ofMinutes(1)))
                                .as("the same target without credentials")
                                .contains("401");
                        assertThat(lastError(prometheus, "cellwatch-wrong-password", Duration.ofMinutes(1)))
                                .contains("401");
                        assertThat(prometheus.series("up{job=\"cellwatch-anonymous\"} == 0"))
                                .isNotEmpty();
                    } catch (AssertionError | RuntimeException e) {
                        System.err.println("--- streams log ---\n" + streams.logText());
                        System.err.println("--- prometheus log tail ---\n" + prometheus.logTail());
                        throw e;
                    }
                }
            }
        }
    }

    /**
     * The shipped job, pointed at this test's instance and files, scraping every second; beside it
     * the same job without credentials and one with a wrong password.
     */
    private Path testConfig(int httpPort, int prometheusPort, Path ca, Path password, Path wrongPassword)
            throws Exception {
        ObjectNode root = (ObjectNode) YAML.readTree(SHIPPED_CONFIG.toFile());
        ((ObjectNode) root.path("global")).put("scrape_interval", "1s");
        ArrayNode jobs = (ArrayNode) root.path("scrape_configs");
        assertThat(jobs).hasSize(1);
        ObjectNode job = (ObjectNode) jobs.get(0);
        assertThat(job.path("scheme").asText()).isEqualTo("https");
        assertThat(job.path("basic_auth").path("username").asText()).isEqualTo("prometheus");
        job.put("scrape_interval", "1s").put("scrape_timeout", "1s");
        ((ObjectNode) job.path("tls_config")).put("ca_file", ca.toString()).put("server_name", "localhost");
        ((ObjectNode) job.path("basic_auth")).put("password_file", password.toString());
        ((ObjectNode) job.path("static_configs").get(0))
                .set("targets", YAML.createArrayNode().add("127.0.0.1:" + httpPort));
        ObjectNode anonymous = job.deepCopy();
        anonymous.put("job_name", "cellwatch-anonymous").remove("basic_auth");
        ObjectNode wrong = job.deepCopy();
        wrong.put("job_name", "cellwatch-wrong-password");
        ((ObjectNode) wrong.path("basic_auth")).put("password_file", wrongPassword.toString());
        jobs.add(anonymous).add(wrong);
        Path config = work.resolve("prometheus.yml");
        YAML.writeValue(config.toFile(), root);
        return config;
    }

    private static List<JsonNode> awaitSeries(PrometheusServer prometheus, String promql, Duration timeout) {
        return Waiting.until(
                timeout, Duration.ofMillis(500), () -> prometheus.series(promql), series -> !series.isEmpty());
    }

    /** The last scrape error Prometheus reports for the job's target, once there is one ("" if none came). */
    private static String lastError(PrometheusServer prometheus, String job, Duration timeout) {
        return Waiting.until(
                timeout,
                Duration.ofMillis(500),
                () -> {
                    JsonNode targets =
                            prometheus.get("/api/v1/targets").path("data").path("activeTargets");
                    return StreamSupport.stream(targets.spliterator(), false)
                            .filter(t -> t.path("labels").path("job").asText().equals(job))
                            .map(t -> t.path("lastError").asText(""))
                            .filter(e -> !e.isEmpty())
                            .findFirst()
                            .orElse("");
                },
                error -> !error.isEmpty());
    }
}

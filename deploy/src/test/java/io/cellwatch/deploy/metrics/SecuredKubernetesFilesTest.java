package io.cellwatch.deploy.metrics;

import static io.cellwatch.deploy.metrics.DeploymentFilesTest.documents;
import static io.cellwatch.deploy.metrics.DeploymentFilesTest.find;
import static io.cellwatch.deploy.metrics.DeploymentFilesTest.kind;
import static io.cellwatch.deploy.metrics.DeploymentFilesTest.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cellwatch.deploy.cli.CellwatchCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes overlay with every HTTP endpoint behind {@code --web-config} ({@code deploy/k8s-secured}):
 * the files fit together (certificate, web config, mounts, probes, peer names, scrape settings), and,
 * where kubectl is installed, kustomize builds it over the base as intended.
 */
class SecuredKubernetesFilesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path OVERLAY = Path.of("k8s-secured");

    @TempDir
    Path work;

    @Test
    void theTopologyServesItsCertificateAndWebConfigAndIsProbedOnItsHealthPort() throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        for (String file : new String[] {"streams.yaml", "certificates.yaml", "web-config.yaml"}) {
            docs.addAll(documents(OVERLAY.resolve(file)));
        }
        JsonNode statefulSet = kind(docs, "StatefulSet", "cellwatch");
        JsonNode pod = statefulSet.path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);
        List<String> args = texts(container.path("args"));
        assertThatCode(() -> CellwatchCli.commandLine().parseArgs(args.toArray(String[]::new)))
                .doesNotThrowAnyException();

        // The web config and the certificate it names are mounted from the Secrets that hold them.
        String webConfigPath = option(args, "--web-config");
        JsonNode webSecret = kind(docs, "Secret", "cellwatch-web-config");
        String fileName = Path.of(webConfigPath).getFileName().toString();
        JsonNode webConfig =
                YAML.readTree(webSecret.path("stringData").path(fileName).asText());
        assertThat(mountedSecret(pod, container, Path.of(webConfigPath).getParent()))
                .isEqualTo("cellwatch-web-config");
        JsonNode tls = webConfig.path("tls_server_config");
        String certificateSecret = kind(docs, "Certificate", "cellwatch-http")
                .path("spec")
                .path("secretName")
                .asText();
        for (String key : new String[] {"cert_file", "key_file"}) {
            assertThat(mountedSecret(
                            pod, container, Path.of(tls.path(key).asText()).getParent()))
                    .as(key)
                    .isEqualTo(certificateSecret);
        }
        webConfig
                .path("basic_auth_users")
                .forEach(hash -> assertThat(hash.asText()).matches("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}"));

        // Probes go to the /health-only port, which answers without the credentials a kubelet lacks.
        String healthPort = option(args, "--health-port");
        for (String probe : new String[] {"readinessProbe", "livenessProbe"}) {
            String port = container.path(probe).path("httpGet").path("port").asText();
            assertThat(find(container.path("ports"), "name", port)
                            .path("containerPort")
                            .asText())
                    .as(probe)
                    .isEqualTo(healthPort);
        }

        // A pod forwards queries to another by its name under the headless Service, which the certificate carries.
        String server = option(args, "--application-server");
        String serviceName = statefulSet.path("spec").path("serviceName").asText();
        assertThat(kind(docs, "Service", serviceName)
                        .path("spec")
                        .path("clusterIP")
                        .asText())
                .isEqualTo("None");
        String podHost = server.substring(0, server.lastIndexOf(':')).replace("$(POD_NAME)", "cellwatch-0");
        assertThat(podHost).startsWith("cellwatch-0." + serviceName + ".");
        List<String> names =
                texts(kind(docs, "Certificate", "cellwatch-http").path("spec").path("dnsNames"));
        assertThat(names).anySatisfy(name -> assertThat(matches(name, podHost)).isTrue());
        assertThat(find(container.path("env"), "name", "POD_NAME")
                        .path("valueFrom")
                        .path("fieldRef")
                        .path("fieldPath")
                        .asText())
                .isEqualTo("metadata.name");

        // Prometheus checks the certificate against a name it carries (pods are scraped by IP).
        for (JsonNode monitor : documents(OVERLAY.resolve("podmonitor.yaml"))) {
            if (monitor.path("kind").asText().equals("PodMonitor")) {
                JsonNode endpoint =
                        monitor.path("spec").path("podMetricsEndpoints").get(0);
                assertThat(endpoint.path("scheme").asText()).isEqualTo("https");
                assertThat(names)
                        .contains(endpoint.path("tlsConfig").path("serverName").asText());
            }
        }
    }

    @Test
    void kustomizeBuildsTheOverlayOverTheBase() throws Exception {
        Path kubectl = Path.of("/usr/bin/kubectl");
        assumeTrue(Files.isExecutable(kubectl), "kubectl is not installed here: the overlay's build is not checked");
        Path rendered = work.resolve("secured.yaml");
        Process build = new ProcessBuilder(kubectl.toString(), "kustomize", OVERLAY.toString())
                .redirectOutput(rendered.toFile())
                .redirectError(ProcessBuilder.Redirect.PIPE)
                .start();
        String errors = new String(build.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(build.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(build.exitValue()).as(errors).isZero();
        List<JsonNode> docs = documents(rendered);
        assertThat(docs)
                .as("the base's Deployment gives way to the StatefulSet")
                .noneMatch(d -> d.path("kind").asText().equals("Deployment")
                        && d.path("metadata").path("name").asText().equals("cellwatch"));
        kind(docs, "StatefulSet", "cellwatch");
        JsonNode alerts = kind(docs, "Deployment", "cellwatch-alerts")
                .path("spec")
                .path("template")
                .path("spec");
        JsonNode container = alerts.path("containers").get(0);
        List<String> args = texts(container.path("args"));
        assertThat(args).contains("alerts").anyMatch(a -> a.startsWith("--web-config="));
        assertThatCode(() -> CellwatchCli.commandLine().parseArgs(args.toArray(String[]::new)))
                .doesNotThrowAnyException();
        assertThat(find(
                                container.path("ports"),
                                "name",
                                container
                                        .path("readinessProbe")
                                        .path("httpGet")
                                        .path("port")
                                        .asText())
                        .path("containerPort")
                        .asText())
                .isEqualTo(option(args, "--health-port"));
        assertThat(mountedSecret(
                        alerts, container, Path.of(option(args, "--web-config")).getParent()))
                .isEqualTo("cellwatch-web-config");
    }

    /** The Secret mounted at {@code dir} in the container. */
    private static String mountedSecret(JsonNode podSpec, JsonNode container, Path dir) {
        JsonNode mount = find(container.path("volumeMounts"), "mountPath", dir.toString());
        return find(podSpec.path("volumes"), "name", mount.path("name").asText())
                .path("secret")
                .path("secretName")
                .asText();
    }

    private static String option(List<String> args, String option) {
        return args.stream()
                .filter(a -> a.startsWith(option + "="))
                .map(a -> a.substring(option.length() + 1))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + option + " in " + args));
    }

    /** A certificate's DNS name against a host: equal, or a wildcard for its first label. */
    private static boolean matches(String dnsName, String host) {
        if (dnsName.startsWith("*.")) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot + 1).equals(dnsName.substring(2));
        }
        return dnsName.equals(host);
    }
}

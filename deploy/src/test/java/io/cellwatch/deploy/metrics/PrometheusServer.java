package io.cellwatch.deploy.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A real Prometheus (the Debian package's binary) on loopback, started and stopped by a test. */
final class PrometheusServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final Path log;
    private final int port;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** A Prometheus tool ({@code prometheus}, {@code promtool}) from the PATH or /usr/bin. */
    static Optional<Path> tool(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/usr/local/bin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Optional.of(Path.of(dir, name));
            }
        }
        return Optional.empty();
    }

    static PrometheusServer start(Path binary, Path config, Path dataDir, int port) throws Exception {
        Path log = dataDir.resolveSibling("prometheus.log");
        Process process = new ProcessBuilder(
                        binary.toString(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + dataDir,
                        "--web.listen-address=127.0.0.1:" + port,
                        "--web.enable-lifecycle",
                        "--log.level=info")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        PrometheusServer server = new PrometheusServer(process, log, port);
        boolean ready = Waiting.until(Duration.ofSeconds(60), Duration.ofMillis(250), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "prometheus exited with " + process.exitValue() + ":\n" + server.logTail());
            }
            return server.status("/-/ready") == 200;
        });
        if (ready) {
            return server;
        }
        server.close();
        throw new IllegalStateException("prometheus not ready within 60 s:\n" + server.logTail());
    }

    /** Runs {@code promtool check config FILE}: the exit code and what it printed. */
    static ToolResult checkConfig(Path promtool, Path config) throws Exception {
        Process process = new ProcessBuilder(promtool.toString(), "check", "config", config.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new ToolResult(process.waitFor(), output);
    }

    record ToolResult(int exitCode, String output) {}

    /** An instant query; the {@code data} object of the answer. */
    JsonNode query(String promql) throws IOException, InterruptedException {
        JsonNode answer = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        if (!answer.path("status").asText().equals("success")) {
            throw new IllegalArgumentException("query failed: " + promql + " -> " + answer);
        }
        return answer.path("data");
    }

    /** The series an instant query returns (a scalar or string counts as none). */
    List<JsonNode> series(String promql) throws IOException, InterruptedException {
        JsonNode data = query(promql);
        String type = data.path("resultType").asText();
        if (!type.equals("vector") && !type.equals("matrix")) {
            return List.of();
        }
        return java.util.stream.StreamSupport.stream(data.path("result").spliterator(), false)
                .toList();
    }

    JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private int status(String path) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}

package io.cellwatch.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import org.junit.jupiter.api.Assumptions;

/**
 * A real Alertmanager (Debian's {@code prometheus-alertmanager}, or {@code -Dcellwatch.alertmanager=PATH})
 * on loopback with a free port, a temporary config and data dir, clustering off. It can be stopped
 * and started again on the same port, to play an outage.
 */
public final class AlertmanagerProcess implements AutoCloseable {
    private static final List<String> CANDIDATES =
            List.of("/usr/bin/prometheus-alertmanager", "/usr/local/bin/alertmanager", "/usr/bin/alertmanager");
    private static final String CONFIG = """
            route:
              receiver: blackhole
              group_wait: 1s
            receivers:
              - name: blackhole
            """;

    private final Path binary;
    private final Path dir;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();
    private Process process;

    private AlertmanagerProcess(Path binary, Path dir, int port) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
    }

    /** The Alertmanager binary, if installed. */
    public static Optional<Path> binary() {
        String configured = System.getProperty("cellwatch.alertmanager");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        return CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /** Skips the calling test with a clear message when Alertmanager is not installed. */
    public static Path requireBinary() {
        Optional<Path> binary = binary();
        Assumptions.assumeTrue(
                binary.isPresent(),
                "Alertmanager is not installed (apt-get install prometheus-alertmanager,"
                        + " or -Dcellwatch.alertmanager=PATH): skipping a test that needs a real one");
        return binary.get();
    }

    /** Starts Alertmanager in {@code dir} (config, data, log) and waits until it is ready. */
    public static AlertmanagerProcess start(Path dir) throws IOException, InterruptedException {
        AlertmanagerProcess am = new AlertmanagerProcess(requireBinary(), dir, freePort());
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("alertmanager.yml"), CONFIG);
        am.startAgain();
        return am;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Starts the stopped Alertmanager again on the same port (it comes back without the alerts it held). */
    public synchronized void startAgain() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Alertmanager is already running");
        }
        process = new ProcessBuilder(
                        binary.toString(),
                        "--config.file=" + dir.resolve("alertmanager.yml"),
                        "--storage.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port,
                        "--cluster.listen-address=")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("alertmanager.log").toFile()))
                .start();
        Process started = process;
        boolean ready = Waiting.until(Duration.ofSeconds(30), Duration.ofMillis(100), () -> {
            if (!started.isAlive()) {
                throw new IllegalStateException("Alertmanager exited at start; see " + dir.resolve("alertmanager.log"));
            }
            try {
                return get("/-/ready").statusCode() == 200;
            } catch (IOException notYet) {
                return false; // not listening yet
            }
        });
        if (ready) {
            return;
        }
        throw new IllegalStateException("Alertmanager not ready within 30 s; see " + dir.resolve("alertmanager.log"));
    }

    /** Stops Alertmanager (SIGTERM) and waits for it to exit. */
    public synchronized void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    /** Base URL, e.g. {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * The body of {@code GET /api/v2/alerts} (active alerts, JSON array) for the given label
     * matchers, e.g. {@code channel="sim-li-in-short-01"}.
     */
    public String alerts(String... matchers) throws IOException, InterruptedException {
        StringBuilder query = new StringBuilder("/api/v2/alerts?active=true");
        for (String matcher : matchers) {
            query.append("&filter=").append(URLEncoder.encode(matcher, StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = get(query.toString());
        if (response.statusCode() != 200) {
            throw new IOException("Alertmanager answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url() + path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}

package io.cellwatch.deploy.metrics;

import io.cellwatch.testing.Waiting;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code cellwatch demo} as a user runs it: the packaged launcher jar in its own JVM, on free
 * loopback ports, stopped with SIGTERM (its orderly shutdown) when the test is done.
 */
public final class DemoProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    public final int httpPort;

    private DemoProcess(Process process, Path log, int httpPort) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
    }

    /** The launcher jar the {@code package} phase built beside this module's test classes. */
    public static Path launcherJar() throws Exception {
        Path testClasses = Path.of(DemoProcess.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        return testClasses.resolveSibling("cellwatch.jar");
    }

    public static DemoProcess start(Path jar, Path stateDir, int httpPort, int brokerPort, int controllerPort)
            throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx768m",
                "-jar",
                jar.toString(),
                "demo",
                "--http-host",
                "127.0.0.1",
                "--http-port",
                String.valueOf(httpPort),
                "--broker-port",
                String.valueOf(brokerPort),
                "--controller-port",
                String.valueOf(controllerPort),
                "--state-dir",
                stateDir.toString(),
                "--duration",
                "900"));
        Files.createDirectories(stateDir);
        Path log = stateDir.resolve("demo.log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        DemoProcess demo = new DemoProcess(process, log, httpPort);
        HttpClient http = HttpClient.newHttpClient();
        boolean healthy = Waiting.until(Duration.ofSeconds(120), Duration.ofMillis(500), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("demo exited with " + process.exitValue() + ":\n" + demo.logTail());
            }
            try {
                return http.send(
                                        HttpRequest.newBuilder(URI.create(demo.url("/health")))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200;
            } catch (IOException notYet) {
                return false; // not listening yet
            }
        });
        if (healthy) {
            return demo;
        }
        demo.close();
        throw new IllegalStateException("demo not healthy within 120 s:\n" + demo.logTail());
    }

    public String url(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: the demo closes producer, streams, alerts and broker in order
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}

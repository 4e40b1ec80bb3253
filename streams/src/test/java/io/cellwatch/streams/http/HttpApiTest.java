package io.cellwatch.streams.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class HttpApiTest {
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void servesTheScrapePlainOrGzippedAsTheScraperAsksAndHealth() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Counter.builder("cellwatch.samples").register(registry).increment(41);
        AtomicBoolean up = new AtomicBoolean(true);
        try (HttpApi api = HttpApi.start("127.0.0.1", 0, registry, up::get)) {
            HttpResponse<String> plain =
                    client.send(request(api, "/metrics").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(plain.statusCode()).isEqualTo(200);
            assertThat(plain.headers().firstValue("Content-Type")).hasValue(HttpApi.PROMETHEUS_TEXT);
            assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(plain.body()).contains("cellwatch_samples_total 41.0");

            HttpResponse<InputStream> zipped = client.send(
                    request(api, "/metrics").header("Accept-Encoding", "gzip").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
            try (InputStream in = new GZIPInputStream(zipped.body())) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo(plain.body());
            }

            assertThat(client.send(request(api, "/health").build(), HttpResponse.BodyHandlers.ofString())
                            .body())
                    .isEqualTo("UP\n");
            up.set(false);
            assertThat(client.send(request(api, "/health").build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode())
                    .isEqualTo(503);
        }
    }

    @Test
    void theHealthPortAnswersHealthAloneWithoutCredentials() throws Exception {
        AtomicBoolean up = new AtomicBoolean(true);
        try (HttpApi api = HttpApi.healthOnly("127.0.0.1", 0, up::get)) {
            assertThat(api.scheme()).isEqualTo("http");
            HttpResponse<String> health =
                    client.send(request(api, "/health").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("UP\n");
            up.set(false);
            assertThat(client.send(request(api, "/health").build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode())
                    .isEqualTo(503);
            for (String other : new String[] {"/metrics", "/api/channels", "/"}) {
                assertThat(client.send(request(api, other).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode())
                        .as(other + " is not served there")
                        .isEqualTo(404);
            }
        }
    }

    @Test
    void clientsThatSendARequestByteByByteDoNotHoldTheHealthCheck() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        List<Socket> slow = new ArrayList<>();
        try (HttpApi api = HttpApi.start("127.0.0.1", 0, registry, () -> true)) {
            // Before, eight such connections held the eight handler threads and /health went unanswered.
            for (int i = 0; i < 20; i++) {
                Socket socket = new Socket("127.0.0.1", api.port());
                socket.getOutputStream().write('G');
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            HttpResponse<String> health = assertTimeoutPreemptively(
                    Duration.ofSeconds(15),
                    () -> client.send(
                            request(api, "/health")
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()));
            assertThat(health.body()).isEqualTo("UP\n");
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void atMostMaxConnectionsAreServedAtOnceTheRestWaitInTheBacklog() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        List<Socket> slow = new ArrayList<>();
        try (HttpApi api = HttpApi.start("127.0.0.1", 0, registry, () -> true)) {
            for (int i = 0; i < HttpApi.MAX_CONNECTIONS + 64; i++) {
                Socket socket = new Socket("127.0.0.1", api.port());
                socket.getOutputStream().write('G');
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            String name = "cellwatch-http-" + api.port();
            long threads = 0;
            for (int settled = 0; settled < 3; ) { // until the count holds for three looks in a row
                Thread.sleep(300);
                long now = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().equals(name))
                        .count();
                settled = now == threads ? settled + 1 : 0;
                threads = now;
            }
            assertThat(threads).isPositive().isLessThanOrEqualTo(HttpApi.MAX_CONNECTIONS);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void gzipOnlyWhenAcceptedWithAPositiveQuality() {
        assertThat(HttpApi.acceptsGzip("gzip")).isTrue();
        assertThat(HttpApi.acceptsGzip("deflate, GZIP;q=0.5")).isTrue();
        assertThat(HttpApi.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(HttpApi.acceptsGzip("gzip; q=0")).isFalse();
        assertThat(HttpApi.acceptsGzip("identity")).isFalse();
        assertThat(HttpApi.acceptsGzip(null)).isFalse();
    }

    private static HttpRequest.Builder request(HttpApi api, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path));
    }
}

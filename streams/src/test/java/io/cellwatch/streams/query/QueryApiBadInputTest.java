package io.cellwatch.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellwatch.streams.http.HttpApi;
import io.cellwatch.streams.metrics.CellwatchMetrics;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each class of bad input to the query API gets a 4xx answer as JSON with its status and a reason,
 * never a stack trace, before any store is read (the Kafka Streams instance here never starts).
 */
class QueryApiBadInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();

    @TempDir
    Path stateDir;

    private KafkaStreams streams;
    private HttpApi http;

    @BeforeEach
    void start() throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("never-read", Consumed.with(Serdes.String(), Serdes.String()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bad-input");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        streams = new KafkaStreams(builder.build(), props);
        http = HttpApi.start("127.0.0.1", 0, CellwatchMetrics.prometheusRegistry(), () -> true);
        new QueryApi(streams, new QueryRouter(streams, null), new RecentSamples(Clock.systemUTC())).install(http);
    }

    @AfterEach
    void stop() {
        http.close();
        streams.close();
    }

    @Test
    void channelIdsThatAreNoChannelIds() throws Exception {
        assertRefused("/api/channels/" + "c".repeat(256), 400, "longer than 255");
        assertRefused("/api/channels/ch%0A07/cycles", 400, "control characters");
        assertRefused("/api/channels/%20%20/alerts", 400, "empty");
    }

    @Test
    void brokenPercentEncoding() throws Exception {
        // java.net.URI refuses to send these, so they go over a socket as a careless client would send them. The
        // JDK's server refuses a request line it cannot parse before any handler sees it: a bare 400, no trace.
        for (String request : new String[] {"/api/channels/ch%zz", "/api/channels/ch07/cycles?limit=%zz"}) {
            try (Socket socket = new Socket("127.0.0.1", http.port())) {
                socket.getOutputStream()
                        .write(("GET " + request + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(response).as(request).startsWith("HTTP/1.1 400");
                assertThat(response).doesNotContain("\tat ").doesNotContain("io.cellwatch.");
            }
        }
    }

    @Test
    void parametersARouteDoesNotTake() throws Exception {
        assertRefused("/api/channels?limit=5", 400, "unknown query parameter 'limit'");
        assertRefused("/api/channels/ch07/cycles?sort=desc", 400, "unknown query parameter 'sort'");
        assertRefused("/api/channels/ch07/cycles?limit=1&limit=2", 400, "given twice");
    }

    @Test
    void limitsOutOfRange() throws Exception {
        assertRefused("/api/channels/ch07/cycles?limit=abc", 400, "whole number");
        assertRefused("/api/channels/ch07/cycles?limit=0", 400, "between 1 and 20000");
        assertRefused("/api/channels/ch07/cycles.csv?limit=20001", 400, "between 1 and 20000");
        assertRefused("/api/channels/ch07/cycles?limit=99999999999999", 400, "whole number");
    }

    @Test
    void formatsNotServed() throws Exception {
        assertRefused("/api/channels/ch07/cycles?format=xml", 400, "json or csv");
    }

    @Test
    void sizesPastAnyRealQuestion() throws Exception {
        assertRefused("/api/channels?x=" + "y".repeat(3000), 414, "longer than 2048");
    }

    @Test
    void resourcesAndMethodsThatDoNotExist() throws Exception {
        assertRefused("/api/nothing/here", 404, "no such resource");
        HttpResponse<String> post = client.send(
                HttpRequest.newBuilder(URI.create(url("/api/alerts")))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertJsonError(post, 405, "only GET");
    }

    @Test
    void aValidQuestionWhileTheStoresAreNotReadyIsA503NotABadRequest() throws Exception {
        HttpResponse<String> answer = get("/api/channels/ch07/cycles?limit=10&format=csv");
        assertJsonError(answer, 503, "not queryable");
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
    }

    private void assertRefused(String pathAndQuery, int status, String reason) throws Exception {
        assertJsonError(get(pathAndQuery), status, reason);
    }

    private static void assertJsonError(HttpResponse<String> answer, int status, String reason) throws Exception {
        assertThat(answer.statusCode()).as(answer.uri() + " " + answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("error").asText()).contains(reason);
        assertThat(answer.body())
                .doesNotContain("Exception")
                .doesNotContain("\tat ")
                .doesNotContain("io.cellwatch.");
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(url(pathAndQuery))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String url(String pathAndQuery) {
        return "http://127.0.0.1:" + http.port() + pathAndQuery;
    }
}

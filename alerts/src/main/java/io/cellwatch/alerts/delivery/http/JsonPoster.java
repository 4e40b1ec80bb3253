package io.cellwatch.alerts.delivery.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/** POSTs JSON to a receiver; anything but a 2xx answer is a failure, described without the URL's secrets. */
public final class JsonPoster {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final int BODY_EXCERPT = 200;

    private final HttpClient client;

    public JsonPoster() {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * @throws ReceiverException when the receiver is unreachable or answered other than 2xx
     */
    public void post(HttpEndpoint endpoint, URI target, byte[] json) throws ReceiverException, InterruptedException {
        post(endpoint, target, json, Map.of());
    }

    /**
     * With headers of this request's own (after the endpoint's configured ones, which they do not replace).
     *
     * @throws ReceiverException when the receiver is unreachable or answered other than 2xx
     */
    public void post(HttpEndpoint endpoint, URI target, byte[] json, Map<String, String> headers)
            throws ReceiverException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "cellwatch-alerts")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json));
        endpoint.headers().forEach(request::header);
        headers.forEach((name, value) -> {
            if (endpoint.headers().keySet().stream().noneMatch(name::equalsIgnoreCase)) {
                request.header(name, value);
            }
        });
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new ReceiverException(
                    endpoint.redacted() + ": no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (ConnectException e) {
            throw new ReceiverException(endpoint.redacted() + ": connection refused or unreachable");
        } catch (IOException e) {
            // Exception texts of the HTTP client can carry the full URI: only the type is kept.
            throw new ReceiverException(
                    endpoint.redacted() + ": " + e.getClass().getSimpleName());
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            String body = response.body() == null ? "" : response.body().strip();
            if (body.length() > BODY_EXCERPT) {
                body = body.substring(0, BODY_EXCERPT) + "…";
            }
            throw new ReceiverException(endpoint.redacted() + ": HTTP " + status + (body.isEmpty() ? "" : " " + body));
        }
    }

    /** A receiver did not accept a delivery; the message is safe to log. */
    public static final class ReceiverException extends Exception {
        public ReceiverException(String message) {
            super(message);
        }
    }
}
